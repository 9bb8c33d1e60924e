"""Event models: the discriminated union and the checks inside one event."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import TypeAdapter, ValidationError

from maslihat.model.events import EVENT_MODELS, Event

EVENTS: TypeAdapter[Any] = TypeAdapter(Event)


def test_every_contract_event_type_has_a_model() -> None:
    """The fourteen event types of contract v1, and the four added since, are all modelled."""
    assert set(EVENT_MODELS) == {
        "registered",
        "position_taken",
        "court_decision",
        "death",
        "citizenship_terminated",
        "residence_changed",
        "resignation_filed",
        "meeting",
        "maslihat_powers_ended",
        "commission_submission",
        "session_vote",
        "activity_started",
        "activity_ended",
        "basis_changed",
        "party_membership_ended",
        "party_ceased",
        "recalled",
        "commission_decision",
    }


def test_type_selects_the_model() -> None:
    """`type` picks the event model; its defaults apply."""
    event = EVENTS.validate_python(
        {"date": "2021-01-01", "type": "court_decision", "ruling": "conviction"}
    )
    assert event.offence == "crime" and event.in_force is None


def test_in_force_cannot_precede_the_decision() -> None:
    """A decision cannot enter into force before it is made."""
    with pytest.raises(ValidationError) as caught:
        EVENTS.validate_python(
            {
                "date": "2021-03-01",
                "type": "court_decision",
                "ruling": "dead",
                "in_force": "2021-02-01",
            }
        )
    assert caught.value.errors()[0]["loc"][-1] == "in_force"


def test_votes_cannot_exceed_those_present() -> None:
    """in_favour + against + abstained may not exceed present."""
    vote = {
        "date": "2021-03-01",
        "type": "session_vote",
        "ground": "g",
        "present": 10,
        "in_favour": 6,
        "against": 3,
        "abstained": 2,
    }
    with pytest.raises(ValidationError) as caught:
        EVENTS.validate_python(vote)
    assert caught.value.errors()[0]["loc"][-1] == "present"
    EVENTS.validate_python({**vote, "abstained": 1})


def test_booleans_are_strict() -> None:
    """`early: yes` is not a boolean: the case must say true or false."""
    with pytest.raises(ValidationError):
        EVENTS.validate_python(
            {"date": "2021-03-01", "type": "maslihat_powers_ended", "early": "yes"}
        )


@pytest.mark.parametrize("count", [True, "6", 6.0, -1])
def test_vote_counts_are_integers(count: Any) -> None:
    """A vote count is a non-negative integer: not a boolean, a string or a float."""
    vote = {"date": "2021-03-01", "type": "session_vote", "ground": "g", "present": 10}
    with pytest.raises(ValidationError) as caught:
        EVENTS.validate_python({**vote, "in_favour": count})
    assert caught.value.errors()[0]["loc"][-1] == "in_favour"


def test_election_day_cannot_follow_the_registration() -> None:
    """A registration cannot precede the election it results from; the same day is fine."""
    registered = {"date": "2021-01-12", "type": "registered"}
    with pytest.raises(ValidationError, match="later than the registration of 2021-01-12"):
        EVENTS.validate_python({**registered, "election_day": "2021-01-13"})
    EVENTS.validate_python({**registered, "election_day": "2021-01-12"})
