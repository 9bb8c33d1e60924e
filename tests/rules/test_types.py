"""The kinds of facts are read from the case models, the state and the named facts."""

from __future__ import annotations

import datetime as dt

from maslihat.model.common import Kato
from maslihat.rules.syntax import FactDoc
from maslihat.rules.types import Types, annotation_kind, join

TEXT = {"en": "t", "ru": "t (ru)", "kk": "t (kk)"}
"""A rule text in every language, for rules whose words do not matter here."""


def test_annotations_give_kinds() -> None:
    """Tuples are collections, dates dates, ints numbers, KATO codes territories."""
    assert annotation_kind(tuple[str, ...]) == "collection"
    assert annotation_kind(dt.date | None) == "date"
    assert annotation_kind(int) == "number"
    assert annotation_kind(Kato) == "territory"
    assert annotation_kind(Kato | None) == "territory"
    assert annotation_kind(str) == "value"


def test_kinds_of_case_fields_come_from_the_models() -> None:
    """deputy, maslihat and event fields take the kind their model gives them."""
    types = Types({}, {})
    assert types.kind("deputy.other_mandates", ()) == "collection"
    assert types.kind("deputy.born", ()) == "date"
    assert types.kind("maslihat.territory", ()) == "territory"
    assert types.kind("maslihat.seats", ()) == "number"
    assert types.kind("event.territory", ("residence_changed",)) == "territory"
    assert types.kind("event.date", ("any",)) == "date"
    assert types.kind("events", ()) == "collection"
    assert types.kind("item.began", ()) == "unknown"


def test_named_facts_and_state_facts_have_kinds() -> None:
    """Counts are numbers; first_of takes its paths' kind; state kinds are as declared."""
    count = FactDoc.model_validate({"id": "n", "text": TEXT, "count": {"items": "events"}})
    first = FactDoc.model_validate(
        {"id": "day", "text": TEXT, "first_of": ["event.election_day", "event.date"]}
    )
    types = Types({"activities": "collection", "basis": "value"}, {"n": count, "day": first})
    assert types.kind("n", ()) == "number"
    assert types.kind("day", ("registered",)) == "date"
    assert types.kind("state.activities", ()) == "collection"
    assert types.kind("state.basis", ()) == "value"


def test_join_of_different_kinds_is_a_value() -> None:
    """A fact that may be a date or a number is neither; one unknown makes it unknown."""
    assert join(["date", "date"]) == "date"
    assert join(["date", "number"]) == "value"
    assert join(["date", "unknown"]) == "unknown"
    assert join([]) == "unknown"
