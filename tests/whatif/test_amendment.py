"""An amendment file's shape is checked like a rule file's: exit 3 material, located."""

from __future__ import annotations

import pytest

import maslihat
from maslihat.schemas import schema


def test_a_change_without_a_kind_is_located() -> None:
    """A change that says neither version, end nor add is refused at its line."""
    text = "amendment: x\ntitle: t\nbill: b\nchanges:\n  - frobnicate: checks.minimum_age\n"
    with pytest.raises(maslihat.RulesError) as caught:
        maslihat.parse_amendment(text, "a.yaml")
    assert str(caught.value.issues[0]) == (
        "a.yaml:5:5: changes[0]: a change says `version:`, `end:` or `add:`"
    )


def test_an_impossible_date_names_the_field_written() -> None:
    """The field path is the one in the file (`changes[0].valid_from`), not pydantic's tag."""
    text = (
        "amendment: x\ntitle: t\nbill: b\nchanges:\n  - version: checks.minimum_age\n"
        "    valid_from: 2027-02-30\n    citation: c\n    text: {en: t, ru: (ru), kk: (kk)}\n"
    )
    with pytest.raises(maslihat.RulesError) as caught:
        maslihat.parse_amendment(text, "a.yaml")
    issue = caught.value.issues[0]
    assert (issue.file, issue.line, issue.field) == ("a.yaml", 6, "changes[0].valid_from")


def test_a_change_needs_the_bills_citation() -> None:
    """Every kind of change cites the bill it comes from."""
    text = "amendment: x\ntitle: t\nbill: b\nchanges:\n  - end: checks.minimum_age\n"
    text += "    valid_to: 2027-01-01\n"
    with pytest.raises(maslihat.RulesError, match="the required key 'citation' is missing"):
        maslihat.parse_amendment(text, "a.yaml")


def test_the_schema_describes_the_three_kinds() -> None:
    """`maslihat schema amendment` offers version, end and add changes."""
    published = schema("amendment")
    assert {"NewVersion", "EndRule", "AddEntry"} <= set(published["$defs"])
