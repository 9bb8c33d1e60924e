"""Translate pydantic's error locations into positions in the source document.

Pydantic puts the tag of a discriminated union into the location
(`events.3.court_decision.in_force`), which is not a path in the file. We walk the
location against the data and drop elements that are not keys of the data, so the
message names the field the user wrote (`events[3].in_force`).
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from maslihat.errors import Issue
from maslihat.source.document import Document
from maslihat.source.paths import Loc


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


def _message(error: Any) -> str:
    kind = error["type"]
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        found = "nothing" if error["input"] is None else type(error["input"]).__name__
        return f"expected a mapping of keys to values, found {found}"
    if kind == "extra_forbidden":
        return "unknown key"
    if kind == "missing":
        return "required field is missing"
    if kind == "union_tag_invalid":
        ctx = error.get("ctx", {})
        name = str(ctx.get("discriminator", "type")).strip("'")
        return f"unknown {name} {ctx.get('tag')!r}; expected one of: {ctx.get('expected_tags')}"
    if kind == "int_type":
        return f"expected an integer, found {_described(error['input'])}"
    message = str(error["msg"])
    return message.removeprefix("Value error, ")


def _described(value: Any) -> str:
    """A value as a person wrote it: `true`, `"31"` (text), `31.0` (a decimal number)."""
    if isinstance(value, bool):
        return f"{str(value).lower()} (a boolean)"
    if isinstance(value, str):
        return f'"{value}" (text)' if len(value) <= 40 else "text"
    if isinstance(value, float):
        return f"{value} (a decimal number)"
    return "nothing" if value is None else type(value).__name__


def issues_from_validation_error(exc: ValidationError, document: Document) -> list[Issue]:
    """One issue per pydantic error, located in `document`, in file order."""
    issues = []
    for error in exc.errors(include_url=False):
        loc = data_path(document.data, tuple(error["loc"]))
        if error["type"] == "union_tag_invalid":
            loc = (*loc, "type")
        issues.append(document.issue(loc, _message(error)))
    return sorted(issues, key=lambda i: (i.line or 0, i.column or 0))
