"""Loading a rule directory: every problem in every file is found and located."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

import maslihat


def first_issue(directory: Path) -> maslihat.Issue:
    with pytest.raises(maslihat.RulesError) as caught:
        maslihat.load_rules(directory)
    return caught.value.issues[0]


def test_bundled_rules_load(rules: maslihat.RuleSet) -> None:
    """The bundled rules compile: the grounds in the law's order, with a fingerprint."""
    labels = [g.subparagraph for g in rules.grounds.values()]
    assert labels == ["1", "2", "3", "3-1", "3-2", "3-3", "3-4", "4", "5", "6", "7", "8", "9", "10"]
    assert rules.fingerprint.startswith("sha256:") and len(rules.fingerprint) == 71


def test_fingerprint_ignores_file_names(
    rules: maslihat.RuleSet, rules_copy: Callable[..., Path], edited: Callable[..., Path]
) -> None:
    """Renaming a rule file does not change the fingerprint; changing content does."""
    target = rules_copy()
    (target / "grounds.yaml").rename(target / "z-grounds.yaml")
    assert maslihat.load_rules(target).fingerprint == rules.fingerprint
    changed = edited("eligibility", "ge: 20", "ge: 21")
    assert maslihat.load_rules(changed).fingerprint != rules.fingerprint


def test_unknown_key_is_located(edited: Callable[..., Path]) -> None:
    """A misspelt key names file, line, column and field path."""
    issue = first_issue(edited("eligibility", "ge: 20", "gee: 20"))
    assert issue.file is not None and issue.file.endswith("eligibility.yaml")
    assert issue.field == "checks[1].versions[0].condition.gee"
    assert issue.line is not None and issue.column is not None


def test_unknown_fact_is_located(edited: Callable[..., Path]) -> None:
    """A fact the event does not have is caught at load time, with the fields it does have."""
    issue = first_issue(edited("grounds", "fact: event.ruling", "fact: event.rulng"))
    assert issue.field.endswith("when.fact")
    assert "no 'rulng'" in issue.message and "ruling" in issue.message


@pytest.mark.parametrize(
    ("file", "old", "new", "message"),
    [
        ("grounds", "procedure: session_decision", "procedure: vote", "unknown procedure 'vote'"),
        ("eligibility", "finding: ineligible_age", "finding: too_young", "unknown finding code"),
        ("grounds", "in: {list: position_categories", "in: {list: posts", "unknown list 'posts'"),
        ("grounds", "  - event: death\n", "  - event: died\n", "unknown event type 'died'"),
        ("lifecycle", "transition: expire", "transition: lapse", "no transition 'lapse'"),
        ("procedures", "stage: vote_failed", "stage: lost", "unknown stage 'lost'"),
        ("eligibility", "fact: deputy.citizenship", "fact: check.citizenship", "no 'citizenship'"),
        ("grounds", "    number: 9", "    number: 8", "ground 8 is already 'resignation'"),
        ("grounds", "valid_to: 2014-12-31", "valid_to: 2015-01-01", "overlap"),
        ("grounds", "arises_on: event.in_force", "arises_on: event.enforced", "no 'enforced'"),
        (
            "eligibility",
            "fact: deputy.citizenship",
            "fact: deputy.citizenshp",
            "mean 'citizenship'",
        ),
        ("lifecycle", "initial: deputy.basis", "initial: deputy.basiss", "did you mean 'basis'?"),
        ("lifecycle", "value: event.basis", "value: event.bases", "no 'bases'"),
        ("lifecycle", "key: [activity, field]", "key: [activity, feld]", "no 'feld'"),
        ("eligibility", "Aged ${age}", "Aged ${agee}", "unknown fact 'agee'"),
        ("eligibility", "Aged ${age} on ${check.date}", "Aged ${age} on ${check.dat}", "no 'dat'"),
        (
            "procedures",
            "vote on ground ${ground.subparagraph}",
            "vote on ground ${ground.sub}",
            "no 'sub'",
        ),
        ("grounds", "eq: conviction", "eq: 2015-02-30", "not a calendar date"),
        ("grounds", "provisions: [l148-20-3-8]", "provisions: [l148-20-3-88]", "unknown provision"),
        (
            "provisions",
            "    scope: out_of_scope\n    reason:\n      en: Declaratory;",
            "    reason:\n      en: Declaratory;",
            "a reason exactly when",
        ),
    ],
)
def test_inconsistent_rules_are_rejected(
    file: str, old: str, new: str, message: str, edited: Callable[..., Path]
) -> None:
    """References that do not resolve, and overlapping versions, are rule errors."""
    issue = first_issue(edited(file, old, new))
    assert message in issue.message
    assert issue.line is not None


def test_duplicate_ids_across_files(rules_copy: Callable[..., Path]) -> None:
    """The same rule id in two files is an error pointing at the second."""
    extra = (
        "findings:\n  - code: ineligible_age\n    severity: info\n"
        "    message: {en: x, ru: x, kk: x}\n"
    )
    issue = first_issue(rules_copy(zz=extra))
    assert "duplicate id 'ineligible_age'" in issue.message
    assert issue.file is not None and issue.file.endswith("zz.yaml")


def test_all_problems_are_reported_together(edited: Callable[..., Path]) -> None:
    """Problems in several files are collected in one error, in file order."""
    target = edited("grounds", "procedure: session_decision", "procedure: nope")
    path = target / "eligibility.yaml"
    path.write_text(path.read_text().replace("finding: ineligible_age", "finding: young"))
    with pytest.raises(maslihat.RulesError) as caught:
        maslihat.load_rules(target)
    files = [Path(issue.file or "").name for issue in caught.value.issues]
    assert files == ["eligibility.yaml", "grounds.yaml"]
    assert "(and 1 more)" in str(caught.value)


def test_missing_or_empty_directory(tmp_path: Path) -> None:
    """A directory without rule files, or no directory, is a rule error."""
    assert "no rule files" in first_issue(tmp_path).message
    assert "not a directory" in first_issue(tmp_path / "nope").message


def test_exactly_one_lifecycle_section(rules_copy: Callable[..., Path]) -> None:
    """Without a lifecycle section the rule set cannot drive the chart."""
    target = rules_copy()
    (target / "lifecycle.yaml").unlink()
    assert "exactly one file must have a lifecycle section" in first_issue(target).message


def test_date_literals_compare_with_dates(rules_copy: Callable[..., Path]) -> None:
    """A `YYYY-MM-DD` literal in a condition is a date, so it compares with date facts."""
    check = """\
checks:
  - id: born_by_cutoff
    finding: ineligible_age
    versions:
      - valid_from: 2021-01-01
        citation: Law 148-II, art. 5
        basis: inferred
        source: l148-2007-07-27
        provisions: [l148-5-eligibility]
        text: {en: Born by 10 January 2001., ru: (ru), kk: (kk)}
        condition: {fact: deputy.born, le: 2001-01-10}
"""
    rules = maslihat.load_rules(rules_copy(cutoff=check))
    version = next(c for c in rules.checks if c.id == "born_by_cutoff").versions.versions[0]
    comparison = version.body
    assert comparison.operand.value == dt.date(2001, 1, 10)  # type: ignore[attr-defined]
