"""The one jinja2 environment every HTML page of the program is rendered through.

Pages (the case report, the audit report, the service's web page) share a base
layout, a style sheet and the words of `words.py`, so each is written once. The
environment escapes by default and fails on an undefined name, so a template that
asks for what it was not given fails a test rather than printing nothing.
"""

from __future__ import annotations

from functools import lru_cache

from jinja2 import ChoiceLoader, Environment, PackageLoader, StrictUndefined, select_autoescape

from maslihat.i18n import stage_words, status_words
from maslihat.report.words import event_words

_HERE = "maslihat.report"


def _build(loader: PackageLoader | ChoiceLoader) -> Environment:
    env = Environment(
        loader=loader,
        autoescape=select_autoescape(("html", "htm", "xml", "svg", "j2")),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(status=status_words, stage=stage_words, event=event_words)
    return env


@lru_cache(maxsize=1)
def environment() -> Environment:
    """The environment of the templates in `maslihat/report/templates/`."""
    return _build(PackageLoader(_HERE, "templates"))


@lru_cache(maxsize=8)
def page_environment(package: str, folder: str = "templates") -> Environment:
    """An environment that finds `package`'s templates first, then the shared ones.

    So a page of another room (the web page of `maslihat.service.web`) can extend the
    shared `base.html` and include the shared style sheet.
    """
    return _build(ChoiceLoader([PackageLoader(package, folder), PackageLoader(_HERE, "templates")]))


def render(name: str, **context: object) -> str:
    """Render the shared template `name` with `context`."""
    return environment().get_template(name).render(**context)
