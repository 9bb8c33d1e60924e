"""Compiled conditions: small immutable objects that evaluate and explain themselves.

Each node knows its id (its path in the rule set, e.g.
`grounds.conviction@2015-01-01.triggers[0].when.all[1]`) and returns an
`Explanation` carrying its value, the facts it read and its children's explanations.
The trace of `--explain` and the coverage audit are both built from these.
`all` and `any` stop at the first child that decides them, as a reader would; the
children not evaluated are reported as skipped. An explanation is put in words when it
is read (`Explanation.lines(lang=...)`): the condition language's own words (all, any,
not, always, a list and its tag, a part not needed) come from one table, `words`, in
each language; fact paths, operators and values stay as the rule file writes them.

Each node also has `test`, which gives the same value and builds nothing: the engine
uses it when neither the trace nor an observer will read the explanation, which is
most of the time (an explanation costs several times the test it explains).
`tests/golden/` checks that both paths give the same results.
"""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from functools import cache
from types import MappingProxyType
from typing import Any, Protocol

from maslihat.errors import EvaluationError
from maslihat.i18n import DEFAULT_LANGUAGE, Language, translator


class Facts(Protocol):
    """What a condition can ask of the situation it is evaluated in."""

    @property
    def day(self) -> dt.date:
        """The date the rules are applied for (lists are taken as in force that day)."""
        ...

    def get(self, path: str) -> Any:
        """The value of a fact path or a named fact."""
        ...

    def items_of(self, list_id: str, tagged: str | None) -> frozenset[str]:
        """The ids of a list's items in force on `day`, optionally only those tagged."""
        ...

    def history(self, event_type: str) -> Sequence[Any]:
        """The events of a type applied so far in the mandate, oldest first."""
        ...

    def bind(self, root: str, value: Any) -> Facts:
        """The same situation with one more root (such as `item`) bound."""
        ...

    def each(self, root: str, values: Iterable[Any]) -> Iterator[Facts]:
        """The situation with `root` bound to each value in turn (each good until the next)."""
        ...

    def observe(self, explained: Explanation) -> None:
        """Note that a condition node was evaluated, and why it came out as it did."""
        ...

    def holds(self, condition: Condition) -> bool:
        """Whether `condition` holds, explained only if something listens."""
        ...


@dataclass(frozen=True, slots=True)
class Explanation:
    """Why a condition has the value it has."""

    node: str
    text: str
    value: bool
    inputs: dict[str, Any] = field(default_factory=dict)
    children: tuple[Explanation, ...] = ()
    skipped: tuple[str, ...] = ()
    kind: str = "compare"
    """`compare`, `all`, `any`, `not` or `always`: which kind of node explained itself."""
    listed: ListItems | None = None
    """The list a comparison read, whose description has words to put in a language."""
    skipped_nodes: tuple[Condition, ...] = ()
    """The children `skipped` describes, to describe them again in another language."""

    def lines(self, indent: int = 0, lang: Language = DEFAULT_LANGUAGE) -> list[str]:
        """The explanation as indented lines, ✓ for true and ✗ for false, in `lang`."""
        mark = "✓" if self.value else "✗"
        out = [f"{'  ' * indent}{mark} {self.said(lang)}"]
        for child in self.children:
            out.extend(child.lines(indent + 1, lang))
        if lang == DEFAULT_LANGUAGE or len(self.skipped_nodes) != len(self.skipped):
            skipped = list(self.skipped)
        else:
            skipped = [describe(node, lang) for node in self.skipped_nodes]
        template = words(lang)["not needed"]
        out.extend(f"{'  ' * (indent + 1)}· {template.format(test=text)}" for text in skipped)
        return out

    def said(self, lang: Language = DEFAULT_LANGUAGE) -> str:
        """This node's own line in `lang`: the condition language's words translated,
        fact paths, operators and values as they are."""
        if lang == DEFAULT_LANGUAGE:
            return self.text
        if self.kind != "compare":
            return words(lang)[self.kind]
        if self.listed is not None:
            return self.text.replace(self.listed.describe(), self.listed.describe(lang))
        return self.text

    def facts(self) -> dict[str, Any]:
        """Every fact read anywhere in this explanation."""
        found = dict(self.inputs)
        for child in self.children:
            found.update(child.facts())
        return found


