"""Rule mutants: every operator applies, documentation is left alone, equivalents are skipped."""

from __future__ import annotations

import datetime as dt
import os
from collections import Counter
from pathlib import Path

import pytest

from maslihat.audit.casetests import case_test_files, load_case_test
from maslihat.audit.mutants import compile_mutant, generate, run_mutants, signature
from maslihat.audit.suite import SuiteRun
from maslihat.engine.evaluate import evaluate
from maslihat.errors import MaslihatError
from maslihat.rules.assemble import compile_rules
from maslihat.rules.documents import RuleFile
from maslihat.rules.loader import bundled_rules_dir, read_rule_files
from maslihat.source import Document

EPOCH = dt.date(2001, 1, 23)
CATALOGUE = Path(__file__).resolve().parents[1] / "catalogue"
STRIDE = int(os.environ.get("MASLIHAT_MUTANT_STRIDE", "16"))
"""Mutant i meets case tests i, i + STRIDE, ... (mod STRIDE), so every test meets every
STRIDE-th mutant; `MASLIHAT_MUTANT_STRIDE=1` runs the whole product (a few minutes)."""


@pytest.fixture(scope="module")
def files() -> list[tuple[Document, RuleFile]]:
    return read_rule_files(bundled_rules_dir())


def test_every_operator_produces_mutants(files: list[tuple[Document, RuleFile]]) -> None:
    """Thresholds, swaps, dropped items, moved dates, switched procedures and negations."""
    operators = Counter(m.operator for m in generate(files, EPOCH))
    assert set(operators) == {
        "negate",
        "swap",
        "threshold",
        "drop_item",
        "move_date",
        "move_date_in_window",
        "switch_procedure",
    }
    assert all(count > 0 for count in operators.values())


def test_documentation_and_the_epoch_are_not_mutated(
    files: list[tuple[Document, RuleFile]],
) -> None:
    """Provisions only document; the law's first day is not moved (no cases before the law)."""
    mutants = generate(files, EPOCH)
    assert not any("provisions.yaml" in signature(files, m) for m in mutants)
    assert not any("valid_from 2001-01-23" in m.description for m in mutants)
    assert len({m.id for m in mutants}) == len(mutants)


def test_a_mutant_compiles_to_a_different_rule_set(files: list[tuple[Document, RuleFile]]) -> None:
    """A mutant goes through the real loader and yields rules with another fingerprint."""
    mutant = next(m for m in generate(files, EPOCH) if m.description == "20 → 21")
    mutated = compile_mutant(files, mutant)
    real = compile_rules(files, source="real")
    assert mutated is not None and mutated.fingerprint != real.fingerprint


def test_reviewed_equivalents_are_not_run(files: list[tuple[Document, RuleFile]]) -> None:
    """A mutant listed as equivalent is reported as such, with its reason, and not tried."""
    first = generate(files, EPOCH)[0]
    reviewed = {signature(files, first): "reviewed in a test"}
    outcomes = run_mutants(files, [], SuiteRun(), EPOCH, reviewed)
    assert outcomes[0].status == "equivalent" and outcomes[0].reason == "reviewed in a test"
    # no tests: nothing killed
    assert {o.status for o in outcomes[1:]} <= {"survived", "stillborn", "in_window"}


def test_a_date_moved_inside_its_window_is_not_run(files: list[tuple[Document, RuleFile]]) -> None:
    """Ground 10's day moved within its window of entry into force is reported, not tried."""
    outcomes = {o.signature: o for o in run_mutants(files, [], SuiteRun(), EPOCH)}
    inside = outcomes["grounds-later.yaml grounds[0].versions: valid_from 2011-08-01 moved +1 day"]
    outside = outcomes["grounds-later.yaml grounds[0].versions: valid_from 2011-08-01 moved -1 day"]
    assert inside.status == "in_window" and inside.killed_by is None
    assert outside.status == "stillborn"  # before the window's first day: the loader refuses it


def test_no_mutant_that_loads_raises_while_evaluating(
    files: list[tuple[Document, RuleFile]],
) -> None:
    """A mutant rule set that loads raises nothing but maslihat's own errors on any case."""
    tests = [
        (loaded, test)
        for loaded in map(load_case_test, case_test_files([CATALOGUE]))
        for test in loaded.spec.tests
    ]
    crashes = []
    for index, mutant in enumerate(generate(files, EPOCH)):
        rules = compile_mutant(files, mutant)
        for loaded, test in tests[index % STRIDE :: STRIDE] if rules is not None else ():
            try:
                evaluate(loaded.case, as_of=test.as_of, rules=rules, explain=True)
            except MaslihatError:
                pass
            except Exception as exc:
                crashes.append(f"{signature(files, mutant)} on {loaded.path.stem}: {exc!r}")
    assert not crashes
