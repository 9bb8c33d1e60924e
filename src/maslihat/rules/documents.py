"""The rule files as plain validated documents: what a rule author may write.

Every rule has an id, a citation of the provision it encodes, a paraphrase of that
provision, a provenance mark and dates of validity. Rules that change over time have
several `versions`, each dated; `valid_to` is the last day a version is in force.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import (
    BeforeValidator,
    Field,
    StrictBool,
    StrictStr,
    WithJsonSchema,
    model_validator,
)

from maslihat.model.common import Frozen, IsoDate
from maslihat.rules.languages import Act, Term, Texts
from maslihat.rules.syntax import Condition, FactDoc, FactPath, Whole
from maslihat.wording import name_pattern, say

_ID = name_pattern(r"^[a-z][a-z0-9_]*$", "id_pattern")
_KEBAB = name_pattern(r"^[a-z0-9]+(-[a-z0-9]+)*$", "kebab_pattern")
_HTTPS = name_pattern(r"^https://", "https_pattern")
Id = Annotated[str, Field(pattern=_ID, strict=True)]
ProvisionId = Annotated[str, Field(pattern=_KEBAB, strict=True)]
EditionId = ProvisionId
Provenance = Literal["read", "reported", "inferred"]


def _one_or_many(value: object) -> object:
    """`source: l148-2014-11-07` is shorthand for a list of one edition."""
    return [value] if isinstance(value, str) else value


_EDITION_ID_SCHEMA = {"type": "string", "pattern": _KEBAB}
EditionRefs = Annotated[
    list[EditionId],
    BeforeValidator(_one_or_many),
    Field(min_length=1),
    WithJsonSchema(
        {
            "anyOf": [
                _EDITION_ID_SCHEMA,
                {"type": "array", "items": _EDITION_ID_SCHEMA, "minItems": 1},
            ],
            "description": "An edition id from rules/editions.yaml, or a list of them.",
        }
    ),
]


class Dated(Frozen):
    """When a rule (or a version of it) is in force: `valid_to` is its last day."""

    valid_from: IsoDate
    valid_to: IsoDate | None = None

    @model_validator(mode="after")
    def _ordered(self) -> Dated:
        if self.valid_to is not None and self.valid_to < self.valid_from:
            raise ValueError(
                say("valid_to_before", valid_to=self.valid_to, valid_from=self.valid_from)
            )
        return self

    def in_force(self, day: dt.date) -> bool:
        """Whether this is in force on `day`."""
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


class Window(Frozen):
    """The days on which a version may have entered into force, when the texts give no day.

    `valid_from` is a day chosen inside the window and is inferred; tests sit on both
    sides outside the window, never inside it.
    """

    earliest: IsoDate
    latest: IsoDate
    basis: Literal["inferred"] = Field(description="The chosen day is always inferred.")
    reason: Texts = Field(description="Why the day was chosen there, in every language.")

    @model_validator(mode="after")
    def _ordered(self) -> Window:
        if self.latest < self.earliest:
            raise ValueError(say("latest_before", latest=self.latest, earliest=self.earliest))
        return self


class Cited(Dated):
    """A dated piece of law: where it comes from and how sure we are of it."""

    citation: StrictStr
    text: Texts = Field(
        description="A paraphrase of the provision, in our own words, in every language."
    )
    basis: Provenance = Field(
        description="read: read in that version of the text; reported: from a later "
        "consolidated text; inferred: our reading where the text is silent."
    )
    interpretation: Texts | None = Field(
        default=None,
        description="How we read the provision where it is open to reading, in every language.",
    )
    source: EditionRefs = Field(
        description="The editions (rules/editions.yaml) the wording was read or inferred from."
    )
    provisions: list[ProvisionId] = Field(
        min_length=1, description="The provisions (rules/provisions.yaml) this encodes."
    )
    window: Window | None = Field(
        default=None, description="When `valid_from` is a day chosen in a window of days."
    )

    @model_validator(mode="after")
    def _inside_window(self) -> Cited:
        w = self.window
        if w is not None and not w.earliest <= self.valid_from <= w.latest:
            raise ValueError(
                say(
                    "outside_window",
                    valid_from=self.valid_from,
                    earliest=w.earliest,
                    latest=w.latest,
                )
            )
        return self


class ProvisionVersion(Dated):
    """One wording of a provision (in substance), and the editions that hold it."""

    basis: Provenance
    editions: list[EditionId] = Field(
        default_factory=list, description="The editions whose text holds this wording."
    )
    note: Texts | None = Field(
        default=None,
        description="How the dates are known; rewordings without change of substance (in every "
        "language).",
    )
    window: Window | None = None

    @model_validator(mode="after")
    def _read_somewhere(self) -> ProvisionVersion:
        if self.basis == "read" and not self.editions:
            raise ValueError(say("read_names_editions"))
        if self.basis != "read" and self.note is None:
            raise ValueError(say("note_how_known"))
        return self


class EditionNote(Frozen):
    """An entry-into-force note that an edition's footnotes give, verbatim."""

    act: Texts = Field(description="The amending act the note is about, in every language.")
    says: StrictStr = Field(description="The note's words, as the edition has them.")
    provisions: list[ProvisionId] = Field(
        default_factory=list,
        description="Provisions whose wording the edition shows before the note's day comes.",
    )


