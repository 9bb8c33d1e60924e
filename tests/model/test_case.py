"""The case model accepts contract v1 exactly and rejects what the contract calls bad input."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from maslihat import Case

BASE: dict[str, Any] = {
    "maslihat": {"name": "M", "level": "region", "territory": "230000000", "seats": 31},
    "deputy": {"name": "D", "born": "1985-03-14", "citizenship": "KZ", "residence": "231010000"},
}


def case(**changes: Any) -> Case:
    data = {**BASE, **changes}
    return Case.model_validate(data)


def errors(**changes: Any) -> list[tuple[tuple[Any, ...], str]]:
    with pytest.raises(ValidationError) as caught:
        case(**changes)
    return [(tuple(e["loc"]), e["type"]) for e in caught.value.errors()]


def test_defaults_follow_the_contract() -> None:
    """Basis defaults to non_permanent, other mandates and events to empty."""
    made = case()
    assert made.deputy.basis == "non_permanent"
    assert made.deputy.other_mandates == () and made.events == ()
    assert made.case is None


def test_unknown_keys_are_errors() -> None:
    """An unknown key anywhere is an error."""
    assert errors(extra=1) == [(("extra",), "extra_forbidden")]


def test_kato_codes_are_text_of_nine_digits() -> None:
    """A KATO code written as a number is refused with a hint to quote it; a short one too."""
    with pytest.raises(ValidationError, match='write it in quotes, "230000000"'):
        case(maslihat={**BASE["maslihat"], "territory": 230000000})
    assert errors(maslihat={**BASE["maslihat"], "territory": "2300"})[0][0] == (
        "maslihat",
        "territory",
    )


@pytest.mark.parametrize("seats", [True, "31", 31.0, 0, -1])
def test_seats_are_a_positive_integer_and_nothing_else(seats: Any) -> None:
    """`true`, `"31"` and `31.0` are not counts (pydantic would take them as 1 and 31)."""
    assert errors(maslihat={**BASE["maslihat"], "seats": seats})[0][0] == ("maslihat", "seats")


def test_dates_must_be_iso_text_not_numbers() -> None:
    """A number is not read as a Unix timestamp; an impossible date is an error."""
    assert errors(deputy={**BASE["deputy"], "born": 1985})[0][1] == "date_type"
    assert errors(deputy={**BASE["deputy"], "born": "1985-02-30"})[0][1] == "date_invalid"


def test_citizenship_is_an_alpha2_code() -> None:
    """Citizenship must be two capital letters."""
    assert errors(deputy={**BASE["deputy"], "citizenship": "kz"})[0][1] == "country_code"


def test_other_mandate_cannot_end_before_it_begins() -> None:
    """An other mandate ending before it began is an error at its `ended` field."""
    mandate = {"maslihat": "X", "began": "2016-03-25", "ended": "2016-01-01"}
    loc, kind = errors(deputy={**BASE["deputy"], "other_mandates": [mandate]})[0]
    assert loc == ("deputy", "other_mandates", 0, "ended") and kind == "ended_before_began"


def test_present_cannot_exceed_seats() -> None:
    """A vote with more deputies present than seats is an error at `present`."""
    vote = {
        "date": "2022-01-01",
        "type": "session_vote",
        "ground": "resignation",
        "present": 32,
        "in_favour": 20,
    }
    assert errors(events=[vote]) == [(("events", 0, "present"), "present_exceeds_seats")]


def test_models_are_frozen() -> None:
    """Cases are values: they cannot be changed after validation."""
    made = case()
    with pytest.raises(ValidationError):
        made.deputy.name = "other"  # type: ignore[misc]
