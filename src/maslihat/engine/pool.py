"""Map a function over an iterator on every core, in input order, in bounded memory.

One machine has many cores and one Python process uses one of them; this module is the
one place that spreads work over processes, so that `evaluate_many`, `maslihat batch`
and `maslihat diff` share it rather than each growing its own pool.

Three promises, each for a reason:

- **Input order.** Results come back in the order the items went in, whichever worker
  finished first, so a batch's output is the same with one job or many.
- **Bounded memory.** Items are pulled from the iterator only as results are taken:
  at most `window` chunks of `chunk` items are ever in flight, so an endless generator
  works and a million cases never sit in memory at once.
- **Set-up once per worker.** What every item needs (the rule set, the as-of date) goes
  to the `initializer`, run once in each worker process, not pickled with every item.
  With the fork start method the workers inherit it; with spawn (the default on macOS
  and Windows) it is pickled once per worker.

An exception raised by the function for one item is carried back and raised when that
item's turn comes, so the caller sees it exactly where the in-process loop would have.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice
from multiprocessing.context import BaseContext
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

CHUNK = 16
"""Items per task by default: enough to make a task's pickling overhead small."""
WINDOW_PER_JOB = 4
"""Chunks in flight per worker by default: enough that no worker waits for the next."""


def cpu_count() -> int:
    """The cores this process may use (its affinity mask where the platform has one)."""
    counted = getattr(os, "process_cpu_count", None)  # Python 3.13+
    if counted is not None:
        return int(counted() or 1)
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


def _chunk_of(function: Callable[[T], R], items: list[T]) -> list[tuple[bool, Any]]:
    """Run `function` on each item in a worker: (True, result) or (False, exception)."""
    outcomes: list[tuple[bool, Any]] = []
    for item in items:
        try:
            outcomes.append((True, function(item)))
        except Exception as error:  # carried back, raised at its turn
            outcomes.append((False, error))
    return outcomes


def ordered_map(
    function: Callable[[T], R],
    items: Iterable[T],
    *,
    jobs: int,
    initializer: Callable[..., object] | None = None,
    initargs: tuple[Any, ...] = (),
    chunk: int = CHUNK,
    window: int | None = None,
    context: BaseContext | None = None,
) -> Iterator[R]:
    """`function(item)` for every item, in order, computed by `jobs` worker processes.

    `function` and `initializer` must be importable module-level callables (spawn sends
    them by name). `window` is the most chunks in flight (default `4 * jobs`);
    `context` is a multiprocessing context (default: the platform's start method).
    With `jobs=1`, or an input that fits in one chunk (which one worker would take
    alone anyway), everything runs in this process, as a plain loop would.
    Leaving the loop early (or an item's exception) shuts the workers down.
    """
    if jobs < 1 or chunk < 1 or (window is not None and window < 1):
        raise ValueError("jobs, chunk and window must be at least 1")
    source = iter(items)
    first = list(islice(source, chunk)) if jobs > 1 else []
    if jobs == 1 or len(first) < chunk:
        if initializer is not None:
            initializer(*initargs)
        yield from map(function, first or source)
        return
    yield from _pooled(function, first, source, jobs, initializer, initargs, chunk, window, context)


def _pooled(
    function: Callable[[T], R],
    first: list[T],
    source: Iterator[T],
    jobs: int,
    initializer: Callable[..., object] | None,
    initargs: tuple[Any, ...],
    chunk: int,
    window: int | None,
    context: BaseContext | None,
) -> Iterator[R]:
    in_flight: deque[Future[list[tuple[bool, Any]]]] = deque()
    limit = window if window is not None else WINDOW_PER_JOB * jobs
    with ProcessPoolExecutor(jobs, context, initializer=initializer, initargs=initargs) as pool:
        in_flight.append(pool.submit(_chunk_of, function, first))
        try:
            while in_flight:
                while len(in_flight) < limit:
                    batch = list(islice(source, chunk))
                    if not batch:
                        break
                    in_flight.append(pool.submit(_chunk_of, function, batch))
                for ok, value in in_flight.popleft().result():
                    if not ok:
                        raise value
                    yield value
        finally:
            for future in in_flight:
                future.cancel()
