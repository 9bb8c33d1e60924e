"""The compiled rule set: immutable, dated rules ready for the engine.

A `RuleSet` is built once by the compiler and shared freely: nothing in it changes
after construction, so threads and repeated evaluations can use one instance. Every
rule that can change over time is a `Versioned` sequence; `at(day)` picks the
version in force on a day.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Generic, TypeVar

from maslihat.rules.conditions import Condition
from maslihat.rules.derived import Derived
from maslihat.rules.languages import Language

if TYPE_CHECKING:
    from maslihat.rules.documents import ProvisionDoc, RuleFile
    from maslihat.source import Document

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Cite:
    """A citation as a person reads it, and the official text it points to."""

    text: str
    url: str | None = None

    def with_text(self, text: str | None) -> Cite:
        """The same edition cited for a more precise provision (a guard's, an outcome's)."""
        return Cite(text, self.url) if text else self


@dataclass(frozen=True, slots=True)
class EntryWindow:
    """The days on which a version may have entered into force; its `valid_from` is chosen."""

    earliest: dt.date
    latest: dt.date
    reason: str


@dataclass(frozen=True, slots=True)
class EditionNoteDef:
    """An entry-into-force note of an edition's footnotes."""

    act: str
    says: str
    provisions: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Edition:
    """A consolidated edition of an act that the rules were read from."""

    id: str
    act: str
    date: dt.date
    amended_by: str
    url: str
    url_kk: str | None
    mirror: tuple[str, str, str]
    articles: tuple[str, ...]
    notes: tuple[EditionNoteDef, ...]
    earlier: str | None

    @property
    def ahead(self) -> frozenset[str]:
        """Provisions this edition shows in a wording whose day had not yet come."""
        return frozenset(p for note in self.notes for p in note.provisions)


@dataclass(frozen=True, slots=True)
class Version(Generic[T]):
    """One dated version of a rule and where its text comes from."""

    rule: str
    valid_from: dt.date
    valid_to: dt.date | None
    citation: str
    text: str
    basis: str
    interpretation: str | None
    body: T
    sources: tuple[str, ...] = ()
    provisions: tuple[str, ...] = ()
    url: str | None = None
    window: EntryWindow | None = None
    key: str = field(init=False, compare=False)
    """`rule@valid_from`, the version's id in traces."""
    cite: Cite = field(init=False, compare=False)
    """The version's citation with the official URL of the edition it was read from."""

    def __post_init__(self) -> None:
        # Read on every rule application: computed once, not per use.
        object.__setattr__(self, "key", f"{self.rule}@{self.valid_from.isoformat()}")
        object.__setattr__(self, "cite", Cite(self.citation, self.url))

    def in_force(self, day: dt.date) -> bool:
        """Whether this version is in force on `day`."""
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


@dataclass(frozen=True, slots=True)
class Versioned(Generic[T]):
    """The versions of one rule, oldest first, with no two in force on one day."""

    versions: tuple[Version[T], ...]

    def at(self, day: dt.date) -> Version[T] | None:
        """The version in force on `day`, if any."""
        for version in self.versions:
            if version.in_force(day):
                return version
        return None

    def __iter__(self) -> Iterator[Version[T]]:
        return iter(self.versions)


@dataclass(frozen=True, slots=True)
class FactNote:
    """What a named fact means, where it comes from, and how we read it."""

    id: str
    text: str
    citation: str | None
    interpretation: str | None


@dataclass(frozen=True, slots=True)
class FindingDef:
    """A finding code's severity, message template and citation."""

    code: str
    severity: str
    message: str
    cite: Cite | None


