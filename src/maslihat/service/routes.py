"""The HTTP endpoints: thin adapters from requests to the engine's public functions.

Each endpoint reads its input, hands the work to the engine and answers with the
contract's JSON; all checking is the engine's, all error answers `problems.py`'s.
Evaluation is CPU work, so it runs in the thread pool, never on the event loop; that
is safe because a `RuleSet` is immutable and each evaluation builds its own state.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import threading
from collections.abc import AsyncIterator, Awaitable
from dataclasses import dataclass, field
from typing import Annotated, Any, TypeVar

from fastapi import APIRouter, Depends, Query, Request
from fastapi.concurrency import run_in_threadpool
from pydantic import TypeAdapter
from starlette.requests import ClientDisconnect
from starlette.responses import HTMLResponse, Response, StreamingResponse
from starlette.types import Receive, Scope, Send

from maslihat import __version__
from maslihat.audit.casetests import LoadedFile
from maslihat.audit.model import AuditReport
from maslihat.audit.report import build_report
from maslihat.engine.evaluate import evaluate, evaluate_with_timeline, today
from maslihat.i18n import DEFAULT_LANGUAGE, Language
from maslihat.model import Result
from maslihat.model.common import IsoDate
from maslihat.report import TimelineStep, case_report_html, timeline_steps
from maslihat.rules.listing import editions_in_force, history, in_force
from maslihat.rules.loader import in_language
from maslihat.rules.ruleset import RuleSet
from maslihat.service.bodies import (
    CASE_TYPES,
    JSON,
    JSON_LINES,
    JSON_LINES_TYPES,
    YAML,
    body_lines,
    case_from_body,
    case_from_json,
    read_body,
    require_media_type,
)
from maslihat.service.languages import language_headers, request_language
from maslihat.service.payloads import BatchLine, Health, RuleHistory, RulesInForce
from maslihat.service.problems import MEDIA_TYPE, ServiceError, client_gone, problem_for
from maslihat.service.whatif import diff_json
from maslihat.whatif.diff import DiffReport
from maslihat.wording import say

FINGERPRINT_HEADER = "Maslihat-Rules-Fingerprint"
BODY_TIMEOUT = 30.0
"""Seconds a client has to send a request body (in a batch: each line). A body is at
most 1 MiB by default, so this asks for some 35 KB/s: a slow link sends that, a
client that stalls or trickles is cut off."""
T = TypeVar("T")


@dataclass(frozen=True)
class Service:
    """What every request shares: the rule set, the case tests, the limits and the
    language of replies to a request that names none of ours (`maslihat serve --lang`).

    The audit of the rules against the case tests is computed on first request and
    then served from memory: both are immutable, so it cannot go stale.
    """

    rules: RuleSet
    max_body: int
    case_tests: tuple[LoadedFile, ...] = ()
    body_timeout: float = BODY_TIMEOUT
    lang: Language = DEFAULT_LANGUAGE
    _audit: dict[str, bytes] = field(default_factory=dict, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def audit_json(self) -> bytes:
        """The audit report as JSON, computed once."""
        with self._lock:
            if "report" not in self._audit:
                report = build_report(self.rules, self.case_tests)
                self._audit["report"] = report.model_dump_json().encode()
            return self._audit["report"]


async def current(request: Request) -> Service:
    """The app's `Service` (async, so FastAPI does not send it to the thread pool)."""
    service: Service = request.app.state.service
    return service


Current = Annotated[Service, Depends(current)]
AsOf = Annotated[
    IsoDate | None,
    Query(description="The date the law is applied as of, YYYY-MM-DD; default: today."),
]


