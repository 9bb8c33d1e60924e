"""One evaluation of one case: events in date order drive the lifecycle chart.

For each event the run asks the rules, in this order: does a lifecycle transition
apply (registration, end of term) and does the chart allow it; is the person
eligible (registration only); how does the event change the state; which grounds
does it make arise (now, or on a later date such as a verdict's entry into force);
which procedural step does it take; and which restrictions are breached. Every
answer is recorded in the trace with the rule version and citation that gave it.
"""

from __future__ import annotations

import datetime as dt
import heapq
import itertools
from collections import defaultdict
from collections.abc import Callable
from functools import partial
from typing import Any

from maslihat.engine.position import ChartPosition
from maslihat.engine.procedure import check_restrictions, close_breaches, take_step
from maslihat.engine.records import GroundRecord, Ledger, TimelineEntry, mandate_facts
from maslihat.engine.report import build_result
from maslihat.engine.situation import Observer, Situation
from maslihat.engine.state import StateFold
from maslihat.engine.verdicts import DOES_NOT_ARISE, verdict
from maslihat.engine.why import near_miss
from maslihat.model import Case, Finding, Result
from maslihat.rules.ruleset import Cite, Ground, GroundBody, RuleSet, TransitionDef, Version

_FILE_EVENT, _TAKES_EFFECT = 1, 0  # on one date, effects of earlier decisions come first


