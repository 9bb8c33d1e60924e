"""A hand-written evaluation of the bundled rules: the floor the engine's speed is measured on.

This is what a programmer would write for the same law without a rules engine: plain
Python, the rules as `if`s, no trace, no explanations, no chart library. It is a floor,
not a second engine: nothing imports it but the benchmark and the test that keeps it
honest (tests/test_hand_evaluator.py compares it with the engine on every catalogue
case and example it claims, at every test date and event date).

It claims a case (returns an `Outcome`) only when everything in it is encoded here:

- eligibility on registration (or on the as-of date if never registered): citizenship,
  age 20, no incapacity ruling in force (Law 148-II, art. 5(2); elections law art. 102);
- grounds 2 (incapacity), 4 (death), 5 (citizenship ended), 6 (conviction), 7 (moving
  away), 8 (resignation) and 9 (systematic failure), each with its versions before and
  after Laws 383-IV and 227-V, a court decision's ground arising when it enters into
  force; each taken to its end by the session-decision procedure of art. 20(4) (TEC
  submission; a session vote with a two-thirds quorum, decided by a majority of those
  present or by the chair's casting vote on an equal split);
- the end of the mäslihat's term (art. 20(2)); a change of basis (state only);
- the chart's findings for an event outside the mandate or not allowed in it.

It declines (returns None) a case with other mandates, outside activities, positions,
parties, recalls, TEC records, an early end of the mäslihat, a ground other than those
above, or an event before the law's first day (2001-01-23).
Findings are compared by code, severity, date and event; their messages, citations,
the next steps and the trace are not produced: they are the engine's explanation.
"""

from __future__ import annotations

import datetime as dt
import heapq
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

FIRST_DAY = dt.date(2001, 1, 23)
LAW_383_IV = dt.date(2011, 1, 21)
LAW_227_V = dt.date(2015, 1, 1)
GROUNDS = (  # in the order the rule files list them, which is the order they are tried
    "incapacity",
    "death",
    "citizenship_terminated",
    "conviction",
    "residence_outside_unit",
    "resignation",
    "systematic_failure",
)
EVENTS = {
    "registered",
    "meeting",
    "resignation_filed",
    "residence_changed",
    "death",
    "citizenship_terminated",
    "court_decision",
    "commission_submission",
    "session_vote",
    "basis_changed",
    "maslihat_powers_ended",
}
IN_MANDATE = {"active", "termination_pending"}

Ground = tuple[str, dt.date | None, str, dt.date]
"""(ground id, arose, stage, stage date), as the result lists it."""
Found = tuple[str, str, dt.date | None, int | None]
"""(code, severity, date, event index), as the result lists it."""


@dataclass
class Outcome:
    """What the law makes of a case: the parts of the engine's result compared."""

    status: str = "candidate"
    eligible: bool | None = None
    began: dt.date | None = None
    ended: dt.date | None = None
    ended_by: str | None = None
    grounds: dict[str, list[Any]] = field(default_factory=dict)
    findings: list[Found] = field(default_factory=list)

    def ground_rows(self) -> list[Ground]:
        """The grounds in the order they arose, as tuples."""
        return [(g, *row) for g, row in self.grounds.items()]  # type: ignore[misc]


def claims(case: Any) -> bool:
    """Whether every rule the case calls upon is encoded here."""
    if case.deputy.other_mandates:
        return False
    for event in case.events:
        if event.type not in EVENTS or event.date < FIRST_DAY:
            return False
        if event.type in ("commission_submission", "session_vote") and event.ground not in GROUNDS:
            return False
        if event.type == "maslihat_powers_ended" and event.early:
            return False
        if event.type == "registered" and event.election_day and event.election_day < FIRST_DAY:
            return False
    return True


