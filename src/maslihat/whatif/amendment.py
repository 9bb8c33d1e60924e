"""The amendment file: changes a bill would make to the rules, each citing the bill.

An amendment never edits a rule file. It names rules by `section.id` (`checks.minimum_age`,
`grounds.systematic_failure`, `lists.position_categories.judge` for a list item) and
says, for each, one of three things:

- `version: RULE`: from `valid_from` the rule reads differently. The rest of the
  change is a version as rule files write it; fields left out (`provisions`, `source`,
  the body) are those of the version it follows, and `basis` is `inferred`, since no
  edition of the law holds the wording yet;
- `end: RULE`: the rule's last day in force is `valid_to`;
- `add: SECTION` (or `lists.LIST` for an item): `entry` is a new ground, finding,
  list item or any other rule, written as in a rule file.

This module reads and checks the file's shape (exit 3, located, like a rule file);
`overlay.py` validates each change against the rule it changes and compiles the result.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

from pydantic import ConfigDict, Discriminator, Field, StrictStr, Tag, ValidationError

from maslihat.errors import RulesError
from maslihat.model.common import Frozen, IsoDate
from maslihat.rules.languages import Act, Texts
from maslihat.source import Document, issues_from_validation_error, load_document, parse_document

_ID = r"[a-z][a-z0-9_]*"
VERSIONED = ("checks", "grounds", "procedures", "restrictions")
"""The sections whose rules have dated versions an amendment can add to or end."""
RuleRef = Annotated[
    str,
    Field(
        pattern=rf"^(({'|'.join(VERSIONED)})\.{_ID}|lists\.{_ID}\.{_ID})$",
        strict=True,
        description="checks.ID, grounds.ID, procedures.ID, restrictions.ID or lists.LIST.ITEM.",
    ),
]
SECTIONS = ("editions", "provisions", "facts", "state", "lists", "findings", *VERSIONED)
SectionRef = Annotated[
    str,
    Field(
        pattern=rf"^({'|'.join(SECTIONS)}|lists\.{_ID})$",
        strict=True,
        description="A section of a rule file, or lists.LIST to add an item to a list.",
    ),
]


class NewVersion(Frozen):
    """From `valid_from`, the rule reads as this version; the rest is as in a rule file."""

    model_config = ConfigDict(extra="allow")

    version: RuleRef
    valid_from: IsoDate
    valid_to: IsoDate | None = None
    citation: StrictStr = Field(description="The bill's article that makes the change.")
    text: Texts = Field(description="A paraphrase of the new wording, in every language.")


class EndRule(Frozen):
    """The rule is in force no longer after `valid_to`."""

    end: RuleRef
    valid_to: IsoDate = Field(description="The rule's last day in force.")
    citation: StrictStr = Field(description="The bill's article that repeals the rule.")


class AddEntry(Frozen):
    """A new rule (a ground, a finding, a list item...), written as in a rule file."""

    add: SectionRef
    citation: StrictStr = Field(description="The bill's article that adds it.")
    entry: dict[str, Any] = Field(description="The rule, as the section holds it.")


def _kind(value: Any) -> str | None:
    """The change's kind; the tag is not a key, so that errors name the field written."""
    if isinstance(value, dict):
        return next((f"{key}:" for key in ("version", "end", "add") if key in value), None)
    return None


Change = Annotated[
    Annotated[NewVersion, Tag("version:")]
    | Annotated[EndRule, Tag("end:")]
    | Annotated[AddEntry, Tag("add:")],
    Discriminator(
        _kind,
        custom_error_type="change_kind",
        custom_error_message="a change says `version:`, `end:` or `add:`",
    ),
]


DRAFT_LAW = Act(
    id="Draft law",
    name=Texts(en="Draft law", ru="Проект закона", kk="Заң жобасы"),
)
"""The act an amendment's citations name unless it says otherwise: the bill itself."""


class AmendmentDoc(Frozen):
    """An amendment file: a bill, and the changes it would make to the rules."""

    amendment: Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", strict=True)]
    title: StrictStr
    bill: StrictStr = Field(description="The bill (or amending act) the changes come from.")
    url: Annotated[str, Field(pattern=r"^https://", strict=True)] | None = None
    act: Act = Field(
        default=DRAFT_LAW,
        description=(
            "How the changes' citations name the bill (`Draft law, art. 1(1)`), in every"
            " language; citations follow the rule files' grammar and are set in each"
            " language like theirs."
        ),
    )
    changes: list[Change] = Field(default_factory=list)


@dataclass(frozen=True)
class Amendment:
    """A read and shape-checked amendment, with its document for locating problems."""

    document: Document
    spec: AmendmentDoc

    @property
    def id(self) -> str:
        """The amendment's id."""
        return self.spec.amendment


def amendment_from_document(document: Document) -> Amendment:
    """Check a read document's shape as an amendment, or raise a located `RulesError`."""
    try:
        return Amendment(document, AmendmentDoc.model_validate(document.data or {}))
    except ValidationError as exc:
        raise RulesError(issues_from_validation_error(exc, document)) from None


def load_amendment(path: str | Path) -> Amendment:
    """Read an amendment file; a malformed one raises `RulesError` (exit 3), located."""
    return amendment_from_document(load_document(path, RulesError))


def parse_amendment(text: str | bytes, name: str = "amendment", *, json: bool = False) -> Amendment:
    """An amendment from text (YAML, or JSON with `json`), as `load_amendment` reads files."""
    document = parse_document(text, name, RulesError, syntax="json" if json else "yaml")
    return amendment_from_document(document)
