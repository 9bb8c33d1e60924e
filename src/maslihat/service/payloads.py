"""The service's own response bodies, besides the contract's result and problems.

They are models, not dictionaries, so that the OpenAPI document describes exactly
what is sent, and a client generated from it reads them without guessing.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from maslihat.model import Result
from maslihat.model.common import Frozen
from maslihat.rules.listing import EditionInForce, RuleVersionInfo
from maslihat.service.problems import ProblemDetails


class Health(Frozen):
    """The service is up, and which rules it applies."""

    status: Literal["ok"]
    version: str
    rules: str = Field(description="The fingerprint of the rule set.")


class RulesInForce(Frozen):
    """The rule versions in force on a date (as `maslihat rules --json` lists them)."""

    as_of: dt.date
    fingerprint: str
    editions: tuple[EditionInForce, ...] = Field(
        default=(), description="For each act, the edition whose text stands for it that day."
    )
    rules: tuple[RuleVersionInfo, ...]


class RuleHistory(Frozen):
    """Every version of one rule, oldest first (as `maslihat rules --history ID --json`)."""

    id: str
    fingerprint: str
    versions: tuple[RuleVersionInfo, ...]


class BatchLine(Frozen):
    """One line of a batch's answer: the result for the case on request line `line`, or why not.

    The batch writes its lines around the result's JSON rather than through this
    model, to serialise each result once; the tests hold the lines to this schema.
    """

    line: int = Field(description="The 1-based line of the request body the case was on.")
    result: Result | None = None
    error: ProblemDetails | None = None
