"""The words a person reads for the program's ids: statuses, stages, event types, rules.

Every output a person reads (evaluate, timeline, batch, the HTML pages) names a status
or a stage through these functions, so each has one spelling everywhere. JSON output
keeps the ids of the contract.
"""

from __future__ import annotations

import re

from maslihat.engine.records import split_ref
from maslihat.i18n import stage_words
from maslihat.rules.ruleset import RuleSet

_OUTCOME = re.compile(r"^outcomes\[(\d+)\]$")


def event_words(event_type: str) -> str:
    """An event type in words: `commission submission`."""
    return event_type.replace("_", " ")


def rule_words(rules: RuleSet, ref: str) -> str:
    """What a rule reference names, in the rule files' own titles where they have one.

    `session_decision@2021-07-11.vote.quorum` reads "Session decision on the TEC's
    submission: vote, quorum"; `resignation@2001-01-23` reads "ground 8,
    Resignation"; `lifecycle.registration` reads "lifecycle: registration".
    """
    rule, version, part = split_ref(ref)
    base = rule.removesuffix(f".{part}") if part else rule
    if base == "lifecycle":
        return "the lifecycle chart"
    if base.startswith("lifecycle."):
        return f"lifecycle: {base.removeprefix('lifecycle.').replace('_', ' ')}"
    if base in rules.grounds:
        ground = rules.grounds[base]
        return f"ground {ground.subparagraph}, {ground.title}"
    if base in rules.procedures:
        return _procedure_words(rules, base, version, part)
    kind = next(
        (name for name, items in _named(rules) if base in items),
        "rule",
    )
    return f"{kind}: {base.replace('_', ' ')}"


def _named(rules: RuleSet) -> list[tuple[str, set[str]]]:
    return [
        ("eligibility", {check.id for check in rules.checks}),
        ("restriction", {r.id for r in rules.restrictions}),
    ]


def _procedure_words(rules: RuleSet, base: str, version: str | None, part: str) -> str:
    procedure = rules.procedures[base]
    if not part:
        return procedure.title
    step_id, _, rest = part.partition(".")
    words = f"{procedure.title}: {step_id.replace('_', ' ')}"
    match = _OUTCOME.match(rest)
    if match:
        body = next((v.body for v in procedure.versions if v.key == version), None)
        step = next((s for s in body.steps.values() if s.id == step_id), None) if body else None
        position = int(match.group(1))
        if step is not None and position < len(step.outcomes):
            return f"{words}, {stage_words(step.outcomes[position].stage)}"
        return words
    return f"{words}, {rest.replace('_', ' ')}" if rest else words
