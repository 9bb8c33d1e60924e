"""The audit report as models: what `maslihat audit --json` prints and tools gate on.

`summary` holds the counts (provisions, encoded, tested, conditions, covered, mutants,
killed, ...); the lists say exactly which provision, rule, condition or mutant is
not covered, so a person can act on it.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from maslihat.model.common import Frozen


class ProvisionTrace(Frozen):
    """A provision, the rule versions that encode it, and the case tests exercising them."""

    id: str
    label: str
    text: str
    scope: Literal["encoded", "out_of_scope"]
    reason: str | None = None
    rules: list[str] = Field(default_factory=list)
    tests: list[str] = Field(default_factory=list)
    status: Literal["traced", "untested", "no_rule", "out_of_scope", "claimed_but_excluded"]


class RuleTrace(Frozen):
    """A rule version, the provisions it encodes, and the case tests that exercise it."""

    key: str
    kind: str
    valid_from: dt.date
    valid_to: dt.date | None
    citation: str
    provisions: list[str]
    tests: list[str] = Field(default_factory=list)


class ChildCoverage(Frozen):
    """For one child of an all/any: did it alone decide the outcome, both ways?"""

    index: int
    decided: bool = Field(description="Seen settling the outcome by itself.")
    counterpart: bool = Field(description="Seen with every child evaluated and none settling.")


class ConditionCoverage(Frozen):
    """One condition node: which values the suite saw it take."""

    node: str
    rule: str
    kind: str
    seen_true: bool
    seen_false: bool
    children: list[ChildCoverage] | None = Field(default=None, description="MC/DC, all/any only.")

    @property
    def covered(self) -> bool:
        """Seen both true and false."""
        return self.seen_true and self.seen_false


class LintFinding(Frozen):
    """A problem in the rule set that loading does not reject."""

    severity: Literal["error", "warning"]
    code: str
    message: str
    where: str


class MutantOutcome(Frozen):
    """One small change to the rules, and whether some case test noticed it."""

    id: str
    signature: str = Field(
        description="File, field path and change: stable across edits elsewhere."
    )
    operator: str
    where: str
    description: str
    status: Literal["killed", "survived", "stillborn", "equivalent"]
    killed_by: str | None = None
    reason: str | None = Field(default=None, description="Why a reviewed mutant is equivalent.")


class TestOutcome(Frozen):
    """One case test's verdict."""

    id: str
    passed: bool
    problems: list[str] = Field(default_factory=list)


class Summary(Frozen):
    """Counts to read at a glance and to gate on."""

    provisions: int
    encoded: int
    out_of_scope: int
    tested: int = Field(description="Encoded provisions with a rule exercised by a case test.")
    rule_versions: int
    rules_tested: int
    conditions: int
    covered: int
    condition_coverage: float = Field(description="Percentage of conditions seen both ways.")
    mcdc_obligations: int
    mcdc_covered: int
    tests: int
    tests_failed: int
    lint_errors: int
    lint_warnings: int
    mutants: int | None = None
    killed: int | None = None
    survived: int | None = None
    stillborn: int | None = None
    equivalent: int | None = None


class AuditReport(Frozen):
    """Everything the audit found."""

    rules_fingerprint: str
    summary: Summary
    provisions: list[ProvisionTrace]
    rules: list[RuleTrace]
    conditions: list[ConditionCoverage]
    lint: list[LintFinding]
    tests: list[TestOutcome]
    mutants: list[MutantOutcome] | None = None
