"""Witnesses: hypothetical cases that would exercise what the suite leaves uncovered.

For an uncovered condition (never true, or never false) or a surviving mutant, we
search small changes to the suite's own cases: an event or birth date a day either
way, a count one more or less, another value of a closed field, an event dropped,
the as-of date moved. The first variant that makes the condition take the missing
value, or makes the mutant's rules disagree with the real ones, is written out as a
case-test file. Its expected outcome is what the current rules conclude, marked for a
person to confirm: a witness finds the question, it does not answer it.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator, Sequence, Set
from dataclasses import dataclass
from pathlib import Path
from typing import Any, get_args

from pydantic import ValidationError
from ruamel.yaml import YAML

from maslihat.audit import output
from maslihat.audit.casetests import LoadedFile
from maslihat.audit.model import AuditReport
from maslihat.audit.mutants import compile_mutant, generate, where
from maslihat.audit.progress import Progress, quietly
from maslihat.audit.suite import SuiteRun
from maslihat.engine.evaluate import evaluate
from maslihat.errors import CaseError, EvaluationError
from maslihat.model import EVENT_MODELS, Case, Result
from maslihat.rules.conditions import Explanation
from maslihat.rules.documents import RuleFile
from maslihat.rules.ruleset import RuleSet
from maslihat.source import Document
from maslihat.wording import say

MAX_VARIANTS = 3000
"""Evaluations one search may spend before it gives up."""


@dataclass(frozen=True)
class Variant:
    """A changed case, how it was changed, and the date to evaluate it on."""

    case: Case
    as_of: dt.date
    change: str
    source: str


def _shift(text: Any, days: int) -> Any:
    day = dt.date.fromisoformat(text) if isinstance(text, str) else text
    return (day + dt.timedelta(days=days)).isoformat()


def _choices(event_type: str, name: str) -> tuple[Any, ...]:
    annotation = EVENT_MODELS[event_type].model_fields[name].annotation
    args = [a for a in get_args(annotation) if a is not type(None)] or [annotation]
    literal = [a for a in args if get_args(a)] if args else []
    return tuple(v for a in literal for v in get_args(a)) if literal else ()


def _event_edits(data: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    events = data.get("events", [])
    for i, event in enumerate(events):

        def edited(new: dict[str, Any], i: int = i) -> dict[str, Any]:
            return {**data, "events": [*events[:i], new, *events[i + 1 :]]}

        yield f"event {i} dropped", {**data, "events": events[:i] + events[i + 1 :]}
        for key, value in event.items():
            if key in ("date", "in_force", "election_day") and value:
                for days in (1, -1):
                    yield (
                        f"events[{i}].{key} {days:+d} day",
                        edited({**event, key: _shift(value, days)}),
                    )
            elif isinstance(value, bool):
                yield f"events[{i}].{key} → {not value}", edited({**event, key: not value})
            elif isinstance(value, int):
                for delta in (1, -1):
                    yield f"events[{i}].{key} {delta:+d}", edited({**event, key: value + delta})
            elif key != "type":
                for other in _choices(event["type"], key):
                    if other != value:
                        yield f"events[{i}].{key} → {other}", edited({**event, key: other})
            if (
                key not in ("date", "type")
                and not EVENT_MODELS[event["type"]].model_fields[key].is_required()
            ):
                yield (
                    f"events[{i}].{key} removed",
                    edited({k: v for k, v in event.items() if k != key}),
                )


def _deputy_edits(data: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    deputy = data["deputy"]
    for days in (1, -1):
        yield (
            f"born {days:+d} day",
            {**data, "deputy": {**deputy, "born": _shift(deputy["born"], days)}},
        )
    for i, mandate in enumerate(deputy.get("other_mandates", [])):
        for key in ("began", "ended"):
            if mandate.get(key):
                for days in (1, -1):
                    changed = [*deputy["other_mandates"]]
                    changed[i] = {**mandate, key: _shift(mandate[key], days)}
                    yield (
                        f"other_mandates[{i}].{key} {days:+d} day",
                        {**data, "deputy": {**deputy, "other_mandates": changed}},
                    )
    for key in ("party",):
        if deputy.get(key):
            yield f"deputy.{key} removed", {**data, "deputy": {**deputy, key: None}}


def variants(files: Sequence[LoadedFile], first: Set[str] = frozenset()) -> Iterator[Variant]:
    """Small changes to the suite's cases, nearest first; files named in `first` lead."""
    for loaded in sorted(files, key=lambda f: f.path.stem not in first):
        data = loaded.case.model_dump(mode="json", exclude_none=True)
        source = loaded.path.stem
        for test in loaded.spec.tests:
            for days in (1, -1):
                yield Variant(
                    loaded.case,
                    test.as_of + dt.timedelta(days=days),
                    f"as of {days:+d} day",
                    source,
                )
            for change, changed in (*_event_edits(data), *_deputy_edits(data)):
                try:
                    case = Case.model_validate(changed)
                except ValidationError:
                    continue
                yield Variant(case, test.as_of, change, source)


