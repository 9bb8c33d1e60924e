"""Errors over HTTP as RFC 9457 problem details: field paths for the client, no traces.

Every error the service answers with, from a malformed case to an unknown route, is
an `application/problem+json` body of one shape: `type`, `title`, `status`, `detail`
and `errors`, each error naming the field (`events[3].in_force`), the part of the
request it is in (`body`, `query` or `path`) and what is wrong. A case's errors come
from the same validation the command line uses (the case models, then `check_case`),
so the two never word a mistake differently; a query parameter's mistake is worded
by the same catalogue (`maslihat.wording`) as a case's. A problem is worded when it is
answered, in the language the request asks for (`service/languages.py`), which its
`Content-Language` names; its keys, `type` and codes are the same in every language.

`problem_for` is the one place that maps an exception to a problem, used by the
exception handlers and by the batch stream alike. Nothing internal (a traceback, an
exception's repr) ever reaches a response: an unexpected error is logged here and
answered with a bare 500. A client that disconnects mid-request is not an error: it
gets one line in the log (`client_gone`), with no traceback.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from http import HTTPStatus
from typing import Literal

from fastapi.exceptions import RequestValidationError
from pydantic import ConfigDict, Field
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import Scope

from maslihat.errors import EvaluationError, InputError, Issue
from maslihat.i18n import DEFAULT_LANGUAGE, Language
from maslihat.model.common import Frozen
from maslihat.service.languages import language_headers, request_language
from maslihat.source.document import format_loc
from maslihat.source.locate import plain_message
from maslihat.wording import MESSAGES, in_language, say

PROBLEM_TYPES = "https://maslihat.invalid/problems/"
MEDIA_TYPE = "application/problem+json"
log = logging.getLogger("maslihat.service")

Part = Literal["body", "query", "path"]


class FieldError(Frozen):
    """One mistake in a request: where it is and what is wrong."""

    model_config = ConfigDict(validate_by_name=True, serialize_by_alias=True)

    field: str = Field(
        description='The path to the value, such as "events[3].in_force"; "" for the whole.'
    )
    part: Part = Field(alias="in", description="The part of the request the field is in.")
    message: str
    line: int | None = Field(default=None, description="1-based line, for JSON syntax errors.")
    column: int | None = Field(default=None, description="1-based column, with `line`.")


class ProblemDetails(Frozen):
    """An error response (RFC 9457); `errors` lists every mistake found in the input."""

    type: str = Field(description="A URI naming the kind of problem; stable, not a web page.")
    title: str
    status: int
    detail: str
    errors: tuple[FieldError, ...] = ()


@dataclass(frozen=True)
class Fault:
    """One mistake as it was found: its words (`maslihat.wording.Said`) not yet in a language."""

    field: str
    part: Part
    message: str
    line: int | None = None
    column: int | None = None

    def error(self, lang: Language) -> FieldError:
        """The mistake as the problem's `errors` list holds it, worded in `lang`."""
        message = in_language(self.message, lang)
        return FieldError(
            field=self.field, part=self.part, message=message, line=self.line, column=self.column
        )

    def text(self, lang: Language) -> str:
        """`field: message`, or the message alone for the whole request."""
        message = in_language(self.message, lang)
        return f"{self.field}: {message}" if self.field else message


def faults(issues: Sequence[Issue], part: Part = "body") -> list[Fault]:
    """The issues of an input error as faults in `part` of the request."""
    return [Fault(i.field, part, i.message, i.line, i.column) for i in issues]


