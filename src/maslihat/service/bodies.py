"""Request bodies: a bounded number of bytes, strict JSON, then a validated `Case`.

A body is read by the reader that reads case files (`maslihat.source`), as strict
JSON, so the command line and the service accept the same bytes: UTF-8 with or without
a byte-order mark (not UTF-16), a duplicate key is an error rather than "the last one
wins", `NaN` is not JSON, and nesting, digits and control characters are bounded
alike. Only the positions are skipped, for speed: a JSON syntax error still carries a
line and column, the other errors a field path only. The data then goes through the
very validation a case file does (`case_from_document`), so the messages are the same.
Whatever the body holds, reading it raises `CaseError` or a `ServiceError`, never
anything else: no input may take the service down or answer with a 500.
"""

from __future__ import annotations

import functools
from collections.abc import AsyncIterator

from starlette.requests import Request

from maslihat.errors import CaseError
from maslihat.model import Case
from maslihat.service.problems import ServiceError
from maslihat.source import MAX_BYTES, parse_document
from maslihat.source.cases import case_from_document
from maslihat.wording import say

JSON = "application/json"
YAML = "application/yaml"
CASE_TYPES = frozenset({JSON, YAML})
"""What a case body may be declared as: strict JSON, or a case file's YAML (RFC 9512)."""
JSON_LINES = "application/x-ndjson"
JSON_LINES_TYPES = frozenset({JSON_LINES, "application/jsonl"})
MAX_BODY = MAX_BYTES
"""The default limit on a request body (a batch: on each line): 1 MiB, as for files."""


def require_media_type(request: Request, accepted: frozenset[str]) -> None:
    """Refuse (415) a body declared as something else; no declaration is taken as accepted."""
    media = media_type(request.headers.get("content-type"))
    if media is not None and media not in accepted:
        wanted = functools.reduce(
            lambda one, other: say("either", one=one, other=other), sorted(accepted)
        )
        raise ServiceError(
            415, "unsupported-media-type", say("http_media_type"), say("http_send", wanted=wanted)
        )


def media_type(declared: str | None) -> str | None:
    """The media type a `Content-Type` value declares, without parameters, in lower case."""
    return None if declared is None else declared.split(";", 1)[0].strip().lower()


def _too_large(limit: int, what: str) -> ServiceError:
    detail = say("http_exceeds", what=what, limit=limit)
    return ServiceError(413, "body-too-large", say("http_too_large"), detail)


async def read_body(request: Request, limit: int) -> bytes:
    """The whole body, refused (413) as soon as it is known to exceed `limit` bytes."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise _too_large(limit, say("http_the_body"))
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise _too_large(limit, say("http_the_body"))
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
                yield number, _too_large(limit, say("http_line", number=number))
                return
            line = bytes(pending[:end]).strip()
            del pending[: end + 1]
            if line:
                yield number, line
    if pending.strip():
        yield number + 1, bytes(pending).strip()


def case_from_json(body: bytes, name: str = "request") -> Case:
    """Validate a JSON case; `CaseError` lists every issue with its field path."""
    document = parse_document(body, name, CaseError, syntax="json", positions=False)
    return case_from_document(document)


def case_from_body(body: bytes, content_type: str | None, name: str = "request") -> Case:
    """Validate a case body: YAML as a case file is read, anything else as strict JSON.

    A YAML body keeps its positions, so every error names its line and column: the
    workbench page sends what is typed in its editor this way.
    """
    if media_type(content_type) == YAML:
        return case_from_document(parse_document(body, name, CaseError, syntax="yaml"))
    return case_from_json(body, name)
