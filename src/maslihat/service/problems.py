"""Errors over HTTP as RFC 9457 problem details: field paths for the client, no traces.

Every error the service answers with, from a malformed case to an unknown route, is
an `application/problem+json` body of one shape: `type`, `title`, `status`, `detail`
and `errors`, each error naming the field (`events[3].in_force`), the part of the
request it is in (`body`, `query` or `path`) and what is wrong. A case's errors come
from the same validation the command line uses (the case models, then `check_case`),
so the two never word a mistake differently; a query parameter's mistake is worded
by the same catalogue (`maslihat.wording`) as a case's.

`problem_for` is the one place that maps an exception to a problem, used by the
exception handlers and by the batch stream alike. Nothing internal (a traceback, an
exception's repr) ever reaches a response: an unexpected error is logged here and
answered with a bare 500. A client that disconnects mid-request is not an error: it
gets one line in the log (`client_gone`), with no traceback.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from http import HTTPStatus
from typing import Literal

from fastapi.exceptions import RequestValidationError
from pydantic import ConfigDict, Field
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import Scope

from maslihat.errors import EvaluationError, InputError
from maslihat.model.common import Frozen
from maslihat.source.document import format_loc
from maslihat.source.locate import plain_message
from maslihat.wording import say

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


class ServiceError(Exception):
    """A problem to answer with: raised while handling a request, answered by a handler."""

    def __init__(
        self, status: int, kind: str, title: str, detail: str, errors: Sequence[FieldError] = ()
    ) -> None:
        super().__init__(detail)
        self.details = ProblemDetails(
            type=PROBLEM_TYPES + kind,
            title=title,
            status=status,
            detail=detail,
            errors=tuple(errors),
        )

    def json(self) -> str:
        """The problem as JSON text (`line` and `column` only where known)."""
        return self.details.model_dump_json(exclude_none=True)

    def response(self) -> Response:
        """The problem as an HTTP response."""
        return Response(self.json(), self.details.status, media_type=MEDIA_TYPE)


def invalid_case(error: InputError) -> ServiceError:
    """422 for a case that does not parse, validate or fit the rules."""
    errors = [
        FieldError(
            field=issue.field,
            part="body",
            message=issue.message,
            line=issue.line,
            column=issue.column,
        )
        for issue in error.issues
    ]
    return ServiceError(422, "invalid-case", "The case is not valid", _summary(errors), errors)


def invalid_request(exc: RequestValidationError) -> ServiceError:
    """422 for a query or path parameter FastAPI could not validate."""
    errors = []
    for error in exc.errors():
        where, *path = error["loc"]
        part: Part = where if where in ("query", "path") else "body"
        message = plain_message(error)
        errors.append(FieldError(field=format_loc(tuple(path)), part=part, message=message))
    return ServiceError(
        422, "invalid-request", "The request is not valid", _summary(errors), errors
    )


def _summary(errors: Sequence[FieldError]) -> str:
    first = errors[0] if errors else None
    if first is None:
        return "the request is not valid"
    text = f"{first.field}: {first.message}" if first.field else first.message
    return text if len(errors) == 1 else say("and_more", first=text, more=len(errors) - 1)


def http_problem(exc: HTTPException) -> ServiceError:
    """The routing layer's errors (404 no such route, 405 wrong method) as problems."""
    phrase = HTTPStatus(exc.status_code).phrase
    detail = exc.detail or phrase
    return ServiceError(exc.status_code, phrase.lower().replace(" ", "-"), phrase, detail)


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
        return ServiceError(500, "evaluation-defect", "The rules could not be applied", str(exc))
    log.error("unexpected error", exc_info=exc)
    return ServiceError(
        500, "internal-error", "Internal error", "an unexpected error; it was logged"
    )


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
    """The exception handler for everything in `HANDLED`."""
    return problem_for(exc).response()
