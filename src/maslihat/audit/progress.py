"""How long audit work tells its caller how far it has gone, without knowing who watches.

The audit's slow loops (mutants, witness searches) take a `Progress`, which sees each
item pass; the CLI passes one that draws a bar on a terminal (`cli/progress.py`),
everyone else the default, `quietly`. The audit never prints.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol, TypeVar

_T = TypeVar("_T")


class Progress(Protocol):
    """Takes the items of a long piece of work, knowing how many there are (to show it)."""

    def __call__(self, items: Iterable[_T], total: int, /) -> Iterable[_T]:
        """The same items, in the same order."""
        ...


def quietly(items: Iterable[_T], total: int, /) -> Iterable[_T]:
    """Progress that shows nothing."""
    return items
