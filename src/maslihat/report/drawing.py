"""The case's timeline as a picture: where each bar, tick and line of the SVG goes.

The geometry is computed here, in plain numbers, and drawn by `timeline.svg.j2`, so a
test can count what the picture shows (a bar per ground, a tick per event) and the
template holds no arithmetic. Lanes from the top: the mandate, each ground through
the stages of its procedure, each finding (a breach as a period, other findings as a
point); under the axis, one tick per event with its type.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field

from maslihat.i18n import DEFAULT_LANGUAGE, Language, day, stage_words, status_words, translator
from maslihat.model import Case, Result
from maslihat.report.textbox import fit, text_width
from maslihat.report.words import code_words, event_words

WIDTH, LEFT, RIGHT, TOP = 1100, 240, 30, 46
LANE, BAR = 30, 16
SPACING = 16
"""The least distance between two events' labels, slanted at 65 degrees."""
LABELS = 130
"""Room under the axis for the events' slanted labels (more when the longest needs it)."""
SLANT, RUN = 0.906, 0.423
"""sin 65° and cos 65°: how much of a slanted label's length goes down, and right."""
ENDS = frozenset({"decided", "automatic", "recorded"})
"""Stages at which a ground has ended the mandate: drawn as a mark, not a period."""


@dataclass(frozen=True)
class Bar:
    """A period (or, with no width, a point) in a lane."""

    x: float
    width: float
    css: str
    title: str
    open_end: bool = False


@dataclass(frozen=True)
class Lane:
    """One row of the picture: what it shows and its bars."""

    kind: str
    key: str
    label: str
    y: float
    bars: tuple[Bar, ...]

    @property
    def shown(self) -> str:
        """The label as drawn: cut short to the room left of the lanes (12 px type)."""
        return fit(self.label, LEFT - 6, 12)


@dataclass(frozen=True)
class Tick:
    """An event of the case on the axis."""

    x: float
    event: int
    label: str
    title: str
    later: bool
    shift: float


@dataclass(frozen=True)
class Picture:
    """Everything `timeline.svg.j2` draws."""

    width: int
    height: float
    axis_y: float
    lanes: tuple[Lane, ...]
    ticks: tuple[Tick, ...]
    grid: tuple[tuple[float, str], ...]
    as_of_x: float
    as_of_label: str
    left: int = LEFT
    right_edge: int = WIDTH - RIGHT
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Scale:
    start: dt.date
    end: dt.date

    def x(self, day: dt.date) -> float:
        span = max((self.end - self.start).days, 1)
        clipped = min(max(day, self.start), self.end)
        return round(LEFT + (WIDTH - LEFT - RIGHT) * (clipped - self.start).days / span, 1)


def picture(
    case: Case,
    result: Result,
    stages: dict[str, list[tuple[dt.date, str]]],
    lang: Language = DEFAULT_LANGUAGE,
) -> Picture:
    """The picture of `case` on its as-of date; `stages` is each ground's stage history.

    Its words are in `lang` (the result's titles and messages are as it gives them).
    """
    _ = translator(lang).gettext
    scale, beyond = _scale(case, result, stages)
    lanes = [_mandate_lane(result, scale, TOP, lang)]
    for ground in result.grounds:
        history = stages.get(ground.ground) or [(ground.stage_date, ground.stage)]
        label = f"{ground.subparagraph} {ground.title}"
        y = TOP + LANE * len(lanes)
        lanes.append(_ground_lane(ground.ground, label, history, scale, y, result.as_of, lang))
    for number, finding in enumerate(result.findings):
        if finding.date is None:
            continue
        start = scale.x(finding.date)
        period = finding.severity == "violation"
        end = scale.x(finding.until or result.as_of) if period else start
        when = f"{day(finding.date, lang)} – {day(finding.until, lang)}"
        title = f"{finding.code}: {finding.message} ({when})"
        bar = Bar(
            start, end - start, f"finding {finding.severity}", title, period and not finding.until
        )
        label = code_words(finding.code, lang)
        lanes.append(Lane("finding", f"{number}", label, TOP + LANE * len(lanes), (bar,)))
    axis_y = TOP + LANE * len(lanes) + 6
    ticks = _ticks(case, result, scale, lang)
    as_of = _("as of {date}").format(date=day(result.as_of, lang))
    as_of += _(" (later, off the scale)") if beyond else ""
    return Picture(
        width=_width(ticks),
        height=axis_y + _label_room(ticks),
        axis_y=axis_y,
        lanes=tuple(lanes),
        ticks=ticks,
        grid=_grid(scale),
        as_of_x=scale.x(result.as_of),
        as_of_label=as_of,
    )


