"""The bounds every document is read within, and the error for input that breaks them.

A case, a rule file or a request body is a few kilobytes of plain data. Input far
outside that is a mistake or an attack, so the readers refuse it early, with one
located message, rather than spend memory and time on it. docs/case-format.md
("Bad input") documents these figures; the HTTP body limit is the same `MAX_BYTES`.
"""

from __future__ import annotations

import re

from maslihat.source.paths import Loc
from maslihat.wording import say

MAX_BYTES = 1024 * 1024
"""The largest file (or request body) read, in bytes: 1 MiB."""

MAX_DEPTH = 64
"""The deepest nesting of mappings and lists; the bundled rules need 13."""

MAX_DIGITS = 20
"""The most digits in a number; a 64-bit integer has 19 or 20."""

CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
"""Control characters: C0 but tab, line feed and carriage return; DEL; C1."""


class ReadError(Exception):
    """Input refused while reading: why, where (1-based, when known) and at which path."""

    def __init__(
        self,
        reason: str,
        line: int | None = None,
        column: int | None = None,
        loc: Loc | None = None,
    ) -> None:
        super().__init__(reason)
        self.reason, self.line, self.column, self.loc = reason, line, column, loc


def number_digits(literal: str) -> None:
    """Refuse a number written with more than `MAX_DIGITS` digits."""
    if len(literal) - sum(map(literal.count, "+-.eE")) > MAX_DIGITS:
        shown = literal if len(literal) <= 24 else literal[:20] + "…"
        raise ReadError(say("too_many_digits", number=shown, limit=MAX_DIGITS))


def control_character(text: str, *, in_value: bool = False) -> None:
    """Refuse `text` if it holds a control character, located in it unless `in_value`.

    A control character written as an escape (`"\\x01"`, `"\\u0000"`) is in a value,
    whose position the caller knows; the position of one in the text is its own.
    """
    found = CONTROL.search(text)
    if found is None:
        return
    start = found.start()
    line = text.count("\n", 0, start) + 1
    column = start - (text.rfind("\n", 0, start) + 1) + 1
    reason = say("control_character", code=f"{ord(found.group()):04X}")
    if in_value:
        raise ReadError(reason)
    raise ReadError(reason, line=line, column=column)
