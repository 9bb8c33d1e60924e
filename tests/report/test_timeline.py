"""The timeline as data: the run's steps, findings, and decisions that raised no ground."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import maslihat
from maslihat.engine.evaluate import evaluate_with_timeline
from maslihat.report import TimelineStep, timeline_steps

Build = Callable[..., maslihat.Case]


def steps_of(case: maslihat.Case, rules: maslihat.RuleSet, as_of: str) -> list[TimelineStep]:
    result, entries = evaluate_with_timeline(case, as_of=dt.date.fromisoformat(as_of), rules=rules)
    return timeline_steps(case, result, entries, rules)


def test_a_breach_shows_when_it_opens_and_ends(build: Build, rules: maslihat.RuleSet) -> None:
    """An outside activity on the permanent basis is a finding, and its end a step too."""
    case = build(
        {
            "date": "2021-05-01",
            "type": "activity_started",
            "activity": "management",
            "field": "other",
        },
        {
            "date": "2021-09-01",
            "type": "activity_ended",
            "activity": "management",
            "field": "other",
        },
        basis="permanent",
    )
    steps = steps_of(case, rules, "2022-01-01")
    found = [(s.date.isoformat(), s.kind, s.finding) for s in steps if s.finding]
    assert found == [
        ("2021-05-01", "finding", "incompatible_activity"),
        ("2021-09-01", "finding_ends", "incompatible_activity"),
    ]
    opened = next(s for s in steps if s.kind == "finding")
    assert opened.severity == "violation" and opened.until == dt.date(2021, 9, 1)
    assert opened.before == opened.after == "active"


def test_a_court_decision_that_is_no_ground_still_takes_effect(
    build: Build, rules: maslihat.RuleSet
) -> None:
    """A decision entering into force later is a step on that day, even when no ground arises."""
    case = build(
        {
            "date": "2022-03-01",
            "type": "court_decision",
            "ruling": "conviction",
            "offence": "negligent_misdemeanour",
            "in_force": "2022-04-01",
        },
    )
    steps = steps_of(case, rules, "2022-06-01")
    effect = [s for s in steps if s.kind == "takes_effect"]
    assert [(s.date.isoformat(), s.event, s.what) for s in effect] == [
        ("2022-04-01", 1, "court decision takes effect")
    ]
    assert effect[0].note == "no ground arises"
    assert effect[0].before == effect[0].after == "active"


def test_steps_are_in_date_order_and_name_rules_in_words(
    build: Build, rules: maslihat.RuleSet
) -> None:
    """The steps run by date; a deciding rule has its id, version and title apart."""
    case = build(
        {"date": "2022-02-01", "type": "resignation_filed"},
        {"date": "2022-02-10", "type": "commission_submission", "ground": "resignation"},
    )
    steps = steps_of(case, rules, "2022-06-01")
    assert [s.date for s in steps] == sorted(s.date for s in steps)
    filed = next(s for s in steps if s.event == 1)
    assert (filed.rule, filed.version) == ("resignation", "resignation@2001-01-23")
    assert filed.rule_title == "ground 8, Resignation"
    assert (filed.before, filed.after) == ("active", "termination_pending")
    assert filed.what == "resignation filed"


def test_an_event_after_the_as_of_date_is_noted(build: Build, rules: maslihat.RuleSet) -> None:
    """An event after the as-of date is a step that changes nothing, so marked."""
    case = build({"date": "2022-02-01", "type": "resignation_filed"})
    (last,) = steps_of(case, rules, "2022-01-01")[-1:]
    assert last.event == 1 and last.note == "after the as-of date: not considered"
    assert last.before == last.after == "active"
