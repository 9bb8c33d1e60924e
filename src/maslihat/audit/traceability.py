"""Traceability: provision → rule versions → case tests, and condition coverage.

Both read one `SuiteRun` against the compiled rules: a rule version is tested when a
case test's trace shows it applied; a provision is tested when one of its rules is;
a condition is covered when the suite saw it both true and false, and an `all`/`any`
child is MC/DC-covered when it was seen deciding the outcome alone and the outcome
was also seen reached through every child (masking MC/DC, as short-circuit
evaluation allows).
"""

from __future__ import annotations

from typing import Literal

from maslihat.audit.model import ChildCoverage, ConditionCoverage, ProvisionTrace, RuleTrace
from maslihat.audit.suite import SuiteRun
from maslihat.rules.conditions import Combination, Comparison, Negation
from maslihat.rules.listing import all_versions
from maslihat.rules.ruleset import RuleSet

Status = Literal["traced", "untested", "no_rule", "out_of_scope", "claimed_but_excluded"]


def rule_traces(rules: RuleSet, suite: SuiteRun) -> list[RuleTrace]:
    """Every rule version with the case tests that exercised it."""
    traces = []
    for info in all_versions(rules):
        key = f"{info.id}@{info.valid_from}"
        if info.kind == "list_item":
            list_id = info.id.split(".")[0]
            tests = suite.values_used.get((list_id, info.id), set())
        else:
            tests = suite.exercised.get(key, set())
        traces.append(
            RuleTrace(
                key=key,
                kind=info.kind,
                valid_from=info.valid_from,
                valid_to=info.valid_to,
                citation=info.citation,
                provisions=list(info.provisions),
                tests=sorted(tests),
            )
        )
    return traces


def provision_traces(rules: RuleSet, traces: list[RuleTrace]) -> list[ProvisionTrace]:
    """Every provision with its rules and their tests, and a verdict."""
    out = []
    for provision in rules.provisions.values():
        encoding = [t for t in traces if provision.id in t.provisions]
        tests = sorted({test for t in encoding for test in t.tests})
        status: Status
        if provision.scope == "out_of_scope":
            status = "claimed_but_excluded" if encoding else "out_of_scope"
        else:
            status = "traced" if tests else "untested" if encoding else "no_rule"
        out.append(
            ProvisionTrace(
                id=provision.id,
                label=provision.label,
                text=" ".join(provision.text[rules.lang].split()),
                scope=provision.scope,
                reason=" ".join(provision.reason[rules.lang].split()) if provision.reason else None,
                rules=[t.key for t in encoding],
                tests=tests,
                status=status,
            )
        )
    return out


def condition_coverage(rules: RuleSet, suite: SuiteRun) -> list[ConditionCoverage]:
    """Every condition node of the rules, with the values and MC/DC seen."""
    out = []
    for rule, node in rules.conditions():
        tally = suite.nodes.get(node.node)
        seen = tally.values if tally else set()
        children = None
        if isinstance(node, Combination):
            children = [
                ChildCoverage(
                    index=i,
                    decided=bool(tally and i in tally.decided_by),
                    counterpart=bool(tally and tally.went_through),
                )
                for i in range(len(node.children))
            ]
        kind = (
            node.kind
            if isinstance(node, Combination)
            else "not"
            if isinstance(node, Negation)
            else "compare"
        )
        assert isinstance(node, Combination | Negation | Comparison)
        out.append(
            ConditionCoverage(
                node=node.node,
                rule=rule,
                kind=kind,
                seen_true=True in seen,
                seen_false=False in seen,
                children=children,
            )
        )
    return out
