"""Where one mandate stands in the lifecycle chart, moved by the chart's own table.

A run used to build the library's machine and send it events; that cost more than the
rest of an evaluation together. The rules carry the chart's moves as a table read off
`MandateLifecycle` (`ChartTable`), so a position is one state id and a lookup, and the
chart remains the only place where moves are defined.
"""

from __future__ import annotations

from maslihat.errors import EvaluationError
from maslihat.rules.ruleset import ChartTable


class ChartPosition:
    """One mandate's current state, moved only along the chart's transitions."""

    __slots__ = ("_table", "status")

    def __init__(self, table: ChartTable) -> None:
        self._table = table
        self.status: str = table.initial
        """The id of the current state, which is the result's `status`."""

    @property
    def initial(self) -> bool:
        """Whether the mandate is still in the chart's initial state."""
        return self.status == self._table.initial

    @property
    def in_force(self) -> bool:
        """Whether the mandate is in force: the chart's probe transition is allowed."""
        return (self.status, self._table.probe) in self._table.moves

    @property
    def is_terminated(self) -> bool:
        """Whether the mandate has reached a final state."""
        return self.status in self._table.final

    def allows(self, transition: str) -> bool:
        """Whether `transition` is allowed from the current state."""
        return (self.status, transition) in self._table.moves

    def fire(self, transition: str) -> None:
        """Take `transition`; one the chart does not allow is a defect of the engine."""
        target = self._table.moves.get((self.status, transition))
        if target is None:
            raise EvaluationError(f"the lifecycle chart has no {transition!r} from {self.status}")
        self.status = target
