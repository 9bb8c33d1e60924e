"""Load YAML or JSON into plain data plus a map from field path to line and column.

ruamel.yaml is used because it records positions and parses YAML 1.2, where `on`,
`yes` and `no` are plain strings. Timestamps are deliberately left as strings so that
pydantic, not the YAML parser, decides whether `2021-02-30` is a date and reports it
with the field's path. JSON is read by the same parser (JSON is YAML 1.2).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError
from ruamel.yaml.nodes import ScalarNode

from maslihat.errors import InputError, Issue

Loc = tuple[str | int, ...]


@dataclass(frozen=True)
class Document:
    """Plain data read from one file, with the 1-based position of every node."""

    data: Any
    file: str
    positions: dict[Loc, tuple[int, int]] = field(default_factory=dict)

    def position(self, loc: Loc) -> tuple[int, int] | None:
        """The position of the deepest node on `loc` that the document has."""
        for end in range(len(loc), -1, -1):
            found = self.positions.get(loc[:end])
            if found is not None:
                return found
        return None

    def issue(self, loc: Loc, message: str) -> Issue:
        """An issue at `loc` (a path of keys and indexes into `data`)."""
        pos = self.position(loc)
        return Issue(
            message=message,
            field=format_loc(loc),
            file=self.file,
            line=pos[0] if pos else None,
            column=pos[1] if pos else None,
        )


def format_loc(loc: Loc) -> str:
    """Render a path as `events[3].in_force`."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def _timestamp_as_text(constructor: RoundTripConstructor, node: ScalarNode) -> Any:
    return constructor.construct_scalar(node)


def _parser() -> YAML:
    yaml = YAML(typ="rt", pure=True)
    yaml.allow_duplicate_keys = False
    yaml.constructor.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_as_text)
    return yaml


def _plain(node: Any, loc: Loc, positions: dict[Loc, tuple[int, int]]) -> Any:
    """Turn ruamel's commented containers into dicts and lists, recording positions."""
    if isinstance(node, CommentedMap):
        out: dict[Any, Any] = {}
        for key, value in node.items():
            child = (*loc, key)
            line, col = node.lc.key(key)
            positions[child] = (line + 1, col + 1)
            if isinstance(value, CommentedMap | CommentedSeq):
                vline, vcol = node.lc.value(key)
                positions[(*child, "")] = (vline + 1, vcol + 1)
            out[key] = _plain(value, child, positions)
        return out
    if isinstance(node, CommentedSeq):
        items = []
        for index, value in enumerate(node):
            child = (*loc, index)
            line, col = node.lc.item(index)
            positions[child] = (line + 1, col + 1)
            items.append(_plain(value, child, positions))
        return items
    if isinstance(node, str):
        return str(node)  # drop ruamel's scalar string subclasses
    return node


def _check_json(text: str, file: str, error: type[InputError]) -> None:
    """A `.json` file must be JSON, not merely YAML that looks like it (no trailing commas)."""
    try:
        json.loads(text)
    except json.JSONDecodeError as exc:
        raise error(
            [
                Issue(
                    message=f"not valid JSON: {exc.msg}",
                    file=file,
                    line=exc.lineno,
                    column=exc.colno,
                )
            ]
        ) from exc


def parse_document(text: str, file: str, error: type[InputError]) -> Document:
    """Parse `text`; a syntax error becomes `error` with the parser's position."""
    if file.endswith(".json"):
        _check_json(text, file, error)
    positions: dict[Loc, tuple[int, int]] = {(): (1, 1)}
    try:
        raw = _parser().load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "invalid YAML"
        raise error(
            [
                Issue(
                    message=f"not valid YAML or JSON: {problem}",
                    file=file,
                    line=mark.line + 1 if mark else None,
                    column=mark.column + 1 if mark else None,
                )
            ]
        ) from exc
    return Document(data=_plain(raw, (), positions), file=file, positions=positions)


def load_document(path: str | Path, error: type[InputError]) -> Document:
    """Read and parse a file; an unreadable file becomes `error` naming it."""
    file = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise error([Issue(message=f"cannot read the file: {reason}", file=file)]) from exc
    return parse_document(text, file, error)
