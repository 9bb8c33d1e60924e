"""A rule's versions over time as bars: the geometry the rule page's SVG is drawn from.

Each version is a bar from the day it came into force to the day it ceased (or to the
chart's end, open, when it is still in force); a day chosen inside a window of possible
days shows the window as well. The arithmetic lives here, not in the template, so that
it is typed and tested.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from maslihat.rules.listing import RuleVersionInfo

WIDTH = 1200.0
"""The chart's width in SVG user units; the page scales it to fit."""
MAX_TICKS = 12


@dataclass(frozen=True)
class Bar:
    """One version's bar: where it starts and how wide it is, in user units."""

    version: RuleVersionInfo
    x: float
    width: float
    open_ended: bool
    window: tuple[float, float] | None
    """The window of possible first days (x, width), when the first day was chosen in one."""


@dataclass(frozen=True)
class Chart:
    """Bars on one time axis, with year ticks and the day looked at."""

    start: dt.date
    end: dt.date
    bars: tuple[Bar, ...]
    ticks: tuple[tuple[float, int], ...]
    """(x, year) for each labelled 1 January."""
    marker: float | None
    """Where the day looked at (`as_of`) falls, when it is on the axis."""


def _scale(start: dt.date, end: dt.date, day: dt.date) -> float:
    return (day - start).days / (end - start).days * WIDTH


def chart(versions: Sequence[RuleVersionInfo], today: dt.date, as_of: dt.date | None) -> Chart:
    """The chart of `versions` (at least one), from the first one's year to after `today`."""
    firsts = [v.window[0] if v.window else v.valid_from for v in versions]
    lasts = [v.valid_to or v.valid_from for v in versions]
    start = dt.date(min(firsts).year, 1, 1)
    end = dt.date(max([*lasts, today, as_of or today]).year + 1, 1, 1)
    bars = []
    for v in versions:
        x = _scale(start, end, v.valid_from)
        until = _scale(start, end, v.valid_to + dt.timedelta(days=1)) if v.valid_to else WIDTH
        window = None
        if v.window:
            left = _scale(start, end, v.window[0])
            window = (left, _scale(start, end, v.window[1]) - left)
        bars.append(Bar(v, x, max(until - x, 1.0), v.valid_to is None, window))
    years = range(start.year, end.year + 1)
    step = -(-len(years) // MAX_TICKS)
    ticks = tuple((_scale(start, end, dt.date(y, 1, 1)), y) for y in years[::step])
    marker = _scale(start, end, as_of) if as_of and start <= as_of <= end else None
    return Chart(start, end, tuple(bars), ticks, marker)