class ServiceError(Exception):
    """A problem to answer with: raised while handling a request, answered by a handler.

    Its title, detail and faults are kept as they were said, and worded when the
    problem is answered, in the language of the request (`json(lang)`, `response(lang)`).
    Without a `detail`, the detail is the first fault, with a count of the others.
    """

    def __init__(
        self,
        status: int,
        kind: str,
        title: str,
        detail: str | None = None,
        errors: Sequence[Fault] = (),
    ) -> None:
        self.status, self.kind, self.title, self.detail = status, kind, title, detail
        self.faults = tuple(errors)
        super().__init__(self._detail(DEFAULT_LANGUAGE))

    def _detail(self, lang: Language) -> str:
        if self.detail is not None:
            return in_language(self.detail, lang)
        if not self.faults:
            return say("http_request_invalid").in_language(lang)
        first, more = self.faults[0].text(lang), len(self.faults) - 1
        return first if more == 0 else say("and_more", first=first, more=more).in_language(lang)

    def problem(self, lang: Language = DEFAULT_LANGUAGE) -> ProblemDetails:
        """The problem details in `lang`; type, status and fields are the same in every one."""
        return ProblemDetails(
            type=PROBLEM_TYPES + self.kind,
            title=in_language(self.title, lang),
            status=self.status,
            detail=self._detail(lang),
            errors=tuple(fault.error(lang) for fault in self.faults),
        )

    @property
    def details(self) -> ProblemDetails:
        """The problem details in English."""
        return self.problem()

    def json(self, lang: Language = DEFAULT_LANGUAGE) -> str:
        """The problem as JSON text (`line` and `column` only where known)."""
        return self.problem(lang).model_dump_json(exclude_none=True)

    def response(self, lang: Language = DEFAULT_LANGUAGE) -> Response:
        """The problem as an HTTP response in `lang`, which its `Content-Language` names."""
        return Response(
            self.json(lang), self.status, media_type=MEDIA_TYPE, headers=language_headers(lang)
        )


def invalid_case(error: InputError) -> ServiceError:
    """422 for a case that does not parse, validate or fit the rules."""
    return ServiceError(422, "invalid-case", say("http_invalid_case"), errors=faults(error.issues))


def invalid_request(exc: RequestValidationError) -> ServiceError:
    """422 for a query or path parameter FastAPI could not validate."""
    found = []
    for error in exc.errors():
        where, *path = error["loc"]
        part: Part = where if where in ("query", "path") else "body"
        found.append(Fault(format_loc(tuple(path)), part, plain_message(error)))
    return ServiceError(422, "invalid-request", say("http_invalid_request"), errors=found)


_PHRASES = {404: "http_not_found", 405: "http_method_not_allowed"}
"""The routing layer's statuses whose phrase the catalogue words in every language."""


def http_problem(exc: HTTPException) -> ServiceError:
    """The routing layer's errors (404 no such route, 405 wrong method) as problems."""
    phrase = HTTPStatus(exc.status_code).phrase
    key = _PHRASES.get(exc.status_code)
    title = say(key) if key is not None and MESSAGES[key] == phrase else phrase
    detail = title if exc.detail in (None, "", phrase) else exc.detail
    return ServiceError(exc.status_code, phrase.lower().replace(" ", "-"), title, detail)


def problem_for(exc: Exception) -> ServiceError:
    """The problem to answer `exc` with; unexpected errors are logged and kept private."""
    if isinstance(exc, ServiceError):
        return exc
    if isinstance(exc, InputError):
        return invalid_case(exc)
    if isinstance(exc, RequestValidationError):
        return invalid_request(exc)
    if isinstance(exc, HTTPException):
        return http_problem(exc)
    if isinstance(exc, EvaluationError):
        # A defect in the rules, not the client's fault; its message names a rule, not code.
        log.error("evaluation defect: %s", exc)
        return ServiceError(500, "evaluation-defect", say("http_defect"), str(exc))
    log.error("unexpected error", exc_info=exc)
    return ServiceError(500, "internal-error", say("http_internal"), say("http_internal_detail"))


def client_gone(scope: Scope) -> None:
    """Log, on one line at info level, a client that left before its request was read.

    Nobody is left to answer, and nothing went wrong on this side: a traceback would
    bury the log under clients that lost their network.
    """
    host, port = scope.get("client") or ("a client", 0)
    log.info(
        "%s:%d - %s %s: the client disconnected before its request body was complete",
        host,
        port,
        scope.get("method", ""),
        scope.get("path", ""),
    )


HANDLED = (ServiceError, InputError, RequestValidationError, HTTPException, EvaluationError)
"""The exceptions the app's handlers answer; anything else is caught by the guard."""


async def problem_response(request: Request, exc: Exception) -> Response:
    """The exception handler for everything in `HANDLED`, in the request's language."""
    return problem_for(exc).response(request_language(request))
