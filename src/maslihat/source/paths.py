"""Paths into a document (`events[3].in_force`), shared by the readers and the messages."""

from __future__ import annotations

Loc = tuple[str | int, ...]
"""A path of keys and list indexes from the root of a document."""


def format_loc(loc: Loc) -> str:
    """Render a path as `events[3].in_force`."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out
