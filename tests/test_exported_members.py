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
