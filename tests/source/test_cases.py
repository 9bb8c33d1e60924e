"""Case files load into validated cases that remember where they came from."""

from __future__ import annotations

from pathlib import Path

import pytest

import maslihat
from maslihat.source import Document

CASE = """\
case: c
maslihat: {name: M, level: district, territory: "231010000", seats: 25}
deputy: {name: D, born: 1990-01-01, citizenship: KZ, residence: "231010000"}
events:
  - {date: 2021-01-12, type: registered}
"""


def test_load_case_keeps_its_source(tmp_path: Path) -> None:
    """A loaded case carries its document, so later errors can point at lines."""
    path = tmp_path / "c.yaml"
    path.write_text(CASE, encoding="utf-8")
    case = maslihat.load_case(path)
    assert case.case == "c"
    assert isinstance(case._source, Document)
    assert case._source.file == str(path)


def test_parse_case_reports_every_issue_in_file_order() -> None:
    """All validation errors are reported, sorted by position."""
    text = CASE.replace("born: 1990-01-01", "born: 1990-02-30").replace(
        "type: registered", "type: x"
    )
    with pytest.raises(maslihat.CaseError) as caught:
        maslihat.parse_case(text, "c.yaml")
    lines = [issue.line for issue in caught.value.issues]
    assert lines == sorted(lines) and len(lines) == 2
    assert caught.value.issues[0].field == "deputy.born"
    assert caught.value.issues[1].field == "events[0].type"


def test_a_root_that_is_not_a_mapping_is_rejected() -> None:
    """A list at the top of a case file is a case error, not a crash."""
    with pytest.raises(maslihat.CaseError):
        maslihat.parse_case("- 1\n- 2\n")
