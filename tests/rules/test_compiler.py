"""The compiler refuses, with file, line and column, rules that could not be evaluated.

Each case is the bundled rules with one edit: what evaluation would have crashed on,
looped on, or silently got wrong is now a load error (exit code 3).
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import maslihat
from maslihat.cli.main import main
from maslihat.rules.assemble import compile_rules
from maslihat.rules.documents import RuleFile
from maslihat.rules.loader import bundled_rules_dir, read_rule_files
from maslihat.source import Document

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "01-atyrau-resignation.yaml"
LOCATED = re.compile(r"^error: \S+\.yaml:\d+:\d+: ", re.MULTILINE)

Edited = Callable[[str, str, str], Path]

TEXT = {"en": "t", "ru": "t (ru)", "kk": "t (kk)"}
"""A rule text in every language, for rules whose words do not matter here."""


def nested_not(levels: int) -> str:
    """`levels` nested `not`s around a condition that holds."""
    return "{not: " * levels + "{fact: event.permanent, eq: true}" + "}" * levels


REPRODUCERS = [
    ("procedures", "times: 2/3", "times: 1/0", "times 1/0: the divisor must not be zero"),
    (
        "eligibility",
        "          - fact: item.type\n            eq: court_decision",
        "          - fact: incapacity_rulings\n            eq: 1",
        "fact 'incapacity_rulings' is defined in terms of itself: "
        "incapacity_rulings → incapacity_rulings",
    ),
    (
        "eligibility",
        "items: events",
        "items: deputy.born",
        "count takes a collection (a list in the case, a state fact events add to, or events); "
        "deputy.born is a date",
    ),
    (
        "activities",
        "for_each: state.activities",
        "for_each: state.basis",
        "for_each takes a collection (a list in the case, a state fact events add to, or "
        "events); state.basis is a value",
    ),
    (
        "grounds",
        "within: {fact: maslihat.territory}",
        "within: not-a-kato",
        'within takes a territory: a 9-digit KATO code such as "230000000" or a fact that '
        "is one, such as maslihat.territory (not 'not-a-kato')",
    ),
    (
        "grounds",
        "- fact: event.permanent\n                  eq: true",
        "- " + nested_not(40),
        "all, any and not may nest at most 32 deep",
    ),
    ("eligibility", "ge: 20", "ge: " + "9" * 16, "a whole number in a rule has at most 15 digits"),
]


@pytest.mark.parametrize(("file", "old", "new", "message"), REPRODUCERS)
def test_reproducer_is_a_located_load_error(
    edited: Edited, file: str, old: str, new: str, message: str
) -> None:
    """Each reproducer of issue 9 exits 3 with one located message, and no traceback."""
    result = CliRunner().invoke(
        main, ["evaluate", str(EXAMPLE), "--rules", str(edited(file, old, new))]
    )
    assert result.exit_code == 3, result.output
    assert isinstance(result.exception, SystemExit)
    assert LOCATED.search(result.output) and message in result.output, result.output


@pytest.mark.parametrize(("unit", "arises"), [("190000000", True), ("750000000", False)])
def test_within_takes_a_kato_literal(edited: Edited, unit: str, arises: bool) -> None:
    """A KATO literal is a territory: a move to Almaty city leaves 190000000, not 750000000."""
    rules = maslihat.load_rules(edited("grounds", "{fact: maslihat.territory}", f'"{unit}"'))
    case = maslihat.load_case(ROOT / "examples" / "06-almaty-region-moved-away.yaml")
    arose = {g.ground: g.arose for g in maslihat.evaluate(case, rules=rules).grounds}
    assert (arose.get("residence_outside_unit") is not None) is arises


def edited_files(
    edit: Callable[[dict[str, Any]], None], name: str = "grounds.yaml"
) -> list[tuple[Document, RuleFile]]:
    """The bundled rule files, parsed, with one file's data edited (no reader involved)."""
    files = read_rule_files(bundled_rules_dir())
    index = next(i for i, (d, _) in enumerate(files) if Path(d.file).name == name)
    document = files[index][0]
    data = copy.deepcopy(document.data)
    edit(data)
    swapped = (Document(data, document.file, document.positions), RuleFile.model_validate(data))
    return [*files[:index], swapped, *files[index + 1 :]]


def mutated(edit: Callable[[dict[str, Any]], None]) -> Exception:
    """The error compiling the bundled rules with grounds.yaml's data edited."""
    with pytest.raises(maslihat.RulesError) as caught:
        compile_rules(edited_files(edit), source="edited")
    return caught.value