def age(born: dt.date, day: dt.date) -> int:
    """Whole years; someone born on 29 February turns a year older on 28 February."""
    birthday = (born.month, born.day)
    if birthday == (2, 29) and not _leap(day.year):
        birthday = (2, 28)
    return day.year - born.year - ((day.month, day.day) < birthday)


def _leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def within(place: str, unit: str) -> bool:
    """KATO: inside the unit when it starts with the unit's code less its zero levels."""
    prefix = unit
    for boundary in (6, 4, 2):
        if set(prefix[boundary:]) <= {"0"}:
            prefix = prefix[:boundary]
    return place.startswith(prefix)


def evaluate(case: Any, as_of: dt.date) -> Outcome | None:
    """The outcome of a validated `Case` on `as_of`, or None if it is not claimed."""
    if not claims(case):
        return None
    run = _Run(case, as_of)
    # The agenda: (day, 0 for a decision taking effect or 1 for an event, order, action).
    # On one day, what takes effect comes before that day's events, as in the engine.
    agenda = [(e.date, 1, i, i) for i, e in enumerate(case.events) if e.date <= as_of]
    heapq.heapify(agenda)
    while agenda:
        _, kind, _, what = heapq.heappop(agenda)
        if kind == 1:
            run.apply(what, case.events[what])
        else:
            run.takes_effect(*what)
        for later in run.scheduled:
            heapq.heappush(agenda, (later[1], 0, len(case.events) + run.count, later))
            run.count += 1
        run.scheduled.clear()
    if run.out.eligible is None:
        _eligible(case, run.out, as_of, None, as_of)
    return run.out


class _Run:
    """One evaluation: the outcome so far, the meetings held in the mandate, the agenda."""

    def __init__(self, case: Any, as_of: dt.date) -> None:
        self.case, self.as_of, self.out = case, as_of, Outcome()
        self.meetings: list[Any] = []
        self.scheduled: list[tuple[str, dt.date, int]] = []
        self.count = 0

    def apply(self, index: int, event: Any) -> None:
        """One event of the case file."""
        out, day, kind = self.out, event.date, event.type
        if kind == "registered" and out.status == "candidate":
            if _eligible(self.case, out, event.election_day or day, index, self.as_of):
                out.status, out.began = "active", day
            return
        if out.status not in IN_MANDATE:
            if not (out.began is None and self.triggers(index, event, later_only=True)):
                out.findings.append(("event_outside_mandate", "warning", day, index))
            return
        if kind == "registered":
            out.findings.append(("event_not_allowed", "warning", day, index))
            return
        if kind == "maslihat_powers_ended":  # not early: the term's end (claims() saw to it)
            out.status, out.ended, out.ended_by = "expired", day, "term_expired"
            return
        if kind == "meeting":
            self.meetings.append(event)
        self.triggers(index, event)
        if out.status == "terminated":
            return
        if kind == "commission_submission":
            _submission(out, index, event)
        elif kind == "session_vote":
            _vote(self.case, out, index, event)

    def triggers(self, index: int, event: Any, later_only: bool = False) -> bool:
        """Make the grounds this event triggers arise, now or on a later day."""
        found = False
        for ground in GROUNDS:
            if ground in self.out.grounds:
                continue
            day = _arises(self.case, ground, event, self.meetings)
            if day is None or (later_only and day <= event.date):
                continue
            if day > self.as_of:
                found = found or later_only
                continue
            if day == event.date:
                self.arise(ground, day)
            else:
                self.scheduled.append((ground, day, index))
            found = True
        return found

    def takes_effect(self, ground: str, day: dt.date, index: int) -> None:
        """A decision takes effect: its ground arises if the mandate is in force."""
        if self.out.status not in IN_MANDATE:
            self.out.findings.append(("event_outside_mandate", "warning", day, index))
        elif ground not in self.out.grounds:
            self.arise(ground, day)

    def arise(self, ground: str, day: dt.date) -> None:
        """A ground arises and the mandate awaits its procedure."""
        self.out.grounds[ground] = [day, "arisen", day]
        self.out.status = "termination_pending"


