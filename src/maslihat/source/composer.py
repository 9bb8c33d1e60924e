"""Compose plain data, and the position of every node, from libyaml's parse events.

libyaml (through PyYAML's C parser) turns text into events fast and keeps each one's
line and column; building the data from the events in one loop, without a stack of
Python calls, keeps reading linear and lets us refuse, where it appears, what our
files have no use for: tags and `%` directives (`!!python/object`, `!!omap`),
anchors and aliases (and with them the billion-laughs bomb), merge keys, a second
document, nesting past `MAX_DEPTH`, numbers past `MAX_DIGITS` digits.

Plain scalars are read as the YAML 1.2 core schema reads them, not as PyYAML's YAML
1.1 resolver would: `on`, `yes` and `no` are text, and timestamps stay text so that
pydantic, not the parser, decides whether `2021-02-30` is a date. Numbers are
stricter than YAML 1.2: `0x1F`, `0o17`, `.inf` and a leading zero (`0231010000`,
which YAML 1.2 reads as 231010000) are refused, so a code that lost its quotes
cannot quietly become another number.
"""

from __future__ import annotations

import math
import re
from typing import Any

import yaml

from maslihat.source.limits import MAX_DEPTH, ReadError, control_character, number_digits
from maslihat.source.paths import Loc
from maslihat.wording import say

Positions = dict[Loc, tuple[int, int]]

_Parser: Any = yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader
_CONSTANTS: dict[str, Any] = {
    **dict.fromkeys(["", "~", "null", "Null", "NULL"]),
    **dict.fromkeys(["true", "True", "TRUE"], True),
    **dict.fromkeys(["false", "False", "FALSE"], False),
}
_NUMBER = re.compile(
    r"(?P<int>[-+]?[0-9]+)"
    r"|(?P<float>[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?)"
    r"|(?P<other>0x[0-9a-fA-F]+|0o[0-7]+|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN))"
)
"""The numbers of the YAML 1.2 core schema; `other` are those we refuse."""
_NUMBER_START = frozenset("0123456789+-.")


def _scalar(text: str) -> Any:
    """The value of a plain scalar: null, a boolean, a number, or else the text itself."""
    if text in _CONSTANTS:
        return _CONSTANTS[text]
    if text[0] not in _NUMBER_START:
        return text
    number = _NUMBER.fullmatch(text)
    if number is None:
        return text  # a date, say: pydantic decides
    kind = number.lastgroup
    if kind == "other":
        raise ReadError(say("not_decimal", number=text))
    number_digits(text)
    if kind == "float":
        value = float(text)
        if not math.isfinite(value):
            raise ReadError(say("number_too_large", number=text))
        return value
    if text.lstrip("+-")[0] == "0" and len(text.lstrip("+-")) > 1:
        raise ReadError(say("leading_zero", number=text))
    return int(text)


def _refuse_decoration(event: Any) -> None:
    if event.tag is not None:
        shown = event.tag.replace("tag:yaml.org,2002:", "!!")
        raise ReadError(say("yaml_tag", tag=shown))
    if event.anchor is not None:
        raise ReadError(say("yaml_anchor", anchor=event.anchor))


_NO_KEY = object()


def compose(text: str) -> tuple[Any, Positions]:
    """The data in YAML (or JSON) `text` and the 1-based position of each node.

    Raises `ReadError` for what our documents refuse, located at the node, and
    `yaml.YAMLError` for what is not YAML at all. One loop, with the open container in
    local variables, because it runs once per event: this is the reader's hot path.
    """
    parser = _Parser(text)
    positions: Positions = {(): (1, 1)}
    root: Any = None
    # The open container, its path, its pending key and whether it is a list; `stack`
    # saves those of the containers around it.
    container: Any = None
    loc: Loc = ()
    key: Any = _NO_KEY
    is_list = False
    stack: list[tuple[Any, Loc, Any, bool]] = []
    documents = 0
    try:
        while True:
            event = parser.get_event()
            kind = type(event)
            if kind is _SCALAR or kind is _MAPPING or kind is _SEQUENCE:
                if event.tag is not None or event.anchor is not None:
                    _refuse_decoration(event)
                mark = event.start_mark
                position = (mark.line + 1, mark.column + 1)
                if kind is _SCALAR:
                    node = event.value
                    if event.implicit[0]:
                        node = _scalar(node)
                    elif event.style == '"':  # escapes such as \x01 make control characters
                        control_character(node, in_value=True)
                else:
                    if len(stack) >= MAX_DEPTH:  # the path names where the nesting begins
                        raise ReadError(say("too_deep", limit=MAX_DEPTH), loc=loc[:3])
                    node = {} if kind is _MAPPING else []
                if is_list:
                    child = (*loc, len(container))
                    positions[child] = position
                    container.append(node)
                elif container is None:
                    child, root = (), node
                elif key is _NO_KEY:
                    key = _key(container, loc, node)
                    positions[(*loc, key)] = position
                    continue
                else:
                    child = (*loc, key)
                    container[key] = node
                    if kind is not _SCALAR:
                        positions[(*child, "")] = position
                    key = _NO_KEY
                if kind is not _SCALAR:
                    stack.append((container, loc, key, is_list))
                    container, loc, key, is_list = node, child, _NO_KEY, kind is _SEQUENCE
            elif kind is _MAPPING_END or kind is _SEQUENCE_END:
                container, loc, key, is_list = stack.pop()
            elif kind is _ALIAS:
                raise ReadError(say("yaml_alias", anchor=event.anchor))
            elif kind is yaml.DocumentStartEvent:
                documents += 1
                _document_start(event, documents)
            elif kind is yaml.StreamEndEvent:
                return root, positions
    except ReadError as exc:
        if is_list:
            where: Loc = (*loc, len(container))
        else:
            where = loc if key is _NO_KEY else (*loc, key)
        raise _at(exc, event, where) from None
    finally:
        parser.dispose()


_SCALAR, _ALIAS = yaml.ScalarEvent, yaml.AliasEvent
_MAPPING, _MAPPING_END = yaml.MappingStartEvent, yaml.MappingEndEvent
_SEQUENCE, _SEQUENCE_END = yaml.SequenceStartEvent, yaml.SequenceEndEvent


def _key(mapping: dict[Any, Any], loc: Loc, key: Any) -> Any:
    """`key`, checked as the next key of `mapping` (at `loc`)."""
    if isinstance(key, dict | list):
        raise ReadError(say("key_not_plain"))
    if key == "<<":
        raise ReadError(say("yaml_merge"), loc=loc)
    if key in mapping:
        raise ReadError(say("duplicate_key", key=key), loc=(*loc, key))
    return key


def _document_start(event: Any, count: int) -> None:
    if count > 1:
        raise ReadError(say("second_document"))
    if event.version is not None or event.tags:
        raise ReadError(say("yaml_directive"))


def _at(error: ReadError, event: Any, loc: Loc) -> ReadError:
    """`error` placed where it has no place yet: at `event`'s position and at `loc`."""
    if error.line is not None:
        return error
    mark = event.start_mark
    return ReadError(error.reason, mark.line + 1, mark.column + 1, error.loc or loc)
