"""What a run accumulates: ground records, findings, trace and timeline entries.

Kept apart from the run loop so that the loop reads as the procedure it follows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from maslihat.engine.verdicts import DOES_NOT_ARISE, Verdict
from maslihat.engine.why import not_ground, partly_met
from maslihat.i18n import Language, status_words
from maslihat.model.result import Finding, GroundOutcome, NotBreach, NotGround, TraceEntry
from maslihat.rules.conditions import Explanation, show
from maslihat.rules.ruleset import Cite, Ground, GroundBody, Version


@dataclass
class GroundRecord:
    """A ground as it stands in this case."""

    ground: Ground
    version: Version[GroundBody]
    arose: dt.date | None
    stage: str
    stage_date: dt.date
    stage_citation: Cite

    def facts(self) -> dict[str, Any]:
        """What procedures may read of the ground (`ground.stage`, ...)."""
        return ground_facts(self.ground, self)

    def outcome(self, procedure: str) -> GroundOutcome:
        """The record as the result reports it, with the procedure that now applies."""
        return GroundOutcome(
            ground=self.ground.id,
            number=self.ground.number,
            subparagraph=self.ground.subparagraph,
            title=self.ground.title,
            arose=self.arose,
            stage=self.stage,  # type: ignore[arg-type]  # stages are checked at compile time
            stage_date=self.stage_date,
            stage_citation=self.stage_citation.text,
            stage_citation_url=self.stage_citation.url,
            procedure=procedure,
            citation=self.version.citation,
            citation_url=self.version.url,
        )


def ground_facts(ground: Ground, record: GroundRecord | None) -> dict[str, Any]:
    """The `ground.` facts of a ground, whether or not it has a record in the case yet."""
    return {
        "id": ground.id,
        "number": ground.number,
        "subparagraph": ground.subparagraph,
        "title": ground.title,
        "stage": record.stage if record else None,
        "arose": record.arose if record else None,
    }


@dataclass(frozen=True)
class TimelineEntry:
    """One step of the run: an event (or an event taking effect) and what it changed."""

    date: dt.date
    event: int | None
    what: str
    before: str
    after: str
    rule: str | None
    citation: Cite | None
    note: str


def mandate_facts(status: str, lang: Language) -> dict[str, str]:
    """The `mandate.` facts: its status, and the status in words for the messages of `lang`."""
    return {"status": status, "status_words": status_words(status, lang)}


@dataclass
class Ledger:
    """Findings, trace, timeline and near-miss grounds, in the order they were produced."""

    explain: bool
    keep_timeline: bool = False
    """Whether steps are kept for `timeline()`; nothing else reads them."""
    lang: Language = "en"
    """The language of the texts the ledger words itself: the trace, why an event is not
    a ground."""
    findings: list[Finding] = field(default_factory=list)
    trace: list[TraceEntry] = field(default_factory=list)
    timeline: list[TimelineEntry] = field(default_factory=list)
    not_grounds: dict[tuple[int, str], NotGround] = field(default_factory=dict)
    not_breaches: dict[tuple[str, str], NotBreach] = field(default_factory=dict)
    """By restriction and item: a restriction partly met by an item it allowed."""
    breached: set[tuple[str, str]] = field(default_factory=set)
    """The items ever in breach: they are never listed as allowed, even once it ended."""
    """By event and ground: a trigger partly met that did not make the ground arise."""

    def note(
        self,
        rule: str,
        day: dt.date | None,
        outcome: Verdict | str,
        *,
        event: int | None = None,
        citation: Cite | None = None,
        explanation: Explanation | None = None,
        inputs: dict[str, Any] | None = None,
        version: str | None = None,
    ) -> None:
        """Record a rule application in the trace (only when explaining).

        `outcome` is a verdict, worded in the ledger's language, or a code (a finding's)
        shown as it is.

        A ground's trigger that was partly met and failed is kept, explaining or not,
        so the result can say why that event is not a ground (`engine/why.py`).
        """
        if outcome == DOES_NOT_ARISE:
            self._near_miss(rule, day, event, citation, explanation)
        if not self.explain:
            return
        read = dict(inputs or {})
        if explanation is not None:
            read.update(explanation.facts())
        rule_id, version_id, _ = split_ref(rule)
        self.trace.append(
            TraceEntry(
                rule=rule_id,
                version=version or version_id,
                date=day,
                event=event,
                inputs={k: _json(v) for k, v in read.items()},
                outcome=outcome.text(self.lang) if isinstance(outcome, Verdict) else outcome,
                citation=citation.text if citation else None,
                citation_url=citation.url if citation else None,
                explanation=explanation.lines(lang=self.lang) if explanation else [],
            )
        )

    def keeps(self, explanation: Explanation | None) -> bool:
        """Whether `note` can keep anything of a rule application explained so.

        Without the trace, only a failed trigger's explanation is kept: a run on its
        hottest paths skips calling `note` when this says it would keep nothing.
        """
        return self.explain or explanation is not None

    def _near_miss(
        self,
        rule: str,
        day: dt.date | None,
        event: int | None,
        citation: Cite | None,
        explanation: Explanation | None,
    ) -> None:
        """Keep a ground's trigger that was partly met, once per event and ground."""
        if explanation is None or event is None or day is None or citation is None:
            return
        if partly_met(explanation):
            ground = rule.partition("@")[0]
            found = not_ground(explanation, event, day, rule, ground, citation, self.lang)
            self.not_grounds.setdefault((event, ground), found)


def split_ref(ref: str) -> tuple[str, str | None, str]:
    """A rule reference as the run writes it, split into rule id, version id and part.

    The run names what decided by the version's key and the part within it
    (`session_decision@2021-07-11.vote.quorum`); the trace and the timeline give the
    rule id (`session_decision.vote.quorum`) and the version id
    (`session_decision@2021-07-11`) apart. A reference with no version
    (`lifecycle.registration`, `as_of`) is its own rule id, with no version.
    """
    base, at, rest = ref.partition("@")
    if not at:
        return ref, None, ""
    day, dot, part = rest.partition(".")
    return f"{base}{dot}{part}", f"{base}@{day}", part


def _json(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _json(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        items = [_json(v) for v in value]
        return sorted(items, key=str) if isinstance(value, set | frozenset) else items
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    if hasattr(value, "model_dump"):
        return value.model_dump(mode="json")
    return show(value)
