"""The mandate's lifecycle: the one definition of its states and allowed transitions.

The engine drives this chart from the events and the rules; it never decides on its
own whether a move is allowed. An event the chart does not allow in the current
state is reported (as `event_outside_mandate` when the mandate is not in force)
rather than applied. docs/lifecycle.md shows this chart, generated from this class.
"""

from __future__ import annotations

from statemachine import State, StateChart
from statemachine.contrib.diagram.formatter import formatter


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
        return (self.status, transition) in _ALLOWED

    def fire(self, transition: str) -> None:
        """Take `transition`; a self-loop with no actions changes nothing, so it is not sent.

        The check that it is allowed still comes from the chart, so a disallowed move
        raises `TransitionNotAllowed` either way. Skipping the no-op send is what keeps
        evaluation fast: most events are `observe` self-loops.
        """
        if (self.status, transition) in _SELF_LOOPS:
            return
        self.send(transition)


_ALLOWED = frozenset(
    (state.id, str(event))
    for state in MandateLifecycle.states
    for t in state.transitions
    for event in t.events
)
_SELF_LOOPS = frozenset(
    (state.id, str(event))
    for state in MandateLifecycle.states
    for t in state.transitions
    if t.target is t.source
    for event in t.events
)

TRANSITIONS: frozenset[str] = frozenset(str(event) for event in MandateLifecycle._events)
"""The names of the chart's transitions, which rule files may refer to."""

IN_MANDATE_PROBE = "observe"
"""The transition whose availability means the mandate is in force."""


def mermaid() -> str:
    """The chart as a mermaid state diagram, rendered by python-statemachine itself."""
    return str(formatter.render(MandateLifecycle, "mermaid"))
