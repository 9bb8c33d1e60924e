"""The situation a condition is evaluated in: the case, the event, the state, the day.

It resolves fact paths (`event.in_force`, `state.basis`) by walking attributes and
keys, computes named facts on demand (once per situation) and remembers what they
read, so that the trace can say why `age` was 19.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from maslihat.errors import EvaluationError
from maslihat.rules.conditions import Explanation, show
from maslihat.rules.ruleset import RuleSet
from maslihat.rules.syntax import FactTemplate

Observer = Callable[[Explanation], None]
"""Called with the explanation of every condition node evaluated (for coverage)."""


class Situation:
    """Roots of fact paths, bound for one evaluation of one rule."""

    __slots__ = ("_cache", "_history", "_roots", "_rules", "day", "derived_reads", "observer")

    def __init__(
        self,
        rules: RuleSet,
        day: dt.date,
        roots: Mapping[str, Any],
        history: Mapping[str, Sequence[Any]],
        observer: Observer | None = None,
    ) -> None:
        self._rules = rules
        self._roots = roots
        self._history = history
        self._cache: dict[str, Any] = {}
        self.day = day
        self.observer = observer
        self.derived_reads: dict[str, Any] = {}

    def get(self, path: str) -> Any:
        """The value at `path`; a named fact is computed the first time it is read."""
        root, _, rest = path.partition(".")
        if root in self._rules.facts:
            if root not in self._cache:
                value, read = self._rules.facts[root].compute(self)
                self._cache[root] = value
                self.derived_reads.update(read)
            return self._cache[root]
        try:
            value = self._roots[root]
        except KeyError:
            raise EvaluationError(f"fact {path!r} is not available here") from None
        for name in rest.split(".") if rest else ():
            value = value.get(name) if isinstance(value, Mapping) else getattr(value, name, None)
        return value

    def items_of(self, list_id: str, tagged: str | None) -> frozenset[str]:
        """The list's items in force on the situation's day."""
        return self._rules.lists[list_id].at(self.day, tagged)

    def history(self, event_type: str) -> Sequence[Any]:
        """The events of `event_type` applied so far in the mandate."""
        return self._history.get(event_type, ())

    def bind(self, root: str, value: Any) -> Situation:
        """The same situation with `root` bound to `value`."""
        bound = Situation(
            self._rules, self.day, {**self._roots, root: value}, self._history, self.observer
        )
        bound.derived_reads = self.derived_reads
        return bound

    def observe(self, explained: Explanation) -> None:
        """Pass a condition's explanation to the observer, if one listens (coverage)."""
        if self.observer is not None:
            self.observer(explained)

    def render(self, template: str) -> str:
        """Fill `${path}` placeholders in a message template with facts."""
        return FactTemplate(template).substitute(_Lookup(self))


class _Lookup(Mapping[str, str]):
    def __init__(self, situation: Situation) -> None:
        self._situation = situation

    def __getitem__(self, key: str) -> str:
        value = self._situation.get(key)
        return value if isinstance(value, str) else show(value)

    def __iter__(self):  # type: ignore[no-untyped-def]  # never iterated by Template
        return iter(())

    def __len__(self) -> int:
        return 0
