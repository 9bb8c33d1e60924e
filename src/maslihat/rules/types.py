"""What kind of value each fact holds, so the compiler can refuse a rule that would
iterate a date, look for a place in a number or scale a name.

The kinds are read from the case models (a `tuple[...]` field is a collection, a
`Kato` field a territory), from the state declarations (a fact events add to is a
collection) and from the named facts (a count is a number): no field is named here.
Roots the engine builds itself (`item`, `check`, `ground`, `mandate`) are `unknown`:
a check that needs a kind accepts them only where evaluation guards the value.
"""

from __future__ import annotations

import datetime as dt
import types
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel, StringConstraints

from maslihat.model import EVENT_MODELS, Deputy, Maslihat
from maslihat.model.common import Kato
from maslihat.rules.syntax import FactDoc

Kind = Literal["collection", "date", "number", "territory", "value", "unknown"]

KATO_CONSTRAINT = next(m for m in get_args(Kato)[1:] if isinstance(m, StringConstraints))
"""The pattern that makes a string a KATO code, as the case model has it."""
COLLECTIONS = (list, tuple, set, frozenset)


def join(kinds: Iterable[Kind]) -> Kind:
    """The kind of a value that may come from any of several facts."""
    found = set(kinds)
    if len(found) == 1:
        return found.pop()
    return "unknown" if not found or "unknown" in found else "value"


def annotation_kind(annotation: Any, metadata: Sequence[Any] = ()) -> Kind:
    """The kind of a model field, from its type annotation and constraints."""
    if get_origin(annotation) is Annotated:
        base, *extra = get_args(annotation)
        return annotation_kind(base, (*metadata, *extra))
    if get_origin(annotation) in (Union, types.UnionType):
        options = [a for a in get_args(annotation) if a is not type(None)]
        return join(annotation_kind(a, metadata) for a in options)
    if (get_origin(annotation) or annotation) in COLLECTIONS:
        return "collection"
    if annotation is dt.date:
        return "date"
    if annotation is int:
        return "number"
    if annotation is str and KATO_CONSTRAINT in metadata:
        return "territory"
    return "value"


def field_kinds(model: type[BaseModel]) -> dict[str, Kind]:
    """The kind of each field of a case model."""
    return {
        name: annotation_kind(info.annotation, info.metadata)
        for name, info in model.model_fields.items()
    }


MODEL_KINDS = {"deputy": field_kinds(Deputy), "maslihat": field_kinds(Maslihat)}
EVENT_KINDS = {name: field_kinds(model) for name, model in EVENT_MODELS.items()}
DERIVED_KINDS: dict[str, Kind] = {
    "years_between": "number",
    "count": "number",
    "run_length": "number",
    "sum": "number",
}


@dataclass(frozen=True)
class Types:
    """The kinds of the facts of one rule set: state facts and named facts included."""

    states: Mapping[str, Kind]
    facts: Mapping[str, FactDoc]

    def kind(
        self, path: str, event_types: Sequence[str], seen: frozenset[str] = frozenset()
    ) -> Kind:
        """The kind of `path` read where `event_types` are the events (`any`: every type)."""
        root, _, rest = path.partition(".")
        if "." in rest:
            return "unknown"  # a field of a field: not typed
        if root in self.facts:
            return self._named(root, event_types, seen | {root})
        if root == "events":
            return "collection" if not rest else "unknown"
        if root == "state":
            return self.states.get(rest, "unknown")
        if root == "event":
            names = list(EVENT_KINDS) if "any" in event_types else event_types
            kinds = [EVENT_KINDS[t][rest] for t in names if rest in EVENT_KINDS.get(t, {})]
            return join(kinds)
        return MODEL_KINDS.get(root, {}).get(rest, "unknown") if rest else "unknown"

    def _named(self, name: str, event_types: Sequence[str], seen: frozenset[str]) -> Kind:
        fact = self.facts[name]
        if fact.first_of is None:
            return DERIVED_KINDS[fact.definitions()[0]]
        paths = [p for p in fact.first_of if p.partition(".")[0] not in seen]
        return join(self.kind(p, event_types, seen) for p in paths)
