"""The pages' routes: the workbench, the rules, the audit, the examples and the API docs.

`install(app)` adds them to the service: the routes, and the static files (the pages'
own script and style, and the Swagger UI and ReDoc files of `fastapi-offline`). The
examples are JSON endpoints in the OpenAPI document; the pages are not.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, FastAPI, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.openapi.docs import (
    get_redoc_html,
    get_swagger_ui_html,
    get_swagger_ui_oauth2_redirect_html,
)
from fastapi.staticfiles import StaticFiles
from starlette.responses import FileResponse, HTMLResponse, Response

from maslihat.audit.model import AuditReport
from maslihat.audit.render import html_page
from maslihat.engine.evaluate import today
from maslihat.i18n import (
    N_,
    Language,
    day,
    translator,
)
from maslihat.model.common import IsoDate
from maslihat.report.templating import page_environment
from maslihat.rules.listing import (
    BASIS_WORDS,
    HEADINGS,
    editions_in_force,
    history,
    in_force,
)
from maslihat.rules.loader import in_language
from maslihat.service.bodies import YAML
from maslihat.service.languages import language_headers
from maslihat.service.problems import ServiceError
from maslihat.service.routes import Current, Lang, Service, _problems
from maslihat.service.web.examples import Example, example_text, examples
from maslihat.service.web.history import chart
from maslihat.service.web.words import script_words

POLICY = (
    "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; worker-src 'self' blob:"
)
"""The pages' content security policy: nothing is loaded from elsewhere, even by a bundle
(ReDoc's shows its makers' logo from their CDN). Inline code is allowed because the API
docs pages FastAPI writes start Swagger UI from an inline script."""
STATIC = "/static"
DOCS_STATIC = "/static/api-docs"
KIND_NAMES = {
    "check": N_("Eligibility check"),
    "ground": N_("Ground"),
    "procedure": N_("Procedure"),
    "restriction": N_("Restriction"),
    "list_item": N_("List item"),
    "transition": N_("Lifecycle transition"),
}
LANGUAGE_NAMES: dict[Language, str] = {"kk": "Қазақша", "ru": "Русский", "en": "English"}
"""Each language named in itself, for the language switch (in its order)."""
Day = Annotated[
    IsoDate | None, Query(description="The day to look at, YYYY-MM-DD; default: today.")
]

api = APIRouter(tags=["examples"])
pages = APIRouter(include_in_schema=False)


@api.get("/v1/examples")
def list_examples() -> list[Example]:
    """The bundled example cases: each one's name and what it shows."""
    return examples()


@api.get(
    "/v1/examples/{name}",
    responses={
        200: {"content": {YAML: {}}, "description": "The case file, as shipped."},
        **_problems(404, 422),
    },
)
def get_example(name: str) -> Response:
    """The bundled example case `name`, as its YAML file holds it."""
    text = example_text(name)
    if text is None:
        raise ServiceError(404, "unknown-example", "No such example", f"no example {name!r}")
    return Response(text, media_type=YAML)


def _html(text: str) -> HTMLResponse:
    return _guarded(HTMLResponse(text))


def _guarded(page: HTMLResponse) -> HTMLResponse:
    page.headers["Content-Security-Policy"] = POLICY
    return page


class Links:
    """The page's links: each carries `?lang=` when the reader chose the language so.

    A language chosen by the switch (`?lang=`) stays as the reader goes from page to
    page; one that came from Accept-Language needs no parameter. The switch itself
    links to this very page in each language, with its other parameters kept.
    """

    def __init__(self, request: Request, lang: Language) -> None:
        self.chosen = "lang" in request.query_params
        self.lang = lang
        self._path = request.url.path
        self._query = {k: v for k, v in request.query_params.items() if k != "lang"}

    def __call__(self, path: str, **params: object) -> str:
        """`path` with `params` (those not None) and the language, if it was chosen."""
        query = {k: str(v) for k, v in params.items() if v is not None}
        if self.chosen:
            query["lang"] = self.lang
        return f"{path}?{urlencode(query)}" if query else path

    def languages(self) -> list[tuple[Language, str, str]]:
        """(code, name, link) of each language: this page, in that language."""
        return [
            (code, LANGUAGE_NAMES[code], f"{self._path}?{urlencode({**self._query, 'lang': code})}")
            for code in LANGUAGE_NAMES
        ]


def _page(
    service: Service, request: Request, lang: Language, template: str, **context: object
) -> HTMLResponse:
    """A page in `lang`; its header links to the audit only when there are case tests.

    The pages are rendered through the one environment of the program's pages, which
    finds this package's templates first.
    """
    env = page_environment("maslihat.service.web", lang=lang)
    text = env.get_template(template).render(
        audit=bool(service.case_tests), link=Links(request, lang), **context
    )
    page = _html(text)
    page.headers.update(language_headers(lang))
    return page


