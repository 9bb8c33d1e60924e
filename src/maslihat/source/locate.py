"""Turn pydantic's validation errors into located issues worded for a person.

Pydantic puts the tag of a discriminated union into the location
(`events.3.court_decision.in_force`), which is not a path in the file. We walk the
location against the data and drop elements that are not keys of the data, so the
message names the field the user wrote (`events[3].in_force`).

Each error is worded by its pydantic `type` and context, never by its English text
(`maslihat.wording` holds the words). Given the model that was validated, an unknown
key, event type or value gets a "did you mean" from the names the model allows, and a
misspelt required key is one issue, not an unknown key plus a missing one. A document
that is plainly another kind of file (a case-test file given as a case) gets one hint
instead of a screenful of unknown keys.
"""

from __future__ import annotations

import re
import types
import typing
from typing import Any, Literal

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from maslihat.errors import Issue
from maslihat.source.document import Document
from maslihat.source.kinds import wrong_kind
from maslihat.source.paths import Loc
from maslihat.wording import MESSAGES, PATTERNS, Said, closest, described, say, unknown_name

_QUOTED = re.compile(r"'((?:[^'\\]|\\.)*)'")
_SHAPES = {
    "model_type": "mapping_expected",
    "model_attributes_type": "mapping_expected",
    "dict_type": "mapping_expected",
    "list_type": "list_expected",
    "tuple_type": "list_expected",
    "bool_type": "boolean_expected",
    "bool_parsing": "boolean_expected",
    "int_type": "integer_expected",
    "int_parsing": "integer_expected",
    "int_from_float": "integer_expected",
    "float_type": "number_expected",
    "float_parsing": "number_expected",
    "string_type": "text_expected",
}
"""Pydantic error types worded as "expected X, found Y", by message id."""


def data_path(data: Any, loc: Loc) -> Loc:
    """The part of a pydantic location that is a real path through `data`."""
    path: list[str | int] = []
    node = data
    for index, part in enumerate(loc):
        last = index == len(loc) - 1
        if isinstance(node, dict):
            if part in node:
                node = node[part]
                path.append(part)
            elif last:
                path.append(part)  # a missing field: name it, point at its parent
            # otherwise a union tag: skip it
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
            path.append(part)
        elif last or not isinstance(part, str):
            path.append(part)
    return tuple(path)


def _members(annotation: Any) -> tuple[Any, ...]:
    """The types an annotation may hold, with `Annotated` and `None` peeled off."""
    while typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    origin = typing.get_origin(annotation)
    if origin is typing.Union or origin is types.UnionType:
        return tuple(
            member
            for arg in typing.get_args(annotation)
            if arg is not type(None)
            for member in _members(arg)
        )
    return (annotation,)


def _is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def _tagged(member: Any, tag: str) -> bool:
    """Whether union member `member` is the one pydantic's location calls `tag`."""
    if not _is_model(member):
        return False
    if member.__name__ == tag:
        return True
    return any(
        tag in typing.get_args(field.annotation)
        for field in member.model_fields.values()
        if typing.get_origin(field.annotation) is Literal
    )


def _step(annotation: Any, part: str | int) -> Any:
    """The annotation one location step below `annotation`, or None if it cannot say."""
    members = _members(annotation)
    if len(members) > 1:
        chosen = [m for m in members if isinstance(part, str) and _tagged(m, part)]
        return chosen[0] if len(chosen) == 1 else None
    (only,) = members
    if _is_model(only):
        field = only.model_fields.get(part) if isinstance(part, str) else None
        return None if field is None else field.annotation
    origin, args = typing.get_origin(only), typing.get_args(only)
    if origin in (tuple, list) and args and isinstance(part, int):
        return args[0]
    if origin is dict and len(args) == 2:
        return args[1]
    return None


def model_at(model: Any, loc: Loc) -> type[BaseModel] | None:
    """The model that pydantic location `loc`, inside `model`, names; None if unclear.

    A discriminated union's tag in the location picks its member, so the last part
    may be a tag as well as a key.
    """
    node = model
    for part in loc:
        node = _step(node, part)
        if node is None:
            return None
    (only, *others) = _members(node)
    return only if not others and _is_model(only) else None


def _field_names(model: type[BaseModel] | None) -> list[str]:
    if model is None:
        return []
    return [field.alias or name for name, field in model.model_fields.items()]