class Mirror(Frozen):
    """Where the text of an edition was read: a public repository, path and commit."""

    repo: StrictStr
    path: StrictStr
    commit: Annotated[str, Field(pattern=r"^[0-9a-f]{40}$", strict=True)]


class EditionDoc(Frozen):
    """A consolidated edition of an act, as read: the text behind `basis: read`."""

    id: EditionId
    act: StrictStr
    date: IsoDate = Field(description="The edition's date in the official database.")
    amended_by: Texts = Field(description="The amending act that produced this edition.")
    url: Annotated[str, Field(pattern=_HTTPS, strict=True)]
    url_kk: Annotated[str, Field(pattern=_HTTPS, strict=True)] | None = None
    mirror: Mirror
    articles: list[StrictStr] = Field(min_length=1, description="The articles read.")
    notes: list[EditionNote] = Field(default_factory=list)
    earlier: Texts | None = Field(
        default=None,
        description="On an act's earliest edition: what we take its text to have been before.",
    )


class ProvisionDoc(Frozen):
    """A provision of the law, as the rules' claims refer to it."""

    id: ProvisionId
    act: StrictStr
    article: StrictStr
    paragraph: StrictStr | None = None
    subparagraph: StrictStr | None = None
    text: Texts = Field(description="A short paraphrase, in our own words, in every language.")
    versions: list[ProvisionVersion] = Field(min_length=1)
    scope: Literal["encoded", "out_of_scope"] = "encoded"
    reason: Texts | None = Field(default=None, description="Why it is out of scope.")

    @model_validator(mode="after")
    def _reason_for_exclusion(self) -> ProvisionDoc:
        if (self.scope == "out_of_scope") != (self.reason is not None):
            raise ValueError(say("reason_out_of_scope"))
        return self

    def held_by(self, edition: str) -> ProvisionVersion | None:
        """The wording of this provision that `edition` holds, if any."""
        return next((v for v in self.versions if edition in v.editions), None)

    @property
    def label(self) -> str:
        """`Law 148-II, art. 20(3)(8)`."""
        parts = f"{self.act}, art. {self.article}"
        parts += f"({self.paragraph})" if self.paragraph else ""
        return parts + (f"({self.subparagraph})" if self.subparagraph else "")


class FindingDoc(Frozen):
    """A finding code: how serious it is and the message that explains it."""

    code: Id
    severity: Literal["violation", "warning", "info"]
    message: Texts = Field(description="A template; ${path} is replaced by a fact.")
    citation: StrictStr | None = None
    source: EditionId | None = Field(
        default=None, description="The edition the citation was read in (with `citation`)."
    )

    @model_validator(mode="after")
    def _cited_from(self) -> FindingDoc:
        if (self.citation is None) != (self.source is None):
            raise ValueError(say("citation_with_source"))
        return self


class ListItem(Cited):
    """One value of a rule list, with tags that conditions can select on."""

    id: Id
    title: Texts
    tags: list[Id] = Field(default_factory=list)


class ListDoc(Frozen):
    """A vocabulary the rules define, such as the categories of positions."""

    id: Id
    title: Texts
    validates: list[Annotated[str, Field(pattern=r"^[a-z_]+\.[a-z_]+$")]] = Field(
        default_factory=list,
        description="Event fields (`event_type.field`) whose values must be items of this list.",
    )
    items: list[ListItem] = Field(min_length=1)


class StateUpdate(Frozen):
    """How an event changes a fact of the state: set a value, or add or remove an item."""

    event: StrictStr
    value: FactPath | None = None
    key: list[Id] | None = None


class StateDoc(Frozen):
    """A fact that changes over the mandate, folded from the events in date order."""

    id: Id
    text: StrictStr
    initial: FactPath | None = Field(default=None, description="Starting value; none: empty.")
    set: list[StateUpdate] = Field(default_factory=list)
    add: list[StateUpdate] = Field(default_factory=list)
    remove: list[StateUpdate] = Field(default_factory=list)

    @model_validator(mode="after")
    def _one_kind(self) -> StateDoc:
        if self.set and (self.add or self.remove):
            raise ValueError(say("set_or_add"))
        return self


class CheckVersion(Cited):
    """An eligibility condition, true when the person is eligible in that respect."""

    condition: Condition