def _arises(case: Any, ground: str, event: Any, meetings: list[Any]) -> dt.date | None:
    """The day `event` makes `ground` arise, if it does."""
    kind, day = event.type, event.date
    if kind == "court_decision":
        return _ruling(ground, event)
    if ground == "systematic_failure":
        if kind == "commission_submission":
            return day if event.ground == ground else None
        return day if kind == "meeting" and _absences(event, meetings) > 3 else None
    if ground == "residence_outside_unit" and kind == "residence_changed":
        outside = event.permanent and not within(event.territory, case.maslihat.territory)
        return day if outside else None
    triggers = {"death": "death", "resignation": "resignation_filed"}
    triggers["citizenship_terminated"] = "citizenship_terminated"
    return day if triggers.get(ground) == kind else None


def _ruling(ground: str, event: Any) -> dt.date | None:
    """The day a court decision makes `ground` arise: when it enters into force."""
    day, ruling = event.in_force, event.ruling
    if day is None:
        return None
    rulings = {
        "incapacity": {"incapacity", "limited_capacity"} if day >= LAW_383_IV else {"incapacity"},
        "death": {"dead", "missing"} if day >= LAW_383_IV else set(),
        "conviction": {"conviction"},
    }
    if ruling not in rulings.get(ground, set()):
        return None
    if ground == "conviction" and day >= LAW_227_V and event.offence == "negligent_misdemeanour":
        return None
    return day


def _absences(event: Any, meetings: list[Any]) -> int:
    """Unexcused absences in a row up to this meeting (plenary only before Law 383-IV)."""
    counted = meetings
    if event.date < LAW_383_IV:
        counted = [m for m in meetings if m.body == "plenary"]
    if not counted or counted[-1] is not event:
        return 0
    run = 0
    for meeting in reversed(counted):
        if meeting.attendance != "unexcused":
            break
        run += 1
    return run


def _eligible(case: Any, out: Outcome, day: dt.date, index: int | None, as_of: dt.date) -> bool:
    """Check eligibility on `day` (the events known are those up to `as_of`)."""
    failed = []
    if day >= FIRST_DAY:
        if case.deputy.citizenship != "KZ":
            failed.append("ineligible_citizenship")
        if age(case.deputy.born, day) < 20:
            failed.append("ineligible_age")
        if any(_incapable(event, day) for event in case.events if event.date <= as_of):
            failed.append("ineligible_incapacity")
    out.findings.extend((code, "violation", day, index) for code in failed)
    out.eligible = not failed
    return out.eligible


def _incapable(event: Any, day: dt.date) -> bool:
    return bool(
        event.type == "court_decision"
        and event.ruling == "incapacity"
        and event.in_force is not None
        and event.in_force <= day
    )


def _submission(out: Outcome, index: int, event: Any) -> None:
    record = out.grounds.get(event.ground)
    if record is None:
        out.findings.append(("submission_without_evidence", "warning", event.date, index))
        out.grounds[event.ground] = [None, "submitted", event.date]
        out.status = "termination_pending"
    else:
        record[1:] = ["submitted", event.date]


def _vote(case: Any, out: Outcome, index: int, event: Any) -> None:
    record = out.grounds.get(event.ground)
    if event.present < Fraction(2, 3) * case.maslihat.seats:
        out.findings.append(("no_quorum", "warning", event.date, index))
        return
    if record is None or record[1] not in ("submitted", "vote_failed"):
        out.findings.append(("vote_without_submission", "warning", event.date, index))
        return
    passed = event.in_favour > Fraction(event.present, 2) or (
        event.in_favour == event.against
        and event.in_favour + event.against == event.present
        and event.chair_vote == "in_favour"
    )
    record[1:] = ["decided" if passed else "vote_failed", event.date]
    if passed:
        out.status, out.ended, out.ended_by = "terminated", event.date, event.ground