def _tag_name(error: ErrorDetails, ctx: dict[str, Any]) -> str:
    """What a union's tag names: `event type` for an entry of `events`."""
    key = str(ctx.get("discriminator", "type")).strip("'")
    parents = [part for part in error["loc"] if isinstance(part, str)]
    if parents and parents[-1].endswith("s"):
        name = f"{parents[-1][:-1]} {key}"
        return say("event_type") if name == MESSAGES["event_type"] else name
    return key


def _own_words(error: ErrorDetails) -> str:
    """The message a validator of ours gave, as it was said (able to be reworded)."""
    ctx = error.get("ctx", {})
    said = ctx.get("said")  # a `refusal` of the models
    if isinstance(said, Said):
        return said
    raised = ctx.get("error")  # a ValueError raised with words of the catalogue
    if isinstance(raised, ValueError) and raised.args and isinstance(raised.args[0], Said):
        return raised.args[0]
    return str(error["msg"]).removeprefix("Value error, ")


def plain_message(error: ErrorDetails, model: type[BaseModel] | None = None) -> str:
    """The plain words for one pydantic error (`model` is the model it happened in)."""
    kind, ctx, value = error["type"], error.get("ctx", {}), error.get("input")
    found = described(value)
    if kind in _SHAPES:
        return say(_SHAPES[kind], found=found)
    if kind == "extra_forbidden":
        key = error["loc"][-1]
        names = _field_names(model)
        if not names:
            return say("unknown_key_close", key=key)
        return unknown_name("key", key, names)
    if kind == "missing":
        return say("missing", key=error["loc"][-1])
    if kind == "union_tag_invalid":
        choices = _QUOTED.findall(str(ctx.get("expected_tags", "")))
        return unknown_name("tag", ctx.get("tag"), choices, what=_tag_name(error, ctx))
    if kind == "union_tag_not_found":
        return say("tag_missing", key=str(ctx.get("discriminator", "type")).strip("'"))
    if kind == "literal_error":
        choices = _QUOTED.findall(str(ctx.get("expected", "")))
        shown = f"'{value}'" if isinstance(value, str) else found
        return unknown_name("value", value, choices, found=shown)
    if kind == "string_pattern_mismatch":
        key = PATTERNS.get(str(ctx.get("pattern")), "pattern")
        return say(key, found=found, pattern=ctx.get("pattern"))
    if kind == "string_too_short" and ctx.get("min_length") == 1:
        return say("text_empty")
    if kind == "too_short" and ctx.get("min_length") == 1:
        return say("list_empty")
    if kind == "too_short":
        return say("too_short", min_length=ctx.get("min_length"), actual=ctx.get("actual_length"))
    if kind in ("greater_than_equal", "greater_than"):
        limit = ctx.get("ge", ctx.get("gt"))
        return say(
            "at_least" if kind == "greater_than_equal" else "more_than", limit=limit, found=value
        )
    return _own_words(error)  # our own: already worded


def validation_messages(exc: ValidationError, model: Any = None) -> list[tuple[ErrorDetails, str]]:
    """Each error of `exc` with its plain words; a misspelt key's "missing" twin dropped.

    `model` is what was validated (a model class or an annotation), to suggest names.
    """
    worded = []
    meant = set()
    for error in exc.errors(include_url=False):
        loc = tuple(error["loc"])
        inside = model_at(model, loc[:-1]) if model is not None else None
        worded.append((error, plain_message(error, inside)))
        if error["type"] == "extra_forbidden":
            meant.add((*loc[:-1], closest(loc[-1], _field_names(inside))))
    return [
        (error, message)
        for error, message in worded
        if not (error["type"] == "missing" and tuple(error["loc"]) in meant)
    ]


def issues_from_validation_error(
    exc: ValidationError, document: Document, model: Any = None
) -> list[Issue]:
    """One issue per pydantic error, located in `document`, most useful first.

    With `model` (what was validated), names get a "did you mean" and a document of
    another kind gets one hint saying so. A missing key is listed after the others (it
    is often the echo of one misspelt), and issues are otherwise in file order.
    """
    if model is not None:
        hint = wrong_kind(document, model)
        if hint is not None:
            return [hint]
    issues = []
    for error, message in validation_messages(exc, model):
        loc = data_path(document.data, tuple(error["loc"]))
        if error["type"] == "union_tag_invalid":
            loc = (*loc, "type")
        issue = document.issue(loc, message)
        issues.append((error["type"] == "missing", issue))
    issues.sort(key=lambda pair: (pair[0], pair[1].line or 0, pair[1].column or 0))
    return [issue for _, issue in issues]
