"""The public entry points of the engine: evaluate one case, many cases, or a timeline.

Evaluation is pure: the same case, as-of date and rule set give the same result.
Before anything is evaluated the case is checked against the rule set (grounds and
categories it names must exist), so a bad case never yields a partial result.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from functools import lru_cache

from maslihat.engine.records import TimelineEntry
from maslihat.engine.run import Run
from maslihat.engine.situation import Observer
from maslihat.errors import CaseError, Issue
from maslihat.model import Case, Result
from maslihat.rules.loader import load_rules
from maslihat.rules.ruleset import RuleSet
from maslihat.source import Document


@lru_cache(maxsize=1)
def bundled_rules() -> RuleSet:
    """The bundled rule set, loaded once per process."""
    return load_rules()


def today() -> dt.date:
    """The default as-of date; the one place the engine reads the clock."""
    return dt.date.today()


def check_case(case: Case, rules: RuleSet) -> None:
    """Raise `CaseError` if the case names grounds or list items the rules do not have."""
    issues: list[Issue] = []
    document = case._source if isinstance(case._source, Document) else None

    def issue(loc: tuple[str | int, ...], message: str) -> None:
        if document is not None:
            issues.append(document.issue(loc, message))
        else:
            field = ".".join(str(p) if isinstance(p, str) else f"[{p}]" for p in loc).replace(
                ".[", "["
            )
            issues.append(Issue(message=message, field=field))

    vocabularies = {f: (e.title, e.item_ids()) for e in rules.lists.values() for f in e.validates}
    for index, event in enumerate(case.events):
        if event.type in rules.ground_events:
            ground = getattr(event, "ground", None)
            if ground not in rules.grounds:
                issue(
                    ("events", index, "ground"),
                    f"unknown ground {ground!r}; known: {', '.join(rules.grounds)}",
                )
        for (event_type, name), (title, ids) in vocabularies.items():
            value = getattr(event, name, None)
            if event.type == event_type and value not in ids:
                known = ", ".join(sorted(ids))
                issue(
                    ("events", index, name),
                    f"unknown {title.lower()} {value!r}; known: {known}",
                )
    if issues:
        raise CaseError(issues)


def _run(
    case: Case,
    as_of: dt.date | None,
    rules: RuleSet | None,
    explain: bool,
    observer: Observer | None,
) -> Run:
    rules = rules if rules is not None else bundled_rules()
    check_case(case, rules)
    return Run(case, as_of if as_of is not None else today(), rules, explain, observer)


def evaluate(
    case: Case,
    *,
    as_of: dt.date | None = None,
    rules: RuleSet | None = None,
    explain: bool = False,
    observer: Observer | None = None,
) -> Result:
    """What the law makes of `case` on `as_of` (default: today) under `rules`.

    With `explain`, the result carries a trace of every rule applied. `observer`, if
    given, is called with the explanation of every condition node evaluated: its id,
    value and children (what the coverage audit is made of).
    Raises `CaseError` if the case is inconsistent with the rules.
    """
    return _run(case, as_of, rules, explain, observer).execute()


def evaluate_many(
    cases: Iterable[Case], *, as_of: dt.date | None = None, rules: RuleSet | None = None
) -> Iterator[Result]:
    """Evaluate cases one at a time, yielding each result as soon as it is ready."""
    rules = rules if rules is not None else bundled_rules()
    day = as_of if as_of is not None else today()
    for case in cases:
        yield evaluate(case, as_of=day, rules=rules)


def timeline(
    case: Case, *, as_of: dt.date | None = None, rules: RuleSet | None = None
) -> list[TimelineEntry]:
    """Event by event: the status before and after, and the rule that decided it."""
    return evaluate_with_timeline(case, as_of=as_of, rules=rules)[1]


def evaluate_with_timeline(
    case: Case,
    *,
    as_of: dt.date | None = None,
    rules: RuleSet | None = None,
    explain: bool = False,
) -> tuple[Result, list[TimelineEntry]]:
    """The result and the timeline of one run (what a report of the case shows)."""
    run = _run(case, as_of, rules, explain, None)
    result = run.execute()
    return result, run.ledger.timeline
