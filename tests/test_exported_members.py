"""The public surface is pinned: adding or removing a public name is a deliberate act."""

from __future__ import annotations

import maslihat

PUBLIC = [
    "Amendment",
    "Case",
    "CaseError",
    "Deputy",
    "DiffReport",
    "EvaluationError",
    "Finding",
    "GroundOutcome",
    "InputError",
    "Issue",
    "Mandate",
    "MandateLifecycle",
    "Maslihat",
    "MaslihatError",
    "NextStep",
    "OtherMandate",
    "Result",
    "RuleSet",
    "RulesError",
    "RulesInfo",
    "TimelineEntry",
    "TraceEntry",
    "__version__",
    "apply_amendment",
    "bundled_rules_dir",
    "check_case",
    "diff",
    "evaluate",
    "evaluate_many",
    "load_amendment",
    "load_case",
    "load_rules",
    "parse_amendment",
    "parse_case",
    "timeline",
]


def test_all_is_pinned_and_sorted() -> None:
    """`maslihat.__all__` lists exactly the public names, sorted."""
    assert maslihat.__all__ == PUBLIC
    assert maslihat.__all__ == sorted(maslihat.__all__)


def test_every_public_name_exists() -> None:
    """Every name in `__all__` can be imported from the package."""
    for name in maslihat.__all__:
        assert hasattr(maslihat, name), name


def test_every_public_name_has_one_home() -> None:
    """The lazy door lists each public name once, and nothing that is not public."""
    from maslihat import _HOME_OF

    assert sorted([*_HOME_OF, "__version__"]) == PUBLIC


def test_an_unknown_name_is_an_attribute_error() -> None:
    """Asking the door for a name it does not have fails as any module would."""
    import pytest

    with pytest.raises(AttributeError, match="no attribute 'evaluat'"):
        maslihat.evaluat  # noqa: B018
