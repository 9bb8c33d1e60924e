"""The situation a condition is judged in: its fast paths answer as the plain ones do."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

import maslihat
from maslihat.engine.situation import Situation
from maslihat.rules.conditions import show
from maslihat.rules.template import FactTemplate

DAY = dt.date(2024, 1, 1)
MADE_UP: dict[str, Any] = {"deputy.citizenship": "RU", "check.date": DAY, "age": 19}


class Counted:
    """A named fact that counts how often it is computed, and reads the bound item."""

    id = "seen"

    def __init__(self) -> None:
        self.computed = 0

    def compute(self, facts: Any) -> tuple[Any, dict[str, Any]]:
        self.computed += 1
        return facts.get("item.n"), {}

    def conditions(self) -> tuple[()]:
        return ()


def test_each_binds_every_value_in_turn_and_forgets_named_facts(
    rules: maslihat.RuleSet,
) -> None:
    """One situation rebound per value judges each as `bind` would, named facts afresh."""
    fact = Counted()
    with_fact = type(rules)(**{**vars(rules), "facts": {**rules.facts, "seen": fact}})
    situation = Situation(with_fact, DAY, {"deputy": None}, {})
    items = [{"n": 1}, {"n": 2}, {"n": 3}]
    by_each = [(bound.get("item.n"), bound.get("seen")) for bound in situation.each("item", items)]
    by_bind = [
        (situation.bind("item", item).get("item.n"), situation.bind("item", item).get("seen"))
        for item in items
    ]
    assert by_each == by_bind == [(1, 1), (2, 2), (3, 3)]
    assert fact.computed == 6  # once per value in each way: nothing carried over
    with pytest.raises(maslihat.EvaluationError):
        situation.get("item.n")  # the binding never reaches the situation it came from


def _templates(rules: maslihat.RuleSet) -> list[str]:
    found = [finding.message for finding in rules.findings.values()]
    for procedure in rules.procedures.values():
        for version in procedure.versions:
            found += [step.text for step in version.body.next_steps.values()]
    return found


class Fixed(Situation):
    """A situation whose every fact is made up: a date, a number, or the path itself."""

    def get(self, path: str) -> Any:
        return MADE_UP.get(path, f"<{path}>")


@pytest.mark.parametrize("lang", ["en", "ru", "kk"])
def test_render_fills_every_template_as_string_template_does(lang: maslihat.Language) -> None:
    """Templates split once give what `FactTemplate.substitute` gives, for every message."""
    rules = maslihat.load_rules(lang=lang)
    situation = Fixed(rules, DAY, {}, {})
    for template in [*_templates(rules), "a $$ sign", "${age}$$", "", "no fact"]:
        lookup = {
            key: value if isinstance(value, str) else show(value)
            for key in FactTemplate(template).get_identifiers()
            for value in [situation.get(key)]
        }
        assert situation.render(template) == FactTemplate(template).substitute(lookup)


def test_render_refuses_a_stray_dollar_as_string_template_does(rules: maslihat.RuleSet) -> None:
    """An ill-formed `$` raises the error `string.Template` raises."""
    situation = Situation(rules, DAY, {}, {})
    with pytest.raises(ValueError, match="Invalid placeholder"):
        situation.render("costs $5")
