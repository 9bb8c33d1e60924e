"""Named facts derived from other facts: ages, counts and runs of consecutive events.

They are declared in rule files (`facts:`) and computed on demand, once per
situation. Each reports the facts it read, so a trace can show that `age` = 19
because `deputy.born` = 2001-03-14 and `check.date` = 2021-01-12.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Protocol

from maslihat.errors import EvaluationError
from maslihat.rules.conditions import Condition, Facts


class Derived(Protocol):
    """A compiled named fact."""

    @property
    def id(self) -> str:
        """The fact's name, as rules refer to it."""
        ...

    def compute(self, facts: Facts) -> tuple[Any, dict[str, Any]]:
        """The value, and the facts read to get it."""
        ...

    def conditions(self) -> Iterable[Condition]:
        """The conditions inside the definition (for coverage)."""
        ...


def anniversary(born: dt.date, year: int, leap_day: str) -> dt.date:
    """The day in `year` on which someone born on `born` turns a year older."""
    if (born.month, born.day) == (2, 29) and not calendar.isleap(year):
        return dt.date(year, 2, 28) if leap_day == "feb28" else dt.date(year, 3, 1)
    return born.replace(year=year)


def whole_years(start: dt.date, end: dt.date, leap_day: str) -> int:
    """Whole years from `start` to `end`, counting 29 February birthdays by `leap_day`."""
    years = end.year - start.year
    return years - 1 if end < anniversary(start, end.year, leap_day) else years


@dataclass(frozen=True, slots=True)
class YearsBetween:
    """Whole years between two dates."""

    id: str
    start: str
    end: str
    leap_day: str

    def compute(self, facts: Facts) -> tuple[Any, dict[str, Any]]:
        """Whole years from `start` to `end`."""
        start, end = facts.get(self.start), facts.get(self.end)
        read = {self.start: start, self.end: end}
        if start is None or end is None:
            return None, read
        if not (isinstance(start, dt.date) and isinstance(end, dt.date)):
            raise EvaluationError(f"facts.{self.id}: years between {read}: not dates")
        return whole_years(start, end, self.leap_day), read

    def conditions(self) -> Iterable[Condition]:
        """None."""
        return ()


@dataclass(frozen=True, slots=True)
class CountOf:
    """How many items of a collection satisfy `where`."""

    id: str
    items: str
    where: Condition | None

    def compute(self, facts: Facts) -> tuple[Any, dict[str, Any]]:
        """Count the matching items."""
        items = facts.get(self.items) or ()
        if self.where is None:
            return len(items), {}
        where = self.where
        return sum(1 for bound in facts.each("item", items) if bound.holds(where)), {}

    def conditions(self) -> Iterable[Condition]:
        """The `where` condition."""
        return self.where.walk() if self.where else ()


@dataclass(frozen=True, slots=True)
class RunLength:
    """How many of the latest events of a type in a row satisfy `where`."""

    id: str
    event_type: str
    where: Condition
    among: Condition | None = None

    def compute(self, facts: Facts) -> tuple[Any, dict[str, Any]]:
        """Count back from the latest event of the type until one does not match.

        Events that fail `among` are passed over: they neither count nor break the run.
        """
        run = 0
        for bound in facts.each("event", reversed(facts.history(self.event_type))):
            if self.among is not None and not bound.holds(self.among):
                continue
            if not bound.holds(self.where):
                break
            run += 1
        return run, {}

    def conditions(self) -> Iterable[Condition]:
        """The `among` and `where` conditions."""
        yield from self.among.walk() if self.among else ()
        yield from self.where.walk()


@dataclass(frozen=True, slots=True)
class SumOf:
    """The sum of several numeric facts."""

    id: str
    paths: tuple[str, ...]

    def compute(self, facts: Facts) -> tuple[Any, dict[str, Any]]:
        """Add the facts up."""
        read = {path: facts.get(path) for path in self.paths}
        try:
            return sum(read.values()), read
        except TypeError as exc:
            raise EvaluationError(f"facts.{self.id}: cannot add {read}") from exc

    def conditions(self) -> Iterable[Condition]:
        """None."""
        return ()


@dataclass(frozen=True, slots=True)
class FirstOf:
    """The first of several facts that has a value."""

    id: str
    paths: tuple[str, ...]

    def compute(self, facts: Facts) -> tuple[Any, dict[str, Any]]:
        """The first value that is not null."""
        read: dict[str, Any] = {}
        for path in self.paths:
            read[path] = value = facts.get(path)
            if value is not None:
                return value, read
        return None, read

    def conditions(self) -> Iterable[Condition]:
        """None."""
        return ()
