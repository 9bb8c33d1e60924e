"""Named facts: whole years with the 29 February convention, counts and runs."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from maslihat.rules.derived import anniversary, whole_years

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
