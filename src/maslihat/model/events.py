"""The dated events of a case, one model per event type, as a discriminated union.

The field sets and value lists are fixed by contract v1. What the law makes of an
event (which ground it triggers, whether an activity is permitted) lives in rules/.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StrictBool, ValidationInfo, field_validator

from maslihat.model.common import Count, Frozen, IsoDate, Kato, Text, refusal

Activity = Literal["entrepreneurship", "management", "paid_work"]
ActivityField = Literal["teaching", "science", "creative", "other"]
Basis = Literal["permanent", "non_permanent"]


def _against_date(
    value: IsoDate | None, info: ValidationInfo, code: str, *, after: bool
) -> IsoDate | None:
    """Another date of an event must fall on or `after` its `date` (or on or before it).

    An entry into force or a result cannot precede the decision or the vote; an
    election cannot follow the registration it led to. `code` is the error's type and
    the id of its message.
    """
    day = info.data.get("date")
    if value is None or day is None or (value >= day if after else value <= day):
        return value
    raise refusal(code, code, value=value.isoformat(), day=day.isoformat())


class EventBase(Frozen):
    """What every event has: the day it happened."""

    date: IsoDate


class Registered(EventBase):
    """The territorial election commission registers the person as a deputy."""

    type: Literal["registered"]
    election_day: IsoDate | None = None

    @field_validator("election_day")
    @classmethod
    def _not_after_registration(cls, value: IsoDate | None, info: ValidationInfo) -> IsoDate | None:
        return _against_date(value, info, "election_after_registration", after=False)


class PositionTaken(EventBase):
    """Elected or appointed to a position of a category the rules define."""

    type: Literal["position_taken"]
    category: Text
    position: Text | None = None


class CourtDecision(EventBase):
    """A court decision made on `date` that takes effect on `in_force`."""

    type: Literal["court_decision"]
    ruling: Literal["incapacity", "limited_capacity", "missing", "dead", "conviction"]
    in_force: IsoDate | None = None
    offence: Literal["crime", "intentional_misdemeanour", "negligent_misdemeanour"] = "crime"

    @field_validator("in_force")
    @classmethod
    def _not_before_decision(cls, value: IsoDate | None, info: ValidationInfo) -> IsoDate | None:
        return _against_date(value, info, "in_force_before_decision", after=True)


class Death(EventBase):
    """The deputy died."""

    type: Literal["death"]


class CitizenshipTerminated(EventBase):
    """The deputy's citizenship of Kazakhstan ended."""

    type: Literal["citizenship_terminated"]


class ResidenceChanged(EventBase):
    """The deputy moved; `permanent` tells whether it is a change of permanent residence."""

    type: Literal["residence_changed"]
    territory: Kato
    permanent: StrictBool = True


class ResignationFiled(EventBase):
    """The deputy's personal statement of resignation."""

    type: Literal["resignation_filed"]


class Meeting(EventBase):
    """A plenary sitting or a meeting of a body, and whether the deputy attended."""

    type: Literal["meeting"]
    body: Text
    attendance: Literal["present", "excused", "unexcused"]


class MaslihatPowersEnded(EventBase):
    """The mäslihat's powers ended, early or at the end of its term."""

    type: Literal["maslihat_powers_ended"]
    early: StrictBool


class CommissionSubmission(EventBase):
    """The TEC submits a ground for early termination to the mäslihat."""

    type: Literal["commission_submission"]
    ground: Text


class SessionVote(EventBase):
    """A session votes on a submitted ground.

    The counts are declared before `present` so that `present` can be checked
    against them and an error points at `present`.
    """

    type: Literal["session_vote"]
    ground: Text
    in_favour: Count
    against: Count = 0
    abstained: Count = 0
    present: Count
    chair_vote: Literal["in_favour", "against"] | None = None

    @field_validator("present")
    @classmethod
    def _counts_fit(cls, value: int, info: ValidationInfo) -> int:
        cast = sum(info.data.get(name, 0) for name in ("in_favour", "against", "abstained"))
        if cast > value:
            raise refusal("votes_exceed_present", "votes_exceed_present", cast=cast, present=value)
        return value


class ActivityStarted(EventBase):
    """The deputy began an outside activity."""

    type: Literal["activity_started"]
    activity: Activity
    field: ActivityField = "other"


class ActivityEnded(EventBase):
    """The deputy ended an outside activity."""

    type: Literal["activity_ended"]
    activity: Activity
    field: ActivityField = "other"


class PartyMembershipEnded(EventBase):
    """The deputy left, or was expelled from, the party on whose list he was elected."""

    type: Literal["party_membership_ended"]
    reason: Literal["left", "expelled"]
    party: Text | None = None


class PartyCeased(EventBase):
    """The party on whose list the deputy was elected ceased its activity."""

    type: Literal["party_ceased"]
    party: Text | None = None


class Recalled(EventBase):
    """The deputy was recalled: by the party branch (list deputies) or by the voters."""

    type: Literal["recalled"]
    by: Literal["party_branch", "voters"]
    established: IsoDate | None = Field(
        default=None,
        description="The day the commission established the result of a recall vote.",
    )

    @field_validator("established")
    @classmethod
    def _not_before_vote(cls, value: IsoDate | None, info: ValidationInfo) -> IsoDate | None:
        return _against_date(value, info, "established_before_vote", after=True)


class CommissionDecision(EventBase):
    """The TEC records that the deputy has lost the mandate on a ground (no session vote)."""

    type: Literal["commission_decision"]
    ground: Text


class BasisChanged(EventBase):
    """The deputy moved to or from the permanent paid basis."""

    type: Literal["basis_changed"]
    basis: Basis


Event = Annotated[
    Registered
    | PositionTaken
    | CourtDecision
    | Death
    | CitizenshipTerminated
    | ResidenceChanged
    | ResignationFiled
    | Meeting
    | MaslihatPowersEnded
    | CommissionSubmission
    | SessionVote
    | ActivityStarted
    | ActivityEnded
    | BasisChanged
    | PartyMembershipEnded
    | PartyCeased
    | Recalled
    | CommissionDecision,
    Field(discriminator="type"),
]
"""Any event of contract v1, told apart by its `type`."""

EVENT_MODELS: dict[str, type[EventBase]] = {
    model.model_fields["type"].annotation.__args__[0]: model  # type: ignore[union-attr]
    for model in EventBase.__subclasses__()
}
"""Event type name to model; the rule compiler uses it to check event field names."""