@pages.get("/")
def workbench(service: Current, request: Request, lang: Lang) -> HTMLResponse:
    """The workbench: a case editor, its result and its picture, as you type."""
    return _page(
        service,
        request,
        lang,
        "workbench.html.j2",
        title=translator(lang).gettext("Workbench"),
        as_of=today(),
        examples=examples(),
        words=script_words(lang),
    )


@pages.get("/rules")
def rules_page(service: Current, request: Request, lang: Lang, as_of: Day = None) -> HTMLResponse:
    """The rule versions in force on a day, by kind, each with its citation."""
    on = as_of or today()
    rules = in_language(service.rules, lang)
    listed = in_force(rules, on)
    _ = translator(lang).gettext
    groups = {
        _(heading): [v for v in listed if v.kind == kind] for kind, heading in HEADINGS.items()
    }
    return _page(
        service,
        request,
        lang,
        "rules.html.j2",
        title=_("Rules in force on {date}").format(date=day(on, lang)),
        as_of=on,
        groups={heading: items for heading, items in groups.items() if items},
        editions=editions_in_force(rules, on),
        fingerprint=rules.fingerprint,
        basis=BASIS_WORDS,
    )


@pages.get("/rules/{rule_id}")
def rule_page(
    rule_id: str, service: Current, request: Request, lang: Lang, as_of: Day = None
) -> HTMLResponse:
    """Every version of one rule over time, as bars, with each version's text and citation."""
    versions = history(in_language(service.rules, lang), rule_id)
    if not versions:
        raise ServiceError(404, "unknown-rule", "No such rule", f"no rule called {rule_id!r}")
    return _page(
        service,
        request,
        lang,
        "rule.html.j2",
        title=translator(lang).gettext("Rule {rule}").format(rule=rule_id),
        rule_id=rule_id,
        name=next((v.title for v in versions if v.title), None),
        as_of=as_of,
        chart=chart(versions, today(), as_of),
        kinds=KIND_NAMES,
        basis=BASIS_WORDS,
        several_kinds=len({v.kind for v in versions}) > 1,
    )


@pages.get("/favicon.ico")
def favicon() -> FileResponse:
    """The icon browsers ask for on pages that name none (the audit page, a report)."""
    return FileResponse(Path(__file__).parent / "static" / "icon.svg", media_type="image/svg+xml")


def _audit_html(service: Service, lang: Language) -> str:
    report = AuditReport.model_validate_json(service.audit_json())
    return html_page(report, service.rules, lang)


@pages.get("/audit")
async def audit_page(service: Current, lang: Lang) -> HTMLResponse:
    """The audit report as a page: the rules measured against the service's case tests."""
    page = _html(await run_in_threadpool(_audit_html, service, lang))
    page.headers.update(language_headers(lang))
    return page


def _docs_routes(app: FastAPI) -> APIRouter:
    """Swagger UI at /docs and ReDoc at /redoc, from files served here (no CDN)."""
    docs = APIRouter(include_in_schema=False)
    openapi_url = app.openapi_url or "/openapi.json"
    redirect = app.swagger_ui_oauth2_redirect_url or "/docs/oauth2-redirect"

    @docs.get("/docs")
    async def swagger_ui() -> HTMLResponse:
        return _guarded(
            get_swagger_ui_html(
                openapi_url=openapi_url,
                title=f"{app.title} - Swagger UI",
                oauth2_redirect_url=redirect,
                swagger_js_url=f"{DOCS_STATIC}/swagger-ui-bundle.js",
                swagger_css_url=f"{DOCS_STATIC}/swagger-ui.css",
                swagger_favicon_url=f"{DOCS_STATIC}/favicon.png",
            )
        )

    @docs.get(redirect)
    async def swagger_ui_redirect() -> HTMLResponse:
        return _guarded(get_swagger_ui_oauth2_redirect_html())

    @docs.get("/redoc")
    async def redoc() -> HTMLResponse:
        return _guarded(
            get_redoc_html(
                openapi_url=openapi_url,
                title=f"{app.title} - ReDoc",
                redoc_js_url=f"{DOCS_STATIC}/redoc.standalone.js",
                redoc_favicon_url=f"{DOCS_STATIC}/favicon.png",
                with_google_fonts=False,
            )
        )

    return docs


def install(app: FastAPI) -> None:
    """Add the pages, the example endpoints and the self-hosted API docs to `app`.

    The app must be built with `docs_url=None, redoc_url=None`, so that FastAPI's own
    docs pages, which load Swagger UI from a CDN, are not there to shadow these.
    """
    app.include_router(api)
    app.include_router(pages)
    app.include_router(_docs_routes(app))
    offline = Path(str(resources.files("fastapi_offline"))) / "static"
    app.mount(DOCS_STATIC, StaticFiles(directory=offline), name="api-docs")
    here = Path(__file__).parent / "static"
    app.mount(STATIC, StaticFiles(directory=here), name="static")
