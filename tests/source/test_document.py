"""Loading YAML/JSON with positions, without the YAML parser deciding types for pydantic."""

from __future__ import annotations

from pathlib import Path

import pytest

from maslihat.errors import CaseError, RulesError
from maslihat.source.document import format_loc, load_document, parse_document


def test_positions_are_recorded_for_keys_and_items() -> None:
    """Every key and list item has a 1-based line and column."""
    doc = parse_document("a: 1\nb:\n  - x\n  - {c: 2}\n", "f.yaml", CaseError)
    assert doc.positions[("a",)] == (1, 1)
    assert doc.positions[("b", 1)] == (4, 5)
    assert doc.positions[("b", 1, "c")] == (4, 6)


def test_yes_no_on_stay_strings_and_dates_stay_text() -> None:
    """YAML 1.2 keeps `on`/`yes`/`no` as strings; dates are left for pydantic to parse."""
    doc = parse_document("on: yes\nno: off\nd: 2021-02-30\n", "f.yaml", CaseError)
    assert doc.data == {"on": "yes", "no": "off", "d": "2021-02-30"}


def test_json_is_read_with_positions() -> None:
    """A JSON file is parsed by the same loader, with positions."""
    doc = parse_document('{\n  "a": [1, 2]\n}', "f.json", CaseError)
    assert doc.data == {"a": [1, 2]}
    assert doc.positions[("a",)] == (2, 3)


def test_syntax_error_names_line_and_column() -> None:
    """A YAML syntax error becomes the requested error type with the parser's position."""
    with pytest.raises(RulesError) as caught:
        parse_document("a: [1,\n", "r.yaml", RulesError)
    issue = caught.value.issues[0]
    assert (issue.file, issue.line) == ("r.yaml", 2)
    assert issue.message.startswith("not valid YAML or JSON")


def test_duplicate_keys_are_an_error() -> None:
    """A key given twice is rejected rather than silently overwritten."""
    with pytest.raises(CaseError) as caught:
        parse_document("a: 1\na: 2\n", "f.yaml", CaseError)
    assert caught.value.issues[0].line == 2


def test_unreadable_file_is_an_input_error(tmp_path: Path) -> None:
    """A missing file is reported as an input error naming it, not an OSError."""
    with pytest.raises(CaseError, match="cannot read the file"):
        load_document(tmp_path / "missing.yaml", CaseError)


def test_position_falls_back_to_the_nearest_parent() -> None:
    """A path the document lacks (a missing field) points at its parent."""
    doc = parse_document("deputy:\n  name: x\n", "f.yaml", CaseError)
    assert doc.position(("deputy", "born")) == (1, 1)
    assert doc.issue(("deputy", "born"), "missing").field == "deputy.born"


def test_format_loc_reads_like_a_path() -> None:
    """Locations render as `events[3].in_force`."""
    assert format_loc(("events", 3, "in_force")) == "events[3].in_force"
    assert format_loc(()) == ""
