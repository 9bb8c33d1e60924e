"""The run loop: event order, deferred effects, versions by date, findings over periods."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import maslihat

Run = Callable[..., maslihat.Result]


def codes(result: maslihat.Result) -> list[str]:
    return [finding.code for finding in result.findings]


def test_verdict_arises_on_entry_into_force_not_on_decision(
    build: Callable[..., maslihat.Case], run: Run
) -> None:
    """A conviction decided before its entry into force arises on the in_force date."""
    case = build(
        {
            "date": "2022-03-01",
            "type": "court_decision",
            "ruling": "conviction",
            "in_force": "2022-04-01",
        }
    )
    assert run(case, "2022-03-15").status == "active"
    later = run(case, "2022-05-01")
    assert later.status == "termination_pending"
    assert later.grounds[0].arose.isoformat() == "2022-04-01"


def test_entry_into_force_comes_before_events_of_the_same_day(
    build: Callable[..., maslihat.Case], run: Run
) -> None:
    """A submission on the day a verdict enters into force finds the ground already arisen."""
    case = build(
        {
            "date": "2022-03-01",
            "type": "court_decision",
            "ruling": "conviction",
            "in_force": "2022-04-01",
        },
        {"date": "2022-04-01", "type": "commission_submission", "ground": "conviction"},
    )
    result = run(case)
    assert result.grounds[0].stage == "submitted"
    assert "submission_without_evidence" not in codes(result)


def test_verdict_in_force_after_the_mandate_is_outside_it(
    build: Callable[..., maslihat.Case], run: Run
) -> None:
    """A verdict taking effect after the mandate ended is reported, not applied."""
    case = build(
        {
            "date": "2022-01-10",
            "type": "court_decision",
            "ruling": "conviction",
            "in_force": "2022-03-01",
        },
        {"date": "2022-02-01", "type": "maslihat_powers_ended", "early": False},
    )
    result = run(case)
    assert result.status == "expired" and result.grounds == ()
    assert codes(result) == ["event_outside_mandate"]


def test_version_is_chosen_by_the_date_the_ground_arises(
    build: Callable[..., maslihat.Case], run: Run
) -> None:
    """A negligent misdemeanour ends the mandate only under the version before 2015."""
    decided = {
        "date": "2014-12-01",
        "type": "court_decision",
        "ruling": "conviction",
        "offence": "negligent_misdemeanour",
    }
    old = build({**decided, "in_force": "2014-12-31"}, registered="2012-01-10")
    new = build({**decided, "in_force": "2015-01-01"}, registered="2012-01-10")
    assert [g.ground for g in run(old).grounds] == ["conviction"]
    assert run(new).grounds == ()


def test_second_registration_is_not_allowed(build: Callable[..., maslihat.Case], run: Run) -> None:
    """Registering a registered deputy again is reported, not applied."""
    result = run(build({"date": "2021-02-01", "type": "registered"}))
    assert result.status == "active" and codes(result) == ["event_not_allowed"]
    assert result.findings[0].event == 1
    assert result.findings[0].citation == "Law 148-II, art. 20(2)"


def test_step_the_procedure_lacks_cites_the_procedure(
    build: Callable[..., maslihat.Case], run: Run
) -> None:
    """A TEC record on a ground decided by session vote is not allowed, citing art. 20(4)."""
    case = build(
        {"date": "2022-02-01", "type": "resignation_filed"},
        {"date": "2022-02-05", "type": "commission_decision", "ground": "resignation"},
    )
    finding = run(case).findings[0]
    assert (finding.code, finding.citation) == ("event_not_allowed", "Law 148-II, art. 20(4)")


def test_breach_runs_from_start_to_end(build: Callable[..., maslihat.Case], run: Run) -> None:
    """An incompatible activity is a finding from its start until it ends."""
    case = build(
        {"date": "2021-05-01", "type": "activity_started", "activity": "management"},
        {"date": "2021-08-01", "type": "activity_ended", "activity": "management"},
        basis="permanent",
    )
    finding = run(case).findings[0]
    assert (finding.code, finding.date.isoformat(), str(finding.until)) == (
        "incompatible_activity",
        "2021-05-01",
        "2021-08-01",
    )
    assert finding.event == 1


def test_breach_starts_when_the_basis_changes(
    build: Callable[..., maslihat.Case], run: Run
) -> None:
    """Paid work begun off the permanent basis becomes a breach on moving to it."""
    case = build(
        {"date": "2021-05-01", "type": "activity_started", "activity": "paid_work"},
        {"date": "2021-06-01", "type": "basis_changed", "basis": "permanent"},
    )
    finding = run(case).findings[0]
    assert finding.date.isoformat() == "2021-06-01" and finding.until is None


def test_breach_closes_when_the_mandate_ends(build: Callable[..., maslihat.Case], run: Run) -> None:
    """An open breach ends with the mandate."""
    case = build(
        {"date": "2021-05-01", "type": "activity_started", "activity": "entrepreneurship"},
        {"date": "2022-01-01", "type": "maslihat_powers_ended", "early": True},
        basis="permanent",
    )
    result = run(case)
    assert result.status == "terminated" and result.mandate is not None
    assert result.mandate.ended_by == "maslihat_terminated"
    assert str(result.findings[0].until) == "2022-01-01"


def test_next_steps_follow_the_stage(build: Callable[..., maslihat.Case], run: Run) -> None:
    """A pending ground says who acts next, from the procedure's rules."""
    case = build({"date": "2022-02-01", "type": "resignation_filed"})
    steps = run(case).next_steps
    assert [(s.actor, s.action, s.ground) for s in steps] == [("tec", "submit", "resignation")]
    assert steps[0].text == "TEC to submit ground 8 (Resignation) to the mäslihat"


