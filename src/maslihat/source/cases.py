"""Read a case file (YAML or JSON) into a validated `Case` that remembers its source.

The case keeps its source document so that problems found later, when the case is
checked against a rule set (an unknown ground, say), still point at a line.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from maslihat.errors import CaseError
from maslihat.model import Case
from maslihat.source.document import Document, load_document, parse_document
from maslihat.source.locate import issues_from_validation_error


def case_from_document(document: Document) -> Case:
    """Validate a parsed document as a case, or raise `CaseError` with every issue."""
    try:
        case = Case.model_validate(document.data)
    except ValidationError as exc:
        raise CaseError(issues_from_validation_error(exc, document, Case)) from None
    case._source = document
    return case


def load_case(path: str | Path) -> Case:
    """Read and validate the case file at `path`."""
    return case_from_document(load_document(path, CaseError))


def parse_case(text: str, name: str = "<case>") -> Case:
    """Validate case text (YAML or JSON) given in memory; `name` is used in messages."""
    return case_from_document(parse_document(text, name, CaseError))
