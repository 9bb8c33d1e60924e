"""Rule-set lint: problems loading does not reject, but an auditor should see.

Loading already refuses duplicate ids within a section, unknown references and
overlapping versions. Lint looks across the whole set for what is legal but
suspect: a comparison with a value the field can never take (a trigger that can
never fire), a citation that does not name the article of the provisions it claims,
ids shared between kinds of rule, declarations nothing uses, and state facts that no
event produces.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import Any, get_args, get_origin

from maslihat.audit.model import LintFinding
from maslihat.model import EVENT_MODELS, Deputy
from maslihat.rules.conditions import Comparison, Constant, FactValue
from maslihat.rules.derived import CountOf, FirstOf, SumOf, YearsBetween
from maslihat.rules.listing import all_versions
from maslihat.rules.ruleset import RuleSet
from maslihat.rules.template import TEMPLATE_FIELD


def _literals(annotation: Any) -> set[Any] | None:
    """The values a `Literal[...]` (or optional one) field allows, or None if open."""
    if get_origin(annotation) is not None and str(get_origin(annotation)) == "typing.Literal":
        return set(get_args(annotation))
    options = [a for a in get_args(annotation) if a is not type(None)]
    found = [_literals(a) for a in options]
    return set().union(*found) if found and all(f is not None for f in found) else None  # type: ignore[arg-type]


def _domain(path: str, event_types: tuple[str, ...]) -> set[Any] | None:
    root, _, name = path.partition(".")
    if root == "deputy" and name in Deputy.model_fields:
        return _literals(Deputy.model_fields[name].annotation)
    if root == "event":
        domains = [
            _literals(EVENT_MODELS[t].model_fields[name].annotation)
            for t in event_types
            if name in EVENT_MODELS[t].model_fields
        ]
        if domains and all(d is not None for d in domains):
            return set().union(*domains)  # type: ignore[arg-type]
    return None


def _impossible_values(rules: RuleSet) -> Iterator[LintFinding]:
    triggers = {
        node.node: (trigger.event,)
        for ground in rules.grounds.values()
        for version in ground.versions
        for trigger in version.body.triggers
        for node in trigger.when.walk()
    }
    for _, node in rules.conditions():
        if not isinstance(node, Comparison) or not isinstance(node.operand, Constant):
            continue
        domain = _domain(node.path, triggers.get(node.node, tuple(EVENT_MODELS)))
        values = (
            node.operand.value
            if isinstance(node.operand.value, frozenset)
            else {node.operand.value}
        )
        impossible = sorted(
            str(v) for v in values if v is not None and domain is not None and v not in domain
        )
        if impossible and node.op in ("eq", "in", "ne", "not_in"):
            yield LintFinding(
                severity="error",
                code="impossible_value",
                message=f"{node.path} can never be {', '.join(impossible)} (it is one of: "
                f"{', '.join(sorted(map(str, domain or ())))}); the condition is constant",
                where=node.node,
            )


def _citations(rules: RuleSet) -> Iterator[LintFinding]:
    for info in all_versions(rules):
        for provision_id in info.provisions:
            provision = rules.provisions[provision_id]
            if (
                f"art. {provision.article}" not in info.citation
                and provision.act.split(" (")[0] not in info.citation
            ):
                yield LintFinding(
                    severity="warning",
                    code="citation_mismatch",
                    message=f"cites {info.citation!r} but claims {provision.label}",
                    where=f"{info.id}@{info.valid_from}",
                )


def _shared_ids(rules: RuleSet) -> Iterator[LintFinding]:
    kinds: dict[str, set[str]] = {}
    for info in all_versions(rules):
        kinds.setdefault(info.id, set()).add(info.kind)
    for rule_id, found in sorted(kinds.items()):
        if len(found) > 1:
            yield LintFinding(
                severity="warning",
                code="shared_id",
                message=f"{rule_id!r} names rules of several kinds: {', '.join(sorted(found))}",
                where=rule_id,
            )


def _paths_read(rules: RuleSet) -> Iterator[str]:
    for _, node in rules.conditions():
        if isinstance(node, Comparison):
            yield node.path
            if isinstance(node.operand, FactValue):
                yield node.operand.path
    for derived in rules.facts.values():
        if isinstance(derived, YearsBetween):
            yield from (derived.start, derived.end)
        elif isinstance(derived, SumOf | FirstOf):
            yield from derived.paths
        elif isinstance(derived, CountOf):
            yield derived.items
    for finding in rules.findings.values():
        yield from TEMPLATE_FIELD.findall(finding.message)
    for procedure in rules.procedures.values():
        for version in procedure.versions:
            for due in version.body.next_steps.values():
                yield from TEMPLATE_FIELD.findall(due.text)
    for ground in rules.grounds.values():
        for gv in ground.versions:
            yield from (t.arises_on for t in gv.body.triggers)
    for restriction in rules.restrictions:
        yield from (rv.body.for_each for rv in restriction.versions if rv.body.for_each)
    for transitions in rules.lifecycle.transitions.values():
        for tv in transitions:
            yield from tv.body.eligibility_on or ()


def _unused(rules: RuleSet) -> Iterator[LintFinding]:
    read = set(_paths_read(rules))
    roots = {path.split(".")[0] for path in read}
    for fact_id in rules.facts:
        if fact_id not in roots:
            yield LintFinding(
                severity="warning",
                code="unused_fact",
                message=f"named fact {fact_id!r} is never read",
                where=f"facts.{fact_id}",
            )
    for state in rules.state:
        if f"state.{state.id}" not in read:
            yield LintFinding(
                severity="warning",
                code="unused_state",
                message=f"state fact {state.id!r} is never read",
                where=f"state.{state.id}",
            )
        if not (state.initial or state.set or state.add):
            yield LintFinding(
                severity="error",
                code="never_produced",
                message=f"state fact {state.id!r} has no initial value and no event sets it",
                where=f"state.{state.id}",
            )
    produced = {c.finding for c in rules.checks} | {r.finding for r in rules.restrictions}
    produced |= {rules.lifecycle.outside_mandate, rules.lifecycle.not_allowed}
    produced |= {
        guard.finding
        for procedure in rules.procedures.values()
        for version in procedure.versions
        for step in version.body.steps.values()
        for guard in step.guards
    }
    for code in rules.findings:
        if code not in produced:
            yield LintFinding(
                severity="warning",
                code="unused_finding",
                message=f"finding code {code!r} is declared but no rule produces it",
                where=f"findings.{code}",
            )


def _provision_overlaps(rules: RuleSet) -> Iterator[LintFinding]:
    for provision in rules.provisions.values():
        ordered = sorted(provision.versions, key=lambda v: v.valid_from)
        for earlier, later in itertools.pairwise(ordered):
            if earlier.valid_to is None or earlier.valid_to >= later.valid_from:
                yield LintFinding(
                    severity="error",
                    code="overlapping_versions",
                    message=f"versions from {earlier.valid_from} and {later.valid_from} overlap",
                    where=f"provisions.{provision.id}",
                )


def lint(rules: RuleSet) -> list[LintFinding]:
    """Everything lint finds in `rules`, errors first."""
    found = [
        *_impossible_values(rules),
        *_citations(rules),
        *_shared_ids(rules),
        *_unused(rules),
        *_provision_overlaps(rules),
    ]
    return sorted(found, key=lambda f: (f.severity != "error", f.code, f.where))


__all__ = ["lint"]