def test_events_after_as_of_are_not_considered(
    build: Callable[..., maslihat.Case], run: Run
) -> None:
    """Events dated after the as-of date change nothing."""
    case = build({"date": "2022-02-01", "type": "death"})
    assert run(case, "2022-01-31").status == "active"
    assert run(case, "2022-02-01").status == "termination_pending"


def test_never_registered_is_checked_on_as_of(
    build: Callable[..., maslihat.Case], run: Run
) -> None:
    """Without a registration, eligibility is judged on the as-of date."""
    case = build(registered=None, born="2004-06-01")
    assert run(case, "2024-05-31").eligible is False
    assert run(case, "2024-06-01").eligible is True


def test_explain_traces_every_conclusion_with_its_citation(
    build: Callable[..., maslihat.Case], run: Run
) -> None:
    """The trace names each rule and version applied, what it read and its citation."""
    result = run(build({"date": "2022-02-01", "type": "resignation_filed"}), explain=True)
    assert result.trace is not None
    by_rule = {entry.rule: entry for entry in result.trace}
    age = by_rule["minimum_age"]
    assert age.version == "minimum_age@2001-01-23"
    assert age.inputs["age"] == 35 and age.outcome == "met"
    assert age.citation and "art. 5" in age.citation
    assert by_rule["resignation"].outcome == "arises"
    assert by_rule["resignation"].citation == "Law 148-II, art. 20(3)(8)"


def test_the_trace_names_rule_and_version_apart_in_date_order(
    build: Callable[..., maslihat.Case], run: Run
) -> None:
    """`rule` is the rule id (with the part of it applied), `version` the version; by date."""
    case = build(
        {"date": "2022-02-01", "type": "resignation_filed"},
        {"date": "2022-02-10", "type": "commission_submission", "ground": "resignation"},
    )
    result = run(case, explain=True)
    assert result.trace is not None
    assert all(entry.rule != entry.version for entry in result.trace)
    assert all("@" not in entry.rule for entry in result.trace)
    dates = [entry.date for entry in result.trace if entry.date is not None]
    assert dates == sorted(dates)
    step = next(e for e in result.trace if e.rule == "session_decision.submission.outcomes[0]")
    assert step.version == "session_decision@2021-07-11"


def test_observer_sees_conditions(build: Callable[..., maslihat.Case], run: Run) -> None:
    """An observer is told of every condition node evaluated (for coverage)."""
    seen: list[tuple[str, bool]] = []
    run(build(), observer=lambda explained: seen.append((explained.node, explained.value)))
    assert ("checks.minimum_age@2001-01-23", True) in seen


def test_an_event_that_ends_the_term_applies_nothing_else(
    edited: Callable[..., Path], build: Callable[..., maslihat.Case]
) -> None:
    """A rule set where one event both ends the term and raises a ground does not crash."""
    rules = maslihat.load_rules(
        edited(
            "grounds",
            "fact: event.early\n              eq: true",
            "fact: event.early\n              eq: false",
        )
    )
    case = build({"date": "2022-01-01", "type": "maslihat_powers_ended", "early": False})
    result = maslihat.evaluate(case, as_of=dt.date(2022, 6, 1), rules=rules)
    assert result.status == "expired" and result.grounds == ()


def test_a_step_with_no_outcome_that_applies_changes_nothing(
    edited: Callable[..., Path], build: Callable[..., maslihat.Case]
) -> None:
    """When no outcome's condition holds, the step has no effect (not the last outcome's)."""
    last = "              - stage: vote_failed\n"
    rules = maslihat.load_rules(
        edited("procedures", last, last + "                when: {fact: event.present, eq: 0}\n")
    )
    case = build(
        {"date": "2015-02-01", "type": "resignation_filed"},
        {"date": "2015-02-05", "type": "commission_submission", "ground": "resignation"},
        {
            "date": "2015-02-10",
            "type": "session_vote",
            "ground": "resignation",
            "present": 30,
            "in_favour": 10,
        },
        registered="2012-03-20",
    )
    result = maslihat.evaluate(case, as_of=dt.date(2015, 3, 1), rules=rules)  # first version
    assert result.status == "termination_pending"
    assert [(g.stage, str(g.stage_date)) for g in result.grounds] == [("submitted", "2015-02-05")]