class Condition(Protocol):
    """A compiled condition."""

    @property
    def node(self) -> str:
        """The condition's id: its path in the rule set."""
        ...

    def evaluate(self, facts: Facts) -> Explanation:
        """Evaluate against `facts` and say why."""
        ...

    def test(self, facts: Facts) -> bool:
        """The value `evaluate` would give, without the explanation."""
        ...

    def walk(self) -> Iterable[Condition]:
        """This node and every node below it."""
        ...


def show(value: Any) -> str:
    """A value as it would be written in a rule file."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Fraction):
        return str(value) if value.denominator != 1 else str(value.numerator)
    if isinstance(value, frozenset | set):
        return "[" + ", ".join(sorted(map(str, value))) + "]"
    if value is None:
        return "null"
    return repr(value) if isinstance(value, str) else str(value)


class Operand(Protocol):
    """The right-hand side of a comparison."""

    def resolve(self, facts: Facts) -> tuple[Any, dict[str, Any]]:
        """The value, and any facts read to get it."""
        ...

    def value_in(self, facts: Facts) -> Any:
        """The value alone."""
        ...

    def describe(self, lang: Language = DEFAULT_LANGUAGE) -> str:
        """How the operand reads in a rule (its words in `lang`)."""
        ...


@dataclass(frozen=True, slots=True)
class Constant:
    """A value written in the rule."""

    value: Any

    def resolve(self, facts: Facts) -> tuple[Any, dict[str, Any]]:
        """The literal itself."""
        return self.value, {}

    def value_in(self, facts: Facts) -> Any:
        """The literal itself."""
        return self.value

    def describe(self, lang: Language = DEFAULT_LANGUAGE) -> str:
        """The literal as written, in every language."""
        return show(self.value)


@dataclass(frozen=True, slots=True)
class FactValue:
    """Another fact, optionally multiplied by a fraction (`2/3 × maslihat.seats`)."""

    path: str
    times: Fraction | None = None

    def resolve(self, facts: Facts) -> tuple[Any, dict[str, Any]]:
        """The fact's value, scaled."""
        read = facts.get(self.path)
        return self._scaled(read), {self.path: read}

    def value_in(self, facts: Facts) -> Any:
        """The fact's value, scaled."""
        return self._scaled(facts.get(self.path))

    def _scaled(self, value: Any) -> Any:
        if self.times is None or value is None:
            return value
        if isinstance(value, bool) or not isinstance(value, int | Fraction):
            raise EvaluationError(f"cannot scale {self.path} = {show(value)}: not a number")
        return Fraction(value) * self.times

    def describe(self, lang: Language = DEFAULT_LANGUAGE) -> str:
        """`2/3 × maslihat.seats`, in every language."""
        return self.path if self.times is None else f"{show(self.times)} × {self.path}"


@dataclass(frozen=True, slots=True)
class ListItems:
    """The items of a rule list in force on the evaluation date."""

    list_id: str
    tagged: str | None = None

    def resolve(self, facts: Facts) -> tuple[Any, dict[str, Any]]:
        """The item ids, as a set."""
        return facts.items_of(self.list_id, self.tagged), {}

    def value_in(self, facts: Facts) -> Any:
        """The item ids, as a set."""
        return facts.items_of(self.list_id, self.tagged)

    def describe(self, lang: Language = DEFAULT_LANGUAGE) -> str:
        """`list position_categories tagged incompatible`, in `lang`."""
        said = words(lang)
        if self.tagged:
            return said["list tagged"].format(list=self.list_id, tag=self.tagged)
        return said["list"].format(list=self.list_id)


