"""Procedural steps on a ground, and restrictions that are breached over a period.

A step is an event that names a ground (`commission_submission`, `session_vote`).
The ground's procedure says what the step needs (guards: reject the step, or only
warn) and what it achieves (the first outcome whose condition holds). Restrictions
are conditions over the state; while one holds, a finding stays open.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any

from maslihat.engine.records import GroundRecord, ground_facts
from maslihat.engine.situation import Situation
from maslihat.engine.state import item_key
from maslihat.engine.verdicts import Verdict, verdict
from maslihat.engine.why import item_label, near_miss, not_breach, partly_met
from maslihat.rules.conditions import Explanation
from maslihat.rules.ruleset import (
    Cite,
    GuardDef,
    OutcomeDef,
    ProcedureBody,
    RestrictionBody,
    Version,
)

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
        run.reject(index, event, day, pv.cite if pv else version.cite if version else None)
        return
    at = Step(run, f"{pv.key}.{step.id}", pv, day, index)
    situation = run.situation(day, event=event, ground=ground_facts(ground, record))
    if not at.guards_pass(step.guards, situation):
        return
    chosen = at.outcome(step.outcomes, situation, ground.id)
    if chosen is None:
        return
    rule, outcome, citation = chosen
    if record is None:
        run.grounds[ground.id] = GroundRecord(ground, version, None, outcome.stage, day, citation)
        transition = "ground_arises"
    else:
        record.stage, record.stage_date, record.stage_citation = outcome.stage, day, citation
        transition = run.rules.lifecycle.chart.probe
    run.move("terminate" if outcome.ends_mandate else transition, day, ground.id, rule, citation)


@dataclass(frozen=True)
class Step:
    """One procedural step being taken: where it is in the rules, and when."""

    run: Run
    rule: str
    procedure: Version[ProcedureBody]
    day: dt.date
    event: int

    def note(
        self, rule: str, outcome: Verdict | str, citation: Cite, explained: Explanation | None
    ) -> None:
        """Trace one condition of the step."""
        self.run.ledger.note(
            rule,
            self.day,
            outcome,
            event=self.event,
            citation=citation,
            explanation=explained,
            version=self.procedure.key,
        )

    def guards_pass(self, guards: Sequence[GuardDef], situation: Situation) -> bool:
        """Check the step's guards: a failed one is a finding, and may reject the step."""
        for guard in guards:
            met, explained = situation.judge(guard.condition)
            citation = self.procedure.cite.with_text(guard.citation)
            rule = f"{self.rule}.{guard.id}"
            self.note(rule, verdict("met") if met else guard.finding, citation, explained)
            if not met:
                self.run.finding(guard.finding, self.day, situation, self.event, citation)
                if guard.effect == "reject":
                    self.run.decided_by = (rule, citation)
                    return False
        return True

    def outcome(
        self, outcomes: Sequence[OutcomeDef], situation: Situation, ground: str
    ) -> tuple[str, OutcomeDef, Cite] | None:
        """The first outcome whose condition holds, with its rule id and citation."""
        for position, outcome in enumerate(outcomes):
            holds, explained = situation.judge(outcome.when)
            citation = self.procedure.cite.with_text(outcome.citation)
            rule = f"{self.rule}.outcomes[{position}]"
            said = (
                verdict("ground_stage", ground=ground, stage=outcome.stage)
                if holds
                else verdict("not_stage", stage=outcome.stage)
            )
            self.note(rule, said, citation, explained)
            if holds:
                return rule, outcome, citation
        self.run.decided_by = (self.rule, self.procedure.cite)  # no outcome: no effect
        return None


def check_restrictions(run: Run, day: dt.date, event: int | None, changed: bool) -> None:
    """Open a finding for each restriction newly breached; close those that ended.

    Checks are traced when the event changed the state (the only time a conclusion
    can change) or when a breach opens.
    """
    # This runs on every event: most restrictions have nothing to look at (no outside
    # activity, no other mandate) and no breach open, so the situation and the check
    # are built only for one that has.
    situation: Situation | None = None
    terminated = run.chart.is_terminated
    for restriction in run.rules.restrictions:
        version = None if terminated else restriction.versions.at(day)
        breached: set[tuple[str, str]] = set()
        if version is not None:
            body = version.body
            situation = situation or run.situation(day, check={"date": day})
            items = situation.get(body.for_each) if body.for_each else (None,)
            if items:
                at = _Check(run, restriction.id, restriction.finding, version, day, event)
                for item in items:
                    here = situation.bind("item", item) if body.for_each else situation
                    if at.item(here, item, changed):
                        breached.add((restriction.id, item_key(item)))
        if run.breaches:
            for key in [k for k in run.breaches if k[0] == restriction.id and k not in breached]:
                _close(run, key, day)


