"""The lifecycle chart is the single definition of states and allowed transitions."""

from __future__ import annotations

import pytest

from maslihat.lifecycle import TRANSITIONS, MandateLifecycle, mermaid


def walk(*transitions: str) -> MandateLifecycle:
    chart = MandateLifecycle()
    for name in transitions:
        chart.fire(name)
    return chart


def test_states_are_the_contract_statuses() -> None:
    """The chart's states are exactly the statuses of contract v1."""
    ids = {state.id for state in MandateLifecycle.states}
    assert ids == {"candidate", "active", "termination_pending", "terminated", "expired"}
    assert walk().status == "candidate"


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
    with pytest.raises(MandateLifecycle.TransitionNotAllowed):
        walk(*path)


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
    """Skipping no-op self-loops never lets a disallowed transition through."""
    chart = walk("register", "expire")
    for name in TRANSITIONS:
        assert not chart.allows(name)
        with pytest.raises(MandateLifecycle.TransitionNotAllowed):
            chart.fire(name)