def _scale(
    case: Case, result: Result, stages: dict[str, list[tuple[dt.date, str]]]
) -> tuple[_Scale, bool]:
    """The days drawn: all the case's dates, and the as-of date unless it is far later."""
    days = [e.date for e in case.events]
    days += [d for history in stages.values() for d, _ in history]
    days += [d for f in result.findings for d in (f.date, f.until) if d is not None]
    if result.mandate is not None:
        days += [d for d in (result.mandate.began, result.mandate.ended) if d is not None]
    if not days:
        days = [result.as_of]
    start, last = min(days), max(days)
    span = max((last - start).days, 30)
    beyond = (result.as_of - last).days > span // 3
    end = last + dt.timedelta(days=span // 12) if beyond else max(last, result.as_of)
    pad = dt.timedelta(days=max(span // 40, 3))
    return _Scale(start - pad, end + pad), beyond


def _mandate_lane(result: Result, scale: _Scale, y: float, lang: Language) -> Lane:
    _ = translator(lang).gettext
    mandate = result.mandate
    if mandate is None:
        return Lane("mandate", "mandate", _("Mandate: not registered"), y, ())
    end = mandate.ended or result.as_of
    title = _("mandate {began} – {ended} ({status})").format(
        began=day(mandate.began, lang),
        ended=day(mandate.ended, lang),
        status=status_words(result.status, lang),
    )
    start = scale.x(mandate.began)
    bar = Bar(start, scale.x(end) - start, "mandate", title, mandate.ended is None)
    return Lane("mandate", "mandate", _("Mandate"), y, (bar,))


def _ground_lane(
    ground: str,
    label: str,
    history: list[tuple[dt.date, str]],
    scale: _Scale,
    y: float,
    as_of: dt.date,
    lang: Language,
) -> Lane:
    """A ground's stages, each until the next; the last (unless it ended) up to `as_of`."""
    _ = translator(lang).gettext
    bars = []
    for position, (reached, stage) in enumerate(history):
        start = scale.x(reached)
        following = history[position + 1][0] if position + 1 < len(history) else None
        title = _("{stage} on {date}").format(
            stage=stage_words(stage, lang), date=day(reached, lang)
        )
        if stage in ENDS:
            bars.append(Bar(start, 0, f"stage {stage}", title))
            continue
        end = scale.x(following or as_of)
        bars.append(Bar(start, end - start, f"stage {stage}", title, following is None))
    return Lane("ground", ground, label, y, tuple(bars))


def _ticks(case: Case, result: Result, scale: _Scale, lang: Language) -> tuple[Tick, ...]:
    _ = translator(lang).gettext
    ticks, label_at = [], -1000.0
    for index in sorted(range(len(case.events)), key=lambda i: case.events[i].date):
        event = case.events[index]
        x = scale.x(event.date)
        shift = max(x, label_at + SPACING) - x  # slanted labels closer than this overlap
        label_at = x + shift
        later = event.date > result.as_of
        title = f"#{index} {day(event.date, lang)} {event.type}"
        title += _(" (after the as-of date)") if later else ""
        ticks.append(Tick(x, index, event_words(event.type, lang), title, later, shift))
    return tuple(ticks)


def _label_room(ticks: tuple[Tick, ...]) -> float:
    """The room under the axis: LABELS, or what the longest slanted label takes."""
    longest = max((text_width(t.label, 11) for t in ticks), default=0.0)
    return max(LABELS, round(16 + longest * SLANT))


def _width(ticks: tuple[Tick, ...]) -> int:
    """WIDTH, or wider when a slanted label near the right end would run past it (as an
    English one could: "maslihat powers ended" on a last day was cut off)."""
    ends = (t.x + 4 + t.shift + text_width(t.label, 11) * RUN for t in ticks)
    return max(WIDTH, math.ceil(max(ends, default=0.0) + 20))  # the estimate errs narrow


def _grid(scale: _Scale) -> tuple[tuple[float, str], ...]:
    """Vertical lines at round dates: years, or months for a short case."""
    months = (scale.end.year - scale.start.year) * 12 + scale.end.month - scale.start.month
    step = next((s for s in (1, 2, 3, 6, 12, 24, 60, 120) if months / s <= 10), 120)
    mark = dt.date(scale.start.year, 1, 1)
    lines = []
    while mark <= scale.end:
        if mark >= scale.start:
            label = str(mark.year) if step >= 12 else f"{mark:%Y-%m}"
            lines.append((scale.x(mark), label))
        total = mark.month - 1 + step
        mark = dt.date(mark.year + total // 12, total % 12 + 1, 1)
    return tuple(lines)
