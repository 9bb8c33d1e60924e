"""Compiled conditions evaluate, explain themselves and report what they read."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import pytest

from maslihat.errors import EvaluationError
from maslihat.rules.conditions import (
    Always,
    Combination,
    Comparison,
    Constant,
    Explanation,
    Facts,
    FactValue,
    ListItems,
    Negation,
    kato_within,
)


class FakeFacts:
    """Facts from a dict, recording what was observed."""

    def __init__(self, values: dict[str, Any]) -> None:
        self.values = values
        self.day = dt.date(2022, 1, 1)
        self.seen: list[tuple[str, bool]] = []

    def get(self, path: str) -> Any:
        return self.values.get(path)

    def items_of(self, list_id: str, tagged: str | None) -> frozenset[str]:
        return frozenset({"judge"})

    def history(self, event_type: str) -> Sequence[Any]:
        return ()

    def bind(self, root: str, value: Any) -> Facts:
        return self

    def observe(self, explained: Explanation) -> None:
        self.seen.append((explained.node, explained.value))


def cmp(path: str, op: str, value: Any) -> Comparison:
    return Comparison(
        f"n.{path}.{op}", path, op, value if hasattr(value, "resolve") else Constant(value)
    )


@pytest.mark.parametrize(
    ("op", "left", "right", "expected"),
    [
        ("eq", 3, 3, True),
        ("ne", 3, 3, False),
        ("gt", 4, 3, True),
        ("ge", 3, 3, True),
        ("lt", 2, 3, True),
        ("le", 4, 3, False),
        ("in", "a", frozenset("ab"), True),
        ("not_in", "a", frozenset("ab"), False),
        ("within", "231010000", "230000000", True),
        ("gt", None, 3, False),
        ("le", 3, None, False),
    ],
)
def test_operators(op: str, left: Any, right: Any, expected: bool) -> None:
    """Each operator tests as documented; ordering against a missing value is false."""
    assert cmp("x", op, right).evaluate(FakeFacts({"x": left})).value is expected


def test_fact_operand_can_be_scaled() -> None:
    """`{fact: p, times: 1/2}` multiplies exactly (no floating point)."""
    from fractions import Fraction

    node = cmp("yes", "gt", FactValue("present", Fraction(1, 2)))
    assert node.evaluate(FakeFacts({"yes": 16, "present": 30})).value is True
    assert node.evaluate(FakeFacts({"yes": 15, "present": 30})).value is False


def test_list_operand_uses_items_in_force() -> None:
    """A list operand resolves to the item ids the facts say are in force."""
    node = cmp("category", "in", ListItems("positions", "incompatible"))
    assert node.evaluate(FakeFacts({"category": "judge"})).value is True


def test_all_and_any_stop_when_decided_and_say_what_they_skipped() -> None:
    """`all` stops at the first false child, `any` at the first true one."""
    first, second = cmp("a", "eq", 1), cmp("b", "eq", 1)
    facts = FakeFacts({"a": 0, "b": 1})
    explained = Combination("all", "all", (first, second)).evaluate(facts)
    assert explained.value is False and len(explained.children) == 1
    assert explained.skipped == ("b = 1",)
    assert Combination("any", "any", (first, second)).evaluate(facts).value is True


def test_negation_and_always() -> None:
    """`not` inverts its child; a rule without a condition is always true."""
    assert Negation("n", cmp("a", "eq", 1)).evaluate(FakeFacts({"a": 0})).value is True
    assert Always("x").evaluate(FakeFacts({})).value is True


def test_explanation_names_facts_and_values() -> None:
    """An explanation shows the fact, its value, and marks true/false."""
    explained = cmp("age", "ge", 20).evaluate(FakeFacts({"age": 19}))
    assert explained.lines() == ["✗ age ≥ 20  (age = 19)"]
    assert explained.facts() == {"age": 19}


def test_every_evaluated_node_is_observed() -> None:
    """The observer sees each node evaluated and its value (for coverage)."""
    facts = FakeFacts({"a": 1})
    Negation("top", cmp("a", "eq", 1)).evaluate(facts)
    assert facts.seen == [("n.a.eq", True), ("top", False)]


def test_incomparable_values_are_an_evaluation_error() -> None:
    """Comparing a date with a number is a defect in the rules, reported as such."""
    with pytest.raises(EvaluationError, match="cannot compare"):
        cmp("d", "gt", 3).evaluate(FakeFacts({"d": dt.date(2020, 1, 1)}))


@pytest.mark.parametrize("right", [3, FactValue("n")])
def test_the_test_closure_reports_incomparable_values_as_evaluate_does(right: Any) -> None:
    """`test` raises the error `evaluate` raises, against a constant or another fact."""
    facts = FakeFacts({"d": dt.date(2020, 1, 1), "n": 3})
    with pytest.raises(EvaluationError) as explained:
        cmp("d", "gt", right).evaluate(facts)
    with pytest.raises(EvaluationError) as tested:
        cmp("d", "gt", right).test(facts)
    assert str(tested.value) == str(explained.value)


@pytest.mark.parametrize(
    ("place", "unit", "inside"),
    [
        ("231010000", "230000000", True),
        ("351610000", "230000000", False),
        ("231010123", "231010000", True),
        ("231020000", "231010000", False),
        ("231010000", "231010000", True),
    ],
)
def test_kato_containment(place: str, unit: str, inside: bool) -> None:
    """A place is inside a unit when the unit's code without trailing zero levels prefixes it."""
    assert kato_within(place, unit) is inside
