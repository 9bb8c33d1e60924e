"""The situation a condition is evaluated in: the case, the event, the state, the day.

It resolves fact paths (`event.in_force`, `state.basis`) by walking attributes and
keys, computes named facts on demand (once per situation) and remembers what they
read, so that the trace can say why `age` was 19.

It also decides how a condition is judged: explained when the trace or an observer
will read the explanation, and merely tested otherwise.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from functools import lru_cache
from typing import Any

from maslihat.errors import EvaluationError
from maslihat.rules.conditions import Condition, Explanation, show
from maslihat.rules.ruleset import RuleSet
from maslihat.rules.template import FactTemplate

Observer = Callable[[Explanation], None]
"""Called with the explanation of every condition node evaluated (for coverage)."""


class Situation:
    """Roots of fact paths, bound for one evaluation of one rule."""

    __slots__ = (
        "_cache",
        "_facts",
        "_history",
        "_roots",
        "_rules",
        "day",
        "derived_reads",
        "explain",
        "observer",
    )

    def __init__(
        self,
        rules: RuleSet,
        day: dt.date,
        roots: Mapping[str, Any],
        history: Mapping[str, Sequence[Any]],
        observer: Observer | None = None,
        explain: bool = False,
    ) -> None:
        self._rules = rules
        self._facts = rules.facts
        self._roots = roots
        self._history = history
        self._cache: dict[str, Any] = {}
        self.day = day
        self.observer = observer
        self.explain = explain
        """Whether the conditions judged here go into the trace."""
        self.derived_reads: dict[str, Any] = {}

    def get(self, path: str) -> Any:
        """The value at `path`; a named fact is computed the first time it is read."""
        # Read about a hundred times per case: try/except costs nothing when nothing
        # is raised, which here is every time but the first read of a path.
        try:
            root, names = _PATHS[path]
        except KeyError:
            root, _, rest = path.partition(".")
            root, names = _PATHS.setdefault(path, (root, tuple(rest.split(".")) if rest else ()))
        derived = self._facts.get(root)
        if derived is not None:
            cache = self._cache
            if root not in cache:
                value, read = derived.compute(self)
                cache[root] = value
                self.derived_reads.update(read)
            return cache[root]
        try:
            value = self._roots[root]
        except KeyError:
            raise EvaluationError(f"fact {path!r} is not available here") from None
        for name in names:
            mapping = _MAPPING.get(type(value))
            if mapping is None:
                mapping = _MAPPING.setdefault(type(value), isinstance(value, Mapping))
            value = value.get(name) if mapping else getattr(value, name, None)
        return value

    def items_of(self, list_id: str, tagged: str | None) -> frozenset[str]:
        """The list's items in force on the situation's day."""
        return self._rules.lists[list_id].at(self.day, tagged)

    def history(self, event_type: str) -> Sequence[Any]:
        """The events of `event_type` applied so far in the mandate."""
        return self._history.get(event_type, ())

    def bind(self, root: str, value: Any) -> Situation:
        """The same situation with `root` bound to `value`."""
        roots = dict(self._roots)
        roots[root] = value
        bound = Situation(self._rules, self.day, roots, self._history, self.observer, self.explain)
        bound.derived_reads = self.derived_reads
        return bound

    def each(self, root: str, values: Iterable[Any]) -> Iterator[Situation]:
        """The situation with `root` bound to each value in turn, for a named fact's count.

        One bound situation is rebound for each value rather than one built per value
        (a count over a case's events binds each event): the named facts it computed
        for one value are forgotten before the next, so each value is judged as by
        `bind`. The situation yielded is only good until the next one.
        """
        bound = self.bind(root, None)
        roots, cache = bound._roots, bound._cache
        assert isinstance(roots, dict)  # bind's own copy
        for value in values:
            roots[root] = value
            if cache:
                cache.clear()
            yield bound

    def observe(self, explained: Explanation) -> None:
        """Pass a condition's explanation to the observer, if one listens (coverage)."""
        if self.observer is not None:
            self.observer(explained)

    def holds(self, condition: Condition) -> bool:
        """Whether `condition` holds; explained only for an observer (a named fact's
        conditions never reach the trace)."""
        if self.observer is not None:
            return condition.evaluate(self).value
        return condition.test(self)

    def judge(self, condition: Condition) -> tuple[bool, Explanation | None]:
        """Whether `condition` holds, and why when the trace or an observer will ask."""
        if self.explain or self.observer is not None:
            explained = condition.evaluate(self)
            return explained.value, explained
        return condition.test(self), None

    def render(self, template: str) -> str:
        """Fill `${path}` placeholders in a message template with facts."""
        pieces = _pieces(template)
        if pieces is None:  # an ill-formed `$`: string.Template raises as it always has
            return FactTemplate(template).substitute(_Lookup(self))
        lookup = _Lookup(self)
        return "".join(lookup[piece] if odd else piece for odd, piece in pieces)


@lru_cache(maxsize=4096)
def _pieces(template: str) -> tuple[tuple[bool, str], ...] | None:
    """The template as text and fact paths (True), as `FactTemplate` reads it, split once.

    Every finding and next step fills a template: matching it again each time cost
    more than the rest of building the result. None for a template `substitute`
    refuses, so that it raises its own error.
    """
    pieces: list[tuple[bool, str]] = []
    end = 0
    for match in FactTemplate.pattern.finditer(template):
        pieces.append((False, template[end : match.start()]))
        end = match.end()
        if match.group("invalid") is not None:
            return None
        escaped = match.group("escaped")
        path = match.group("named") or match.group("braced")
        pieces.append((False, escaped) if escaped is not None else (True, path))
    pieces.append((False, template[end:]))
    return tuple(pieces)


_PATHS: dict[str, tuple[str, tuple[str, ...]]] = {}
"""Fact paths split into root and names, once per path (rule files have a few hundred)."""


_ABSENT = object()

_MAPPING: dict[type, bool] = {}
"""Whether values of a type are read by key (dicts) or by attribute (models), by type:
an `isinstance` check against the `Mapping` ABC costs more than the read itself."""


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