def test_the_compiler_bounds_nesting_without_the_reader() -> None:
    """250 nested `not`s that reach the compiler directly are refused, not recursed into."""

    def deepen(data: dict[str, Any]) -> None:
        when = data["grounds"][6]["versions"][0]["triggers"][0]["when"]["all"]
        for _ in range(250):
            when[0] = {"not": when[0]}

    assert "may nest at most 32 deep" in str(mutated(deepen))


def test_a_long_chain_of_named_facts_is_refused() -> None:
    """Named facts resting on one another more than 16 deep are refused."""

    def chain(data: dict[str, Any]) -> None:
        data["facts"] = [
            {"id": f"f{i}", "text": TEXT, "first_of": [f"f{i + 1}" if i < 20 else "event.date"]}
            for i in range(21)
        ]

    assert "they may nest at most 16 deep" in str(mutated(chain))


@pytest.mark.parametrize(
    ("fact", "message"),
    [
        ({"id": "a", "text": TEXT, "sum": ["b", "event.present"]}, "'a' is defined in terms"),
        (
            {
                "id": "a",
                "text": TEXT,
                "years_between": {"from": "b", "to": "event.date", "leap_day": "feb28"},
            },
            "a → b → a",
        ),
        (
            {
                "id": "a",
                "text": TEXT,
                "run_length": {"event": "meeting", "where": {"fact": "b", "gt": 0}},
            },
            "a → b → a",
        ),
    ],
)
def test_cycles_through_any_definition_are_refused(fact: dict[str, Any], message: str) -> None:
    """A fact that reaches itself through another, by any kind of definition, is refused."""

    def cycle(data: dict[str, Any]) -> None:
        data["facts"].extend([fact, {"id": "b", "text": TEXT, "first_of": ["a"]}])

    assert message in str(mutated(cycle))


@pytest.mark.parametrize(
    ("file", "old", "new", "message"),
    [
        (
            "procedures",
            "ge: {fact: maslihat.seats, times: 2/3}",
            "ge: {fact: event.date, times: 2/3}",
            "times scales a number; event.date is a date",
        ),
        (
            "grounds",
            "in: [incapacity, limited_capacity]",
            "in: {fact: deputy.name}",
            "in looks in a collection",
        ),
        ("grounds", "arises_on: event.in_force", "arises_on: event.ruling", "arises_on is a date"),
        (
            "eligibility",
            "ends_on: item.ended",
            "ends_on: deputy.name",
            "ends_on is a date; deputy.name is a value",
        ),
        (
            "eligibility",
            "from: deputy.born",
            "from: deputy.name",
            "years_between needs a date; deputy.name is a value",
        ),
        (
            "procedures",
            "sum: [event.in_favour, event.against]",
            "sum: [event.in_favour, event.date]",
            "sum adds a number; event.date is a date",
        ),
        (
            "grounds",
            "fact: event.territory\n                    within",
            "fact: event.date\n                    within",
            "within compares a territory",
        ),
        (
            "grounds",
            "within: {fact: maslihat.territory}",
            "within: {fact: maslihat.seats}",
            "maslihat.seats is a number",
        ),
        ("lifecycle", "key: [activity, field]\n  ", "key: [activity]\n  ", "on the same keys"),
        (
            "lifecycle",
            "  - id: activities\n",
            "  - id: activities\n    initial: deputy.other_mandates\n",
            "starts empty: no initial",
        ),
        (
            "lifecycle",
            "while the mandate is not in force",
            "costs $5",
            "write $$ for a dollar sign",
        ),
    ],
)
def test_kind_mistakes_are_located(
    edited: Edited, file: str, old: str, new: str, message: str
) -> None:
    """A wrong kind of fact, a state update or a message that could not run is refused."""
    with pytest.raises(maslihat.RulesError) as caught:
        maslihat.load_rules(edited(file, old, new))
    issue = next(i for i in caught.value.issues if message in i.message)
    assert issue.line is not None and issue.column is not None


def test_a_named_fact_is_checked_where_it_is_used() -> None:
    """A run of moves within the territory of each move compiles: event is known there."""

    def run_of_moves(data: dict[str, Any]) -> None:
        where = {"fact": "maslihat.territory", "within": {"fact": "event.territory"}}
        data["facts"].append(
            {
                "id": "moves",
                "text": TEXT,
                "run_length": {"event": "residence_changed", "where": where},
            }
        )

    assert "moves" in compile_rules(edited_files(run_of_moves), source="edited").facts
