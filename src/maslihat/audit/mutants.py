"""Rule mutants: small changes to the rules, to see whether the case tests notice.

Each operator changes one thing in the parsed rule data: a threshold ±1, `>` ↔ `>=`
(and `<` ↔ `<=`), a list item dropped, a validity date moved by a day, a ground's
procedure switched, a condition negated. The mutant goes through the real loader
(one it rejects is "stillborn", not counted) and then through the case tests; a
mutant no test fails on "survived": the suite would not notice that mistake.

A date moved to another day inside the version's own `window` (the days on which the
texts leave its entry into force open) is "in_window": the rule says the day is not
known there, case tests sit outside windows, so no test can or should tell such a
mutant apart. It is reported, not run.

Dates of first versions on or before the rule set's epoch (the day the law it
encodes begins) are not moved: cases before the law are out of scope.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import ValidationError

from maslihat.audit.casetests import LoadedFile, run_test
from maslihat.audit.model import MutantOutcome
from maslihat.audit.progress import Progress, quietly
from maslihat.audit.suite import SuiteRun
from maslihat.errors import RulesError
from maslihat.rules.assemble import compile_rules
from maslihat.rules.documents import RuleFile
from maslihat.rules.ruleset import RuleSet
from maslihat.rules.syntax import COMPARATORS, MEMBERSHIP, OPERATORS
from maslihat.source import Document
from maslihat.source.document import Loc, format_loc

Status = Literal["killed", "survived", "stillborn", "equivalent", "in_window"]
SWAPS = {"gt": "ge", "ge": "gt", "lt": "le", "le": "lt"}
OPERATOR_KEYS = frozenset(OPERATORS)
SECTIONS_WITHOUT_EFFECT = frozenset({"provisions", "about"})
"""Parts of a rule file that document and do not decide anything: never mutated."""
ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class Mutant:
    """One change: where (file and path), what, and the changed data of that file."""

    id: str
    operator: str
    file_index: int
    loc: Loc
    description: str
    data: Any
    rule: str
    in_window: bool = False


def _rule_of(loc: Loc, data: Any) -> str:
    """The id of the rule a path is in (`grounds.conviction`), for ordering tests."""
    if len(loc) >= 3 and isinstance(loc[1], int):
        entry = data[loc[0]][loc[1]]
        if isinstance(entry, dict):
            return str(entry.get("id", entry.get("code", "")))
    return ""


def _walk(node: Any, loc: Loc = ()) -> Iterator[tuple[Loc, Any]]:
    yield loc, node
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _walk(value, (*loc, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _walk(value, (*loc, index))


def _replace(data: Any, loc: Loc, value: Any) -> Any:
    changed = copy.deepcopy(data)
    target = changed
    for part in loc[:-1]:
        target = target[part]
    target[loc[-1]] = value
    return changed


def _is_condition(node: Any) -> bool:
    """A condition node: all/any/not, or a fact with one operator (not a scaled operand)."""
    return isinstance(node, dict) and (
        bool({"all", "any", "not"} & node.keys())
        or ("fact" in node and bool(OPERATOR_KEYS & node.keys()))
    )


def _in_condition(loc: Loc) -> bool:
    return any(part in ("when", "condition", "where") for part in loc)


def _changes(data: Any, epoch: dt.date) -> Iterator[tuple[str, Loc, str, Any]]:
    """(operator, path, description, new value) for every mutation of one file's data."""
    for loc, node in _walk(data):
        if _in_condition(loc) and _is_condition(node):
            yield "negate", loc, "condition negated", {"not": node}
        if not isinstance(node, dict) or "fact" not in node or not _in_condition(loc):
            continue
        for op in [k for k in node if k in COMPARATORS or k in MEMBERSHIP]:
            value = node[op]
            if op in SWAPS:
                yield "swap", loc, f"{op} → {SWAPS[op]}", {"fact": node["fact"], SWAPS[op]: value}
            if isinstance(value, int) and not isinstance(value, bool):
                for delta in (1, -1):
                    yield "threshold", (*loc, op), f"{value} → {value + delta}", value + delta
            if isinstance(value, list) and len(value) > 1:
                for index, item in enumerate(value):
                    rest = value[:index] + value[index + 1 :]
                    yield "drop_item", (*loc, op), f"{item} dropped from {value}", rest
    yield from _date_moves(data, epoch)
    yield from _procedure_switches(data)
    for index, entry in enumerate(data.get("lists", []) if isinstance(data, dict) else []):
        for item_index, item in enumerate(entry.get("items", [])):
            rest = entry["items"][:item_index] + entry["items"][item_index + 1 :]
            yield (
                "drop_item",
                ("lists", index, "items"),
                f"list item {item.get('id')} dropped",
                rest,
            )


def _date_moves(data: Any, epoch: dt.date) -> Iterator[tuple[str, Loc, str, Any]]:
    for loc, node in _walk(data):
        if not (isinstance(node, list) and loc and loc[-1] == "versions"):
            continue
        for index, version in enumerate(node):
            if not isinstance(version, dict):
                continue
            for key in ("valid_from", "valid_to"):
                text = version.get(key)
                if not (isinstance(text, str) and ISO.match(text)):
                    continue
                day = dt.date.fromisoformat(text)
                if key == "valid_from" and index == 0 and day <= epoch:
                    continue
                for delta in (1, -1):
                    moved = dict(version, **{key: (day + dt.timedelta(days=delta)).isoformat()})
                    neighbour = index - 1 if key == "valid_from" else index + 1
                    versions = list(node)
                    versions[index] = moved
                    if 0 <= neighbour < len(node):  # keep the boundary shared with the neighbour
                        other = "valid_to" if key == "valid_from" else "valid_from"
                        shifted = dt.date.fromisoformat(node[neighbour][other]) + dt.timedelta(
                            days=delta
                        )
                        versions[neighbour] = dict(node[neighbour], **{other: shifted.isoformat()})
                    operator = (
                        "move_date_in_window"
                        if _inside_window(node, index, key, delta)
                        else "move_date"
                    )
                    yield operator, (*loc,), f"{key} {text} moved {delta:+d} day", versions


