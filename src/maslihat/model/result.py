"""The result of evaluating a case: contract v1's JSON, as models.

Fields beyond the contract (`title`, `procedure`, `stage_date` on grounds; `event` on
findings; structured next steps; the trace) are additions, as the contract allows.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import ConfigDict, Field

from maslihat.model.common import Frozen

Status = Literal["candidate", "active", "termination_pending", "terminated", "expired"]
Stage = Literal["arisen", "submitted", "vote_failed", "decided", "automatic", "recorded"]
Severity = Literal["violation", "warning", "info"]

JsonValue = Any


class Mandate(Frozen):
    """When the mandate began and, if it has ended, when and why."""

    began: dt.date
    ended: dt.date | None = None
    ended_by: str | None = Field(default=None, description="A ground id, or `term_expired`.")


class GroundOutcome(Frozen):
    """An early-termination ground that has arisen or been submitted, and how far it went."""

    ground: str
    number: int = Field(description="The subparagraph's number; 3 for subparagraph 3-1.")
    subparagraph: str = Field(description='The subparagraph as the law numbers it: "8", "3-1".')
    title: str
    arose: dt.date | None = Field(
        description="When the ground arose; null when only the TEC's submission shows it."
    )
    stage: Stage
    stage_date: dt.date = Field(description="When the ground reached its current stage.")
    stage_citation: str = Field(
        description="The provision under which the ground reached its current stage."
    )
    procedure: str
    citation: str
    citation_url: str | None = Field(
        default=None, description="The official text of the edition the ground was read from."
    )
    stage_citation_url: str | None = Field(
        default=None, description="The official text behind `stage_citation`."
    )


class Finding(Frozen):
    """Something the law has to say about the case that is not a ground."""

    code: str
    severity: Severity
    date: dt.date | None
    until: dt.date | None = None
    message: str
    citation: str | None
    citation_url: str | None = Field(
        default=None, description="The official text of the edition the citation was read in."
    )
    event: int | None = Field(
        default=None, description="Index in the case's `events` of the event concerned."
    )


class NextStep(Frozen):
    """What has to happen next for a pending ground, and who does it."""

    ground: str
    actor: str
    action: str
    text: str


class TraceEntry(Frozen):
    """One rule applied during evaluation: what it read, what it concluded, and why."""

    rule: str
    version: str | None = None
    date: dt.date | None
    event: int | None = None
    inputs: dict[str, JsonValue] = Field(default_factory=dict)
    outcome: str = Field(
        description="What the rule concluded, in words of the result's language; codes in "
        "it (ground ids, finding codes, event types) stay codes."
    )
    citation: str | None = None
    citation_url: str | None = None
    explanation: list[str] = Field(
        default_factory=list,
        description="The condition as evaluated, line by line (✓ or ✗), in the result's "
        "language; fact paths, operators and values as the rule file writes them.",
    )


class NotGround(Frozen):
    """An event that could have made a ground arise and did not: the rule, and why not."""

    event: int = Field(description="The event's index in the case's `events`.")
    date: dt.date = Field(description="The day the ground would have arisen.")
    ground: str
    rule: str = Field(description="The rule version that decided, such as conviction@2015-01-01.")
    citation: str
    citation_url: str | None = None
    reason: str = Field(description="Why not, in one line: the part of the rule that failed.")


class NotBreach(Frozen):
    """An activity (or other item) a restriction looked at and did not find in breach, and why."""

    event: int = Field(description="The index in `events` of the event that started it.")
    date: dt.date = Field(description="The day the restriction was checked.")
    restriction: str
    item: str = Field(description="The item checked, as key=value pairs (activity=..., ...).")
    rule: str = Field(
        description="The rule version that decided, such as incompatible_activity@2001-01-23."
    )
    citation: str
    citation_url: str | None = None
    reason: str = Field(description="Why not, in one line: the part of the rule that failed.")


TEXT_FIELDS: frozenset[str] = frozenset(
    {"title", "message", "text", "citation", "stage_citation", "reason", "outcome", "explanation"}
)
"""The fields of a result whose values are words in the result's language (a trace's
`outcome` and `explanation` lines too); every other field (codes, ids, dates, numbers,
URLs) is the same in every language."""


class RulesInfo(Frozen):
    """Which rule set produced the result."""

    fingerprint: str


def _trace_is_optional(schema: dict[str, Any]) -> None:
    optional = ("trace", "not_grounds", "not_breaches")
    schema["required"] = [name for name in schema.get("required", []) if name not in optional]


class Result(Frozen):
    """What the law makes of a case on the as-of date."""

    model_config = ConfigDict(
        json_schema_serialization_defaults_required=True, json_schema_extra=_trace_is_optional
    )

    case: str | None
    as_of: dt.date
    status: Status
    eligible: bool
    mandate: Mandate | None
    grounds: tuple[GroundOutcome, ...] = ()
    findings: tuple[Finding, ...] = ()
    next_steps: tuple[NextStep, ...] = ()
    rules: RulesInfo
    not_grounds: tuple[NotGround, ...] = Field(
        default=(),
        exclude_if=lambda found: not found,
        description=(
            "Events that looked like a ground and are not one, each with the rule version "
            "that decided and why; absent when there are none."
        ),
    )
    not_breaches: tuple[NotBreach, ...] = Field(
        default=(),
        exclude_if=lambda found: not found,
        description=(
            "Activities (and other items) a restriction checked and found allowed although "
            "part of it held, each with the rule version that decided and why; absent when "
            "there are none."
        ),
    )
    trace: tuple[TraceEntry, ...] | None = Field(
        default=None,
        exclude_if=lambda trace: trace is None,
        description="Present only when an explanation was asked for.",
    )
