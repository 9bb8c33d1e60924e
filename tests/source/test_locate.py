"""Pydantic errors become issues at the paths a person wrote, in a person's words."""

from __future__ import annotations

import pytest
from pydantic import TypeAdapter, ValidationError

from maslihat.errors import CaseError
from maslihat.model import Case
from maslihat.model.case import Deputy
from maslihat.model.common import Kato
from maslihat.model.events import SessionVote
from maslihat.rules.documents import Dated
from maslihat.source.cases import parse_case
from maslihat.source.locate import data_path, model_at, plain_message
from maslihat.wording import Said


def test_union_tags_are_dropped() -> None:
    """The discriminated union's tag in a pydantic location is not part of the path."""
    data = {"events": [{"type": "court_decision", "in_force": "x"}]}
    assert data_path(data, ("events", 0, "court_decision", "in_force")) == ("events", 0, "in_force")


def test_missing_field_is_kept_at_the_end() -> None:
    """A missing field is still named, so the message says which one."""
    data = {"deputy": {"name": "x"}}
    assert data_path(data, ("deputy", "born")) == ("deputy", "born")


def test_index_past_the_end_is_kept() -> None:
    """An index the data does not have is kept rather than lost."""
    assert data_path({"a": []}, ("a", 2)) == ("a", 2)


def test_model_at_follows_keys_indexes_and_union_tags() -> None:
    """A location inside an event names that event's model, picked by its tag."""
    assert model_at(Case, ("events", 2, "session_vote")) is SessionVote
    assert model_at(Case, ("deputy",)) is Deputy
    assert model_at(Case, ("nowhere",)) is None


def test_a_misspelt_required_key_is_one_issue_with_a_suggestion() -> None:
    """`in_favor` is an unknown key with "did you mean 'in_favour'", and no missing twin."""
    text = (
        'maslihat: {name: M, level: region, territory: "230000000", seats: 31}\n'
        'deputy: {name: D, born: 1985-03-14, citizenship: KZ, residence: "231010000"}\n'
        "events:\n"
        "  - {date: 2022-02-20, type: session_vote, ground: resignation, in_favor: 20,"
        " present: 25}\n"
    )
    with pytest.raises(CaseError) as caught:
        parse_case(text, "v.yaml")
    assert [str(issue) for issue in caught.value.issues] == [
        "v.yaml:4:65: events[0].in_favor: unknown key 'in_favor'; did you mean 'in_favour'?"
    ]


def test_a_pattern_is_worded_by_what_the_value_is() -> None:
    """A KATO code that does not match says what a KATO code is, not the regex."""
    with pytest.raises(ValidationError) as caught:
        TypeAdapter(Kato).validate_python("12345")
    message = plain_message(caught.value.errors()[0])
    assert message.startswith("a territory code is a 9-digit KATO code")
    assert "^[1-9]" not in message


def test_our_validators_words_arrive_as_said_able_to_be_reworded() -> None:
    """A model's refusal and a rule model's ValueError keep their message id and fields,
    so the issue can be printed in Russian as well as in English."""
    with pytest.raises(CaseError) as caught:
        parse_case(
            "maslihat: {name: M, level: region, territory: '230000000', seats: 31}\n"
            "deputy: {name: D, born: 2021-02-30, citizenship: KZ, residence: '231010000'}\n"
        )
    message = caught.value.issues[0].message
    assert isinstance(message, Said) and message.key == "date_invalid"
    assert message.in_language("ru") == (
        "2021-02-30 — не календарная дата: февраль 2021 года заканчивается 28-м числом"
    )
    with pytest.raises(ValidationError) as rule:
        TypeAdapter(Dated).validate_python({"valid_from": "2022-01-02", "valid_to": "2022-01-01"})
    said = plain_message(rule.value.errors()[0])
    assert isinstance(said, Said) and said == "valid_to 2022-01-01 is before valid_from 2022-01-02"
