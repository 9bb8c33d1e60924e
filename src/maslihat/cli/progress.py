"""A progress bar on standard error for the commands that take a while, when someone watches.

`audit --mutants` runs the case tests against hundreds of mutants and `audit
--suggest` searches for witnesses for a minute or more; `batch` and `test` may read
many files. On a terminal a bar says that work goes on and how far it is; in a pipe,
a log or a test (`CliRunner`), nothing is drawn, so the output is the same bytes.
A line printed while a bar is drawn (`echo`) clears the bar first and redraws it after.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from typing import Any, TypeVar

import click

from maslihat.audit.progress import Progress, quietly
from maslihat.cli.language import translated

T = TypeVar("T")
_shown: list[Any] = []  # the bar being drawn, if any


def progress(label: str) -> Progress:
    """A wrapper that shows a bar labelled `label` while its items are taken, on a TTY.

    `label` is a message of the catalogues (marked `N_()`), shown in the command's language.
    """
    stream = sys.stderr  # CliRunner replaces it, with a stream that is not a TTY
    if not stream.isatty():
        return quietly

    def bar(items: Iterable[T], total: int) -> Iterator[T]:
        with click.progressbar(items, length=total, label=translated(label), file=stream) as drawn:
            _shown.append(drawn)
            try:
                yield from drawn
            finally:
                _shown.remove(drawn)

    return bar


def echo(text: str, *, err: bool = False) -> None:
    """`click.echo`, above the bar if one is drawn."""
    stream = sys.stderr if err else sys.stdout
    encoding = str(getattr(stream, "encoding", "")).lower()
    if not _shown and "\x1b" not in text and encoding in ("utf-8", "utf8"):
        # What click.echo would write, without its stream lookup and ANSI stripping,
        # which cost five times the write: `batch` prints a line per file, and the
        # parent printing for two workers shares their two cores.
        stream.write(text + "\n")
        stream.flush()
        return
    if _shown:
        sys.stderr.write("\r\033[K")
        sys.stderr.flush()
    click.echo(text, err=err)
    if _shown:
        _shown[-1].render_progress()
