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
from maslihat.model import Case, Result
from maslihat.model.common import Frozen
from maslihat.model.result import Severity, Status
from maslihat.report.words import event_words, rule_words
from maslihat.rules.ruleset import RuleSet

StepKind = Literal["event", "takes_effect", "finding", "finding_ends"]
AFTER_AS_OF = "after the as-of date: not considered"


class TimelineStep(Frozen):
    """One dated step of a case: an event, an effect, a finding opened or closed."""

    date: dt.date
    kind: StepKind
    event: int | None = Field(description="Index in the case's `events`, if an event is concerned.")
    event_type: str | None
    what: str = Field(description="What happened, in words.")
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
    case: Case, result: Result, entries: list[TimelineEntry], rules: RuleSet
) -> list[TimelineStep]:
    """The case's steps up to the as-of date (and those after it, noted), by date."""
    steps = [_step(case, entry, rules) for entry in entries]
    steps.extend(_effects_without_step(case, result, entries, steps))
    steps.extend(_finding_steps(case, result, steps))
    order = {"takes_effect": 0, "event": 1, "finding": 2, "finding_ends": 3}
    return sorted(steps, key=lambda s: (s.date, s.date > result.as_of, order[s.kind]))


def _event_type(case: Case, index: int | None) -> str | None:
    return case.events[index].type if index is not None else None


def _step(case: Case, entry: TimelineEntry, rules: RuleSet) -> TimelineStep:
    event_type = _event_type(case, entry.event)
    effect = event_type is not None and entry.what != event_type
    rule, version, _ = split_ref(entry.rule) if entry.rule else (None, None, "")
    return TimelineStep(
        date=entry.date,
        kind="takes_effect" if effect else "event",
        event=entry.event,
        event_type=event_type,
        what=event_words(entry.what),
        before=entry.before,  # type: ignore[arg-type]  # the chart's state ids are statuses
        after=entry.after,  # type: ignore[arg-type]
        rule=rule,
        version=version,
        rule_title=rule_words(rules, entry.rule) if entry.rule else None,
        citation=entry.citation.text if entry.citation else None,
        citation_url=entry.citation.url if entry.citation else None,
        note=entry.note,
    )


def _effects_without_step(
    case: Case, result: Result, entries: list[TimelineEntry], steps: list[TimelineStep]
) -> list[TimelineStep]:
    """A decision's entry into force that the run had no reason to schedule.

    The run schedules an entry into force only when it makes a ground arise; a person
    reading the timeline still wants to see the day the decision took effect.
    """
    scheduled = {s.event for s in steps if s.kind == "takes_effect"}
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
                what=f"{event_words(event.type)} takes effect",
                before=status,
                after=status,
                rule=None,
                version=None,
                rule_title=None,
                citation=None,
                note=AFTER_AS_OF if after_as_of else "no ground arises",
            )
        )
    return added


def _status_on(steps: list[TimelineStep], result: Result, day: dt.date) -> Status:
    """The status at the end of `day`, as the steps before it left it."""
    status: Status = "candidate"
    for step in steps:
        if step.date <= day and step.note != AFTER_AS_OF:
            status = step.after
    return status if day <= result.as_of else result.status


def _finding_steps(case: Case, result: Result, steps: list[TimelineStep]) -> list[TimelineStep]:
    """A step for each dated finding, and one for the end of each breach that ended."""
    added = []
    for finding in result.findings:
        if finding.date is None:
            continue
        name = finding.code.replace("_", " ")
        marks: list[tuple[StepKind, dt.date, str, str]] = [
            ("finding", finding.date, f"{finding.severity}: {name}", finding.message)
        ]
        if finding.until is not None:
            marks.append(("finding_ends", finding.until, f"{name} ends", ""))
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
