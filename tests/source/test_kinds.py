"""A file of another kind than expected is named, in one issue, instead of a wall of keys."""

from __future__ import annotations

import pytest

from maslihat.audit.casetests import CaseTestFile
from maslihat.errors import CaseError
from maslihat.model import Case
from maslihat.rules.documents import RuleFile
from maslihat.source import parse_document
from maslihat.source.kinds import KINDS, wrong_kind

MODELS = {"Case": Case, "CaseTestFile": CaseTestFile, "RuleFile": RuleFile}


@pytest.mark.parametrize("name", sorted(KINDS))
def test_the_marking_keys_are_keys_of_their_model(name: str) -> None:
    """Each kind is marked by keys its model has (a rule file by its sections, all of them)."""
    marks = KINDS[name][0]
    fields = set(MODELS[name].model_fields)
    assert marks <= fields
    if name == "RuleFile":
        assert marks == fields - {"about"}


def test_a_case_test_file_given_as_a_case_is_named() -> None:
    """A case-test file validated as a case gets one issue at its top saying what it is."""
    document = parse_document("about: x\ncase: c.yaml\ntests: []\n", "t.yaml", CaseError)
    issue = wrong_kind(document, Case)
    assert issue is not None and (issue.line, issue.column, issue.field) == (1, 1, "")
    assert (
        issue.message.startswith("this is a case-test file") and "`maslihat test`" in issue.message
    )


def test_a_case_given_as_a_rule_file_is_named() -> None:
    """A case in the rule directory says it is a case and where rule files go."""
    document = parse_document("maslihat: {}\ndeputy: {}\n", "c.yaml", CaseError)
    issue = wrong_kind(document, RuleFile)
    assert issue is not None and "this is a case file" in issue.message
    assert "--rules takes a directory of rule files" in issue.message


def test_a_broken_document_of_the_right_kind_gets_no_hint() -> None:
    """A case missing its deputy is a case with a mistake, not another kind of file."""
    document = parse_document("maslihat: {}\nevents: []\n", "c.yaml", CaseError)
    assert wrong_kind(document, Case) is None
    assert wrong_kind(parse_document("- 1\n", "l.yaml", CaseError), Case) is None
