"""Request bodies: a bounded number of bytes, strict JSON, then a validated `Case`.

Cases arrive as JSON, parsed with the standard library's parser, which is two orders
of magnitude faster than the YAML reader the command line uses to keep positions.
The data then goes through the very validation a case file does
(`case_from_document`), so the field paths and messages are the same; JSON syntax
errors carry a line and column, the other errors a field path only.

JSON is read strictly, as the YAML reader reads case files: a duplicate key is an
error rather than "the last one wins", and `NaN` and `Infinity` are not JSON.
Whatever the body holds, reading it raises `CaseError` or a `ServiceError`, never
anything else: no input may take the service down or answer with a 500.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import AsyncIterator
from typing import Any, NoReturn

from starlette.requests import Request

from maslihat.errors import CaseError, Issue
from maslihat.model import Case
from maslihat.service.problems import ServiceError
from maslihat.source import Document
from maslihat.source.cases import case_from_document

JSON = "application/json"
JSON_LINES = "application/x-ndjson"
JSON_LINES_TYPES = frozenset({JSON_LINES, "application/jsonl"})
MAX_BODY = 1024 * 1024
"""The default limit on a request body (a batch: on each line), in bytes: 1 MiB."""


def require_media_type(request: Request, accepted: frozenset[str]) -> None:
    """Refuse (415) a body declared as something else; no declaration is taken as accepted."""
    declared = request.headers.get("content-type")
    if declared is None:
        return
    media = declared.split(";", 1)[0].strip().lower()
    if media not in accepted:
        wanted = " or ".join(sorted(accepted))
        raise ServiceError(
            415, "unsupported-media-type", "Unsupported media type", f"send {wanted}"
        )


def _too_large(limit: int, what: str) -> ServiceError:
    return ServiceError(
        413, "body-too-large", "Request body too large", f"{what} exceeds {limit} bytes"
    )


async def read_body(request: Request, limit: int) -> bytes:
    """The whole body, refused (413) as soon as it is known to exceed `limit` bytes."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise _too_large(limit, "the body")
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise _too_large(limit, "the body")
    return bytes(body)


async def body_lines(
    request: Request, limit: int
) -> AsyncIterator[tuple[int, bytes | ServiceError]]:
    """Each non-blank line of the body with its 1-based number, as the bytes arrive.

    Only the current line (and the rest of its chunk) is held, so a batch of any
    length fits in memory. A line longer than `limit` comes as a 413 `ServiceError`
    instead, and is the last: where the next line starts is not worth the wait.
    """
    pending, number = bytearray(), 0
    async for chunk in request.stream():
        pending += chunk
        while (end := pending.find(b"\n")) >= 0 or len(pending) > limit:
            number += 1
            if end > limit or end < 0:
                yield number, _too_large(limit, f"line {number}")
                return
            line = bytes(pending[:end]).strip()
            del pending[: end + 1]
            if line:
                yield number, line
    if pending.strip():
        yield number + 1, bytes(pending).strip()


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    data = dict(pairs)
    if len(data) < len(pairs):
        counts = Counter(key for key, _ in pairs)
        raise ValueError(f"duplicate key {next(k for k, n in counts.items() if n > 1)!r}")
    return data


def _no_constant(name: str) -> NoReturn:
    raise ValueError(f"{name} is not a JSON value")


def _syntax_error(message: str, line: int | None = None, column: int | None = None) -> CaseError:
    return CaseError([Issue(message=f"not valid JSON: {message}", line=line, column=column)])


def json_data(body: bytes) -> Any:
    """The JSON value in `body`, or `CaseError` locating the syntax error."""
    try:
        return json.loads(body, object_pairs_hook=_no_duplicates, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        raise _syntax_error(exc.msg, exc.lineno, exc.colno) from None
    except RecursionError:
        raise _syntax_error("nested too deeply") from None
    except ValueError as exc:  # a duplicate key, NaN, bad UTF-8, a 5000-digit number
        raise _syntax_error(str(exc)) from None


def case_from_json(body: bytes, name: str = "request") -> Case:
    """Validate a JSON case; `CaseError` lists every issue with its field path."""
    return case_from_document(Document(data=json_data(body), file=name))
