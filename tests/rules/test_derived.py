"""Named facts: whole years with the 29 February convention, counts and runs."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from maslihat.engine.situation import Situation
from maslihat.model import EVENT_MODELS
from maslihat.rules import conditions as c
from maslihat.rules.derived import RunLength, anniversary, whole_years
from maslihat.rules.ruleset import RuleSet

D = dt.date


@pytest.mark.parametrize(
    ("born", "on", "years"),
    [
        (D(2001, 1, 10), D(2021, 1, 10), 20),
        (D(2001, 1, 11), D(2021, 1, 10), 19),
        (D(2000, 2, 29), D(2020, 2, 29), 20),
        (D(2000, 2, 29), D(2021, 2, 28), 21),
        (D(2000, 2, 29), D(2021, 2, 27), 20),
    ],
)
def test_whole_years(born: dt.date, on: dt.date, years: int) -> None:
    """Age in whole years; born 29 February turns older on 28 February in common years."""
    assert whole_years(born, on, "feb28") == years


def test_march_first_convention_is_available() -> None:
    """The other convention moves the anniversary to 1 March."""
    assert anniversary(D(2000, 2, 29), 2021, "mar1") == D(2021, 3, 1)
    assert whole_years(D(2000, 2, 29), D(2021, 2, 28), "mar1") == 20


@given(st.dates(min_value=D(1900, 1, 1), max_value=D(2100, 1, 1)), st.integers(0, 120))
def test_anniversary_is_exactly_n_years(born: dt.date, years: int) -> None:
    """On the anniversary one is exactly n years old, and the day before n - 1."""
    day = anniversary(born, born.year + years, "feb28")
    assert whole_years(born, day, "feb28") == years
    if years:
        assert whole_years(born, day - dt.timedelta(days=1), "feb28") == years - 1


def test_a_run_can_pass_over_events_it_does_not_count(rules: RuleSet) -> None:
    """With `among`, meetings of bodies neither extend nor break a run of plenary absences."""
    meeting = EVENT_MODELS["meeting"]
    rows = [("plenary", "unexcused"), ("commission", "present"), ("plenary", "unexcused")]
    history = {
        "meeting": [
            meeting.model_validate(
                {"date": f"2010-0{i + 1}-01", "type": "meeting", "body": b, "attendance": a}
            )
            for i, (b, a) in enumerate(rows)
        ]
    }
    where = c.Comparison("w", "event.attendance", "eq", c.Constant("unexcused"))
    among = c.Comparison("a", "event.body", "eq", c.Constant("plenary"))
    facts = Situation(rules, dt.date(2010, 4, 1), {}, history)
    assert RunLength("run", "meeting", where, among).compute(facts)[0] == 2
    assert RunLength("run", "meeting", where).compute(facts)[0] == 1
