"""Which kind of file a document is, to tell a person who gave one kind for another.

Cases, case-test files and rule files are all YAML mappings, so a file given in the
wrong place fails validation with a screenful of unknown keys. Each kind has keys no
other kind has; when a document has another kind's keys and not those of the kind
expected, one issue says what the file is and where it goes. The keys are named here
rather than taken from the models, because the reader sits below the models and the
rules; tests/source/test_kinds.py checks that they agree with the models.
"""

from __future__ import annotations

from typing import Any

from maslihat.errors import Issue
from maslihat.source.document import Document
from maslihat.wording import say

KINDS: dict[str, tuple[frozenset[str], str, str]] = {
    "Case": (frozenset({"maslihat", "deputy"}), "kind_case", "a_case"),
    "CaseTestFile": (frozenset({"tests", "case"}), "kind_case_test", "a_case_test"),
    "RuleFile": (
        frozenset({"provisions", "facts", "state", "lists", "findings", "checks", "grounds"})
        | frozenset({"procedures", "restrictions", "lifecycle", "editions", "acts", "terms"}),
        "kind_rules",
        "a_rule_file",
    ),
}
"""By model name: the keys that mark the kind (a rule file needs one of its sections,
the others all of theirs), the message saying a file is of it, and its name."""


def _is(kind: str, keys: set[str]) -> bool:
    marks = KINDS[kind][0]
    return bool(keys & marks) if kind == "RuleFile" else marks <= keys


def wrong_kind(document: Document, model: Any) -> Issue | None:
    """One issue if `document` is plainly another kind of file than `model` validates."""
    expected = KINDS.get(getattr(model, "__name__", ""))
    if expected is None or not isinstance(document.data, dict):
        return None
    keys = {key for key in document.data if isinstance(key, str)}
    name = model.__name__
    if _is(name, keys):
        return None
    for kind, (_, message, _) in KINDS.items():
        if kind != name and _is(kind, keys):
            words = say(message, expected=say(expected[2]))
            return document.issue((), words)
    return None