@dataclass(frozen=True, slots=True)
class ListDef:
    """A vocabulary; its items are versions (each in force for its own period)."""

    id: str
    title: str
    validates: tuple[tuple[str, str], ...]
    items: tuple[Version[tuple[str, ...]], ...]

    _bounds: tuple[dt.date, ...] = field(init=False, repr=False, compare=False)
    _memo: dict[tuple[int, str | None], frozenset[str]] = field(
        init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        # The items in force change only on these days; between two of them `at` gives
        # one answer, remembered per period (conditions ask it on every event).
        days = {item.valid_from for item in self.items}
        days |= {item.valid_to + dt.timedelta(days=1) for item in self.items if item.valid_to}
        object.__setattr__(self, "_bounds", tuple(sorted(days)))
        object.__setattr__(self, "_memo", {})

    def item_ids(self) -> frozenset[str]:
        """Every item id the list has ever had (what case files may use)."""
        return frozenset(item.rule for item in self.items)

    def at(self, day: dt.date, tagged: str | None = None) -> frozenset[str]:
        """The item ids in force on `day`, only those with `tagged` if given."""
        key = (bisect.bisect_right(self._bounds, day), tagged)
        known = self._memo.get(key)
        if known is not None:
            return known
        return self._memo.setdefault(key, self._in_force(day, tagged))

    def _in_force(self, day: dt.date, tagged: str | None) -> frozenset[str]:
        return frozenset(
            item.rule
            for item in self.items
            if item.in_force(day) and (tagged is None or tagged in item.body)
        )


@dataclass(frozen=True, slots=True)
class StateDef:
    """A fact folded from events: a value that events set, or a collection."""

    id: str
    text: str
    initial: str | None
    collection: bool
    set: Mapping[str, str] = field(default_factory=dict)
    add: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    remove: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Check:
    """An eligibility requirement; the condition is true when it is met."""

    id: str
    finding: str
    versions: Versioned[Condition]


@dataclass(frozen=True, slots=True)
class TriggerDef:
    """An event type and condition that make a ground arise on `arises_on`."""

    event: str
    when: Condition
    arises_on: str


@dataclass(frozen=True, slots=True)
class GroundBody:
    """A ground's content in one period."""

    procedure: str
    triggers: tuple[TriggerDef, ...]


@dataclass(frozen=True, slots=True)
class Ground:
    """An early-termination ground."""

    id: str
    number: int
    subparagraph: str
    title: str
    versions: Versioned[GroundBody]


@dataclass(frozen=True, slots=True)
class OutcomeDef:
    """A stage reached when `when` holds, and whether it ends the mandate."""

    when: Condition
    stage: str
    ends_mandate: bool
    citation: str | None = None


@dataclass(frozen=True, slots=True)
class GuardDef:
    """A condition a step needs; `effect` says whether failing it rejects or warns."""

    id: str
    condition: Condition
    finding: str
    effect: str
    citation: str | None = None


@dataclass(frozen=True, slots=True)
class StepDef:
    """A procedural step taken by an event that names a ground."""

    id: str
    event: str
    guards: tuple[GuardDef, ...]
    outcomes: tuple[OutcomeDef, ...]


@dataclass(frozen=True, slots=True)
class NextStepDef:
    """What is due while a ground stands at a stage."""

    actor: str
    action: str
    text: str


@dataclass(frozen=True, slots=True)
class ProcedureBody:
    """A procedure's content in one period."""

    on_arising: OutcomeDef
    steps: Mapping[str, StepDef]
    next_steps: Mapping[str, NextStepDef]


@dataclass(frozen=True, slots=True)
class Procedure:
    """A way of taking a ground to the end of the mandate."""

    id: str
    title: str
    versions: Versioned[ProcedureBody]


@dataclass(frozen=True, slots=True)
class RestrictionBody:
    """A condition over the state that is a breach while it holds."""

    for_each: str | None
    condition: Condition
    ends_on: str | None = None
    begins_on: str | None = None


@dataclass(frozen=True, slots=True)
class Restriction:
    """Something a deputy may not do."""

    id: str
    finding: str
    versions: Versioned[RestrictionBody]


@dataclass(frozen=True, slots=True)
class TransitionBody:
    """What a lifecycle transition rule does."""

    event: str
    when: Condition
    transition: str
    eligibility_on: tuple[str, ...] | None


TransitionDef = Version[TransitionBody]
"""A lifecycle transition rule: one dated version (`rule` is its id)."""


@dataclass(frozen=True, slots=True)
class ChartTable:
    """The lifecycle chart's moves, read off `MandateLifecycle` when the rules compile.

    The chart has no guards, actions or compound states, so (state, transition) to
    target is the whole of its behaviour (`tests/test_lifecycle.py` proves it against
    the library's own `send`). The engine moves a mandate with this table alone, and
    so never builds the library's machine nor imports it.
    """

    moves: Mapping[tuple[str, str], str]
    initial: str
    final: frozenset[str]
    probe: str
    """The transition whose availability means the mandate is in force."""


@dataclass(frozen=True, slots=True)
class Lifecycle:
    """How events map to chart transitions, and the chart's own finding codes."""

    transitions: Mapping[str, tuple[Version[TransitionBody], ...]]
    outside_mandate: str
    not_allowed: str
    ended_by_term: str
    chart: ChartTable


@dataclass(frozen=True)
class RuleSet:
    """Everything the engine knows of the law, compiled and immutable."""

    provisions: Mapping[str, ProvisionDoc]
    facts: Mapping[str, Derived]
    state: tuple[StateDef, ...]
    lists: Mapping[str, ListDef]
    findings: Mapping[str, FindingDef]
    checks: tuple[Check, ...]
    grounds: Mapping[str, Ground]
    procedures: Mapping[str, Procedure]
    restrictions: tuple[Restriction, ...]
    lifecycle: Lifecycle
    fingerprint: str
    source: str
    fact_notes: Mapping[str, FactNote] = field(default_factory=dict)
    editions: Mapping[str, Edition] = field(default_factory=dict)
    triggers: Mapping[str, tuple[Ground, ...]] = field(default_factory=dict)
    ground_events: frozenset[str] = frozenset()
    vocabularies: Mapping[str, tuple[tuple[str, str, frozenset[str]], ...]] = field(
        default_factory=dict
    )
    """Event type to the fields its values must come from: (field, list title, ids)."""
    files: tuple[tuple[Document, RuleFile], ...] = field(default=(), compare=False, repr=False)
    """The parsed rule files compiled into this set: what an amendment is laid over."""
    lang: Language = "en"
    """The language of the texts (titles, messages, next steps, citations, paraphrases)."""
    places: Mapping[str, tuple[str, int, int]] = field(default_factory=dict)
    """Where each condition node stands: file, line and column (for the audit's pages)."""
    acts: Mapping[str, str] = field(default_factory=dict)
    """Each act citations name (`Law 148-II`), by its name in `lang` (rules/terms.yaml)."""

    def procedure_at(
        self, ground: Ground, day: dt.date, fallback: Version[GroundBody] | None = None
    ) -> Version[ProcedureBody] | None:
        """The procedure (version) that takes `ground` forward on `day`.

        Procedure follows the ground's version in force on the day of the step, not
        on the day the ground arose: procedural rules apply from their entry into
        force. `fallback` (the version the ground arose under) serves when no
        version of the ground is in force that day.
        """
        version = ground.versions.at(day) or fallback
        if version is None:
            return None
        return self.procedures[version.body.procedure].versions.at(day)

    def conditions(self) -> Iterator[tuple[str, Condition]]:
        """Every compiled condition node, with the id of the rule that holds it."""
        for check in self.checks:
            for version in check.versions:
                yield from ((version.key, node) for node in version.body.walk())
        for ground in self.grounds.values():
            for gv in ground.versions:
                for trigger in gv.body.triggers:
                    yield from ((gv.key, node) for node in trigger.when.walk())
        for procedure in self.procedures.values():
            for pv in procedure.versions:
                for step in pv.body.steps.values():
                    for guard in step.guards:
                        yield from ((pv.key, node) for node in guard.condition.walk())
                    for outcome in step.outcomes:
                        yield from ((pv.key, node) for node in outcome.when.walk())
        for restriction in self.restrictions:
            for rv in restriction.versions:
                yield from ((rv.key, node) for node in rv.body.condition.walk())
        for versions in self.lifecycle.transitions.values():
            for tv in versions:
                yield from ((f"lifecycle.{tv.rule}", node) for node in tv.body.when.walk())
        for derived in self.facts.values():
            yield from ((f"facts.{derived.id}", node) for node in derived.conditions())
