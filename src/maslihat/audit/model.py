"""The audit report as models: what `maslihat audit --json` prints and tools gate on.

`summary` holds the counts (provisions, encoded, tested, conditions, covered, mutants,
killed, edition cells, ...); the lists say exactly which provision, rule, condition,
mutant or edition is not covered, so a person can act on it.
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
    status: Literal["killed", "survived", "stillborn", "equivalent", "in_window"]
    killed_by: str | None = None
    reason: str | None = Field(default=None, description="Why a reviewed mutant is equivalent.")


class TestOutcome(Frozen):
    """One case test's verdict."""

    id: str
    passed: bool
    problems: list[str] = Field(default_factory=list)


CellStatus = Literal["encoded", "out_of_scope", "missing", "not_in_edition", "not_read", "absent"]
GapKind = Literal["missing", "not_in_edition", "no_boundary"]


class EditionCell(Frozen):
    """One provision as one edition holds it, and whether the rules follow it."""

    provision: str
    status: CellStatus
    day: dt.date = Field(
        description="The day looked at: the edition's date, or the day its wording came into "
        "force when the edition shows it ahead of that day."
    )
    wording: dt.date | None = Field(
        default=None, description="`valid_from` of the provision's wording the edition holds."
    )
    rules: list[str] = Field(
        default_factory=list, description="Rule versions in force on `day` that encode it."
    )
    reason: str | None = Field(default=None, description="Why the provision is out of scope.")

    @property
    def applicable(self) -> bool:
        """Whether the cell counts: the edition holds the provision, or should."""
        return self.status not in ("absent", "not_read")

    @property
    def ok(self) -> bool:
        """Held, and encoded or out of scope with a reason."""
        return self.status in ("encoded", "out_of_scope")


class EditionRow(Frozen):
    """One edition of an act, with a cell for each provision of that act."""

    edition: str
    act: str
    date: dt.date
    cells: list[EditionCell]


class EditionGap(Frozen):
    """Somewhere the rules do not follow what an edition holds."""

    kind: GapKind
    edition: str
    provision: str
    earlier: str | None = Field(
        default=None, description="no_boundary: the edition before `edition`."
    )
    rule: str | None = Field(default=None, description="no_boundary: the rule, `kind id`.")
    detail: str


class EditionTable(Frozen):
    """Editions × provisions: does every wording an edition holds reach the rules?"""

    rows: list[EditionRow]
    gaps: list[EditionGap]

    @property
    def applicable(self) -> int:
        """Cells where the edition holds the provision, or should."""
        return sum(cell.applicable for row in self.rows for cell in row.cells)

    @property
    def ok(self) -> int:
        """Applicable cells the rules follow."""
        return sum(cell.ok for row in self.rows for cell in row.cells)

    @property
    def percentage(self) -> float:
        """Ok cells as a percentage of applicable ones (100.0 when there are none)."""
        return round(100 * self.ok / self.applicable, 1) if self.applicable else 100.0


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
    edition_cells: int = Field(description="Editions × provisions cells that apply.")
    edition_cells_ok: int = Field(description="Of those, cells the rules follow.")
    edition_coverage: float = Field(description="Percentage of applicable cells that are ok.")
    edition_gaps: int = Field(description="missing + not_in_edition + no_boundary.")
    mutants: int | None = None
    killed: int | None = None
    survived: int | None = None
    stillborn: int | None = None
    equivalent: int | None = None
    in_window: int | None = None


class AuditReport(Frozen):
    """Everything the audit found."""

    rules_fingerprint: str
    summary: Summary
    provisions: list[ProvisionTrace]
    rules: list[RuleTrace]
    conditions: list[ConditionCoverage]
    lint: list[LintFinding]
    tests: list[TestOutcome]
    editions: EditionTable
    mutants: list[MutantOutcome] | None = None
