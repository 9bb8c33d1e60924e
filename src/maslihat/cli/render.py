"""Human-readable text for results, traces and timelines.

Kept apart from the commands so the same rendering serves every command, and so
that the text can be tested without running a process.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, get_args

from maslihat.i18n import (
    DEFAULT_LANGUAGE,
    SEVERITY_WORDS,
    Language,
    day,
    days_in,
    number,
    stage_words,
    status_words,
    translator,
)
from maslihat.model import Finding, GroundOutcome, Result, TraceEntry
from maslihat.model.result import NotBreach, NotGround, Status
from maslihat.report.words import ended_by_words
from maslihat.wording import say_in

if TYPE_CHECKING:
    from maslihat.report.timeline import TimelineStep
    from maslihat.rules.listing import EditionInForce, RuleVersionInfo


SEVERITY_LABELS = SEVERITY_WORDS
"""The words for severities (their codes stay in JSON): the pages' too."""


@dataclass(frozen=True)
class _Words:
    """The program's words and the date format of one language."""

    lang: Language

    def __call__(self, message: str) -> str:
        return translator(self.lang).gettext(message)

    def day(self, value: object) -> str:
        return day(value, self.lang) if isinstance(value, dt.date) else str(value)

    def period(self, start: object, end: object) -> str:
        return f"{self.day(start)} – {self.day(end)}" if end else f"{self.day(start)} –"

    def label(self, labels: Mapping[str, str], code: str) -> str:
        return self(labels[code]) if code in labels else code


def _ground(ground: GroundOutcome, _: _Words) -> str:
    if ground.arose:
        arose = _("arose {date}").format(date=_.day(ground.arose))
    else:
        arose = _("arose: no event shows it")
    if ground.stage != "arisen":
        arose += _("; {stage} on {date}").format(
            stage=stage_words(ground.stage, _.lang), date=_.day(ground.stage_date)
        )
    return f"  {ground.subparagraph} {ground.ground} ({ground.title}): {arose} [{ground.citation}]"


def _finding(finding: Finding, _: _Words) -> str:
    when = (
        _.period(finding.date, finding.until)
        if finding.until or finding.code
        else _.day(finding.date)
    )
    if finding.until is None and finding.severity != "violation":
        when = _.day(finding.date)
    cite = f" [{finding.citation}]" if finding.citation else ""
    severity = _.label(SEVERITY_LABELS, finding.severity)
    message = days_in(finding.message, _.lang)
    return f"  {severity} {finding.code} {when}: {message}{cite}"


def _trace(entry: TraceEntry, _: _Words) -> list[str]:
    of = [entry.version] if entry.version else []
    of += [_("event {index}").format(index=entry.event)] if entry.event is not None else []
    where = f" ({', '.join(of)})" if of else ""
    cite = f" [{entry.citation}]" if entry.citation else ""
    lines = [f"  {_.day(entry.date)} {entry.rule}{where}: {entry.outcome}{cite}"]
    if entry.citation_url:
        lines.append(_("      text: {url}").format(url=entry.citation_url))
    lines.extend(f"      {line}" for line in entry.explanation)
    return lines


def _ended_by(result: Result, _: _Words) -> str:
    """What ended the mandate: in English its id (as ever); otherwise the ground's words."""
    ended_by = result.mandate.ended_by if result.mandate else None
    if ended_by is None or _.lang == DEFAULT_LANGUAGE:
        return ended_by or ""
    return ended_by_words(result, _.lang)


def result_text(result: Result, lang: Language = DEFAULT_LANGUAGE) -> str:
    """The result as a person reads it, in `lang`."""
    _ = _Words(lang)
    mandate = _("none (not registered)")
    if result.mandate is not None:
        mandate = _.period(result.mandate.began, result.mandate.ended)
        if result.mandate.ended_by:
            mandate += _(", ended by {ground}").format(ground=_ended_by(result, _))
    lines = [
        _("Case {case} as of {date}").format(
            case=result.case or _("(no id)"), date=_.day(result.as_of)
        ),
        _("Status:   {status}").format(status=status_words(result.status, _.lang)),
        _("Eligible: {answer}").format(answer=_("yes") if result.eligible else _("no")),
        _("Mandate:  {period}").format(period=mandate),
    ]
    sections: list[tuple[str, Iterable[str]]] = [
        (_("Grounds:"), (_ground(g, _) for g in result.grounds)),
        (_("Findings:"), (_finding(f, _) for f in result.findings)),
        (_("Next steps:"), (f"  - {step.text}" for step in result.next_steps)),
    ]
    for title, rows in sections:
        body = list(rows)
        lines.append(title + ("" if body else " " + _("none")))
        lines.extend(body)
    if result.not_grounds:  # only when there are some: most results have none
        lines.append(_("Not grounds:"))
        lines.extend(f"  {not_ground_line(entry, lang)}" for entry in result.not_grounds)
    if result.not_breaches:
        lines.append(_("Not breaches:"))
        lines.extend(f"  {not_breach_line(entry, lang)}" for entry in result.not_breaches)
    if result.trace is not None:
        lines.append(_("Trace:"))
        for entry in result.trace:
            lines.extend(_trace(entry, _))
    lines.append(_("Rules:    {fingerprint}").format(fingerprint=result.rules.fingerprint))
    return "\n".join(lines)


