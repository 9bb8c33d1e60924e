"""The condition language of rule files, as plain validated documents (not yet compiled).

A condition is a tree: `all`, `any` and `not` combine comparisons of a named fact
with a value. Facts are paths (`event.in_force`, `deputy.born`, `state.basis`) or
the ids of derived facts declared in a `facts:` block. Nothing here is Python
written in YAML: the operators are a closed set, each documented in docs/rules.md.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from fractions import Fraction
from typing import Annotated, Any, Literal

from pydantic import (
    BeforeValidator,
    Discriminator,
    Field,
    StrictBool,
    StrictInt,
    StrictStr,
    Tag,
    field_validator,
    model_validator,
)

from maslihat.model.common import Frozen
from maslihat.rules.languages import Texts
from maslihat.wording import say

FACT_PATH = re.compile(r"^[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)*$")
COMPARATORS = ("eq", "ne", "gt", "ge", "lt", "le")
MEMBERSHIP = ("in", "not_in")
OPERATORS = (*COMPARATORS, *MEMBERSHIP, "within")

FactPath = Annotated[str, Field(pattern=FACT_PATH.pattern, strict=True)]


def _literal(value: Any) -> Any:
    """A literal written `YYYY-MM-DD` is a date, so it compares with date facts."""
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_WHOLE:
        raise ValueError(say("whole_digits", digits=len(str(MAX_WHOLE))))
    if isinstance(value, str) and ISO_DATE.match(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise ValueError(say("not_calendar_date", value=value)) from None
    return value


ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
MAX_WHOLE = 10**15 - 1
"""The largest whole number a rule may write: the law counts seats, votes and years."""
Whole = Annotated[StrictInt, Field(ge=-MAX_WHOLE, le=MAX_WHOLE)]
Scalar = Annotated[StrictStr | StrictBool | StrictInt | dt.date | None, BeforeValidator(_literal)]
FRACTION = re.compile(r"(\d{1,6})(?:/(\d{1,6}))?")
"""`times`: a whole number or a fraction, each part of at most six digits."""


class FactRef(Frozen):
    """A fact used as a value, optionally scaled: `{fact: maslihat.seats, times: 2/3}`."""

    fact: FactPath
    times: Fraction | None = None

    @field_validator("times", mode="before")
    @classmethod
    def _fraction(cls, value: Any) -> Any:
        if value is None or isinstance(value, Fraction):
            return value
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) <= MAX_WHOLE:
            return Fraction(value)
        written = FRACTION.fullmatch(value) if isinstance(value, str) else None
        if written is None:
            raise ValueError(say("times_form"))
        if written[2] is not None and int(written[2]) == 0:
            raise ValueError(say("times_zero", value=value))
        return Fraction(int(written[1]), int(written[2] or 1))


class ListRef(Frozen):
    """The items of a rule list in force on the evaluation date, optionally by tag."""

    list: StrictStr
    tagged: StrictStr | None = None


def _operand_kind(value: Any) -> str:
    if isinstance(value, dict):
        return "list" if "list" in value else "fact"
    if isinstance(value, ListRef):
        return "list"
    if isinstance(value, FactRef):
        return "fact"
    return "literal" if not isinstance(value, list) else "literals"


Operand = Annotated[
    Annotated[FactRef, Tag("fact")]
    | Annotated[ListRef, Tag("list")]
    | Annotated[Scalar, Tag("literal")]
    | Annotated[list[Scalar], Tag("literals")],
    Discriminator(_operand_kind),
]


class Compare(Frozen):
    """`{fact: PATH, OPERATOR: VALUE}` with exactly one operator."""

    fact: FactPath
    eq: Operand = None
    ne: Operand = None
    gt: Operand = None
    ge: Operand = None
    lt: Operand = None
    le: Operand = None
    in_: Operand = Field(default=None, alias="in")
    not_in: Operand = None
    within: Operand = None

    @model_validator(mode="after")
    def _one_operator(self) -> Compare:
        given = self.operators_given()
        if len(given) != 1:
            raise ValueError(say("one_operator", operators=", ".join(OPERATORS), count=len(given)))
        return self

    def operators_given(self) -> list[str]:
        """The operators written in the file (`in` under its YAML name)."""
        fields = {"in_": "in"}
        return [fields.get(name, name) for name in self.model_fields_set if name != "fact"]

    @property
    def operator(self) -> str:
        """The single operator of this comparison."""
        return self.operators_given()[0]

    @property
    def operand(self) -> Any:
        """The value the fact is compared with."""
        return getattr(self, "in_" if self.operator == "in" else self.operator)


class All(Frozen):
    """True when every condition is true."""

    all: list[Condition] = Field(min_length=1)


class Any_(Frozen):  # noqa: N801 - mirrors the YAML key `any`
    """True when at least one condition is true."""

    any: list[Condition] = Field(min_length=1)


class Not(Frozen):
    """True when the condition is false."""

    not_: Condition = Field(alias="not")


def _condition_kind(value: Any) -> str:
    if isinstance(value, dict):
        for key in ("all", "any", "not"):
            if key in value:
                return key
        return "compare"
    kinds: dict[type, str] = {All: "all", Any_: "any", Not: "not"}
    return kinds.get(type(value), "compare")


Condition = Annotated[
    Annotated[All, Tag("all")]
    | Annotated[Any_, Tag("any")]
    | Annotated[Not, Tag("not")]
    | Annotated[Compare, Tag("compare")],
    Discriminator(_condition_kind),
]


class YearsBetween(Frozen):
    """Whole years from one date to another (an age)."""

    from_: FactPath = Field(alias="from")
    to: FactPath
    leap_day: Literal["feb28", "mar1"] = Field(
        description="When someone born on 29 February turns a year older in a common year."
    )


class CountOf(Frozen):
    """How many items of a collection satisfy a condition (`item.` names the item)."""

    items: FactPath
    where: Condition | None = None


class RunLength(Frozen):
    """How many of the latest events of a type, in a row up to now, satisfy a condition."""

    event: StrictStr
    where: Condition
    among: Condition | None = Field(
        default=None,
        description="Only events meeting this count; the others neither extend nor break the run.",
    )


class FactDoc(Frozen):
    """A named fact derived from others, declared once and cited."""

    id: Annotated[str, Field(pattern=r"^[a-z_][a-z0-9_]*$")]
    text: Texts = Field(description="What the fact is, in every language.")
    citation: StrictStr | None = None
    interpretation: Texts | None = Field(
        default=None, description="How we read the law in defining it, in every language."
    )
    years_between: YearsBetween | None = None
    count: CountOf | None = None
    run_length: RunLength | None = None
    sum: list[FactPath] | None = None
    first_of: list[FactPath] | None = None

    @model_validator(mode="after")
    def _one_definition(self) -> FactDoc:
        if len(self.definitions()) != 1:
            raise ValueError(say("one_definition"))
        return self

    def definitions(self) -> list[str]:
        """The names of the definitions given (exactly one when valid)."""
        kinds = ("years_between", "count", "run_length", "sum", "first_of")
        return [kind for kind in kinds if getattr(self, kind) is not None]


def condition_facts(node: Condition | None) -> Iterator[str]:
    """Every fact path a condition reads, operands included (iteratively: no recursion)."""
    stack = [node] if node is not None else []
    while stack:
        current = stack.pop()
        if isinstance(current, All | Any_):
            stack.extend(reversed(current.all if isinstance(current, All) else current.any))
        elif isinstance(current, Not):
            stack.append(current.not_)
        else:
            yield current.fact
            if isinstance(current.operand, FactRef):
                yield current.operand.fact


def fact_reads(fact: FactDoc) -> Iterator[str]:
    """Every fact path a named fact's definition reads."""
    if fact.years_between:
        yield from (fact.years_between.from_, fact.years_between.to)
    yield from fact.sum or fact.first_of or ()
    if fact.count:
        yield fact.count.items
        yield from condition_facts(fact.count.where)
    if fact.run_length:
        yield from condition_facts(fact.run_length.among)
        yield from condition_facts(fact.run_length.where)


for _model in (All, Any_, Not, CountOf, RunLength, FactDoc):
    _model.model_rebuild()
