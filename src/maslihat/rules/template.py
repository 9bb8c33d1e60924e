"""Message templates of the rule files: `${path}` placeholders filled with facts.

A module of its own, apart from the rule-file models, because the engine fills
templates on every finding and must not import those models to do so.
"""

from __future__ import annotations

import re
from string import Template

TEMPLATE_FIELD = re.compile(r"\$\{([a-z_][a-z0-9_]*(?:\.[a-z_][a-z0-9_]*)*)\}")
"""A `${path}` placeholder in a message template."""


class FactTemplate(Template):
    """A message template: `${path}` is a fact, `$$` a dollar sign, any other `$` a mistake."""

    idpattern = TEMPLATE_FIELD.pattern.removeprefix(r"\$\{(").removesuffix(r")\}")
    flags = re.ASCII