def not_ground_line(entry: NotGround, lang: Language = DEFAULT_LANGUAGE) -> str:
    """Why an event is not a ground, on one line, with the rule version and its citation."""
    return say_in(
        lang,
        "why_not",
        event=say_in(lang, "why_not_event", index=entry.event, date=day(entry.date, lang)),
        ground=entry.ground,
        reason=entry.reason,
        rule=entry.rule,
        citation=entry.citation,
    )


def not_breach_line(entry: NotBreach, lang: Language = DEFAULT_LANGUAGE) -> str:
    """Why an item (an activity) is not a breach, on one line, with the rule and citation."""
    return say_in(
        lang,
        "why_not_breach",
        item=entry.item,
        restriction=entry.restriction,
        reason=entry.reason,
        rule=entry.rule,
        citation=entry.citation,
    )


def summary_line(name: str, result: Result, lang: Language = DEFAULT_LANGUAGE) -> str:
    """One line per case, for batches, in the words `evaluate` uses."""
    _ = _Words(lang)
    parts: list[str] = [status_words(result.status, _.lang)]
    if result.mandate and result.mandate.ended:
        parts.append(
            _("ended {date} by {ground}").format(
                date=_.day(result.mandate.ended), ground=_ended_by(result, _)
            )
        )
    if not result.eligible:
        parts.append(_("not eligible"))
    if result.grounds:
        parts.append(
            _("grounds: {list}").format(
                list=", ".join(
                    f"{g.subparagraph} {stage_words(g.stage, _.lang)}" for g in result.grounds
                )
            )
        )
    codes = sorted({f.code for f in result.findings})
    if codes:
        parts.append(_("findings: {list}").format(list=", ".join(codes)))
    return f"{name}  {'; '.join(parts)}"


def batch_summary(
    statuses: Mapping[str, int], errors: int, lang: Language = DEFAULT_LANGUAGE
) -> str:
    """The line that ends a batch: cases read, how many of each status, how many errors."""
    t = translator(lang)
    read_count = sum(statuses.values()) + errors
    read = t.ngettext("{n} case", "{n} cases", read_count).format(n=number(read_count, lang))
    counts = ", ".join(
        f"{number(statuses[s], lang)} {status_words(s, lang)}"
        for s in get_args(Status)
        if statuses.get(s)
    )
    return t.gettext("{read} read: {counts}; {errors}").format(
        read=read,
        counts=counts or t.gettext("none evaluated"),
        errors=t.ngettext("{n} error", "{n} errors", errors).format(n=number(errors, lang)),
    )


def timeline_text(steps: list[TimelineStep], lang: Language = DEFAULT_LANGUAGE) -> str:
    """The timeline, one line per step, in the words `evaluate` uses, in `lang`."""
    _ = _Words(lang)
    lines = []
    width = max((len(_.day(step.date)) for step in steps), default=0)  # "1 мамыр" is short
    for step in steps:
        event = f"#{step.event}" if step.event is not None else "  "
        cite = f" [{step.citation}]" if step.citation else ""
        if step.kind in ("finding", "finding_ends"):
            told = f"{days_in(step.note, lang)}{cite}" if step.kind == "finding" else ""
        else:
            before, after = status_words(step.before, lang), status_words(step.after, lang)
            told = before if before == after else f"{before} → {after}"
            told += _("  by {rule}").format(rule=step.rule_title) if step.rule_title else ""
            told += cite + (f"  ({step.note})" if step.note else "")
        lines.append(f"{_.day(step.date):<{width}} {event:>3} {step.what:<34} {told}".rstrip())
    return "\n".join(lines) if lines else _("(no events)")


def rules_title(rule_id: str | None, day: dt.date, lang: Language = DEFAULT_LANGUAGE) -> str:
    """The heading of a rules listing: one rule's history, or the rules in force on a day."""
    _ = _Words(lang)
    if rule_id:
        return _("History of {rule}").format(rule=rule_id)
    return _("Rules in force on {date}").format(date=_.day(day))


def rules_text(
    title: str,
    listed: list[RuleVersionInfo],
    fingerprint: str,
    editions: Sequence[EditionInForce] = (),
    lang: Language = DEFAULT_LANGUAGE,
) -> str:
    """A table of rule versions: kind, id, period, provenance, citation.

    `editions`, when given, are the editions in force on the listing's day, named first.
    """
    _ = _Words(lang)
    lines = [
        _("{title} ({count} rule versions; rules {fingerprint}…)").format(
            title=title, count=len(listed), fingerprint=fingerprint[:19]
        )
    ]
    if editions:
        lines.append(_("Editions in force (the latest we have read of each act):"))
        for e in editions:
            label = _("{act}, edition of {date}").format(act=e.act, date=_.day(e.date))
            if e.standing == "earliest_read":
                label += _(
                    " (the day is older than every edition read: the rules rest on this one)"
                )
            lines.append(f"  {label}: {e.url}")
        lines.append(_("Rule versions:"))
    from maslihat.rules.listing import BASIS_WORDS, KIND_WORDS

    for info in listed:
        period = f"{info.valid_from} – {info.valid_to or ''}"
        kind: str = info.kind
        basis = info.basis
        if lang != DEFAULT_LANGUAGE:  # English shows the codes, as it always has
            kind, basis = _.label(KIND_WORDS, kind), _.label(BASIS_WORDS, basis)
        lines.append(f"  {kind:<11} {info.id:<40} {period:<25} {basis:<9} {info.citation}")
    return "\n".join(lines)
