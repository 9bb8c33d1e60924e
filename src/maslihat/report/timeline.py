"""A case's timeline as data: the run's steps, the findings, and dated effects, by day.

The run logs one entry per step it takes (`engine.records.TimelineEntry`); a person
also wants to see what the law found on the way (a breach, and when it ended) and a
court decision's entry into force even when it made no ground arise. This module
joins them into one list, in date order, which `timeline --json`, `POST /v1/timeline`,
the timeline text and the SVG picture all read.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from maslihat.engine.records import TimelineEntry, split_ref
from maslihat.i18n import DEFAULT_LANGUAGE, N_, Language, severity_words, translator
from maslihat.model import Case, Result
from maslihat.model.common import Frozen
from maslihat.model.result import Severity, Status
from maslihat.report.words import code_words, rule_words, step_words
from maslihat.rules.loader import in_language
from maslihat.rules.ruleset import RuleSet

StepKind = Literal["event", "takes_effect", "finding", "finding_ends"]
AFTER_AS_OF = N_("after the as-of date: not considered")
"""The note of a step after the as-of date (the run's own words for it, in English)."""
NO_GROUND = N_("no ground arises")


class TimelineStep(Frozen):
    """One dated step of a case: an event, an effect, a finding opened or closed."""

    date: dt.date
    kind: StepKind
    event: int | None = Field(description="Index in the case's `events`, if an event is concerned.")
    event_type: str | None
    what: str = Field(description="What happened, in words (in the language asked for).")
    before: Status
    after: Status
    rule: str | None = Field(description="The id of the rule that decided, if one did.")
    version: str | None = Field(description="The id of the rule version that decided.")
    rule_title: str | None = Field(description="The rule that decided, in words.")
    citation: str | None
    citation_url: str | None = None
    note: str = ""
    finding: str | None = Field(default=None, description="A finding's code.")
    severity: Severity | None = None
    until: dt.date | None = Field(default=None, description="When a breach ended.")


def timeline_steps(
    case: Case,
    result: Result,
    entries: list[TimelineEntry],
    rules: RuleSet,
    lang: Language = DEFAULT_LANGUAGE,
) -> list[TimelineStep]:
    """The case's steps up to the as-of date (and those after it, noted), by date.

    The words (`what`, `rule_title`, `note`) are in `lang`; every code stays as it is.
    Give the `result` evaluated in `lang` too, for its citations and messages.
    """
    rules = in_language(rules, lang)
    steps = [_step(case, entry, rules, lang) for entry in entries]
    steps.extend(_effects_without_step(case, result, steps, lang))
    steps.extend(_finding_steps(case, result, steps, lang))
    order = {"takes_effect": 0, "event": 1, "finding": 2, "finding_ends": 3}
    return sorted(steps, key=lambda s: (s.date, s.date > result.as_of, order[s.kind]))


def _event_type(case: Case, index: int | None) -> str | None:
    return case.events[index].type if index is not None else None


def _step(case: Case, entry: TimelineEntry, rules: RuleSet, lang: Language) -> TimelineStep:
    event_type = _event_type(case, entry.event)
    effect = event_type is not None and entry.what != event_type
    rule, version, _ = split_ref(entry.rule) if entry.rule else (None, None, "")
    words = translator(lang).gettext
    return TimelineStep(
        date=entry.date,
        kind="takes_effect" if effect else "event",
        event=entry.event,
        event_type=event_type,
        what=step_words(entry.what, lang),
        before=entry.before,  # type: ignore[arg-type]  # the chart's state ids are statuses
        after=entry.after,  # type: ignore[arg-type]
        rule=rule,
        version=version,
        rule_title=rule_words(rules, entry.rule, lang) if entry.rule else None,
        citation=entry.citation.text if entry.citation else None,
        citation_url=entry.citation.url if entry.citation else None,
        note=words(entry.note) if entry.note else "",
    )


def _effects_without_step(
    case: Case, result: Result, steps: list[TimelineStep], lang: Language
) -> list[TimelineStep]:
    """A decision's entry into force that the run had no reason to schedule.

    The run schedules an entry into force only when it makes a ground arise; a person
    reading the timeline still wants to see the day the decision took effect.
    """
    scheduled = {s.event for s in steps if s.kind == "takes_effect"}
    words = translator(lang).gettext
    added = []
    for index, event in enumerate(case.events):
        takes_effect = getattr(event, "in_force", None)
        if not isinstance(takes_effect, dt.date) or takes_effect <= event.date:
            continue
        if index in scheduled or event.date > result.as_of:
            continue
        status = _status_on(steps, result, takes_effect)
        after_as_of = takes_effect > result.as_of
        added.append(
            TimelineStep(
                date=takes_effect,
                kind="takes_effect",
                event=index,
                event_type=event.type,
                what=step_words(f"{event.type} takes effect", lang),
                before=status,
                after=status,
                rule=None,
                version=None,
                rule_title=None,
                citation=None,
                note=words(AFTER_AS_OF if after_as_of else NO_GROUND),
            )
        )
    return added


def _status_on(steps: list[TimelineStep], result: Result, day: dt.date) -> Status:
    """The status at the end of `day`, as the steps before it left it."""
    status: Status = "candidate"
    for step in steps:
        if step.date <= day and step.date <= result.as_of:
            status = step.after
    return status if day <= result.as_of else result.status


def _finding_steps(
    case: Case, result: Result, steps: list[TimelineStep], lang: Language
) -> list[TimelineStep]:
    """A step for each dated finding, and one for the end of each breach that ended."""
    added = []
    for finding in result.findings:
        if finding.date is None:
            continue
        name = code_words(finding.code, lang)
        what = f"{severity_words(finding.severity, lang)}: {name}"
        marks: list[tuple[StepKind, dt.date, str, str]] = [
            ("finding", finding.date, what, finding.message)
        ]
        if finding.until is not None:
            marks.append(
                ("finding_ends", finding.until, step_words(f"{finding.code} ends", lang), "")
            )
        for kind, day, what, note in marks:
            status = _status_on(steps, result, day)
            added.append(
                TimelineStep(
                    date=day,
                    kind=kind,
                    event=finding.event,
                    event_type=_event_type(case, finding.event),
                    what=what,
                    before=status,
                    after=status,
                    rule=None,
                    version=None,
                    rule_title=None,
                    citation=finding.citation,
                    citation_url=finding.citation_url,
                    note=note,
                    finding=finding.code,
                    severity=finding.severity,
                    until=finding.until,
                )
            )
    return added
