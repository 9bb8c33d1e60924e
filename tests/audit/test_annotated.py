"""Rule files annotated line by line: covered, MC/DC gap, uncovered, and surviving mutants."""

from __future__ import annotations

from pathlib import Path

import maslihat
from maslihat.audit.annotated import file_listings
from maslihat.audit.model import AuditReport, ChildCoverage, ConditionCoverage, MutantOutcome
from maslihat.audit.report import build_report


def report_with(
    rules: maslihat.RuleSet,
    conditions: list[ConditionCoverage],
    mutants: list[MutantOutcome],
) -> AuditReport:
    empty = build_report(rules, [])
    return empty.model_copy(update={"conditions": conditions, "mutants": mutants})


def test_lines_are_marked_where_their_conditions_stand(rules: maslihat.RuleSet) -> None:
    """Each condition marks the line the compiler found it on; the worst mark wins."""
    age, citizenship = "checks.minimum_age@2001-01-23", "checks.citizenship@2001-01-23"
    incapable = "facts.incapacity_rulings.where"
    conditions = [
        ConditionCoverage(node=age, rule="r", kind="compare", seen_true=True, seen_false=True),
        ConditionCoverage(
            node=citizenship, rule="r", kind="compare", seen_true=True, seen_false=False
        ),
        ConditionCoverage(
            node=incapable,
            rule="r",
            kind="all",
            seen_true=True,
            seen_false=True,
            children=[
                ChildCoverage(index=0, decided=True, counterpart=True),
                ChildCoverage(index=1, decided=False, counterpart=True),
            ],
        ),
    ]
    file, line, _ = rules.places[age]
    survivor = MutantOutcome(
        id="m1",
        signature="s",
        operator="shift",
        where=f"{file}:{line}:9 checks[1]",
        description="20 → 19",
        status="survived",
    )
    (listing,) = file_listings(report_with(rules, conditions, [survivor]), rules)
    assert listing.name == Path(file).name == "eligibility.yaml"
    marks = {n: listing.lines[rules.places[n][1] - 1].mark for n in (age, citizenship, incapable)}
    assert marks == {age: "covered", citizenship: "uncovered", incapable: "gap"}
    assert listing.lines[line - 1].survivors == [survivor]
    assert (listing.conditions, listing.covered, listing.gaps, listing.survived) == (3, 2, 1, 1)
    uncovered = listing.lines[rules.places[citizenship][1] - 1]
    assert uncovered.notes == [f"{citizenship}: seen true only"]
