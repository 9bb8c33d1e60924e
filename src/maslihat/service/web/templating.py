"""The pages' templates: one jinja2 environment, autoescaping, strict about missing names.

A name a template uses but the route does not give is an error, not an empty string,
so a renamed field fails the tests rather than leaving a blank on the page.
"""

from __future__ import annotations

from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

ENVIRONMENT = Environment(
    loader=PackageLoader("maslihat.service.web", "templates"),
    autoescape=select_autoescape(["html", "j2"]),
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)


def render(template: str, **context: Any) -> str:
    """The page `template` (a file in templates/) rendered with `context`."""
    return ENVIRONMENT.get_template(template).render(**context)
