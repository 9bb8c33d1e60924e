"""Load YAML or JSON into plain data plus a map from field path to line and column.

Every document the package reads goes through here (case files, rule files, case-test
files, request bodies), so each is held to the same limits (`source/limits.py`) and
refused with the same located messages. YAML is composed from libyaml's events
(`source/composer.py`), which keeps positions, reads plain scalars as YAML 1.2 does
(`on`, `yes` and `no` are text) and leaves timestamps as text so that pydantic, not
the parser, decides whether `2021-02-30` is a date. A `.json` file, and a body, is read
as strict JSON (`source/strictjson.py`); libyaml then only supplies the positions.
benchmarks/reader.py measures why libyaml and not ruamel's pure-Python round trip: the
round trip cost about a millisecond per event.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import yaml

from maslihat.errors import InputError, Issue
from maslihat.source.composer import Positions, compose
from maslihat.source.files import clean, decode, read_bytes
from maslihat.source.limits import ReadError
from maslihat.source.paths import Loc, format_loc
from maslihat.source.strictjson import json_data, yaml_compatible
from maslihat.wording import os_reason, say

__all__ = ["Document", "Loc", "format_loc", "load_document", "parse_document"]

Syntax = Literal["yaml", "json"]


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


_YAML_PROBLEMS = (
    ("did not find expected key", "yaml_indentation", False),
    ("expected <block end>", "yaml_indentation", False),  # PyYAML's pure parser says it so
    ("did not find expected '-' indicator", "yaml_dash", False),
    ("mapping values are not allowed", "yaml_colon", False),
    ("could not find expected ':'", "yaml_no_colon", True),
    ("did not find expected ',' or", "yaml_flow", True),
    ("found unexpected end of stream", "yaml_quote", True),
)
"""libyaml's problem, as it begins, to our message id, and whether the place to show is
where the parser began the construct (its context) rather than where it gave up."""


def _yaml_problem(exc: yaml.MarkedYAMLError, text: str) -> ReadError:
    """The parser's complaint in plain words, at the line a person should look at."""
    problem = exc.problem or exc.context or "invalid YAML"
    marks = (exc.problem_mark, exc.context_mark)
    key, mark = "yaml_other", marks[0] or marks[1]
    for start, message, at_context in _YAML_PROBLEMS:
        if problem.startswith(start) and (marks[at_context] or not at_context):
            key, mark = message, marks[at_context] or mark
            break
    else:
        if mark is not None and "cannot start any token" in problem:
            key = "yaml_tab" if text[mark.index : mark.index + 1] == "\t" else key
    if mark is None:
        return ReadError(say("yaml_other", problem=problem))
    line, column = mark.line + 1, mark.column + 1
    return ReadError(say(key, line=line, problem=problem), line, column)


_JSON_PROBLEMS = (
    ("Expecting ',' delimiter", "json_comma"),
    ("Expecting ':' delimiter", "json_colon"),
    ("Expecting property name", "json_key"),
    ("Expecting value", "json_value"),
    ("Extra data", "json_extra"),
    ("Unterminated string", "json_string"),
)
"""The standard library's JSON complaint, as it begins, to our message id."""


def _json_problem(reason: str) -> str:
    for start, key in _JSON_PROBLEMS:
        if reason.startswith(start):
            return say(key)
    return say("json_other", problem=reason)


def _yaml(text: str) -> tuple[Any, Positions]:
    try:
        return compose(text)
    except yaml.MarkedYAMLError as exc:
        raise _yaml_problem(exc, text) from None
    except yaml.YAMLError as exc:  # a reader error: the text was already checked
        raise ReadError(say("yaml_other", problem=exc)) from None


def _json(text: str, with_positions: bool) -> tuple[Any, Positions]:
    """Strict JSON data; positions, when wanted, from libyaml reading the same text."""
    try:
        data = json_data(text)
    except ReadError as exc:
        if exc.line is None and with_positions:  # find where: libyaml knows positions
            try:
                compose(yaml_compatible(text))
            except ReadError as located:
                raise located if located.line is not None else exc from None
            except yaml.YAMLError:
                pass
        raise
    if not with_positions:
        return data, {}
    try:
        return data, compose(yaml_compatible(text))[1]
    except (ReadError, yaml.YAMLError):  # JSON that libyaml cannot follow: no positions
        return data, {(): (1, 1)}


def parse_document(
    text: str | bytes,
    file: str,
    error: type[InputError],
    *,
    syntax: Syntax | None = None,
    positions: bool = True,
) -> Document:
    """Parse `text` (bytes must be UTF-8); what is refused becomes `error`, located.

    `syntax` is JSON for a `file` named `*.json` unless given; `positions=False` skips
    recording them (a request body is located by field path alone).
    """
    is_json = syntax == "json" if syntax else file.endswith(".json")
    try:
        text = decode(text) if isinstance(text, bytes) else clean(text)
        data, where = _json(text, positions) if is_json else _yaml(text)
    except ReadError as exc:
        message = _json_problem(exc.reason) if is_json else exc.reason
        field = format_loc(exc.loc) if exc.loc else ""
        issue = Issue(message, field, file, exc.line, exc.column)
        raise error([issue]) from None
    return Document(data=data, file=file, positions=where)


def load_document(path: str | Path, error: type[InputError]) -> Document:
    """Read and parse a file; an unreadable file becomes `error` naming it."""
    file = str(path)
    try:
        data = read_bytes(path)
    except OSError as exc:
        reason = os_reason(exc)
        raise error([Issue(message=say("cannot_read", reason=reason), file=file)]) from None
    except ReadError as exc:
        raise error([Issue(message=exc.reason, file=file)]) from None
    return parse_document(data, file, error)