def kato_within(place: str, unit: str) -> bool:
    """Whether KATO code `place` lies inside unit `unit` (trailing zero levels dropped)."""
    prefix = unit
    for boundary in (6, 4, 2):
        if set(prefix[boundary:]) <= {"0"}:
            prefix = prefix[:boundary]
    return place.startswith(prefix)


def _ordered(compare: Callable[[Any, Any], bool]) -> Callable[[Any, Any], bool]:
    def check(left: Any, right: Any) -> bool:
        return left is not None and right is not None and compare(left, right)

    return check


OPERATIONS: dict[str, tuple[str, Callable[[Any, Any], bool]]] = {
    "eq": ("=", operator.eq),
    "ne": ("≠", operator.ne),
    "gt": (">", _ordered(operator.gt)),
    "ge": ("≥", _ordered(operator.ge)),
    "lt": ("<", _ordered(operator.lt)),
    "le": ("≤", _ordered(operator.le)),
    "in": ("in", lambda left, right: left in right),
    "not_in": ("not in", lambda left, right: left not in right),
    "within": ("within", lambda left, right: kato_within(str(left), str(right))),
}
"""Operator name to its symbol and test; ordering against a missing value is false."""


@dataclass(frozen=True, slots=True)
class Comparison:
    """A fact compared with a value: `age ≥ 20`, `event.offence in [crime, ...]`."""

    node: str
    path: str
    op: str
    operand: Operand
    test: Callable[[Facts], bool] = field(init=False, repr=False, compare=False)
    """The value `evaluate` would give, without the explanation: a closure over the
    operator and operand, built once when the rule is compiled."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "test", self._compile())

    def __reduce__(self) -> tuple[Any, ...]:
        # The closure is rebuilt, not pickled (the rule-set cache and worker processes).
        return (type(self), (self.node, self.path, self.op, self.operand))

    def _compile(self) -> Callable[[Facts], bool]:
        # `_compare` inlined, with the operation looked up once: this is the innermost
        # call of every rule on every event (and of every item a named fact counts).
        path, operation, cannot = self.path, OPERATIONS[self.op][1], self._cannot
        if isinstance(self.operand, Constant):
            right = self.operand.value

            def against_constant(facts: Facts) -> bool:
                left = facts.get(path)
                try:
                    return bool(operation(left, right))
                except TypeError as exc:
                    raise cannot(left, right) from exc

            return against_constant
        value_in = self.operand.value_in

        def against_operand(facts: Facts) -> bool:
            left, right = facts.get(path), value_in(facts)
            try:
                return bool(operation(left, right))
            except TypeError as exc:
                raise cannot(left, right) from exc

        return against_operand

    def evaluate(self, facts: Facts) -> Explanation:
        """Compare, reading the fact and the operand."""
        left = facts.get(self.path)
        right, read = self.operand.resolve(facts)
        symbol = OPERATIONS[self.op][0]
        value = self._compare(left, right)
        detail = f"{self.path} = {show(left)}"
        if read or isinstance(self.operand, ListItems):
            detail += f"; {self.operand.describe()} = {show(right)}"
        explained = Explanation(
            node=self.node,
            text=f"{self.path} {symbol} {self.operand.describe()}  ({detail})",
            value=value,
            inputs={self.path: left, **read},
            listed=self.operand if isinstance(self.operand, ListItems) else None,
        )
        facts.observe(explained)
        return explained

    def _compare(self, left: Any, right: Any) -> bool:
        try:
            return bool(OPERATIONS[self.op][1](left, right))
        except TypeError as exc:
            raise self._cannot(left, right) from exc

    def _cannot(self, left: Any, right: Any) -> EvaluationError:
        symbol = OPERATIONS[self.op][0]
        return EvaluationError(f"{self.node}: cannot compare {show(left)} {symbol} {show(right)}")

    def walk(self) -> Iterable[Condition]:
        """Just this node."""
        yield self


@dataclass(frozen=True, slots=True)
class Combination:
    """`all` (every child true) or `any` (some child true), stopping once decided."""

    node: str
    kind: str
    children: tuple[Condition, ...]
    test: Callable[[Facts], bool] = field(init=False, repr=False, compare=False)
    """`all` or `any` of the children's tests, stopping once decided."""

    def __post_init__(self) -> None:
        tests = tuple(child.test for child in self.children)
        # Plain loops, not any()/all() over a generator: this runs for every rule on
        # every event, and a generator costs a frame each time.

        def any_(facts: Facts) -> bool:
            for test in tests:  # noqa: SIM110
                if test(facts):
                    return True
            return False

        def all_(facts: Facts) -> bool:
            for test in tests:  # noqa: SIM110
                if not test(facts):
                    return False
            return True

        object.__setattr__(self, "test", any_ if self.kind == "any" else all_)

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.node, self.kind, self.children))

    def evaluate(self, facts: Facts) -> Explanation:
        """Evaluate children in order until one decides the outcome."""
        deciding = self.kind == "any"  # the child value that settles the combination
        done: list[Explanation] = []
        for child in self.children:
            explained = child.evaluate(facts)
            done.append(explained)
            if explained.value is deciding:
                break
        value = deciding if done[-1].value is deciding else not deciding
        rest = self.children[len(done) :]
        explained = Explanation(
            self.node,
            self.kind,
            value,
            children=tuple(done),
            skipped=tuple(describe(child) for child in rest),
            kind=self.kind,
            skipped_nodes=rest,
        )
        facts.observe(explained)
        return explained

    def walk(self) -> Iterable[Condition]:
        """This node and all below it."""
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass(frozen=True, slots=True)
class Negation:
    """True when its child is false."""

    node: str
    child: Condition
    test: Callable[[Facts], bool] = field(init=False, repr=False, compare=False)
    """The child's test, inverted."""

    def __post_init__(self) -> None:
        inner = self.child.test
        object.__setattr__(self, "test", lambda facts: not inner(facts))

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.node, self.child))

    def evaluate(self, facts: Facts) -> Explanation:
        """Evaluate the child and invert."""
        inner = self.child.evaluate(facts)
        explained = Explanation(self.node, "not", not inner.value, children=(inner,), kind="not")
        facts.observe(explained)
        return explained

    def walk(self) -> Iterable[Condition]:
        """This node and all below it."""
        yield self
        yield from self.child.walk()


