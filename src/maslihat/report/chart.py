"""The lifecycle chart as a picture, with the path one case took through it.

The states and transitions are read from `MandateLifecycle` (the one definition of
the chart; `lifecycle.mermaid()` renders the same chart as text), laid out in layers
by the longest path from the initial state, and drawn by `chart.svg.j2`. The path a
case took is read from its timeline: every step whose status before and after differ.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from maslihat.i18n import DEFAULT_LANGUAGE, N_, Language, status_words, worded
from maslihat.lifecycle import MandateLifecycle
from maslihat.report.textbox import wrap

BOX_W, BOX_H, GAP_X, GAP_Y, MARGIN = 150, 40, 100, 80, 30
LINE_H, NAME_W, NAME_PX = 15, BOX_W - 16, 13
"""A state's name wraps to its box (13 px type, 8 px each side); the boxes grow a
line's height for each line past the first."""
EDGE_W, EDGE_PX = GAP_X - 10, 11
"""Between two boxes a transition's label wraps to the gap (11 px type)."""
EVENT_WORDS = {
    "register": N_("register"),
    "observe": N_("observe"),
    "ground_arises": N_("ground arises"),
    "terminate": N_("terminate"),
    "expire": N_("expire"),
}
"""The chart's transition events in words (a test ties them to the chart)."""


@dataclass(frozen=True)
class Node:
    """A state: its box, and whether the case was in it."""

    id: str
    name: str
    lines: tuple[str, ...]
    x: float
    y: float
    visited: bool
    current: bool
    final: bool


@dataclass(frozen=True)
class Edge:
    """A transition (or, for a self-loop, every transition that stays in its state)."""

    source: str
    target: str
    label: str
    lines: tuple[str, ...]
    path: str
    label_x: float
    label_y: float
    taken: bool


@dataclass(frozen=True)
class Chart:
    """Everything `chart.svg.j2` draws."""

    width: float
    height: float
    box_w: int
    box_h: int
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]
    line_h: int = LINE_H


def chart(
    moves: Iterable[tuple[str, str]], current: str, lang: Language = DEFAULT_LANGUAGE
) -> Chart:
    """The chart with the `moves` (status before, after) of a case and its `current` status.

    States are named by the chart in English, by their statuses' words in another
    language, wrapped to fit their boxes.
    """
    taken = set(moves)
    names = {s.id: _state_name(s.id, s.name, lang) for s in MandateLifecycle.states}
    wrapped = {key: wrap(name, NAME_W, NAME_PX) for key, name in names.items()}
    box_h = BOX_H + LINE_H * (max(len(lines) for lines in wrapped.values()) - 1)
    visited = {MandateLifecycle.initial_state.id, current} | {s for move in taken for s in move}
    layer = _layers()
    columns: dict[int, list[str]] = defaultdict(list)
    for state in MandateLifecycle.states:
        columns[layer[state.id]].append(state.id)
    tallest = max(len(c) for c in columns.values())
    height = MARGIN * 2 + tallest * box_h + (tallest - 1) * GAP_Y + 30
    place: dict[str, tuple[float, float]] = {}
    for column, ids in columns.items():
        used = len(ids) * box_h + (len(ids) - 1) * GAP_Y
        for row, state_id in enumerate(ids):
            x = MARGIN + column * (BOX_W + GAP_X)
            place[state_id] = (x, (height - used) / 2 + row * (box_h + GAP_Y) + 10)
    nodes = tuple(
        Node(
            s.id,
            names[s.id],
            wrapped[s.id],
            *place[s.id],
            s.id in visited,
            s.id == current,
            s.final,
        )
        for s in MandateLifecycle.states
    )
    width = MARGIN * 2 + (max(columns) + 1) * BOX_W + max(columns) * GAP_X
    edges = tuple(_edges(place, taken, box_h, lang))
    return Chart(width, height, BOX_W, box_h, nodes, edges)


def _state_name(state: str, name: str, lang: Language) -> str:
    if lang == DEFAULT_LANGUAGE:
        return name
    words = status_words(state, lang)
    return words[:1].upper() + words[1:]


def _transitions() -> dict[tuple[str, str], list[str]]:
    """The chart's transitions, by (source, target), with their events' ids."""
    found: dict[tuple[str, str], list[str]] = defaultdict(list)
    for state in MandateLifecycle.states:
        for transition in state.transitions:
            pair = (transition.source.id, transition.target.id)
            found[pair].extend(str(e) for e in transition.events)
    return found


def event_words(event: str, lang: Language = DEFAULT_LANGUAGE) -> str:
    """A transition's event in words: `ground arises`."""
    return worded(EVENT_WORDS, event, lang, event.replace("_", " "))


def _layers() -> dict[str, int]:
    """Each state's layer: the longest path to it from the initial state, loops aside."""
    layer = {MandateLifecycle.initial_state.id: 0}
    pairs = [pair for pair in _transitions() if pair[0] != pair[1]]
    for _ in MandateLifecycle.states:  # a chart with no cycles settles in this many rounds
        for source, target in pairs:
            if source in layer and layer.get(target, -1) < layer[source] + 1:
                layer[target] = layer[source] + 1
    return layer


def _edges(
    place: dict[str, tuple[float, float]], taken: set[tuple[str, str]], box_h: int, lang: Language
) -> list[Edge]:
    edges = []
    for (source, target), events in _transitions().items():
        label = ", ".join(dict.fromkeys(event_words(e, lang) for e in events))
        sx, sy = place[source]
        tx, ty = place[target]
        if source == target:
            cx = sx + BOX_W / 2
            path = f"M{cx - 22},{sy} C{cx - 30},{sy - 34} {cx + 30},{sy - 34} {cx + 22},{sy}"
            edges.append(Edge(source, target, label, (label,), path, cx, sy - 30, False))
            continue
        x1, y1 = sx + BOX_W, sy + box_h / 2
        x2, y2 = tx, ty + box_h / 2
        skip = tx - sx > BOX_W + GAP_X
        # past a layer, bend outwards, clear of the boxes (and their loops) between
        mx, my = (x1 + x2) / 2, y2 + (y2 - y1) if skip else (y1 + y2) / 2
        path = f"M{x1},{y1} Q{mx},{my} {x2},{y2}"
        lx, ly = (x1 + 2 * mx + x2) / 4, (y1 + 2 * my + y2) / 4 - 4
        # between two boxes a label has the gap's width: a long one goes on two lines
        lines = wrap(label, EDGE_W, EDGE_PX)
        taken_here = (source, target) in taken
        edges.append(Edge(source, target, label, lines, path, lx, ly, taken_here))
    return edges
