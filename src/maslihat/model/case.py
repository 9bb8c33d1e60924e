"""The case: one deputy, the mäslihat, and what happened, as contract v1 defines it."""

from __future__ import annotations

from typing import Literal

from pydantic import (
    Field,
    PrivateAttr,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import InitErrorDetails

from maslihat.model.common import (
    CountryCode,
    Frozen,
    IsoDate,
    Kato,
    PositiveCount,
    Text,
    refusal,
)
from maslihat.model.events import Basis, Event, SessionVote

Level = Literal[
    "region",
    "city_of_republican_significance",
    "capital",
    "district",
    "city_of_regional_significance",
]


class Maslihat(Frozen):
    """The assembly the deputy sits in."""

    name: Text
    level: Level
    territory: Kato
    seats: PositiveCount


class OtherMandate(Frozen):
    """A mandate in another mäslihat; `ended` absent or null means still held."""

    maslihat: Text
    began: IsoDate
    ended: IsoDate | None = None

    @field_validator("ended")
    @classmethod
    def _ends_after_it_begins(cls, value: IsoDate | None, info: ValidationInfo) -> IsoDate | None:
        began = info.data.get("began")
        if value is not None and began is not None and value < began:
            raise refusal(
                "ended_before_began",
                "ended_before_began",
                ended=value.isoformat(),
                began=began.isoformat(),
            )
        return value


class Deputy(Frozen):
    """The person whose mandate the case is about."""

    name: Text
    born: IsoDate
    citizenship: CountryCode
    residence: Kato
    basis: Basis = "non_permanent"
    other_mandates: tuple[OtherMandate, ...] = ()
    elected_by: Literal["party_list", "single_member"] | None = Field(
        default=None, description="How the deputy was elected; null when the case does not say."
    )
    party: Text | None = Field(default=None, description="The party on whose list he was elected.")


class Case(Frozen):
    """A hypothetical or real case to evaluate."""

    case: Text | None = None
    maslihat: Maslihat
    deputy: Deputy
    events: tuple[Event, ...] = ()

    _source: object = PrivateAttr(default=None)

    @model_validator(mode="after")
    def _votes_fit_the_seats(self) -> Case:
        errors = [
            InitErrorDetails(
                type=refusal(
                    "present_exceeds_seats",
                    "present_exceeds_seats",
                    present=event.present,
                    seats=self.maslihat.seats,
                ),
                loc=("events", index, "present"),
                input=event.present,
            )
            for index, event in enumerate(self.events)
            if isinstance(event, SessionVote) and event.present > self.maslihat.seats
        ]
        if errors:
            raise ValidationError.from_exception_data("Case", errors)
        return self
