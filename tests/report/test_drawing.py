"""The SVG timeline shows every ground as one bar and every event as one tick.

Checked on every example, as of its last event and as of a day in its middle (so
that some events fall after the as-of date and are still drawn, greyed).
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pytest

import maslihat
from maslihat.engine.evaluate import evaluate_with_timeline
from maslihat.i18n import day as human_day
from maslihat.report import case_report_parts, stage_history
from maslihat.report import timeline_steps as steps
from maslihat.report.drawing import LABELS, picture
from maslihat.report.textbox import text_width

EXAMPLES = sorted((Path(__file__).resolve().parents[2] / "examples").glob("*.yaml"))
SVG = "{http://www.w3.org/2000/svg}"


def as_of_dates(case: maslihat.Case) -> list[dt.date]:
    days = sorted(e.date for e in case.events)
    return [days[-1], days[len(days) // 2]]


def groups(svg: str, css: str) -> list[ET.Element]:
    root = ET.fromstring(svg)
    return [g for g in root.iter(f"{SVG}g") if css in g.get("class", "").split()]


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_one_bar_per_ground_and_one_tick_per_event(path: Path, rules: maslihat.RuleSet) -> None:
    """Each ground of the result is one bar, each event of the case one tick."""
    case = maslihat.load_case(path)
    for day in as_of_dates(case):
        result, entries = evaluate_with_timeline(case, as_of=day, rules=rules, explain=True)
        svg = case_report_parts(case, result, entries, rules)["timeline_svg"]
        bars = groups(svg, "ground-bar")
        assert [b.get("data-key") for b in bars] == [g.ground for g in result.grounds]
        assert all(
            b.find(f"{SVG}rect") is not None or b.find(f"{SVG}path") is not None for b in bars
        )
        ticks = groups(svg, "event-tick")
        assert sorted(int(t.get("data-event", "-1")) for t in ticks) == list(
            range(len(case.events))
        )
        later = {int(t.get("data-event", "-1")) for t in ticks if "later" in t.get("class", "")}
        assert later == {i for i, e in enumerate(case.events) if e.date > day}


def test_a_ground_is_drawn_through_its_stages(rules: maslihat.RuleSet) -> None:
    """A ground that was submitted and then decided shows arisen, submitted, decided."""
    case = maslihat.load_case(EXAMPLES[0])  # resignation: filed, submitted, decided
    result, entries = evaluate_with_timeline(case, as_of=dt.date(2023, 1, 1), rules=rules)
    svg = case_report_parts(case, result, entries, rules)["timeline_svg"]
    (bar,) = groups(svg, "ground-bar")
    stages = [shape.get("class") for shape in bar if shape.tag in (f"{SVG}rect", f"{SVG}path")]
    stages = [s for s in stages if s]
    assert stages == ["stage arisen", "stage submitted", "stage decided"]


def test_a_breach_is_a_period(rules: maslihat.RuleSet) -> None:
    """A breach that ended is drawn from its first day to its last, in a lane of its own."""
    case = maslihat.load_case(next(p for p in EXAMPLES if "outside-activities" in p.name))
    result, entries = evaluate_with_timeline(case, as_of=dt.date(2026, 1, 1), rules=rules)
    svg = case_report_parts(case, result, entries, rules)["timeline_svg"]
    (lane,) = [g for g in groups(svg, "lane") if "finding" in g.get("class", "").split()]
    (rect,) = [r for r in lane.iter(f"{SVG}rect") if r.get("class")]
    assert rect.get("class") == "finding violation"
    assert float(rect.get("width", "0")) > 20


def test_what_is_still_open_ends_at_the_as_of_line(rules: maslihat.RuleSet) -> None:
    """A mandate in force and a pending ground are drawn up to the as-of date, not past it."""
    case = maslihat.load_case(next(p for p in EXAMPLES if "conviction-pending" in p.name))
    result, entries = evaluate_with_timeline(case, as_of=dt.date(2026, 12, 1), rules=rules)
    drawn = picture(
        case, result, stage_history(case, result, steps(case, result, entries, rules), rules)
    )
    open_bars = [bar for lane in drawn.lanes for bar in lane.bars if bar.open_end]
    assert {lane.kind for lane in drawn.lanes if any(b.open_end for b in lane.bars)} == {
        "mandate",
        "ground",
    }
    assert all(abs(bar.x + bar.width - drawn.as_of_x) < 0.2 for bar in open_bars)


def test_kazakh_event_labels_get_the_room_they_need(
    build: Callable[..., maslihat.Case], rules: maslihat.RuleSet
) -> None:
    """Under the axis there is room for the longest slanted label, in any language."""
    case = build({"date": "2022-02-01", "type": "resignation_filed"})
    as_of = dt.date(2022, 3, 1)
    drawn = {}
    for lang in ("en", "kk"):
        result, entries = evaluate_with_timeline(case, as_of=as_of, rules=rules, lang=lang)
        stages = stage_history(case, result, steps(case, result, entries, rules), rules)
        drawn[lang] = picture(case, result, stages, lang)
    english, kazakh = drawn["en"], drawn["kk"]
    assert english.height - english.axis_y == LABELS
    longest = max(text_width(t.label, 11) for t in kazakh.ticks)
    assert kazakh.height - kazakh.axis_y >= longest * 0.9
    assert kazakh.as_of_label == f"{human_day(as_of, 'kk')} жағдай бойынша"
