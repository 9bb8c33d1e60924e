"""Which facts a condition may read where it stands, checked when rules are compiled.

A trigger of `court_decision` may read `event.in_force`; an eligibility check may
not read `event` at all. Checking this at load time turns a typo in a rule file into
an error with a line number instead of a wrong answer at run time.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import ClassVar

from maslihat.model import EVENT_MODELS, Deputy, Maslihat
from maslihat.wording import closest, say

GROUND_FIELDS = frozenset({"id", "number", "subparagraph", "title", "stage", "arose"})
"""What a procedure may read of the ground it is taking forward."""

UNCHECKED = None


def event_fields(event_types: tuple[str, ...]) -> frozenset[str]:
    """The fields every one of `event_types` has."""
    sets = [frozenset(EVENT_MODELS[t].model_fields) for t in event_types if t in EVENT_MODELS]
    return frozenset.intersection(*sets) if sets else frozenset()


@dataclass(frozen=True)
class Scope:
    """The roots a condition may read, each with its known fields (None: not checked)."""

    roots: dict[str, frozenset[str] | None] = field(default_factory=dict)
    event_types: tuple[str, ...] = ()
    checked: ClassVar[bool] = True
    """Whether paths and their kinds are checked here (not inside a named fact's own text)."""

    @classmethod
    def base(cls, state_ids: frozenset[str]) -> Scope:
        """The case itself and the folded state: readable everywhere."""
        return cls(
            {
                "deputy": frozenset(Deputy.model_fields),
                "maslihat": frozenset(Maslihat.model_fields),
                "state": state_ids,
                "events": frozenset(),
            }
        )

    @property
    def key(self) -> tuple[object, ...]:
        """A hashable summary of what this scope can read (for caching checks)."""
        roots = tuple(sorted(self.roots.items(), key=lambda kv: kv[0]))
        return (type(self).__name__, roots, self.event_types)

    def with_root(self, name: str, fields: frozenset[str] | None) -> Scope:
        """This scope plus one root."""
        return Scope({**self.roots, name: fields}, self.event_types)

    def with_event(self, *event_types: str) -> Scope:
        """This scope reading an event of one of `event_types` as `event`."""
        return Scope({**self.roots, "event": event_fields(event_types)}, event_types)

    def with_any_event(self) -> Scope:
        """This scope reading an event of any type (fields any event type has)."""
        fields = frozenset().union(*(m.model_fields for m in EVENT_MODELS.values()))
        return Scope({**self.roots, "event": fields}, ("any",))

    def problem(self, path: str) -> str | None:
        """Why `path` (not a named fact) cannot be read here, or None if it can."""
        root, _, rest = path.partition(".")
        if root not in self.roots:
            readable = ", ".join(sorted(self.roots))
            message = say("unknown_fact_root", path=path, root=root, readable=readable)
            return _suggest(message, root, self.roots)
        fields = self.roots[root]
        if not rest:
            return None
        name = rest.split(".")[0]
        if fields is not UNCHECKED and name not in fields:
            types = "/".join(self.event_types)
            what = say("event_of", types=types) if root == "event" else root
            known = ", ".join(sorted(fields))
            message = say("unknown_fact_field", path=path, what=what, name=name, known=known)
            return _suggest(message, name, fields)
        return None


def _suggest(message: str, word: str, choices: Iterable[str]) -> str:
    """`message`, with a "did you mean" when one of `choices` is close to `word`."""
    suggestion = closest(word, sorted(choices))
    return (
        message
        if suggestion is None
        else say("did_you_mean", message=message, suggestion=suggestion)
    )