def _breach_verdict(finding: str, day: dt.date, opens: bool, breached: bool, item: str) -> Verdict:
    """A restriction's verdict on one item (or on the state, when `item` is empty)."""
    if opens:
        return verdict("breach_opens", finding=finding, date=day)
    if item:
        return verdict("breached" if breached else "not_breached", item=item)
    return verdict("breached_state" if breached else "not_breached_state")


@dataclass(frozen=True)
class _Check:
    """One restriction version checked on one day (for one event, if any)."""

    run: Run
    restriction: str
    finding: str
    version: Version[RestrictionBody]
    day: dt.date
    event: int | None

    def item(self, here: Situation, item: Any, changed: bool) -> bool:
        """Check one item (or the state); open its breach if new. Whether it is breached."""
        run, body, day = self.run, self.version.body, self.day
        breached, explained = here.judge(body.condition)
        key = (self.restriction, item_key(item))
        if not breached and item is not None and self.event is not None:
            self.not_breached(here, key, item, explained)
        opens = breached and key not in run.breaches
        if changed or opens:
            run.ledger.note(
                self.version.key,
                day,
                _breach_verdict(self.finding, day, opens, breached, key[1]),
                event=self.event,
                citation=self.version.cite,
                explanation=explained,
                version=self.version.key,
            )
        if not breached:
            _begins_later(run, body.begins_on, here, key, day)
            return False
        if opens:
            run.ledger.breached.add(key)
            run.ledger.not_breaches.pop(key, None)  # allowed before, in breach now
            run.breaches[key] = run.finding(self.finding, day, here, self.event, self.version.cite)
            _ends_by_itself(run, body.ends_on, here, key, day, self.event)
        return True

    def not_breached(
        self, here: Situation, key: tuple[str, str], item: Any, explained: Explanation | None
    ) -> None:
        """Keep, once per item, why an item the restriction partly matched is allowed."""
        run, condition = self.run, self.version.body.condition
        if key in run.ledger.not_breaches or key in run.ledger.breached or self.event is None:
            return
        if explained is None:
            if not near_miss(condition, here):
                return
            explained = condition.evaluate(here)
        if partly_met(explained):
            run.ledger.not_breaches[key] = not_breach(
                explained,
                self.event,
                self.day,
                self.version.key,
                self.restriction,
                item_label(item),
                self.version.cite,
                run.rules.lang,
            )


def _begins_later(
    run: Run, begins_on: str | None, situation: Situation, key: tuple[str, str], day: dt.date
) -> None:
    """Check the restrictions again on the day an item says its breach may begin."""
    start = situation.get(begins_on) if begins_on else None
    if not isinstance(start, dt.date) or start <= day or (key, start) in run.rechecks:
        return
    run.rechecks.add((key, start))
    run.takes_effect(
        start, None, f"{key[0]} may begin", partial(check_restrictions, run, start, None, True)
    )


def _ends_by_itself(
    run: Run,
    ends_on: str | None,
    situation: Situation,
    key: tuple[str, str],
    day: dt.date,
    event: int | None,
) -> None:
    """Schedule the end of a breach whose item says when it ends (a mandate's end)."""
    end = situation.get(ends_on) if ends_on else None
    if isinstance(end, dt.date) and end > day:

        def close() -> None:
            if key in run.breaches:
                _close(run, key, end)

        run.takes_effect(end, event, f"{key[0]} ends", close)


def close_breaches(run: Run, day: dt.date) -> None:
    """Close every open breach on `day` (the mandate has ended)."""
    for key in list(run.breaches):
        _close(run, key, day)


def _close(run: Run, key: tuple[str, str], day: dt.date) -> None:
    position = run.breaches.pop(key)
    findings = run.ledger.findings
    findings[position] = findings[position].model_copy(update={"until": day})
