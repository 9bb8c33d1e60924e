"""The lifecycle chart is the single definition of states and allowed transitions.

The engine moves mandates with a table read off the chart; these tests prove that the
table and the library's own machine agree on every move from every state.
"""

from __future__ import annotations

from collections import deque

import pytest
from statemachine.exceptions import TransitionNotAllowed

from maslihat.engine.position import ChartPosition
from maslihat.errors import EvaluationError
from maslihat.lifecycle import TABLE, TRANSITIONS, MandateLifecycle, mermaid


def walk(*transitions: str) -> ChartPosition:
    chart = ChartPosition(TABLE)
    for name in transitions:
        chart.fire(name)
    return chart


def library_chart(*transitions: str) -> MandateLifecycle:
    """The library's own machine, moved by its own `send`."""
    chart = MandateLifecycle()
    for name in transitions:
        chart.send(name)
    return chart


def state_of(chart: MandateLifecycle) -> str:
    return str(next(iter(chart.configuration)).id)


def paths_to_every_state() -> dict[str, tuple[str, ...]]:
    """A shortest path of transitions from the initial state to each reachable state."""
    paths = {state_of(library_chart()): ()}
    queue = deque(paths)
    while queue:
        state = queue.popleft()
        for name in sorted(TRANSITIONS):
            try:
                reached = state_of(library_chart(*paths[state], name))
            except TransitionNotAllowed:
                continue
            if reached not in paths:
                paths[reached] = (*paths[state], name)
                queue.append(reached)
    return paths


def test_the_table_is_the_chart() -> None:
    """For every state and transition, the table does what the library's `send` does."""
    paths = paths_to_every_state()
    assert set(paths) == {state.id for state in MandateLifecycle.states}
    for state, path in paths.items():
        for name in sorted(TRANSITIONS):
            try:
                expected: str | None = state_of(library_chart(*path, name))
            except TransitionNotAllowed:
                expected = None
            assert TABLE.moves.get((state, name)) == expected, (state, name)
            table = walk(*path)
            assert table.allows(name) is (expected is not None)
            if expected is None:
                with pytest.raises(EvaluationError):
                    table.fire(name)
            else:
                table.fire(name)
                assert table.status == expected
                assert table.is_terminated is library_chart(*path, name).is_terminated


def test_the_chart_has_no_behaviour_beyond_its_moves() -> None:
    """No guards, actions or compound states: what the table leaves out, the chart lacks."""
    assert MandateLifecycle.initial_state.id == TABLE.initial
    assert {s.id for s in MandateLifecycle.states if s.final} == TABLE.final
    for state in MandateLifecycle.states:
        assert not state.states, f"{state.id} is compound"
        assert not callbacks(state.enter, state.exit), f"{state.id} has actions"
        for transition in state.transitions:
            groups = (transition.cond, transition.validators, transition.before, transition.on)
            assert not callbacks(*groups, transition.after), f"{state.id}: guard or action"


def callbacks(*groups: object) -> list[str]:
    """The callbacks of `groups` that exist: explicit ones, and conventions defined."""
    found = []
    for group in groups:
        for spec in group:  # type: ignore[attr-defined]
            name = getattr(spec, "attr_name", None) or str(spec)
            if not spec.is_convention or hasattr(MandateLifecycle, name):
                found.append(name)
    return found


def test_states_are_the_contract_statuses() -> None:
    """The chart's states are exactly the statuses of contract v1."""
    ids = {state.id for state in MandateLifecycle.states}
    assert ids == {"candidate", "active", "termination_pending", "terminated", "expired"}
    assert walk().status == "candidate" == state_of(library_chart())


@pytest.mark.parametrize(
    ("path", "status"),
    [
        (("register",), "active"),
        (("register", "observe"), "active"),
        (("register", "ground_arises", "ground_arises"), "termination_pending"),
        (("register", "terminate"), "terminated"),
        (("register", "ground_arises", "terminate"), "terminated"),
        (("register", "ground_arises", "expire"), "expired"),
    ],
)
def test_allowed_paths(path: tuple[str, ...], status: str) -> None:
    """The mandate moves only along the chart's transitions."""
    assert walk(*path).status == status


@pytest.mark.parametrize(
    "path",
    [("observe",), ("ground_arises",), ("register", "register"), ("register", "expire", "observe")],
)
def test_disallowed_transitions_raise(path: tuple[str, ...]) -> None:
    """Nothing happens to a candidate or an ended mandate; registration happens once."""
    with pytest.raises(EvaluationError, match="has no"):
        walk(*path)
    with pytest.raises(TransitionNotAllowed):
        library_chart(*path)


def test_allows_reflects_the_current_state() -> None:
    """`allows` answers from the chart, which the engine uses to reject events."""
    chart = walk("register")
    assert chart.allows("observe") and not chart.allows("register")
    assert {"register", "observe", "ground_arises", "terminate", "expire"} == TRANSITIONS


def test_mermaid_lists_every_transition() -> None:
    """The generated diagram names every state."""
    text = mermaid()
    assert text.startswith("stateDiagram-v2")
    for state in ("candidate", "active", "termination_pending", "terminated", "expired"):
        assert state in text


def test_fire_refuses_what_the_chart_does_not_allow() -> None:
    """An ended mandate allows nothing; firing anything anyway is an engine defect."""
    chart = walk("register", "expire")
    assert chart.is_terminated and not chart.in_force
    for name in TRANSITIONS:
        assert not chart.allows(name)
        with pytest.raises(EvaluationError, match="from expired"):
            chart.fire(name)
