"""Assemble the audit report: one suite run, lint, the editions table, and mutants if run."""

from __future__ import annotations

from collections.abc import Sequence

from maslihat.audit.casetests import LoadedFile
from maslihat.audit.editions import edition_table
from maslihat.audit.lint import lint
from maslihat.audit.model import (
    AuditReport,
    ConditionCoverage,
    EditionTable,
    LintFinding,
    MutantOutcome,
    ProvisionTrace,
    RuleTrace,
    Summary,
    TestOutcome,
)
from maslihat.audit.suite import SuiteRun, run_suite
from maslihat.audit.traceability import condition_coverage, provision_traces, rule_traces
from maslihat.i18n import DEFAULT_LANGUAGE, N_, Language, translator, worded
from maslihat.rules.ruleset import RuleSet


def build_report(
    rules: RuleSet,
    files: Sequence[LoadedFile],
    mutants: list[MutantOutcome] | None = None,
    suite: SuiteRun | None = None,
) -> AuditReport:
    """Run the suite (unless given) and report traceability, coverage, lint, editions, mutants."""
    suite = suite if suite is not None else run_suite(files, rules)
    traces = rule_traces(rules, suite)
    provisions = provision_traces(rules, traces)
    conditions = condition_coverage(rules, suite)
    found = lint(rules)
    table = edition_table(rules)
    tests = [
        TestOutcome(id=o.id, passed=o.passed, problems=list(o.problems)) for o in suite.outcomes
    ]
    return AuditReport(
        rules_fingerprint=rules.fingerprint,
        summary=_summary(provisions, traces, conditions, found, tests, table, mutants),
        provisions=provisions,
        rules=traces,
        conditions=conditions,
        lint=found,
        tests=tests,
        editions=table,
        mutants=mutants,
    )


def _summary(
    provisions: list[ProvisionTrace],
    traces: list[RuleTrace],
    conditions: list[ConditionCoverage],
    found: list[LintFinding],
    tests: list[TestOutcome],
    table: EditionTable,
    mutants: list[MutantOutcome] | None,
) -> Summary:
    obligations = [child for c in conditions for child in c.children or ()]
    covered = sum(c.covered for c in conditions)
    return Summary(
        provisions=len(provisions),
        encoded=sum(p.scope == "encoded" for p in provisions),
        out_of_scope=sum(p.scope == "out_of_scope" for p in provisions),
        tested=sum(p.status == "traced" for p in provisions),
        rule_versions=len(traces),
        rules_tested=sum(bool(t.tests) for t in traces),
        conditions=len(conditions),
        covered=covered,
        condition_coverage=round(100 * covered / len(conditions), 1) if conditions else 100.0,
        mcdc_obligations=len(obligations),
        mcdc_covered=sum(c.decided and c.counterpart for c in obligations),
        tests=len(tests),
        tests_failed=sum(not t.passed for t in tests),
        lint_errors=sum(f.severity == "error" for f in found),
        lint_warnings=sum(f.severity == "warning" for f in found),
        edition_cells=table.applicable,
        edition_cells_ok=table.ok,
        edition_coverage=table.percentage,
        edition_gaps=len(table.gaps),
        mutants=len(mutants) if mutants is not None else None,
        killed=sum(m.status == "killed" for m in mutants) if mutants is not None else None,
        survived=sum(m.status == "survived" for m in mutants) if mutants is not None else None,
        stillborn=sum(m.status == "stillborn" for m in mutants) if mutants is not None else None,
        equivalent=sum(m.status == "equivalent" for m in mutants) if mutants is not None else None,
        in_window=sum(m.status == "in_window" for m in mutants) if mutants is not None else None,
    )


STATUS_WORDS = {
    "traced": N_("traced"),
    "untested": N_("untested"),
    "no_rule": N_("no rule"),
    "out_of_scope": N_("out of scope"),
    "claimed_but_excluded": N_("claimed but excluded"),
    "killed": N_("killed"),
    "survived": N_("survived"),
    "stillborn": N_("stillborn"),
    "equivalent": N_("equivalent"),
    "in_window": N_("in window"),
    "encoded": N_("encoded"),
    "missing": N_("missing"),
    "not_in_edition": N_("not in edition"),
    "not_read": N_("not read"),
    "absent": N_("absent"),
    "no_boundary": N_("no boundary"),
}
"""The audit's statuses (of provisions, mutants, edition cells and gaps) in words."""


def status_words(status: str, lang: Language = DEFAULT_LANGUAGE) -> str:
    """An audit status as a person reads it: `no rule`, `out of scope`."""
    return worded(STATUS_WORDS, status, lang, status.replace("_", " "))


def shortfalls(report: AuditReport, lang: Language = DEFAULT_LANGUAGE) -> list[str]:
    """Everything that keeps the report from being complete, one line each, in `lang`."""
    _ = translator(lang).gettext
    out = [
        _("provision {id} ({label}): {status}").format(
            id=p.id, label=p.label, status=status_words(p.status, lang)
        )
        for p in report.provisions
        if p.status in ("untested", "no_rule", "claimed_but_excluded")
    ]
    out += [
        _("rule {key}: no case test exercises it").format(key=t.key)
        for t in report.rules
        if not t.tests
    ]
    for c in report.conditions:
        if not c.covered:
            missing = (
                N_("condition {node}: never false")
                if c.seen_true
                else N_("condition {node}: never true")
                if c.seen_false
                else N_("condition {node}: never true or false")
            )
            out.append(_(missing).format(node=c.node))
        for child in c.children or ():
            if not (child.decided and child.counterpart):
                out.append(
                    _("condition {node}: child [{index}] never decides it alone (MC/DC)").format(
                        node=c.node, index=child.index
                    )
                )
    out += [_("test {id}: failed").format(id=t.id) for t in report.tests if not t.passed]
    out += [
        _("lint {code} at {where}: {message}").format(code=f.code, where=f.where, message=f.message)
        for f in report.lint
        if f.severity == "error"
    ]
    out += [
        _("mutant {id} survived: {change} at {where}").format(
            id=m.id, change=m.description, where=m.where
        )
        for m in report.mutants or ()
        if m.status == "survived"
    ]
    out += [
        _("edition {edition}, provision {provision}: {kind}: {detail}").format(
            edition=g.edition,
            provision=g.provision,
            kind=status_words(g.kind, lang),
            detail=g.detail,
        )
        for g in report.editions.gaps
    ]
    return out
