"""Procedural steps on a ground, and restrictions that are breached over a period.

A step is an event that names a ground (`commission_submission`, `session_vote`).
The ground's procedure says what the step needs (guards: reject the step, or only
warn) and what it achieves (the first outcome whose condition holds). Restrictions
are conditions over the state; while one holds, a finding stays open.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from maslihat.engine.records import GroundRecord, ground_facts
from maslihat.engine.state import item_key

if TYPE_CHECKING:
    from maslihat.engine.run import Run


def take_step(run: Run, index: int, event: Any) -> None:
    """Apply `event` as a step of the procedure of the ground it names."""
    if event.type not in run.rules.ground_events:
        return
    day, ground = event.date, run.rules.grounds[event.ground]
    record = run.grounds.get(ground.id)
    version = ground.versions.at(day) or (record.version if record else None)
    pv = run.rules.procedure_at(ground, day, version)
    step = pv.body.steps.get(event.type) if pv else None
    if version is None or pv is None or step is None:
        run.reject(index, event, day, pv.citation if pv else version.citation if version else None)
        return
    facts = ground_facts(ground, record)
    situation = run.situation(day, event=event, ground=facts)
    for guard in step.guards:
        explained = guard.condition.evaluate(situation)
        citation = guard.citation or pv.citation
        run.ledger.note(
            f"{pv.key}.{step.id}.{guard.id}",
            day,
            "met" if explained.value else guard.finding,
            event=index,
            citation=citation,
            explanation=explained,
            version=pv.key,
        )
        if not explained.value:
            run.finding(guard.finding, day, situation, index, citation)
            if guard.effect == "reject":
                run.decided_by = (f"{pv.key}.{step.id}.{guard.id}", citation)
                return
    for position, outcome in enumerate(step.outcomes):
        explained = outcome.when.evaluate(situation)
        citation = outcome.citation or pv.citation
        verdict = (
            f"ground {ground.id} {outcome.stage}" if explained.value else f"not {outcome.stage}"
        )
        run.ledger.note(
            f"{pv.key}.{step.id}.outcomes[{position}]",
            day,
            verdict,
            event=index,
            citation=citation,
            explanation=explained,
            version=pv.key,
        )
        if explained.value:
            break
    if record is None:
        record = GroundRecord(ground, version, None, outcome.stage, day, citation)
        run.grounds[ground.id] = record
        transition = "ground_arises"
    else:
        record.stage, record.stage_date, record.stage_citation = outcome.stage, day, citation
        transition = IN_MANDATE
    if outcome.ends_mandate:
        transition = "terminate"
    run.move(transition, day, ground.id, f"{pv.key}.{step.id}.outcomes[{position}]", citation)


IN_MANDATE = "observe"


def check_restrictions(run: Run, day: dt.date, event: int | None, changed: bool) -> None:
    """Open a finding for each restriction newly breached; close those that ended.

    Checks are traced when the event changed the state (the only time a conclusion
    can change) or when a breach opens.
    """
    situation = run.situation(day)
    for restriction in run.rules.restrictions:
        version = restriction.versions.at(day)
        breached: set[tuple[str, str]] = set()
        if version is not None and not run.chart.is_terminated:
            body = version.body
            items = situation.get(body.for_each) if body.for_each else (None,)
            for item in items or ():
                here = situation.bind("item", item) if body.for_each else situation
                explained = body.condition.evaluate(here)
                key = (restriction.id, item_key(item))
                opens = explained.value and key not in run.breaches
                if changed or opens:
                    verdict = "breached" if explained.value else "not breached"
                    run.ledger.note(
                        version.key,
                        day,
                        f"{restriction.finding} from {day}"
                        if opens
                        else f"{verdict} ({item_key(item) or 'state'})",
                        event=event,
                        citation=version.citation,
                        explanation=explained,
                        version=version.key,
                    )
                if not explained.value:
                    continue
                breached.add(key)
                if opens:
                    run.breaches[key] = run.finding(
                        restriction.finding, day, here, event, version.citation
                    )
        for key in [k for k in run.breaches if k[0] == restriction.id and k not in breached]:
            _close(run, key, day)


def close_breaches(run: Run, day: dt.date) -> None:
    """Close every open breach on `day` (the mandate has ended)."""
    for key in list(run.breaches):
        _close(run, key, day)


def _close(run: Run, key: tuple[str, str], day: dt.date) -> None:
    position = run.breaches.pop(key)
    findings = run.ledger.findings
    findings[position] = findings[position].model_copy(update={"until": day})
