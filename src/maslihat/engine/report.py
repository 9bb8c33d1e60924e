"""Assemble the contract's result from a finished run."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import TYPE_CHECKING

from maslihat.model import Mandate, NextStep, Result, RulesInfo, TraceEntry

if TYPE_CHECKING:
    from maslihat.engine.records import GroundRecord
    from maslihat.engine.run import Run


def build_result(run: Run) -> Result:
    """The result of `run` as of its as-of date."""
    status = run.chart.status
    return Result(
        case=run.case.case,
        as_of=run.as_of,
        status=status,  # type: ignore[arg-type]  # the chart's state ids are the statuses
        eligible=bool(run.eligible),
        mandate=Mandate(began=run.began, ended=run.ended, ended_by=run.ended_by)
        if run.began
        else None,
        grounds=tuple(
            record.outcome(_procedure(run, record, run.ended or run.as_of))
            for record in run.grounds.values()
        ),
        findings=tuple(sorted(run.ledger.findings, key=lambda f: (f.date is None, f.date))),
        next_steps=next_steps(run) if not run.chart.is_terminated else (),
        rules=_rules_info(run.rules.fingerprint),
        not_grounds=tuple(run.ledger.not_grounds.values()),
        not_breaches=tuple(run.ledger.not_breaches.values()),
        trace=_in_date_order(run.ledger.trace) if run.ledger.explain else None,
    )


@lru_cache(maxsize=16)
def _rules_info(fingerprint: str) -> RulesInfo:
    """One (immutable) `RulesInfo` per rule set, not one validated per result."""
    return RulesInfo(fingerprint=fingerprint)


def _in_date_order(trace: list[TraceEntry]) -> tuple[TraceEntry, ...]:
    """The trace by date (undated entries last); on one day, in the order applied.

    The run notes a ground's trigger on the day it arises, which can be after the
    event that raised it, so the order of application alone is not the order of days.
    """
    return tuple(sorted(trace, key=lambda entry: (entry.date is None, entry.date or dt.date.min)))


def next_steps(run: Run) -> tuple[NextStep, ...]:
    """What each pending ground needs next, as its procedure says."""
    steps = []
    for ground_id, record in run.grounds.items():
        version = run.rules.procedure_at(record.ground, run.as_of, record.version)
        due = version.body.next_steps.get(record.stage) if version else None
        if due is None:
            continue
        situation = run.situation(run.as_of, ground=record.facts())
        steps.append(
            NextStep(
                ground=ground_id,
                actor=due.actor,
                action=due.action,
                text=situation.render(due.text),
            )
        )
    return tuple(steps)


def _procedure(run: Run, record: GroundRecord, day: dt.date) -> str:
    version = run.rules.procedure_at(record.ground, day, record.version)
    return version.rule if version else record.version.body.procedure
