"""An event that looks like a ground and is not one says why, with the rule that decided."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import maslihat
from maslihat.cli.render import result_text

Run = Callable[..., maslihat.Result]
Build = Callable[..., maslihat.Case]


def conviction(offence: str, in_force: str = "2022-03-15") -> dict[str, Any]:
    """A conviction decided on 2022-03-01 for `offence`."""
    return {
        "date": "2022-03-01",
        "type": "court_decision",
        "ruling": "conviction",
        "offence": offence,
        "in_force": in_force,
    }


def test_a_negligent_misdemeanour_after_2015_says_why_it_is_not_a_ground(
    build: Build, run: Run
) -> None:
    """The 2015 version of ground 6 decides, and the failed part names the offence."""
    result = run(build(conviction("negligent_misdemeanour")))
    assert result.grounds == ()
    (entry,) = result.not_grounds
    assert (entry.event, entry.ground, entry.rule) == (1, "conviction", "conviction@2015-01-01")
    assert entry.date.isoformat() == "2022-03-15"
    assert entry.citation == "Law 148-II, art. 20(3)(6), as amended by Law 227-V"
    assert entry.reason == (
        "event.offence in [crime, intentional_misdemeanour] does not hold "
        "(event.offence = 'negligent_misdemeanour')"
    )


def test_the_reason_is_there_with_a_submission_that_has_no_evidence(build: Build, run: Run) -> None:
    """The TEC submits ground 6 anyway: the finding stands, and the line says why not."""
    submission = {"date": "2022-04-01", "type": "commission_submission", "ground": "conviction"}
    result = run(build(conviction("negligent_misdemeanour"), submission))
    assert [f.code for f in result.findings] == ["submission_without_evidence"]
    assert [entry.rule for entry in result.not_grounds] == ["conviction@2015-01-01"]
    text = result_text(result)
    assert "Not grounds:" in text
    assert "events[1] (2022-03-15) is not ground conviction: event.offence in" in text


def test_a_ground_that_arose_or_was_never_in_question_says_nothing(build: Build, run: Run) -> None:
    """A conviction for a crime is a ground; a ruling of incapacity is not "not a conviction"."""
    assert run(build(conviction("crime"))).not_grounds == ()
    incapacity = {**conviction("crime"), "ruling": "incapacity"}
    result = run(build(incapacity))
    assert [g.ground for g in result.grounds] == ["incapacity"]
    assert result.not_grounds == ()


def test_a_move_within_the_unit_says_the_place_is_within_it(build: Build, run: Run) -> None:
    """A permanent move inside the mäslihat's unit: the negated part is worded as such."""
    move = {"date": "2022-05-01", "type": "residence_changed", "territory": "231010001"}
    (entry,) = run(build(move)).not_grounds
    assert entry.ground == "residence_outside_unit"
    assert entry.reason.startswith(
        "event.territory within maslihat.territory holds, and the rule needs it not to"
    )


def test_a_result_without_near_misses_has_no_new_key(build: Build, run: Run) -> None:
    """`not_grounds` is left out of the JSON when empty, so such results are unchanged."""
    data = json.loads(run(build()).model_dump_json())
    assert "not_grounds" not in data
    with_one = json.loads(run(build(conviction("negligent_misdemeanour"))).model_dump_json())
    assert with_one["not_grounds"][0]["rule"] == "conviction@2015-01-01"


def activity(kind: str, field: str, day: str = "2021-03-01") -> dict[str, Any]:
    """An outside activity started on `day`."""
    return {"date": day, "type": "activity_started", "activity": kind, "field": field}


def test_paid_teaching_says_why_it_is_not_a_breach(build: Build, run: Run) -> None:
    """A deputy on the permanent paid basis who teaches is told which exception allows it."""
    result = run(build(activity("paid_work", "teaching"), basis="permanent"))
    assert result.findings == ()
    (entry,) = result.not_breaches
    assert (entry.event, entry.restriction) == (1, "incompatible_activity")
    assert entry.item == "activity=paid_work/field=teaching"
    assert entry.rule == "incompatible_activity@2001-01-23"
    assert "item.field not in [creative, science, teaching] does not hold" in entry.reason
    assert entry.citation == "Law 148-II, art. 20(6)"
    assert "Not breaches:" in result_text(result)


def test_a_breach_or_an_unpaid_deputy_gets_no_such_line(build: Build, run: Run) -> None:
    """Management is a breach, not a near miss; off the paid basis nothing is in question."""
    breach = run(build(activity("management", "teaching"), basis="permanent"))
    assert [f.code for f in breach.findings] == ["incompatible_activity"]
    assert breach.not_breaches == ()
    assert run(build(activity("paid_work", "teaching"), basis="non_permanent")).not_breaches == ()


def test_the_reason_is_the_same_with_and_without_the_trace(build: Build, run: Run) -> None:
    """Explaining changes nothing in the line, though only the traced run builds its
    explanation along the way."""
    case = build(activity("paid_work", "science"), basis="permanent")
    assert run(case).not_breaches == run(case, explain=True).not_breaches
    assert "not_breaches" not in json.loads(run(build()).model_dump_json())


def test_an_item_once_in_breach_is_never_called_allowed(build: Build, run: Run) -> None:
    """A second mandate that overlapped at registration and ended later was a breach: the
    result does not list it as allowed once it ended; one that ended before is listed."""
    overlapping = {"maslihat": "Atyrau City Mäslihat", "began": "2016-03-25", "ended": "2021-02-01"}
    later = build(
        {"date": "2021-03-01", "type": "meeting", "body": "plenary", "attendance": "present"},
        other_mandates=[overlapping],
    )
    result = run(later)
    assert [f.code for f in result.findings] == ["multiple_mandates"]
    assert result.not_breaches == ()
    ended = {**overlapping, "ended": "2021-01-11"}
    (entry,) = run(build(other_mandates=[ended])).not_breaches
    assert entry.item == "maslihat=Atyrau City Mäslihat/began=2016-03-25/ended=2021-01-11"