class CheckDoc(Frozen):
    """An eligibility requirement checked on the registration date."""

    id: Id
    finding: Id
    versions: list[CheckVersion] = Field(min_length=1)


class Trigger(Frozen):
    """An event that makes a ground arise, when its condition holds, on `arises_on`."""

    event: StrictStr
    when: Condition | None = None
    arises_on: FactPath = "event.date"


class GroundVersion(Cited):
    """A ground as worded in one period: what triggers it and which procedure applies."""

    procedure: Id
    triggers: list[Trigger] = Field(min_length=1)


class GroundDoc(Frozen):
    """A ground for early termination of the mandate (Article 20(3))."""

    id: Id
    number: Annotated[Whole, Field(ge=1)]
    subparagraph: Annotated[str, Field(pattern=r"^\d{1,3}(-\d{1,3})?$")] | None = Field(
        default=None, description='As the law numbers it ("3-1"); default: the number.'
    )
    title: Texts
    versions: list[GroundVersion] = Field(min_length=1)

    @property
    def label(self) -> str:
        """The subparagraph, or the number when they are the same."""
        return self.subparagraph or str(self.number)


class Guard(Frozen):
    """A condition a procedural step needs; if false: reject the step, or only warn."""

    id: Id
    condition: Condition
    finding: Id
    effect: Literal["reject", "warn"]
    citation: StrictStr | None = None


class Outcome(Frozen):
    """The stage a ground reaches, whether that ends the mandate, and when it applies."""

    when: Condition | None = None
    stage: StrictStr
    ends_mandate: StrictBool = False
    citation: StrictStr | None = Field(
        default=None, description="When the outcome has its own provision."
    )


class Step(Frozen):
    """A procedural step: an event that addresses a ground by its `ground` field."""

    id: Id
    event: StrictStr
    guards: list[Guard] = Field(default_factory=list)
    outcomes: list[Outcome] = Field(min_length=1)


class NextStepDoc(Frozen):
    """What is due next while a ground stands at a stage; `text` is a template."""

    actor: Id
    action: Id
    text: Texts


class ProcedureVersion(Cited):
    """How a ground is taken to its end in one period."""

    on_arising: Outcome = Outcome(stage="arisen")
    steps: list[Step] = Field(default_factory=list)
    next_steps: dict[StrictStr, NextStepDoc] = Field(default_factory=dict)


class ProcedureDoc(Frozen):
    """A procedure for early termination."""

    id: Id
    title: Texts
    versions: list[ProcedureVersion] = Field(min_length=1)


class RestrictionVersion(Cited):
    """A condition over the state that must not hold; each item of `for_each` on its own."""

    for_each: FactPath | None = None
    ends_on: FactPath | None = Field(
        default=None,
        description="A date (read with the item) on which a breach ends by itself.",
    )
    begins_on: FactPath | None = Field(
        default=None,
        description="A date (read with the item) on which a breach may begin by itself.",
    )
    condition: Condition


class RestrictionDoc(Frozen):
    """Something a deputy may not do; breaches become findings with a period."""

    id: Id
    finding: Id
    versions: list[RestrictionVersion] = Field(min_length=1)


class TransitionDoc(Cited):
    """An event that moves the mandate through the lifecycle chart, while in force."""

    id: Id
    event: StrictStr
    when: Condition | None = None
    transition: Id
    eligibility_on: list[FactPath] | None = Field(
        default=None,
        description="Check eligibility first, on the first of these dates that is given.",
    )


class LifecycleDoc(Frozen):
    """How events drive the lifecycle chart, and the findings the chart itself yields."""

    transitions: list[TransitionDoc]
    outside_mandate: Id
    not_allowed: Id
    ended_by_term: Id = "term_expired"


class RuleFile(Frozen):
    """One file under rules/: any of the sections, each a list of rules."""

    about: StrictStr | None = None
    terms: list[Term] = Field(
        default_factory=list,
        description="Terms of the law as its official Russian and Kazakh texts word them.",
    )
    acts: list[Act] = Field(
        default_factory=list, description="The acts citations name, in every language."
    )
    editions: list[EditionDoc] = Field(default_factory=list)
    provisions: list[ProvisionDoc] = Field(default_factory=list)
    facts: list[FactDoc] = Field(default_factory=list)
    state: list[StateDoc] = Field(default_factory=list)
    lists: list[ListDoc] = Field(default_factory=list)
    findings: list[FindingDoc] = Field(default_factory=list)
    checks: list[CheckDoc] = Field(default_factory=list)
    grounds: list[GroundDoc] = Field(default_factory=list)
    procedures: list[ProcedureDoc] = Field(default_factory=list)
    restrictions: list[RestrictionDoc] = Field(default_factory=list)
    lifecycle: LifecycleDoc | None = None
