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
from maslihat.rules.languages import DEFAULT_LANGUAGE, Language
from maslihat.rules.loader import in_language, load_rules
from maslihat.rules.ruleset import RuleSet
from maslihat.source import Document
from maslihat.wording import unknown_name


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

    for index, event in enumerate(case.events):
        if event.type in rules.ground_events:
            ground = getattr(event, "ground", None)
            if ground not in rules.grounds:
                issue(("events", index, "ground"), unknown_name("ground", ground, rules.grounds))
        for name, title, ids in rules.vocabularies.get(event.type, ()):
            value = getattr(event, name, None)
            if value not in ids:
                message = unknown_name("item", value, sorted(ids), title=title.lower())
                issue(("events", index, name), message)
    if issues:
        raise CaseError(issues)


def _run(
    case: Case,
    as_of: dt.date | None,
    rules: RuleSet | None,
    explain: bool,
    observer: Observer | None,
    keep_timeline: bool = False,
    lang: Language = DEFAULT_LANGUAGE,
) -> Run:
    rules = in_language(rules if rules is not None else bundled_rules(), lang)
    check_case(case, rules)
    day = as_of if as_of is not None else today()
    return Run(case, day, rules, explain, observer, keep_timeline)


def evaluate(
    case: Case,
    *,
    as_of: dt.date | None = None,
    rules: RuleSet | None = None,
    explain: bool = False,
    observer: Observer | None = None,
    lang: Language = DEFAULT_LANGUAGE,
) -> Result:
    """What the law makes of `case` on `as_of` (default: today) under `rules`.

    With `explain`, the result carries a trace of every rule applied. `observer`, if
    given, is called with the explanation of every condition node evaluated: its id,
    value and children (what the coverage audit is made of).
    The result's texts (ground titles, finding messages, next steps, citations) are in
    `lang` ("en", "ru" or "kk"); its codes and ids are the same in every language.
    Raises `CaseError` if the case is inconsistent with the rules.
    """
    return _run(case, as_of, rules, explain, observer, lang=lang).execute()


def evaluate_many(
    cases: Iterable[Case],
    *,
    as_of: dt.date | None = None,
    rules: RuleSet | None = None,
    jobs: int = 1,
    lang: Language = DEFAULT_LANGUAGE,
) -> Iterator[Result]:
    """Evaluate cases in order, yielding each result as soon as it is ready.

    With `jobs` above 1 the cases are evaluated by that many worker processes (see
    `maslihat.engine.pool`), still yielded in input order, with only a bounded window
    of cases taken from `cases` at a time. A case that does not fit the rules raises
    `CaseError` when its turn comes, whatever `jobs` is. Texts are in `lang`.
    """
    shipped = rules  # None: each worker loads the bundled rules rather than unpickling them
    rules = in_language(rules if rules is not None else bundled_rules(), lang)
    day = as_of if as_of is not None else today()
    if jobs == 1:
        for case in cases:
            yield evaluate(case, as_of=day, rules=rules, lang=lang)
        return
    from maslihat.engine.pool import ordered_map  # multiprocessing only when asked for

    yield from ordered_map(
        _evaluate_in_worker,
        cases,
        jobs=jobs,
        initializer=_start_worker,
        initargs=(shipped, day, lang),
    )


_worker: tuple[RuleSet, dt.date, Language] | None = None
"""A worker process's rule set, as-of date and language, set once by `_start_worker`."""


def _start_worker(rules: RuleSet | None, day: dt.date, lang: Language) -> None:
    global _worker
    _worker = (rules if rules is not None else bundled_rules(), day, lang)


def _evaluate_in_worker(case: Case) -> Result:
    assert _worker is not None, "_start_worker runs first in every worker"
    rules, day, lang = _worker
    return evaluate(case, as_of=day, rules=rules, lang=lang)


def timeline(
    case: Case,
    *,
    as_of: dt.date | None = None,
    rules: RuleSet | None = None,
    lang: Language = DEFAULT_LANGUAGE,
) -> list[TimelineEntry]:
    """Event by event: the status before and after, and the rule that decided it."""
    return evaluate_with_timeline(case, as_of=as_of, rules=rules, lang=lang)[1]


def evaluate_with_timeline(
    case: Case,
    *,
    as_of: dt.date | None = None,
    rules: RuleSet | None = None,
    explain: bool = False,
    lang: Language = DEFAULT_LANGUAGE,
) -> tuple[Result, list[TimelineEntry]]:
    """The result and the timeline of one run (what a report of the case shows)."""
    run = _run(case, as_of, rules, explain, None, keep_timeline=True, lang=lang)
    result = run.execute()
    return result, run.ledger.timeline
