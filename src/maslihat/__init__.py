"""maslihat: the law on a mäslihat deputy's mandate, as rules you can run and audit.

This is the package's one public door; everything not listed in `__all__` is
internal and may change.
"""

from maslihat.engine.evaluate import check_case, evaluate, evaluate_many, timeline
from maslihat.engine.records import TimelineEntry
from maslihat.errors import CaseError, EvaluationError, InputError, Issue, MaslihatError, RulesError
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
