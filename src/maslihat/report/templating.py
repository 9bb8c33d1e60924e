"""The one jinja2 environment every HTML page of the program is rendered through.

Pages (the case report, the audit report, the service's web page) share a base
layout, a style sheet and the words of `words.py`, so each is written once. The
environment escapes by default and fails on an undefined name, so a template that
asks for what it was not given fails a test rather than printing nothing.

Templates speak through gettext (`jinja2.ext.i18n`): `{% trans %}` and `_()` take
the program's catalogues (`maslihat.i18n.translator`), and `pybabel extract -F
babel.cfg` finds their messages as it finds the code's. One environment is built
per language, so two pages in two languages can render at once (the service renders
in threads) without swapping translations under each other's feet; the filters for
statuses, stages, events, days and numbers speak the environment's language.
"""

from __future__ import annotations

from functools import lru_cache, partial

from jinja2 import ChoiceLoader, Environment, PackageLoader, StrictUndefined, select_autoescape

from maslihat.i18n import (
    DEFAULT_LANGUAGE,
    Language,
    day,
    days_in,
    number,
    severity_words,
    stage_words,
    status_words,
    translator,
)
from maslihat.report.words import event_words

_HERE = "maslihat.report"


def _build(loader: PackageLoader | ChoiceLoader, lang: Language) -> Environment:
    env = Environment(
        loader=loader,
        autoescape=select_autoescape(("html", "htm", "xml", "svg", "j2")),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        extensions=["jinja2.ext.i18n"],
    )
    # Messages are written on one line in the catalogues however a template wraps them.
    env.policies["ext.i18n.trimmed"] = True
    # the i18n extension adds the method, which jinja2's types do not declare
    env.install_gettext_translations(translator(lang), newstyle=True)  # type: ignore[attr-defined]
    env.globals["lang"] = lang
    env.filters.update(
        status=partial(status_words, lang=lang),
        stage=partial(stage_words, lang=lang),
        severity=partial(severity_words, lang=lang),
        event=partial(event_words, lang=lang),
        day=partial(day, lang=lang),
        days=partial(days_in, lang=lang),
        number=partial(number, lang=lang),
    )
    return env


@lru_cache(maxsize=4)
def environment(lang: Language = DEFAULT_LANGUAGE) -> Environment:
    """The environment of the templates in `maslihat/report/templates/`, in `lang`."""
    return _build(PackageLoader(_HERE, "templates"), lang)


@lru_cache(maxsize=8)
def page_environment(
    package: str, folder: str = "templates", lang: Language = DEFAULT_LANGUAGE
) -> Environment:
    """An environment that finds `package`'s templates first, then the shared ones.

    So a page of another room (the web page of `maslihat.service.web`) can extend the
    shared `base.html` and include the shared style sheet.
    """
    loader = ChoiceLoader([PackageLoader(package, folder), PackageLoader(_HERE, "templates")])
    return _build(loader, lang)


def render(name: str, lang: Language = DEFAULT_LANGUAGE, **context: object) -> str:
    """Render the shared template `name` in `lang` with `context`."""
    return environment(lang).get_template(name).render(**context)
