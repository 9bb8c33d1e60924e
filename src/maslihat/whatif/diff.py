"""Whom a change of the law changes, and how: every case under two rule sets, compared.

A case has changed when its status (or eligibility), its mandate's dates, its grounds
(with their stages), its findings or its next steps differ. Grounds and findings are
compared on substance (which, when, what stage, how severe), not on the citation or
message that words them: a bill that rewords a rule changes its citations in every
case the rule touches, but changes only the cases whose outcome it changes. For each
changed case the report names the rule versions responsible: those whose trace entries
differ between the two evaluations, narrowed to the versions that differ between the
two rule sets when any of them is among those. Unchanged cases are evaluated once per rule set
without a trace; only changed ones are evaluated again, with one, to name the rules.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, Literal

from pydantic import Field

from maslihat.engine.evaluate import evaluate, evaluate_many, today
from maslihat.i18n import DEFAULT_LANGUAGE, Language
from maslihat.model import Case, Result
from maslihat.model.common import Frozen
from maslihat.model.result import JsonValue
from maslihat.rules.ruleset import RuleSet, Version

Kind = Literal["status", "mandate", "grounds", "findings", "next_steps"]
KINDS: tuple[Kind, ...] = ("status", "mandate", "grounds", "findings", "next_steps")


class Difference(Frozen):
    """One part of a result that differs: what it was and what it becomes."""

    kind: Kind
    before: JsonValue
    after: JsonValue


class CaseDiff(Frozen):
    """A case whose result differs, how, and the rule versions that make the difference."""

    case: str | None = Field(description="The case's own id.")
    name: str = Field(description="The case file (or the name the request gave the case).")
    differences: tuple[Difference, ...]
    rules_before: tuple[str, ...] = Field(
        description="Rule versions applied only before the change (or that changed)."
    )
    rules_after: tuple[str, ...] = Field(
        description="Rule versions applied only after the change (or that changed)."
    )


class DiffSummary(Frozen):
    """How many cases were read, how many changed, and in which respects."""

    read: int
    changed: int
    unchanged: int
    by_kind: dict[str, int] = Field(description="Changed cases per kind of difference.")


class DiffReport(Frozen):
    """The cases a change of rules changes, as of one date."""

    as_of: dt.date
    before: str = Field(description="The fingerprint of the rules before.")
    after: str = Field(description="The fingerprint of the rules after.")
    cases: tuple[CaseDiff, ...]
    summary: DiffSummary


def diff(
    cases: Iterable[Case] | Mapping[str, Case],
    before: RuleSet,
    after: RuleSet,
    *,
    as_of: dt.date | None = None,
    jobs: int = 1,
    lang: Language = DEFAULT_LANGUAGE,
) -> DiffReport:
    """Evaluate every case under `before` and `after` as of `as_of` (default: today).

    With `jobs` above 1 each rule set's evaluations run on that many worker processes.
    The one text of the rules a report carries, a next step's `text`, is in `lang`;
    keys, codes and dates are the same in every language.

    `cases` may map names (file paths) to cases; otherwise a case is named by its id,
    or its position. Raises `CaseError` if a case is inconsistent with either rule set.
    """
    named = list(cases.items()) if isinstance(cases, Mapping) else list(_names(cases))
    day = as_of if as_of is not None else today()
    plain = [case for _, case in named]
    changed_rules = changed_versions(before, after)
    out, kinds = [], Counter[str]()
    for (name, case), old, new in zip(
        named,
        results(plain, day, before, jobs, lang),
        results(plain, day, after, jobs, lang),
        strict=True,
    ):
        differences = tuple(differ(old, new))
        if not differences:
            continue
        kinds.update(d.kind for d in differences)
        was, now = _responsible(case, day, before, after, changed_rules)
        out.append(
            CaseDiff(
                case=case.case,
                name=name,
                differences=differences,
                rules_before=was,
                rules_after=now,
            )
        )
    summary = DiffSummary(
        read=len(named),
        changed=len(out),
        unchanged=len(named) - len(out),
        by_kind={k: kinds[k] for k in KINDS if kinds[k]},
    )
    return DiffReport(
        as_of=day,
        before=before.fingerprint,
        after=after.fingerprint,
        cases=tuple(out),
        summary=summary,
    )


def results(
    cases: list[Case],
    day: dt.date,
    rules: RuleSet,
    jobs: int = 1,
    lang: Language = DEFAULT_LANGUAGE,
) -> Iterator[Result]:
    """Every case's result under `rules`: the one place the diff evaluates in bulk."""
    return evaluate_many(cases, as_of=day, rules=rules, jobs=jobs, lang=lang)


def _names(cases: Iterable[Case]) -> Iterator[tuple[str, Case]]:
    for index, case in enumerate(cases):
        yield case.case or f"cases[{index}]", case


SUBSTANCE = {
    "grounds": ("ground", "subparagraph", "arose", "stage", "stage_date", "procedure"),
    "findings": ("code", "severity", "date", "until", "event"),
}
"""What a ground or finding is compared on: its substance, not the words that cite it."""


def _parts(result: Result) -> dict[Kind, Any]:
    data = result.model_dump(mode="json", exclude={"trace", "rules", "as_of", "case"})
    kept = {
        kind: [{k: item[k] for k in fields} for item in data[kind]]
        for kind, fields in SUBSTANCE.items()
    }
    return {
        "status": {"status": data["status"], "eligible": data["eligible"]},
        "mandate": data["mandate"],
        "grounds": kept["grounds"],
        "findings": kept["findings"],
        "next_steps": data["next_steps"],
    }


def differ(old: Result, new: Result) -> Iterator[Difference]:
    """The parts of two results of one case that differ, in a fixed order."""
    was, now = _parts(old), _parts(new)
    for kind in KINDS:
        if was[kind] != now[kind]:
            yield Difference(kind=kind, before=was[kind], after=now[kind])


def _applied(result: Result) -> set[tuple[str, str, str]]:
    return {
        (e.version or e.rule, e.outcome, e.date.isoformat() if e.date else "")
        for e in result.trace or ()
    }


def _responsible(
    case: Case, day: dt.date, before: RuleSet, after: RuleSet, changed: frozenset[str]
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The versions whose applications differ between the two traces (see the module)."""
    old = _applied(evaluate(case, as_of=day, rules=before, explain=True))
    new = _applied(evaluate(case, as_of=day, rules=after, explain=True))
    was, now = {e[0] for e in old - new}, {e[0] for e in new - old}
    if (was | now) & changed:
        was, now = was & changed, now & changed
    return tuple(sorted(was)), tuple(sorted(now))


def rule_versions(rules: RuleSet) -> dict[str, Version[Any]]:
    """Every dated version of the rule set, by its key in traces."""
    out: dict[str, Version[Any]] = {}
    versioned: list[Iterable[Version[Any]]] = [
        *(c.versions for c in rules.checks),
        *(g.versions for g in rules.grounds.values()),
        *(p.versions for p in rules.procedures.values()),
        *(r.versions for r in rules.restrictions),
    ]
    for versions in versioned:
        out.update((v.key, v) for v in versions)
    for listed in rules.lists.values():
        out.update((v.key, v) for v in listed.items)
    for transitions in rules.lifecycle.transitions.values():
        out.update((f"lifecycle.{v.rule}", v) for v in transitions)
    return out


def changed_versions(before: RuleSet, after: RuleSet) -> frozenset[str]:
    """Keys of the versions one rule set has and the other lacks or has otherwise."""
    old, new = rule_versions(before), rule_versions(after)
    return frozenset(k for k in old.keys() | new.keys() if old.get(k) != new.get(k))
