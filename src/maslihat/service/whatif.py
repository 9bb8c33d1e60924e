"""`POST /v1/diff`: cases and an amendment in one request, answered as `maslihat diff --json`.

The body is one JSON object: `amendment` (an amendment file's content) and `cases`
(an object from names to cases, each as a case file holds it). It is read by the one
reader, within the service's byte limit, and holds at most `MAX_DIFF_CASES` cases: a
diff evaluates every case twice, so its cost is bounded by the count as well as the
bytes. The amendment is checked as `--amend` checks a file; a problem in it, or in a
case, is a 422 naming the field (`amendment.changes[0].valid_from`, `cases.NAME.events`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

from maslihat.errors import CaseError, InputError, Issue, RulesError
from maslihat.i18n import DEFAULT_LANGUAGE, Language
from maslihat.model import Case
from maslihat.rules.ruleset import RuleSet
from maslihat.service.problems import ServiceError, faults
from maslihat.source import Document, parse_document
from maslihat.source.cases import case_from_document
from maslihat.whatif.amendment import amendment_from_document
from maslihat.whatif.diff import diff
from maslihat.whatif.overlay import apply_amendment
from maslihat.wording import say

MAX_DIFF_CASES = 1000
"""The most cases one diff request may hold."""


def _within(prefix: str, error: InputError) -> list[Issue]:
    return [replace(i, field=f"{prefix}.{i.field}" if i.field else prefix) for i in error.issues]


def _bad(kind: str, title: str, issues: list[Issue]) -> ServiceError:
    return ServiceError(422, kind, title, errors=faults(issues))


def _cases(value: Any) -> dict[str, Case]:
    if not isinstance(value, dict):
        issue = Issue(say("http_named_cases"), "cases")
        raise _bad("invalid-case", say("http_invalid_case"), [issue])
    if len(value) > MAX_DIFF_CASES:
        detail = say("http_cases_limit", limit=MAX_DIFF_CASES)
        raise ServiceError(413, "too-many-cases", say("http_too_many_cases"), detail)
    cases, issues = {}, []
    for name, data in value.items():
        try:
            cases[name] = case_from_document(Document(data, f"cases.{name}"))
        except CaseError as error:
            issues += _within(f"cases.{name}", error)
    if issues:
        raise _bad("invalid-case", say("http_invalid_case"), issues)
    return cases


def diff_json(
    rules: RuleSet, body: bytes, as_of: dt.date, lang: Language = DEFAULT_LANGUAGE
) -> str:
    """The diff report for a request body, as JSON text; `ServiceError` if the body is bad.

    Keys, codes and dates are those of every language; a next step's `text` is in `lang`.
    """
    data = parse_document(body, "request", CaseError, syntax="json", positions=False).data
    if not isinstance(data, dict) or set(data) != {"amendment", "cases"}:
        issue = Issue(say("http_diff_keys"))
        raise _bad("invalid-request", say("http_invalid_request"), [issue])
    cases = _cases(data["cases"])
    try:
        amendment = amendment_from_document(Document(data["amendment"], "amendment"))
        after = apply_amendment(rules, amendment)
    except RulesError as error:
        raise _bad(
            "invalid-amendment", say("http_invalid_amendment"), _within("amendment", error)
        ) from None
    return diff(cases, rules, after, as_of=as_of, lang=lang).model_dump_json()
