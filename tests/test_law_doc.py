"""docs/law.md sets each provision beside its rule; these tests keep the two in step.

The page is where an auditor checks the rules against the law, so a rule id on it that
no longer exists, a ground or version left out, or a provenance that disagrees with the
rule file's `basis` would mislead exactly the reader it is for. A reference is a
backticked rule file name followed by backticked ids (`grounds.yaml` `death@2001-01-23`):
`id`, `id@first-day` for a version, `procedure.step[.guard]` or `list.item`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest

import maslihat
from maslihat.rules.ruleset import Version

LAW = Path(__file__).resolve().parents[1] / "docs" / "law.md"
TOKEN = re.compile(r"`([^`\n]+)`")
RULE_FILE = re.compile(r"[\w-]+\.(?:yaml|yml|json)")
BETWEEN_REFERENCES = re.compile(r"(?:\s|,|/|and)*")


def references(text: str) -> Iterator[tuple[str, str]]:
    """Each (file, id) on the page: ids that follow a file name with only separators between."""
    current, last_end = None, 0
    for token in TOKEN.finditer(text):
        value = token[1]
        if RULE_FILE.fullmatch(value):
            current = value
        elif current and BETWEEN_REFERENCES.fullmatch(text[last_end : token.start()]):
            yield current, value
        else:
            current = None
        last_end = token.end()


def known_ids(rules: maslihat.RuleSet) -> dict[str, str | None]:
    """Every id the page may use, with the `basis` of the version it names (None if none)."""
    known: dict[str, str | None] = {}
    versioned: list[tuple[str, Iterable[Version[Any]]]] = [
        *((g.id, g.versions) for g in rules.grounds.values()),
        *((p.id, p.versions) for p in rules.procedures.values()),
        *((c.id, c.versions) for c in rules.checks),
        *((r.id, r.versions) for r in rules.restrictions),
    ]
    for rule, versions in versioned:
        known[rule] = None
        known.update({version.key: version.basis for version in versions})
    for procedure in rules.procedures.values():
        for version in procedure.versions:
            for step in version.body.steps.values():
                known[f"{procedure.id}.{step.id}"] = None
                known.update({f"{procedure.id}.{step.id}.{g.id}": None for g in step.guards})
    for transitions in rules.lifecycle.transitions.values():
        for transition in transitions:
            known[transition.rule] = None
            known[transition.key] = transition.basis
    for vocabulary in rules.lists.values():
        known[vocabulary.id] = None
        known.update({f"{vocabulary.id}.{item.rule}": None for item in vocabulary.items})
    known.update(dict.fromkeys(rules.facts))
    return known


def table_rows(text: str) -> Iterator[dict[str, str]]:
    """The rows of the page's tables that have a Provenance column, as header -> cell."""
    header: list[str] = []
    for line in text.splitlines():
        if not line.startswith("|"):
            header = []
            continue
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if not header:
            header = cells
        elif "Provenance" in header and not set(line) <= set("|-: "):
            yield dict(zip(header, cells, strict=True))


@pytest.fixture(scope="module")
def page() -> str:
    """The text of docs/law.md."""
    return LAW.read_text(encoding="utf-8")


def test_every_reference_names_a_rule_in_its_file(page: str, rules: maslihat.RuleSet) -> None:
    """Each rule id on the page exists in the bundled rules and in the file it is named with."""
    known = known_ids(rules)
    directory = Path(rules.source)
    found = list(references(page))
    assert len(found) > 40, "the page's references were not found: has their form changed?"
    wrong = []
    for file, ref in found:
        defined = re.compile(rf"^\s*-?\s*id:\s*{re.escape(re.split('[.@]', ref)[0])}\s*$", re.M)
        path = directory / file
        if ref not in known or not path.is_file() or not defined.search(path.read_text("utf-8")):
            wrong.append(f"{file} {ref}")
    assert not wrong, f"docs/law.md names rules that the bundled rules lack: {wrong}"


def test_every_ground_is_on_the_page(page: str, rules: maslihat.RuleSet) -> None:
    """Every ground of the bundled rules is set beside its provision."""
    named = {re.split("[.@]", ref)[0] for _, ref in references(page)}
    missing = sorted(set(rules.grounds) - named)
    assert not missing, f"grounds missing from docs/law.md: {missing}"


def test_every_version_is_on_the_page(page: str, rules: maslihat.RuleSet) -> None:
    """Every version of a ground or a procedure has its own row, so no period is left out."""
    named = {ref for _, ref in references(page)}
    versions = {v.key for ground in rules.grounds.values() for v in ground.versions}
    versions |= {v.key for procedure in rules.procedures.values() for v in procedure.versions}
    missing = sorted(versions - named)
    assert not missing, f"versions without a row in docs/law.md: {missing}"


def test_provenance_is_the_rules_basis(page: str, rules: maslihat.RuleSet) -> None:
    """A row's provenance is the `basis` its rule file records for each version it names."""
    known = known_ids(rules)
    wrong = []
    for row in table_rows(page):
        for _, ref in references(row["Rule"]):
            basis = known.get(ref)
            if basis is not None and row["Provenance"] != basis:
                wrong.append(f"{ref}: page says {row['Provenance']}, rules say {basis}")
    assert not wrong, "\n".join(wrong)
