"""maslihat: the law on a mäslihat deputy's mandate, as rules you can run and audit.

This is the package's one public door; everything not listed in `__all__` is
internal and may change.

Names are imported when first used (PEP 562), so that `import maslihat` and the
command line pay only for what they touch: `maslihat evaluate` never builds the
rule-file models, the audit, the service or the lifecycle library's machinery.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from maslihat.engine.evaluate import check_case, evaluate, evaluate_many, timeline
    from maslihat.engine.records import TimelineEntry
    from maslihat.errors import (
        CaseError,
        EvaluationError,
        InputError,
        Issue,
        MaslihatError,
        RulesError,
    )
    from maslihat.lifecycle import MandateLifecycle
    from maslihat.model import (
        Case,
        Deputy,
        Finding,
        GroundOutcome,
        Mandate,
        Maslihat,
        NextStep,
        OtherMandate,
        Result,
        RulesInfo,
        TraceEntry,
    )
    from maslihat.rules.loader import bundled_rules_dir, load_rules
    from maslihat.rules.ruleset import RuleSet
    from maslihat.source.cases import load_case, parse_case
    from maslihat.whatif.amendment import Amendment, load_amendment, parse_amendment
    from maslihat.whatif.diff import DiffReport, diff
    from maslihat.whatif.overlay import apply_amendment

__version__ = "0.1.0"

_HOMES = {
    "maslihat.engine.evaluate": ("check_case", "evaluate", "evaluate_many", "timeline"),
    "maslihat.engine.records": ("TimelineEntry",),
    "maslihat.errors": (
        "CaseError",
        "EvaluationError",
        "InputError",
        "Issue",
        "MaslihatError",
        "RulesError",
    ),
    "maslihat.lifecycle": ("MandateLifecycle",),
    "maslihat.model": (
        "Case",
        "Deputy",
        "Finding",
        "GroundOutcome",
        "Mandate",
        "Maslihat",
        "NextStep",
        "OtherMandate",
        "Result",
        "RulesInfo",
        "TraceEntry",
    ),
    "maslihat.rules.loader": ("bundled_rules_dir", "load_rules"),
    "maslihat.rules.ruleset": ("RuleSet",),
    "maslihat.source.cases": ("load_case", "parse_case"),
    "maslihat.whatif.amendment": ("Amendment", "load_amendment", "parse_amendment"),
    "maslihat.whatif.diff": ("DiffReport", "diff"),
    "maslihat.whatif.overlay": ("apply_amendment",),
}
_HOME_OF = {name: module for module, names in _HOMES.items() for name in names}

__all__ = [
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


def __getattr__(name: str) -> Any:
    """Import a public name from its home module the first time it is asked for."""
    module = _HOME_OF.get(name)
    if module is None:
        raise AttributeError(f"module 'maslihat' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # later lookups are ordinary attribute reads
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