def _evaluate(variant: Variant, rules: RuleSet, observer: Any = None) -> Result | None:
    try:
        return evaluate(variant.case, as_of=variant.as_of, rules=rules, observer=observer)
    except (CaseError, EvaluationError):
        return None


def for_condition(
    node: str, missing: bool, files: Sequence[LoadedFile], rules: RuleSet, first: Set[str]
) -> Variant | None:
    """A variant in which condition `node` comes out `missing`, if one is found."""
    for count, variant in enumerate(variants(files, first)):
        if count >= MAX_VARIANTS:
            return None
        seen: list[bool] = []

        def watch(explained: Explanation, seen: list[bool] = seen) -> None:
            if explained.node == node:
                seen.append(explained.value)

        if _evaluate(variant, rules, watch) is not None and missing in seen:
            return variant
    return None


def for_mutant(
    mutant_rules: RuleSet, files: Sequence[LoadedFile], rules: RuleSet, first: Set[str]
) -> Variant | None:
    """A variant the mutant's rules and the real rules disagree on, if one is found."""
    for count, variant in enumerate(variants(files, first)):
        if count >= MAX_VARIANTS:
            return None
        real, mutated = _evaluate(variant, rules), _evaluate(variant, mutant_rules)
        if real is not None and (mutated is None or _outcome(real) != _outcome(mutated)):
            return variant
    return None


def _outcome(result: Result) -> dict[str, Any]:
    data = result.model_dump(mode="json")
    data.pop("rules")
    return data


def witness_text(target: str, variant: Variant, rules: RuleSet) -> str:
    """A case-test file for `variant`, its expectation to be confirmed by a person."""
    result = evaluate(variant.case, as_of=variant.as_of, rules=rules)
    expect: dict[str, Any] = {
        "status": result.status,
        "grounds": {g.ground: g.stage for g in result.grounds},
        "findings": sorted({f.code for f in result.findings}),
    }
    document = {
        "about": (
            f"SUGGESTED WITNESS for {target}. Made from {variant.source} by: {variant.change}. "
            "The expected outcome below is what the current rules conclude: confirm that the "
            "law requires it (and cite the provision here) before adding this to the suite."
        ),
        "case": variant.case.model_dump(mode="json", exclude_none=True),
        "tests": [
            {"name": f"witness for {target}", "as_of": variant.as_of.isoformat(), "expect": expect}
        ],
    }
    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = False
    text = io.StringIO()
    yaml.dump(document, text)
    return text.getvalue()


def search(
    report: AuditReport,
    rules: RuleSet,
    files: Sequence[LoadedFile],
    rule_files: Sequence[tuple[Document, RuleFile]],
    epoch: dt.date,
    suite: SuiteRun,
) -> Iterator[tuple[str, str, Variant | None]]:
    """For each uncovered condition and surviving mutant: a file name, what, the witness."""
    uncovered = [c for c in report.conditions if not c.covered]
    for number, condition in enumerate(uncovered, 1):
        missing = not condition.seen_true
        rule = condition.rule.split("@")[0]
        found = for_condition(condition.node, missing, files, rules, suite.files_exercising(rule))
        yield f"condition-{number}", f"{condition.node} = {str(missing).lower()}", found
    survivors = {m.id for m in report.mutants or () if m.status == "survived"}
    for mutant in (m for m in generate(rule_files, epoch) if m.id in survivors):
        mutated = compile_mutant(rule_files, mutant)
        first = suite.files_exercising(mutant.rule)
        found = for_mutant(mutated, files, rules, first) if mutated is not None else None
        target = say(
            "witness_mutant",
            id=mutant.id,
            description=mutant.description,
            where=where(rule_files, mutant),
        )
        yield f"mutant-{mutant.id}", target, found


def suggest(
    directory: Path,
    report: AuditReport,
    rules: RuleSet,
    files: Sequence[LoadedFile],
    rule_files: Sequence[tuple[Document, RuleFile]],
    epoch: dt.date,
    suite: SuiteRun,
    force: bool = False,
    progress: Progress = quietly,
) -> list[str]:
    """Write a witness for each uncovered condition and surviving mutant; say what was found.

    Every file is checked before any is written (see `output`): one that exists
    (without `force`) or is a link stops them all with a `WriteError`. `progress` is
    told of each search as it ends (the CLI draws a bar).
    """
    total = sum(not c.covered for c in report.conditions)
    total += sum(m.status == "survived" for m in report.mutants or ())
    found = list(progress(search(report, rules, files, rule_files, epoch, suite), total))
    written = [
        (directory / f"{name}.yaml", target, v) for name, target, v in found if v is not None
    ]
    output.make_directory(directory)
    for path, _, _ in written:
        output.check_file(path, force)
    for path, target, variant in written:
        output.write_file(path, witness_text(target, variant, rules), force)
    wrote = {target: path for path, target, _ in written}
    return [
        f"{wrote[target]}: {target}" if target in wrote else say("no_witness", target=target)
        for _, target, _ in found
    ]
