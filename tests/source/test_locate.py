"""Pydantic error locations are translated into the paths a person wrote."""

from __future__ import annotations

from maslihat.source.locate import data_path


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
