"""Strict JSON: the standard library's parser, held to the limits every document has.

A `.json` file and an HTTP body are read here, so both accept the same bytes. JSON is
read as JSON and not as YAML: no trailing commas, no comments, escapes as JSON writes
them (a surrogate pair such as `"\\ud83d\\ude00"` is one character). A duplicate key
is an error rather than "the last one wins", `NaN` and `Infinity` are not JSON, and
nesting, digits and control characters are bounded as in YAML.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from typing import Any, NoReturn

from maslihat.source.limits import (
    MAX_DEPTH,
    ReadError,
    control_character,
    number_digits,
)
from maslihat.wording import say

_SURROGATE_ESCAPE = re.compile(r"\\\\|\\u[dD][89a-fA-F][0-9a-fA-F]{2}")
_CONTROL_ESCAPE = re.compile(r"\\\\|\\[bf]|\\u00([01][0-9a-fA-F]|[7-9][0-9a-fA-F])")
"""A `\\\\` (to keep the backslashes paired) or an escape that may make a control character."""


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    data = dict(pairs)
    if len(data) < len(pairs):
        counts = Counter(key for key, _ in pairs)
        raise ReadError(say("duplicate_key", key=next(k for k, n in counts.items() if n > 1)))
    return data


def _no_constant(name: str) -> NoReturn:
    raise ReadError(say("not_json_value", name=name))


def _integer(literal: str) -> int:
    number_digits(literal)
    return int(literal)


def _float(literal: str) -> float:
    number_digits(literal)
    value = float(literal)
    if not math.isfinite(value):
        raise ReadError(say("number_too_large", number=literal))
    return value


def _too_deep(data: Any) -> None:
    """Refuse nesting past `MAX_DEPTH` (a walk over the containers only)."""
    pending = [(data, 1)] if isinstance(data, dict | list) else []
    while pending:
        node, depth = pending.pop()
        if depth > MAX_DEPTH:
            raise ReadError(say("too_deep", limit=MAX_DEPTH))
        children = node.values() if isinstance(node, dict) else node
        pending.extend((child, depth + 1) for child in children if isinstance(child, dict | list))


def _escaped_control(text: str) -> None:
    """Refuse an escape that makes a control character (`\\u0001`, `\\b`), found in the text.

    Raw control characters were refused before parsing; escapes are rare, so one scan
    of the text is cheaper than looking into every string of the data.
    """
    for found in _CONTROL_ESCAPE.finditer(text):
        escape = found.group()
        if escape != "\\\\":
            control_character(json.loads(f'"{escape}"'), in_value=True)


def json_data(text: str) -> Any:
    """The JSON value in `text`; `ReadError` locates a syntax error, names other faults."""
    try:
        data = json.loads(
            text,
            object_pairs_hook=_no_duplicates,
            parse_constant=_no_constant,
            parse_int=_integer,
            parse_float=_float,
        )
    except json.JSONDecodeError as exc:
        raise ReadError(exc.msg, exc.lineno, exc.colno) from None
    except RecursionError:
        raise ReadError(say("too_deep", limit=MAX_DEPTH)) from None
    _too_deep(data)
    _escaped_control(text)
    return data


def yaml_compatible(text: str) -> str:
    """JSON text libyaml can parse with the same positions: surrogate escapes blanked.

    YAML has no surrogate pairs; each escape is replaced by one of the same length, so
    every line and column stays where it was. (`\\\\` is matched to keep the count of
    backslashes before a `u` right.)
    """
    return _SURROGATE_ESCAPE.sub(lambda m: m.group() if m.group() == "\\\\" else "\\u0020", text)
