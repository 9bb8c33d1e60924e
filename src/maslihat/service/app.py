"""The HTTP service as an ASGI app, built by `create_app` from one immutable rule set.

The app is a value: everything it needs (the rules, the body limit) is given to the
factory, nothing is read from globals, so tests and embedders can build as many as
they like, and `uvicorn --factory maslihat.service:create_app` works as well as
`maslihat serve`. The OpenAPI document is built when the app is, so a mistake in it
fails at start-up rather than on the first request for it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from pydantic import BaseModel
from starlette.requests import ClientDisconnect, Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from maslihat import __version__
from maslihat.audit.casetests import LoadedFile
from maslihat.i18n import DEFAULT_LANGUAGE, Language
from maslihat.model import Case
from maslihat.rules.loader import load_rules
from maslihat.rules.ruleset import RuleSet
from maslihat.service import web
from maslihat.service.bodies import MAX_BODY
from maslihat.service.languages import request_language
from maslihat.service.problems import (
    HANDLED,
    ProblemDetails,
    client_gone,
    problem_for,
    problem_response,
)
from maslihat.service.routes import BODY_TIMEOUT, FINGERPRINT_HEADER, Service, router

DESCRIPTION = f"""\
The law on a mäslihat deputy's mandate, as rules you can run: POST a case, get what
the law makes of it on a date, with citations. The case and result formats are those
of the command line (docs/case-format.md); every response carries the fingerprint of
the rules applied in the `{FINGERPRINT_HEADER}` header; every error is an
`application/problem+json` body whose `errors` name the fields at fault.
"""

_REF = "#/components/schemas/{model}"
_READ_BY_HAND: tuple[tuple[type[BaseModel], str], ...] = (
    (Case, "validation"),
    (ProblemDetails, "serialization"),
)
"""Models the endpoints read or write themselves, which FastAPI cannot see."""


class Guard:
    """The outermost layer: the rules' fingerprint on every response, a trace on none.

    A client that disconnects before its body is read gets one line in the log and no
    answer, not a 500 and a traceback.
    """

    def __init__(self, app: ASGIApp, fingerprint: str) -> None:
        self.app = app
        self.header = (FINGERPRINT_HEADER.lower().encode(), fingerprint.encode())

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Pass the request on; answer an escaped exception with a bare 500 problem."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def send_marked(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                message = {**message, "headers": [*message.get("headers", []), self.header]}
            await send(message)

        try:
            await self.app(scope, receive, send_marked)
        except ClientDisconnect:
            client_gone(scope)
        except Exception as exc:
            if started:  # too late to answer: let the server close the connection
                raise
            lang = request_language(Request(scope))
            await problem_for(exc).response(lang)(scope, receive, send_marked)


class ServiceApp(FastAPI):
    """FastAPI, with an OpenAPI document that also describes what it cannot see."""

    def openapi(self) -> dict[str, Any]:
        """The document, built on first use (set `openapi_schema` to None to rebuild)."""
        if self.openapi_schema is None:
            self.openapi_schema = openapi_document(self)
        return self.openapi_schema


def openapi_document(app: FastAPI) -> dict[str, Any]:
    """FastAPI's OpenAPI document plus the schemas of the models it cannot see."""
    document = get_openapi(
        title=app.title, version=app.version, description=app.description, routes=app.routes
    )
    schemas = document.setdefault("components", {}).setdefault("schemas", {})
    for model, mode in _READ_BY_HAND:
        generated = model.model_json_schema(ref_template=_REF, mode=mode)  # type: ignore[arg-type]
        for name, schema in {**generated.pop("$defs", {}), model.__name__: generated}.items():
            if not _same_model(schemas.setdefault(name, schema), schema):
                raise RuntimeError(f"two different models are called {name!r}")
    for operation in (op for path in document["paths"].values() for op in path.values()):
        for response in operation.get("responses", {}).values():
            for content in response.get("content", {}).values():
                if "$ref" in content.get("schema", {}):
                    # FastAPI calls a streamed body a string, then merges in the model
                    # declared for it; the model alone is what each line is.
                    content["schema"].pop("type", None)
    return document


def _same_model(one: dict[str, Any], other: dict[str, Any]) -> bool:
    # FastAPI may already hold the model, generated with other defaults: compare what
    # tells two models apart, their docstrings and fields.
    return one.get("description") == other.get("description") and set(
        one.get("properties", {})
    ) == set(other.get("properties", {}))


def create_app(
    rules: RuleSet | None = None,
    *,
    max_body: int | None = None,
    case_tests: Sequence[LoadedFile] = (),
    body_timeout: float | None = None,
    lang: Language = DEFAULT_LANGUAGE,
) -> FastAPI:
    """The service for `rules` (default: the bundled rules).

    `max_body` limits a request body, and each line of a batch, in bytes (default
    1 MiB): larger ones are refused with 413 before they are read. `case_tests` are
    what `GET /v1/audit` measures the rules against. `body_timeout` is how long a
    client may take to send a body, or a batch line, in seconds (default 30): a later
    one is answered with 408. `lang` is the language of replies to a request that
    names none of ours (by `?lang=` or `Accept-Language`).
    """
    rules = rules if rules is not None else load_rules()
    app = ServiceApp(
        title="maslihat",
        version=__version__,
        description=DESCRIPTION,
        docs_url=None,  # served by the web pages, from files in the package (no CDN)
        redoc_url=None,
    )
    app.state.service = Service(
        rules=rules,
        max_body=max_body or MAX_BODY,
        case_tests=tuple(case_tests),
        body_timeout=body_timeout or BODY_TIMEOUT,
        lang=lang,
    )
    app.include_router(router)
    web.install(app)
    for kind in HANDLED:
        app.add_exception_handler(kind, problem_response)
    app.add_middleware(Guard, fingerprint=rules.fingerprint)
    app.openapi()  # fail now, not on the first request for it
    return app
