"""Which language a request is answered in, and how the reply says so: one rule for all.

`?lang=` if it names one of ours, else the best of `Accept-Language`, else the
service's own language (English unless `maslihat serve --lang` says otherwise).
The endpoints read it as a dependency and the error handlers read it from the request
itself (a problem may be answered before any endpoint ran), so both ask this module,
and a result and a problem about the same request are in the same language.
"""

from __future__ import annotations

from starlette.requests import Request

from maslihat.i18n import DEFAULT_LANGUAGE, LANGUAGES, Language, language, negotiate


def request_language(request: Request) -> Language:
    """`?lang=` if it is one of ours, else the best of `Accept-Language`, else the service's."""
    asked = request.query_params.get("lang")
    if asked in LANGUAGES:
        return language(asked)
    app = request.scope.get("app")  # absent only for a request made by hand (tests)
    service = getattr(getattr(app, "state", None), "service", None)
    default = getattr(service, "lang", DEFAULT_LANGUAGE)
    return negotiate(request.headers.get("accept-language"), default)


def language_headers(lang: Language) -> dict[str, str]:
    """The reply says its language, and that it varies with the request's."""
    return {"Content-Language": lang, "Vary": "Accept-Language"}
