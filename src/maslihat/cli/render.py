"""Human-readable text for results, traces and timelines.

Kept apart from the commands so the same rendering serves every command, and so
that the text can be tested without running a process.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import get_args

from maslihat.model import Finding, GroundOutcome, Result, TraceEntry
from maslihat.model.result import Status
from maslihat.report.timeline import TimelineStep
from maslihat.report.words import stage_words, status_words
from maslihat.rules.listing import EditionInForce, RuleVersionInfo


def _period(start: object, end: object) -> str:
    return f"{start} – {end}" if end else f"{start} –"


def _ground(ground: GroundOutcome) -> str:
    arose = f"arose {ground.arose}" if ground.arose else "arose: no event shows it"
    if ground.stage != "arisen":
        arose += f"; {stage_words(ground.stage)} on {ground.stage_date}"
    return f"  {ground.subparagraph} {ground.ground} ({ground.title}): {arose} [{ground.citation}]"


def _finding(finding: Finding) -> str:
    when = (
        _period(finding.date, finding.until) if finding.until or finding.code else str(finding.date)
    )
    if finding.until is None and finding.severity != "violation":
        when = str(finding.date)
    cite = f" [{finding.citation}]" if finding.citation else ""
    return f"  {finding.severity} {finding.code} {when}: {finding.message}{cite}"


def _trace(entry: TraceEntry) -> list[str]:
    of = [entry.version] if entry.version else []
    of += [f"event {entry.event}"] if entry.event is not None else []
    where = f" ({', '.join(of)})" if of else ""
    cite = f" [{entry.citation}]" if entry.citation else ""
    lines = [f"  {entry.date} {entry.rule}{where}: {entry.outcome}{cite}"]
    if entry.citation_url:
        lines.append(f"      text: {entry.citation_url}")
    lines.extend(f"      {line}" for line in entry.explanation)
    return lines


def result_text(result: Result) -> str:
    """The result as a person reads it."""
    mandate = "none (not registered)"
    if result.mandate is not None:
        mandate = _period(result.mandate.began, result.mandate.ended)
        if result.mandate.ended_by:
            mandate += f", ended by {result.mandate.ended_by}"
    lines = [
        f"Case {result.case or '(no id)'} as of {result.as_of}",
        f"Status:   {status_words(result.status)}",
        f"Eligible: {'yes' if result.eligible else 'no'}",
        f"Mandate:  {mandate}",
    ]
    sections: list[tuple[str, Iterable[str]]] = [
        ("Grounds", map(_ground, result.grounds)),
        ("Findings", map(_finding, result.findings)),
        ("Next steps", (f"  - {step.text}" for step in result.next_steps)),
    ]
    for title, rows in sections:
        body = list(rows)
        lines.append(f"{title}:" + ("" if body else " none"))
        lines.extend(body)
    if result.trace is not None:
        lines.append("Trace:")
        for entry in result.trace:
            lines.extend(_trace(entry))
    lines.append(f"Rules:    {result.rules.fingerprint}")
    return "\n".join(lines)


def summary_line(name: str, result: Result) -> str:
    """One line per case, for batches."""
    parts: list[str] = [status_words(result.status)]
    if result.mandate and result.mandate.ended:
        parts.append(f"ended {result.mandate.ended} by {result.mandate.ended_by}")
    if not result.eligible:
        parts.append("not eligible")
    if result.grounds:
        parts.append(
            "grounds: "
            + ", ".join(f"{g.subparagraph} {stage_words(g.stage)}" for g in result.grounds)
        )
    codes = sorted({f.code for f in result.findings})
    if codes:
        parts.append("findings: " + ", ".join(codes))
    return f"{name}  {'; '.join(parts)}"


def batch_summary(statuses: Mapping[str, int], errors: int) -> str:
    """The line that ends a batch: cases read, how many of each status, how many errors."""
    read = _counted(sum(statuses.values()) + errors, "case")
    counts = ", ".join(
        f"{statuses[s]} {status_words(s)}" for s in get_args(Status) if statuses.get(s)
    )
    return f"{read} read: {counts or 'none evaluated'}; {_counted(errors, 'error')}"


def _counted(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def timeline_text(steps: list[TimelineStep]) -> str:
    """The timeline, one line per step, in the words `evaluate` uses."""
    lines = []
    for step in steps:
        event = f"#{step.event}" if step.event is not None else "  "
        cite = f" [{step.citation}]" if step.citation else ""
        if step.kind in ("finding", "finding_ends"):
            told = f"{step.note}{cite}" if step.kind == "finding" else ""
        else:
            before, after = status_words(step.before), status_words(step.after)
            told = before if before == after else f"{before} → {after}"
            told += f"  by {step.rule_title}" if step.rule_title else ""
            told += cite + (f"  ({step.note})" if step.note else "")
        lines.append(f"{step.date} {event:>3} {step.what:<34} {told}".rstrip())
    return "\n".join(lines) if lines else "(no events)"


def rules_text(
    title: str,
    listed: list[RuleVersionInfo],
    fingerprint: str,
    editions: Sequence[EditionInForce] = (),
) -> str:
    """A table of rule versions: kind, id, period, provenance, citation.

    `editions`, when given, are the editions in force on the listing's day, named first.
    """
    lines = [f"{title} ({len(listed)} rule versions; rules {fingerprint[:19]}…)"]
    if editions:
        lines.append("Editions in force (the latest we have read of each act):")
        for e in editions:
            label = f"{e.act}, edition of {e.date}"
            if e.standing == "earliest_read":
                label += " (the day is older than every edition read: the rules rest on this one)"
            lines.append(f"  {label}: {e.url}")
        lines.append("Rule versions:")
    for info in listed:
        period = f"{info.valid_from} – {info.valid_to or ''}"
        lines.append(
            f"  {info.kind:<11} {info.id:<40} {period:<25} {info.basis:<9} {info.citation}"
        )
    return "\n".join(lines)
