"""What a run accumulates: ground records, findings, trace and timeline entries.

Kept apart from the run loop so that the loop reads as the procedure it follows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from maslihat.model.result import Finding, GroundOutcome, TraceEntry
from maslihat.rules.conditions import Explanation, show
from maslihat.rules.ruleset import GroundBody, Procedure, ProcedureBody, Version


@dataclass
class GroundRecord:
    """A ground as it stands in this case."""

    version: Version[GroundBody]
    number: int
    title: str
    procedure: Procedure
    arose: dt.date | None
    stage: str
    stage_date: dt.date

    def facts(self) -> dict[str, Any]:
        """What procedures may read of the ground (`ground.stage`, ...)."""
        return {
            "id": self.version.rule,
            "number": self.number,
            "title": self.title,
            "stage": self.stage,
            "arose": self.arose,
        }

    def procedure_at(self, day: dt.date) -> Version[ProcedureBody] | None:
        """The version of this ground's procedure in force on `day`."""
        return self.procedure.versions.at(day)

    def outcome(self) -> GroundOutcome:
        """The record as the result reports it."""
        return GroundOutcome(
            ground=self.version.rule,
            number=self.number,
            title=self.title,
            arose=self.arose,
            stage=self.stage,  # type: ignore[arg-type]  # stages are checked at compile time
            stage_date=self.stage_date,
            procedure=self.procedure.id,
            citation=self.version.citation,
        )


@dataclass(frozen=True)
class TimelineEntry:
    """One step of the run: an event (or an event taking effect) and what it changed."""

    date: dt.date
    event: int | None
    what: str
    before: str
    after: str
    rule: str | None
    citation: str | None
    note: str


@dataclass
class Ledger:
    """Findings, trace and timeline, in the order they were produced."""

    explain: bool
    findings: list[Finding] = field(default_factory=list)
    trace: list[TraceEntry] = field(default_factory=list)
    timeline: list[TimelineEntry] = field(default_factory=list)

    def note(
        self,
        rule: str,
        day: dt.date | None,
        outcome: str,
        *,
        event: int | None = None,
        citation: str | None = None,
        explanation: Explanation | None = None,
        inputs: dict[str, Any] | None = None,
        version: str | None = None,
    ) -> None:
        """Record a rule application in the trace (only when explaining)."""
        if not self.explain:
            return
        read = dict(inputs or {})
        if explanation is not None:
            read.update(explanation.facts())
        self.trace.append(
            TraceEntry(
                rule=rule,
                version=version,
                date=day,
                event=event,
                inputs={k: _json(v) for k, v in read.items()},
                outcome=outcome,
                citation=citation,
                explanation=explanation.lines() if explanation else [],
            )
        )


def _json(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _json(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        items = [_json(v) for v in value]
        return sorted(items, key=str) if isinstance(value, set | frozenset) else items
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    if hasattr(value, "model_dump"):
        return value.model_dump(mode="json")
    return show(value)
