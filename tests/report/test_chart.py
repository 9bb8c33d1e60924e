"""The lifecycle chart is the chart of `MandateLifecycle`, with the case's path marked."""

from __future__ import annotations

from maslihat.lifecycle import MandateLifecycle
from maslihat.report.chart import chart


def test_every_state_and_transition_is_drawn() -> None:
    """A box per state of the chart, an edge per pair of states a transition joins."""
    drawn = chart([], "candidate")
    assert [n.id for n in drawn.nodes] == [s.id for s in MandateLifecycle.states]
    pairs = {(t.source.id, t.target.id) for s in MandateLifecycle.states for t in s.transitions}
    assert {(e.source, e.target) for e in drawn.edges} == pairs


def test_the_path_taken_is_highlighted() -> None:
    """The states visited and the moves made are marked; the current state is outlined."""
    moves = [("candidate", "active"), ("active", "termination_pending")]
    drawn = chart(moves, "termination_pending")
    assert {n.id for n in drawn.nodes if n.visited} == {
        "candidate",
        "active",
        "termination_pending",
    }
    assert [n.id for n in drawn.nodes if n.current] == ["termination_pending"]
    assert {(e.source, e.target) for e in drawn.edges if e.taken} == set(moves)


def test_states_are_laid_out_in_layers() -> None:
    """Each state stands right of every state it can be reached from (loops aside)."""
    drawn = chart([], "candidate")
    x = {n.id: n.x for n in drawn.nodes}
    for edge in drawn.edges:
        if edge.source != edge.target:
            assert x[edge.source] < x[edge.target]
    boxes = [(n.x, n.y) for n in drawn.nodes]
    assert len(set(boxes)) == len(boxes)


def test_states_and_transitions_are_named_in_the_language() -> None:
    """In Kazakh a state is named by its status's words, wrapped to its box, which grows;
    a long transition label goes on two lines; English keeps one line everywhere."""
    english, kazakh = chart([], "candidate"), chart([], "candidate", "kk")
    assert {len(n.lines) for n in english.nodes} == {1} and english.box_h == 40
    pending = next(n for n in kazakh.nodes if n.id == "termination_pending")
    assert pending.name.startswith("Өкілеттігін") and len(pending.lines) > 1
    assert kazakh.box_h == 40 + kazakh.line_h * (max(len(n.lines) for n in kazakh.nodes) - 1)
    assert any(len(e.lines) > 1 for e in kazakh.edges)
    assert {len(e.lines) for e in english.edges} == {1}