def _inside_window(versions: list[Any], index: int, key: str, delta: int) -> bool:
    """Whether a boundary moved by `delta` stays in the window of the version it starts."""
    starts = index if key == "valid_from" else index + 1
    if not 0 <= starts < len(versions) or not isinstance(versions[starts], dict):
        return False
    window = versions[starts].get("window")
    if not isinstance(window, dict):
        return False
    first = dt.date.fromisoformat(str(versions[starts]["valid_from"])) + dt.timedelta(days=delta)
    earliest, latest = (dt.date.fromisoformat(str(window.get(k))) for k in ("earliest", "latest"))
    return earliest <= first <= latest


def _procedure_switches(data: Any) -> Iterator[tuple[str, Loc, str, Any]]:
    grounds = data.get("grounds", []) if isinstance(data, dict) else []
    for loc, node in _walk(grounds, ("grounds",)):
        if isinstance(node, dict) and "procedure" in node and "triggers" in node:
            for other in ("session_decision", "commission_record", "by_operation_of_law"):
                if other != node["procedure"]:
                    yield (
                        "switch_procedure",
                        (*loc, "procedure"),
                        f"procedure {node['procedure']} → {other}",
                        other,
                    )


def generate(files: Sequence[tuple[Document, RuleFile]], epoch: dt.date) -> list[Mutant]:
    """Every mutant of a rule set, with stable ids (m1, m2, ...)."""
    mutants: list[Mutant] = []
    for file_index, (document, _) in enumerate(files):
        deciding = {k: v for k, v in document.data.items() if k not in SECTIONS_WITHOUT_EFFECT}
        for operator, loc, description, value in _changes(deciding, epoch):
            mutants.append(
                Mutant(
                    id=f"m{len(mutants) + 1}",
                    operator=operator,
                    file_index=file_index,
                    loc=loc,
                    description=description,
                    data=_replace(document.data, loc, value),
                    rule=_rule_of(loc, document.data),
                    in_window=operator == "move_date_in_window",
                )
            )
    return mutants


def compile_mutant(files: Sequence[tuple[Document, RuleFile]], mutant: Mutant) -> RuleSet | None:
    """The mutant rule set, or None when the loader rejects it (stillborn)."""
    document, _ = files[mutant.file_index]
    changed = Document(mutant.data, document.file, document.positions)
    try:
        rule_file = RuleFile.model_validate(mutant.data)
        swapped = [
            *files[: mutant.file_index],
            (changed, rule_file),
            *files[mutant.file_index + 1 :],
        ]
        return compile_rules(swapped, source="mutant")
    except (ValidationError, RulesError):
        return None


def where(files: Sequence[tuple[Document, RuleFile]], mutant: Mutant) -> str:
    """`file:line:column field` of a mutant's change."""
    document = files[mutant.file_index][0]
    line, column = document.position(mutant.loc) or (0, 0)
    return f"{document.file}:{line}:{column} {format_loc(mutant.loc)}"


def signature(files: Sequence[tuple[Document, RuleFile]], mutant: Mutant) -> str:
    """`file.yaml path: change`, the key under which a mutant is reviewed as equivalent."""
    file = Path(files[mutant.file_index][0].file).name
    return f"{file} {format_loc(mutant.loc)}: {mutant.description}"


def run_mutants(
    files: Sequence[tuple[Document, RuleFile]],
    tests: Sequence[LoadedFile],
    suite: SuiteRun,
    epoch: dt.date,
    equivalent: Mapping[str, str] | None = None,
    progress: Progress = quietly,
) -> list[MutantOutcome]:
    """Try every mutant against the case tests; the tests most likely to notice go first.

    `equivalent` maps the signatures of mutants a person has reviewed as unobservable
    (no case could tell them from the real rules) to the reason; those are not run.
    `progress` is told of each mutant as it is tried (the CLI draws a bar).
    """
    reviewed = equivalent or {}
    pairs = [(loaded, test) for loaded in tests for test in loaded.spec.tests]
    outcomes = []
    mutants = list(generate(files, epoch))
    for mutant in progress(mutants, len(mutants)):
        key = signature(files, mutant)
        status: Status = "equivalent"
        killer: str | None = None
        if mutant.in_window:
            status = "in_window"
        elif key not in reviewed:
            rules = compile_mutant(files, mutant)
            status, killer = (
                ("stillborn", None) if rules is None else _hunt(rules, pairs, mutant, suite)
            )
        outcomes.append(
            MutantOutcome(
                id=mutant.id,
                signature=key,
                operator=mutant.operator,
                where=where(files, mutant),
                description=mutant.description,
                status=status,
                killed_by=killer,
                reason=reviewed.get(key),
            )
        )
    return outcomes


def _hunt(
    rules: RuleSet, pairs: list[tuple[LoadedFile, Any]], mutant: Mutant, suite: SuiteRun
) -> tuple[Status, str | None]:
    likely = {
        test
        for key, tests in suite.exercised.items()
        if key.split("@")[0] == mutant.rule
        for test in tests
    }
    ordered = sorted(pairs, key=lambda pair: f"{pair[0].path.stem}::{pair[1].name}" not in likely)
    for loaded, test in ordered:
        outcome = run_test(loaded, test, rules)
        if not outcome.passed:
            return "killed", outcome.id
    return "survived", None