class Run:
    """The evaluation of one case as of one date."""

    def __init__(
        self,
        case: Case,
        as_of: dt.date,
        rules: RuleSet,
        explain: bool,
        observer: Observer | None = None,
        keep_timeline: bool = False,
    ) -> None:
        self.case, self.as_of, self.rules, self.observer = case, as_of, rules, observer
        self.chart = ChartPosition(rules.lifecycle.chart)
        self.ledger = Ledger(explain, keep_timeline, rules.lang)
        self.history: dict[str, list[Any]] = defaultdict(list)
        self.grounds: dict[str, GroundRecord] = {}
        self.began: dt.date | None = None
        self.ended: dt.date | None = None
        self.ended_by: str | None = None
        self.eligible: bool | None = None
        self.breaches: dict[tuple[str, str], int] = {}
        self.rechecks: set[tuple[tuple[str, str], dt.date]] = set()
        self.decided_by: tuple[str | None, Cite | None] = (None, None)
        self.state = StateFold(rules.state)
        self.events = tuple(e for e in case.events if e.date <= as_of)
        self._base: dict[str, Any] = {
            "deputy": case.deputy,
            "maslihat": case.maslihat,
            "state": self.state.values,
            "mandate": mandate_facts(self.chart.status, rules.lang),
            "events": self.events,
        }
        start = self.situation(as_of)
        self.state.start({s.id: start.get(s.initial) for s in rules.state if s.initial})
        self._agenda: list[tuple[dt.date, int, int, int | None, str, Callable[[], None]]] = []
        self._order = itertools.count()

    # -- plumbing ----------------------------------------------------------------------

    def situation(self, day: dt.date, **roots: Any) -> Situation:
        """The facts as they stand now, for rules applied as of `day`."""
        base = self._base
        if base["mandate"]["status"] != self.chart.status:  # a snapshot, as of now
            base["mandate"] = mandate_facts(self.chart.status, self.ledger.lang)
        return Situation(
            self.rules,
            day,
            {**base, **roots} if roots else dict(base),
            self.history,
            self.observer,
            self.ledger.explain,
        )

    def schedule(
        self, day: dt.date, kind: int, event: int | None, what: str, action: Callable[[], None]
    ) -> None:
        """Put an action on the agenda for `day`."""
        heapq.heappush(self._agenda, (day, kind, next(self._order), event, what, action))

    def takes_effect(
        self, day: dt.date, event: int | None, what: str, action: Callable[[], None]
    ) -> None:
        """Schedule something that happens on `day` by itself, before that day's events."""
        self.schedule(day, _TAKES_EFFECT, event, what, action)

    def finding(
        self,
        code: str,
        day: dt.date | None,
        situation: Situation,
        event: int | None,
        citation: Cite | None = None,
    ) -> int:
        """Record a finding; returns its index so an open breach can be closed later."""
        definition = self.rules.findings[code]
        cite = citation or definition.cite
        self.ledger.findings.append(
            Finding(
                code=code,
                severity=definition.severity,  # type: ignore[arg-type]  # checked by the model
                date=day,
                message=situation.render(definition.message),
                citation=cite.text if cite else None,
                citation_url=cite.url if cite else None,
                event=event,
            )
        )
        return len(self.ledger.findings) - 1

    def move(
        self,
        transition: str,
        day: dt.date,
        ended_by: str | None,
        rule: str | None,
        citation: Cite | None,
    ) -> None:
        """Fire a chart transition and note when the mandate began or ended."""
        was_initial = self.chart.initial
        self.chart.fire(transition)
        if rule is not None:
            self.decided_by = (rule, citation)
        if was_initial and not self.chart.initial:
            self.began = day
        if self.chart.is_terminated and self.ended is None:
            self.ended, self.ended_by = day, ended_by
            close_breaches(self, day)

    # -- the run -----------------------------------------------------------------------

    def execute(self) -> Result:
        """Apply every event up to the as-of date and report where the case stands."""
        for index, event in enumerate(self.case.events):
            self.schedule(
                event.date,
                _FILE_EVENT,
                index,
                event.type,
                partial(self.apply, index, event),
            )
        agenda, chart, logs = self._agenda, self.chart, self.ledger.keep_timeline
        while agenda:
            day, _, _, at, what, action = heapq.heappop(agenda)
            before = chart.status
            self.decided_by = (None, None)
            if day > self.as_of:
                self.ledger.note("as_of", day, verdict("after_as_of"), event=at)
                self.log(day, at, what, before, "after the as-of date: not considered")
                continue
            action()
            if logs:  # the call costs more than the rest of a step's bookkeeping
                self.log(day, at, what, before, "")
        if self.eligible is None:
            self.check_eligibility(self.as_of, None)
        return build_result(self)

    def log(self, day: dt.date, index: int | None, what: str, before: str, note: str) -> None:
        """Add a timeline entry for the step just taken, if the timeline is kept."""
        if not self.ledger.keep_timeline:
            return
        rule, citation = self.decided_by
        self.ledger.timeline.append(
            TimelineEntry(day, index, what, before, self.chart.status, rule, citation, note)
        )

    def apply(self, index: int, event: Any) -> None:
        """Apply one event of the case file."""
        day = event.date
        transition = self.transition_for(index, event)
        name = transition.body.transition if transition else self.rules.lifecycle.chart.probe
        if not self.chart.allows(name):
            if self.began is None and self.triggers(index, event, later_only=True):
                self.ledger.note("lifecycle", day, verdict("before_mandate"), event=index)
                return
            self.reject(index, event, day)
            return
        if transition and transition.body.eligibility_on is not None:
            situation = self.situation(day, event=event)
            paths = transition.body.eligibility_on
            check_day = next((v for p in paths if (v := situation.get(p))), day)
            if not self.check_eligibility(check_day, index):
                self.decided_by = (f"lifecycle.{transition.rule}", transition.cite)
                return
        self.move(
            name,
            day,
            self.rules.lifecycle.ended_by_term,
            f"lifecycle.{transition.rule}" if transition else None,
            transition.cite if transition else None,
        )
        if self.chart.is_terminated:  # the event ended the mandate (end of term):
            self.triggers(index, event)  # its grounds are judged and traced, not applied
            return
        changed = self.state.apply(event)
        self.history[event.type].append(event)
        self.triggers(index, event)
        if not self.chart.is_terminated:  # a ground of this event may have ended it at once
            take_step(self, index, event)
            check_restrictions(self, day, index, bool(changed))

    def transition_for(self, index: int, event: Any) -> TransitionDef | None:
        """The lifecycle transition this event makes, if any."""
        for transition in self.rules.lifecycle.transitions.get(event.type, ()):
            if not transition.in_force(event.date):
                continue
            holds, explained = self.situation(event.date, event=event).judge(transition.body.when)
            self.ledger.note(
                f"lifecycle.{transition.rule}",
                event.date,
                (
                    verdict("transition", transition=transition.body.transition)
                    if holds
                    else verdict("does_not_apply")
                ),
                event=index,
                citation=transition.cite,
                explanation=explained,
            )
            if holds:
                return transition
        return None

    def reject(self, index: int, event: Any, day: dt.date, citation: Cite | None = None) -> None:
        """Report an event that cannot apply now: outside the mandate, or not allowed.

        `citation` names the provision that leaves no room for it (a procedure with no
        such step), when there is one beyond the finding's own.
        """
        life = self.rules.lifecycle
        code = life.not_allowed if self.chart.in_force else life.outside_mandate
        self.finding(code, day, self.situation(day, event=event), index, citation)
        self.ledger.note(
            "lifecycle",
            day,
            verdict("not_allowed", code=code, event=event.type, status=self.chart.status),
            event=index,
        )
        self.decided_by = ("lifecycle", None)

    def check_eligibility(self, day: dt.date, index: int | None) -> bool:
        """Evaluate every eligibility check in force on `day`; report those not met."""
        eligible = True
        # Nothing changes between checks, so they can share one situation (and the facts
        # it computes), except when traced: each check's trace lists the facts it read.
        traced = self.ledger.explain or self.observer is not None
        shared = None if traced else self.situation(day, check={"date": day})
        for check in self.rules.checks:
            version = check.versions.at(day)
            if version is None:
                continue
            situation = shared or self.situation(day, check={"date": day})
            met, explained = situation.judge(version.body)
            self.ledger.note(
                version.key,
                day,
                verdict("met" if met else "not_met"),
                event=index,
                citation=version.cite,
                explanation=explained,
                inputs=situation.derived_reads,
                version=version.key,
            )
            if not met:
                eligible = False
                self.finding(check.finding, day, situation, index, version.cite)
        self.eligible = eligible
        return eligible

    def triggers(self, index: int, event: Any, later_only: bool = False) -> bool:
        """Find the grounds this event makes arise, now or when it takes effect.

        `later_only`: consider only grounds that arise after the event's own date (an
        event before the mandate whose effect, such as a verdict's entry into force,
        may fall inside it). Returns whether any ground was found.
        """
        found = False
        at_event: Situation | None = None  # one situation for all grounds: nothing changes
        for ground in self.rules.triggers.get(event.type, ()):
            if ground.id in self.grounds:
                continue
            at_event = at_event or self.situation(event.date, event=event)
            for version in ground.versions.versions:
                if self.trigger(ground, version, index, event, at_event, later_only):
                    found = True
                    break
        return found

    def trigger(
        self,
        ground: Ground,
        version: Version[GroundBody],
        index: int,
        event: Any,
        at_event: Situation,
        later_only: bool = False,
    ) -> bool:
        """Whether one version of a ground is triggered by `event`; if so, schedule it.

        `at_event` is the situation on the event's date, shared by the grounds it may
        trigger; a ground that arises on a later date is judged as of that date.
        """
        for trigger in version.body.triggers:
            if trigger.event != event.type:
                continue
            arises = at_event.get(trigger.arises_on)
            if arises is None or not version.in_force(arises):
                continue
            if later_only and arises <= event.date:
                continue
            here = at_event if arises == event.date else self.situation(arises, event=event)
            holds, explained = here.judge(trigger.when)
            if not holds and explained is None and near_miss(trigger.when, here):
                explained = trigger.when.evaluate(here)  # worded in the result's not_grounds
            said = verdict("arises") if holds else DOES_NOT_ARISE
            if holds and arises > self.as_of:
                said = verdict("would_arise_later", date=arises)
            if holds and self.chart.is_terminated:
                said = verdict("would_arise_ended")
            if self.ledger.keeps(explained):  # a ground's trigger on every event: no call
                self.ledger.note(
                    version.key,
                    arises,
                    said,
                    event=index,
                    citation=version.cite,
                    explanation=explained,
                    version=version.key,
                )
            if holds and later_only and arises > self.as_of:
                return True  # takes effect after the as-of date: not yet judged, not ignored
            if not holds or arises > self.as_of or self.chart.is_terminated:
                continue
            if arises == event.date:
                self.arise(ground, version, arises, index)
            else:
                self.schedule(
                    arises,
                    _TAKES_EFFECT,
                    index,
                    f"{event.type} takes effect",
                    partial(self.arise_later, ground, version, arises, index, event),
                )
            return True
        return False

    def arise_later(
        self, ground: Ground, version: Version[GroundBody], day: dt.date, index: int, event: Any
    ) -> None:
        """A ground whose event takes effect today arises, if the mandate is in force."""
        if not self.chart.in_force:
            self.reject(index, event, day)
        elif ground.id not in self.grounds:
            self.arise(ground, version, day, index)

    def arise(
        self, ground: Ground, version: Version[GroundBody], day: dt.date, index: int | None
    ) -> None:
        """A ground arises: record it and start its procedure."""
        record = GroundRecord(ground, version, day, "arisen", day, version.cite)
        pv = self.rules.procedure_at(ground, day, version)
        outcome = pv.body.on_arising if pv else None
        if (
            pv is not None
            and outcome is not None
            and self.situation(day, ground=record.facts()).judge(outcome.when)[0]
        ):
            record.stage = outcome.stage
            if outcome.stage != "arisen":  # reached by the procedure, not by the ground alone
                record.stage_citation = pv.cite.with_text(outcome.citation)
        self.grounds[ground.id] = record
        ends = outcome is not None and outcome.ends_mandate
        self.ledger.note(
            pv.key if pv else version.body.procedure,
            day,
            verdict("ground_stage", ground=ground.id, stage=record.stage),
            event=index,
            citation=pv.cite if pv else None,
        )
        self.move(
            "terminate" if ends else "ground_arises", day, ground.id, version.key, version.cite
        )
