"""The mandate's lifecycle: the one definition of its states and allowed transitions.

The engine drives this chart from the events and the rules; it never decides on its
own whether a move is allowed. It moves a mandate by `TABLE`, the chart's moves read
off this class (the chart has no guards or actions, so the table is all it does),
rather than by building the library's machine for every case. An event the chart
does not allow in the current state is reported (as `event_outside_mandate` when the
mandate is not in force) rather than applied. docs/lifecycle.md shows this chart,
generated from this class.
"""

from __future__ import annotations

from statemachine import State, StateChart
from statemachine.contrib.diagram.formatter import formatter

from maslihat.rules.ruleset import ChartTable


class MandateLifecycle(StateChart):  # type: ignore[type-arg]  # no domain model: no type argument
    """A deputy's mandate from candidacy to its end.

    - `register`: the TEC registers an eligible person; the mandate begins.
    - `observe`: an event happens while the mandate is in force and changes no state.
    - `ground_arises`: an early-termination ground arises (or is submitted).
    - `terminate`: the mandate ends early, by a session decision or by law.
    - `expire`: the mandate ends with the mäslihat's term.
    """

    allow_event_without_transition = False
    catch_errors_as_events = False

    candidate = State("Candidate", initial=True)
    active = State("Active")
    termination_pending = State("Termination pending")
    terminated = State("Terminated", final=True)
    expired = State("Expired", final=True)

    register = candidate.to(active)
    observe = active.to.itself() | termination_pending.to.itself()  # type: ignore[no-untyped-call]
    ground_arises = active.to(termination_pending) | termination_pending.to.itself()  # type: ignore[no-untyped-call]
    terminate = active.to(terminated) | termination_pending.to(terminated)
    expire = active.to(expired) | termination_pending.to(expired)

    @property
    def status(self) -> str:
        """The id of the current state, which is the result's `status`."""
        return str(next(iter(self.configuration)).id)

    def allows(self, transition: str) -> bool:
        """Whether `transition` is allowed from the current state."""
        return (self.status, transition) in TABLE.moves


TABLE = ChartTable(
    moves={
        (state.id, str(event)): transition.target.id
        for state in MandateLifecycle.states
        for transition in state.transitions
        for event in transition.events
    },
    initial=MandateLifecycle.initial_state.id,
    final=frozenset(state.id for state in MandateLifecycle.states if state.final),
    probe="observe",
)
"""Every move the chart allows, read off it: what the engine drives (see `ChartTable`)."""

TRANSITIONS: frozenset[str] = frozenset(str(event) for event in MandateLifecycle._events)
"""The names of the chart's transitions, which rule files may refer to."""


def mermaid() -> str:
    """The chart as a mermaid state diagram, rendered by python-statemachine itself."""
    return str(formatter.render(MandateLifecycle, "mermaid"))
