"""Applying an amendment: a new rule set from the amended documents, compiled as rule files are."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import maslihat
from maslihat.whatif.overlay import apply_amendment

HEAD = "amendment: test\ntitle: A test\nbill: A draft law\nchanges:\n"
AGE_21 = HEAD + (
    "  - version: checks.minimum_age\n"
    "    valid_from: 2027-01-01\n"
    "    citation: Draft law, art. 1\n"
    "    text: {en: At least twenty-one., ru: (ru), kk: (kk)}\n"
    "    condition: {fact: age, ge: 21}\n"
)
SAMPLES = Path(__file__).resolve().parents[2] / "examples" / "amendments"


def amend(rules: maslihat.RuleSet, text: str) -> maslihat.RuleSet:
    return apply_amendment(rules, maslihat.parse_amendment(text, "a.yaml"))


def test_a_new_version_ends_the_one_before(rules: maslihat.RuleSet) -> None:
    """The version in force on the new one's first day ends the day before; it cites the bill."""
    after = amend(rules, AGE_21)
    [check] = [c for c in after.checks if c.id == "minimum_age"]
    old, new = check.versions
    assert old.valid_to == dt.date(2026, 12, 31)
    assert (new.key, new.citation, new.basis) == (
        "minimum_age@2027-01-01",
        "Draft law, art. 1",
        "inferred",
    )
    assert new.provisions == old.provisions and new.sources == old.sources


def test_the_rules_given_are_not_changed(rules: maslihat.RuleSet) -> None:
    """The amended set is new: the one it was laid over keeps its versions and fingerprint."""
    fingerprint = rules.fingerprint
    after = amend(rules, AGE_21)
    assert after.fingerprint != fingerprint == rules.fingerprint
    [check] = [c for c in rules.checks if c.id == "minimum_age"]
    assert len(check.versions.versions) == 1 and check.versions.versions[0].valid_to is None


def test_an_empty_amendment_changes_no_fingerprint(rules: maslihat.RuleSet) -> None:
    """The fingerprint is of content: nothing changed, the same fingerprint."""
    assert amend(rules, HEAD.replace("changes:\n", "")).fingerprint == rules.fingerprint


def test_end_a_rule(rules: maslihat.RuleSet) -> None:
    """`end` gives the version in force on the day its last day."""
    text = HEAD + "  - end: checks.minimum_age\n    valid_to: 2027-06-30\n    citation: c\n"
    [check] = [c for c in amend(rules, text).checks if c.id == "minimum_age"]
    assert check.versions.at(dt.date(2027, 6, 30)) is not None
    assert check.versions.at(dt.date(2027, 7, 1)) is None


def test_add_a_finding_and_a_list_item(rules: maslihat.RuleSet) -> None:
    """`add` puts a new finding in, and a new item in a list, each compiled."""
    listed = next(iter(rules.lists.values()))
    item = listed.items[0]
    text = HEAD + (
        "  - add: findings\n    citation: c\n"
        "    entry: {code: new_finding, severity: info,"
        " message: {en: Something new., ru: Нечто новое., kk: Жаңа нәрсе.}}\n"
        f"  - add: lists.{listed.id}\n    citation: c\n"
        "    entry:\n      id: new_item\n"
        "      title: {en: A new item, ru: Новый пункт, kk: Жаңа тармақ}\n"
        "      valid_from: 2027-01-01\n"
        f"      citation: Draft law, art. 2\n      text: {{en: New., ru: (ru), kk: (kk)}}\n"
        "      basis: inferred\n"
        f"      source: {item.sources[0]}\n      provisions: [{item.provisions[0]}]\n"
    )
    after = amend(rules, text)
    assert "new_finding" in after.findings and "new_finding" not in rules.findings
    assert "new_item" in after.lists[listed.id].at(dt.date(2027, 1, 1))
    assert "new_item" not in after.lists[listed.id].at(dt.date(2026, 12, 31))


def test_a_compile_error_is_located_in_the_amendment(rules: maslihat.RuleSet) -> None:
    """A fact the rules lack is reported at its line and column in the amendment file."""
    with pytest.raises(maslihat.RulesError) as caught:
        amend(rules, AGE_21.replace("fact: age", "fact: agee"))
    issue = caught.value.issues[0]
    assert (issue.file, issue.line, issue.column) == ("a.yaml", 9, 17)
    assert "unknown fact 'agee'" in issue.message


def test_a_rule_the_rules_lack(rules: maslihat.RuleSet) -> None:
    """An amendment naming a rule that is not there is refused at that name."""
    text = HEAD + "  - end: grounds.no_such\n    valid_to: 2027-01-01\n    citation: c\n"
    with pytest.raises(maslihat.RulesError, match=r"a.yaml:5:5: changes\[0\].end: no ground"):
        amend(rules, text)


def test_a_second_version_on_the_same_day_is_refused(rules: maslihat.RuleSet) -> None:
    """A version may not begin on the day another does (its key would be taken)."""
    with pytest.raises(maslihat.RulesError, match="already has a version from 2001-01-23"):
        amend(rules, AGE_21.replace("2027-01-01", "2001-01-23"))


@pytest.mark.parametrize("path", sorted(SAMPLES.glob("*.yaml")), ids=lambda p: p.name)
def test_the_sample_amendments_apply(rules: maslihat.RuleSet, path: Path) -> None:
    """Each sample amendment under examples/amendments/ compiles over the bundled rules."""
    assert apply_amendment(rules, maslihat.load_amendment(path)).fingerprint != rules.fingerprint


def test_an_added_grounds_mistake_is_located_in_the_amendment(rules: maslihat.RuleSet) -> None:
    """A new ground naming a procedure the rules lack is reported at its line in the amendment."""
    text = HEAD + (
        "  - add: grounds\n    citation: c\n    entry:\n      id: new_ground\n"
        "      number: 11\n      title: {en: New, ru: Новое, kk: Жаңа}\n      versions:\n"
        "        - valid_from: 2027-01-01\n"
        "          citation: Draft law, art. 3\n          text: {en: t, ru: (ru), kk: (kk)}\n"
        "          basis: inferred\n          source: l148-2007-07-27\n"
        "          provisions: [l148-20-3-9]\n          procedure: nope\n"
        "          triggers: [{event: meeting}]\n"
    )
    with pytest.raises(maslihat.RulesError) as caught:
        amend(rules, text)
    [issue] = caught.value.issues
    assert (issue.file, issue.line, issue.field) == (
        "a.yaml",
        18,
        "changes[0].entry.versions[0].procedure",
    )
    fixed = amend(rules, text.replace("nope", "session_decision"))
    assert fixed.grounds["new_ground"].versions.at(dt.date(2027, 1, 1)) is not None


def test_end_a_list_item(rules: maslihat.RuleSet) -> None:
    """`end: lists.LIST.ITEM` takes an item out of its list after its last day."""
    listed = next(iter(rules.lists.values()))
    item = next(i for i in listed.items if i.valid_to is None)
    text = (
        HEAD
        + f"  - end: lists.{listed.id}.{item.rule}\n    valid_to: 2027-06-30\n    citation: c\n"
    )
    after = amend(rules, text).lists[listed.id]
    assert item.rule in after.at(dt.date(2027, 6, 30))
    assert item.rule not in after.at(dt.date(2027, 7, 1))