def _problems(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI entries for the problem responses an endpoint can give."""
    schema = {"$ref": "#/components/schemas/ProblemDetails"}
    return {
        status: {"description": "A problem (RFC 9457)", "content": {MEDIA_TYPE: {"schema": schema}}}
        for status in statuses
    }


def _case_body(media_type: str, description: str, *also: str) -> dict[str, Any]:
    """OpenAPI's request body for a case (the body is read by hand, see bodies.py)."""
    schema = {"$ref": "#/components/schemas/Case"}
    content = {media: {"schema": schema} for media in (media_type, *also)}
    return {"requestBody": {"required": True, "description": description, "content": content}}


class JsonLines(StreamingResponse):
    """A streamed body of JSON lines, written while the request body is still read.

    Starlette's streaming response listens for a disconnect by reading the request
    alongside; that reader would swallow the body chunks the batch is reading. Here the
    batch reads the request itself (and so sees a disconnect), so nothing else may.
    """

    media_type = JSON_LINES

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Send the lines as the body iterator yields them; no second reader of `receive`."""
        await self.stream_response(send)


DIFF_BODY = {
    "requestBody": {
        "required": True,
        "description": "An amendment (as its file holds it, in JSON) and the cases, by name.",
        "content": {
            JSON: {
                "schema": {
                    "type": "object",
                    "required": ["amendment", "cases"],
                    "additionalProperties": False,
                    "properties": {
                        "amendment": {"type": "object"},
                        "cases": {
                            "type": "object",
                            "additionalProperties": {"$ref": "#/components/schemas/Case"},
                        },
                    },
                }
            }
        },
    }
}
"""OpenAPI's request body for a diff (read by hand, see service/whatif.py)."""
router = APIRouter()


@router.get("/healthz", tags=["service"])
async def healthz(service: Current) -> Health:
    """Whether the service is up, its version, and the fingerprint of its rules."""
    return Health(status="ok", version=__version__, rules=service.rules.fingerprint)


async def _in_time(service: Service, reading: Awaitable[T], what: str) -> T:
    """What `reading` reads, or 408 if the client takes longer than the body timeout."""
    try:
        async with asyncio.timeout(service.body_timeout):
            return await reading
    except TimeoutError:
        detail = say("http_late", what=what, seconds=f"{service.body_timeout:g}")
        raise ServiceError(408, "body-timeout", say("http_too_slow"), detail) from None


def _language(
    request: Request,
    lang: Annotated[
        Language | None,
        Query(
            description="Language of the texts (default: by Accept-Language, else the"
            " service's language: en unless `maslihat serve --lang` says otherwise)."
        ),
    ] = None,
) -> Language:
    """`?lang=` if given, else the best of `Accept-Language`, else the service's language.

    `lang` is declared here so that FastAPI documents and checks it; the choice is
    `request_language`'s, which the error handlers make too.
    """
    return lang or request_language(request)


Lang = Annotated[Language, Depends(_language)]


def _evaluate_json(
    service: Service,
    body: bytes,
    media: str | None,
    as_of: dt.date | None,
    explain: bool,
    lang: Language,
) -> str:
    case = case_from_body(body, media)
    result = evaluate(case, as_of=as_of, rules=service.rules, explain=explain, lang=lang)
    return result.model_dump_json()


@router.post(
    "/v1/evaluate",
    tags=["evaluation"],
    response_model=Result,
    responses=_problems(408, 413, 415, 422, 500),
    openapi_extra=_case_body(JSON, "One case, as a case file holds it (JSON or YAML).", YAML),
)
async def evaluate_one(
    request: Request, service: Current, lang: Lang, as_of: AsOf = None, explain: bool = False
) -> Response:
    """What the law makes of one case on `as_of`: the result `maslihat evaluate --json` prints."""
    require_media_type(request, CASE_TYPES)
    body = await _in_time(service, read_body(request, service.max_body), say("http_the_body"))
    media = request.headers.get("content-type")
    text = await run_in_threadpool(_evaluate_json, service, body, media, as_of, explain, lang)
    return Response(text, media_type=JSON, headers=language_headers(lang))


def _report(
    service: Service,
    body: bytes,
    media: str | None,
    as_of: dt.date | None,
    html: bool,
    lang: Language,
) -> str:
    case = case_from_body(body, media)
    result, entries = evaluate_with_timeline(
        case, as_of=as_of, rules=service.rules, explain=html, lang=lang
    )
    if html:
        return case_report_html(case, result, entries, service.rules, lang)
    steps = timeline_steps(case, result, entries, service.rules, lang)
    return TIMELINE.dump_json(steps).decode()


TIMELINE = TypeAdapter(list[TimelineStep])
"""The steps of `POST /v1/timeline`, as `maslihat timeline --json` prints them."""


@router.post(
    "/v1/timeline",
    tags=["evaluation"],
    response_model=list[TimelineStep],
    responses=_problems(408, 413, 415, 422, 500),
    openapi_extra=_case_body(JSON, "One case, as a case file holds it (JSON or YAML).", YAML),
)
async def case_timeline(
    request: Request, service: Current, lang: Lang, as_of: AsOf = None
) -> Response:
    """The case step by step, findings included: what `maslihat timeline --json` prints."""
    require_media_type(request, CASE_TYPES)
    body = await _in_time(service, read_body(request, service.max_body), say("http_the_body"))
    media = request.headers.get("content-type")
    text = await run_in_threadpool(_report, service, body, media, as_of, False, lang)
    return Response(text, media_type=JSON, headers=language_headers(lang))


@router.post(
    "/v1/report",
    tags=["evaluation"],
    response_class=HTMLResponse,
    responses={
        200: {"description": "The case as a self-contained HTML page"},
        **_problems(408, 413, 415, 422, 500),
    },
    openapi_extra=_case_body(JSON, "One case, as a case file holds it (JSON or YAML).", YAML),
)
async def case_report(
    request: Request, service: Current, lang: Lang, as_of: AsOf = None
) -> HTMLResponse:
    """The case as a page: result, SVG timeline, lifecycle chart, trace (`evaluate --html`)."""
    require_media_type(request, CASE_TYPES)
    body = await _in_time(service, read_body(request, service.max_body), say("http_the_body"))
    media = request.headers.get("content-type")
    page = await run_in_threadpool(_report, service, body, media, as_of, True, lang)
    return HTMLResponse(page, headers=language_headers(lang))


def _batch_line(
    service: Service, number: int, line: bytes | ServiceError, day: dt.date, lang: Language
) -> bytes:
    if isinstance(line, ServiceError):
        return _error_line(number, line, lang)
    try:
        case = case_from_json(line)
        result = evaluate(case, as_of=day, rules=service.rules, lang=lang).model_dump_json()
    except Exception as exc:  # one bad case must not end the stream for the others
        return _error_line(number, problem_for(exc), lang)
    return f'{{"line":{number},"result":{result}}}\n'.encode()


def _error_line(number: int, problem: ServiceError, lang: Language) -> bytes:
    return f'{{"line":{number},"error":{problem.json(lang)}}}\n'.encode()


async def _batch(
    request: Request, service: Service, day: dt.date, lang: Language
) -> AsyncIterator[bytes]:
    number, lines = 0, body_lines(request, service.max_body)
    while True:
        try:
            number, line = await _in_time(
                service, anext(lines), say("http_line", number=number + 1)
            )
        except StopAsyncIteration:
            return
        except ServiceError as late:  # the last line: where the next one starts is unknown
            yield _error_line(number + 1, late, lang)
            return
        except ClientDisconnect:  # nobody is left to answer
            client_gone(request.scope)
            return
        yield await run_in_threadpool(_batch_line, service, number, line, day, lang)


@router.post(
    "/v1/evaluate/batch",
    tags=["evaluation"],
    response_class=JsonLines,
    responses={200: {"model": BatchLine}, **_problems(415, 422)},
    openapi_extra=_case_body(JSON_LINES, "Cases in JSON, one per line (JSON lines)."),
)
async def evaluate_batch(
    request: Request, service: Current, lang: Lang, as_of: AsOf = None
) -> JsonLines:
    """Many cases, one per line, all as of one date: one line of result back per case, streamed.

    A line whose case is bad gets an `error` instead of a `result`; the others are
    still evaluated. A line that does not arrive in time gets a 408 `error` and ends
    the stream.
    """
    require_media_type(request, JSON_LINES_TYPES)
    return JsonLines(
        _batch(request, service, as_of or today(), lang), headers=language_headers(lang)
    )


@router.post(
    "/v1/diff",
    tags=["evaluation"],
    response_model=DiffReport,
    responses=_problems(408, 413, 415, 422, 500),
    openapi_extra=DIFF_BODY,
)
async def diff_cases(
    request: Request, service: Current, lang: Lang, as_of: AsOf = None
) -> Response:
    """The cases an amendment changes: `{"amendment": ..., "cases": {NAME: case}}` in, the
    report `maslihat diff --amend FILE --json` prints out (service/whatif.py)."""
    require_media_type(request, frozenset({JSON}))
    body = await _in_time(service, read_body(request, service.max_body), say("http_the_body"))
    text = await run_in_threadpool(diff_json, service.rules, body, as_of or today(), lang)
    return Response(text, media_type=JSON, headers=language_headers(lang))


@router.get("/v1/rules", tags=["rules"], responses=_problems(422))
def rules_in_force(
    service: Current, lang: Lang, response: Response, as_of: AsOf = None
) -> RulesInForce:
    """The rule versions in force on `as_of` (default: today), with citation and provenance;
    their paraphrases, interpretations and citations in `lang`."""
    day = as_of or today()
    rules = in_language(service.rules, lang)
    listed = in_force(rules, day)
    editions = tuple(editions_in_force(rules, day))
    response.headers.update(language_headers(lang))
    return RulesInForce(
        as_of=day, fingerprint=rules.fingerprint, editions=editions, rules=tuple(listed)
    )


@router.get("/v1/rules/{rule_id}", tags=["rules"], responses=_problems(404, 422))
def rule_history(rule_id: str, service: Current, lang: Lang, response: Response) -> RuleHistory:
    """Every version of the rule `rule_id`, in force or not, oldest first, its texts in `lang`."""
    versions = history(in_language(service.rules, lang), rule_id)
    response.headers.update(language_headers(lang))
    if not versions:
        detail = say("no_rule_called", rule=repr(rule_id))
        raise ServiceError(404, "unknown-rule", say("http_no_such_rule"), detail)
    return RuleHistory(id=rule_id, fingerprint=service.rules.fingerprint, versions=tuple(versions))


@router.get(
    "/v1/audit",
    tags=["rules"],
    response_model=AuditReport,
    responses={200: {"description": "The audit report, as `maslihat audit --json` prints it"}},
)
async def audit(service: Current) -> Response:
    """The audit of the served rules against the case tests the service was started with.

    Traceability (provision → rules → case tests), condition coverage with MC/DC, and
    lint, as `maslihat audit --json` reports them (rule mutants are a command-line
    run: see docs/audit.md). Without case tests, every provision is "untested".
    """
    return Response(await run_in_threadpool(service.audit_json), media_type=JSON)