@dataclass(frozen=True, slots=True)
class Always:
    """The condition of a rule that has none: always true."""

    node: str

    def evaluate(self, facts: Facts) -> Explanation:
        """True."""
        return Explanation(self.node, "always", True, kind="always")

    def test(self, facts: Facts) -> bool:
        """True."""
        return True

    def walk(self) -> Iterable[Condition]:
        """Nothing to cover."""
        return ()


def describe(condition: Condition, lang: Language = DEFAULT_LANGUAGE) -> str:
    """A short reading of a condition, for skipped children, in `lang`."""
    if isinstance(condition, Comparison):
        symbol = OPERATIONS[condition.op][0]
        return f"{condition.path} {symbol} {condition.operand.describe(lang)}"
    said = words(lang)
    if isinstance(condition, Combination | Negation):
        kind = condition.kind if isinstance(condition, Combination) else "not"
        return said["folded"].format(kind=said[kind])
    return said["always"]


@cache
def words(lang: Language = DEFAULT_LANGUAGE) -> Mapping[str, str]:
    """The words an explanation is made of, in `lang`: the one place each is written.

    `all`, `any` and `not` name the nodes of the condition language; fact paths,
    operators (`=`, `≥`, `in`) and the values compared stay as the rule file writes them.
    """
    t = translator(lang)
    return MappingProxyType(
        {
            "all": t.pgettext("condition", "all"),
            "any": t.pgettext("condition", "any"),
            "not": t.pgettext("condition", "not"),
            "always": t.pgettext("condition", "always"),
            "folded": t.pgettext("condition", "{kind}(…)"),
            "not needed": t.pgettext("condition", "{test} (not needed)"),
            "list": t.pgettext("condition", "list {list}"),
            "list tagged": t.pgettext("condition", "list {list} tagged {tag}"),
        }
    )
