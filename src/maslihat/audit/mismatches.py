"""How a case test's result differs from what it expects, worded in any language.

`maslihat test`, the pytest plugin, the audit report and `--amend` all show the same
lines (`status: expected active, got terminated`), and the report's JSON keeps them as
they are. So a mismatch is that English line, a string, as it always was; it also
keeps what it is made of (a message and its fields), so that the command line can
word it again in `--lang`: the message from the catalogue, statuses and stages as
people read them (`status_words`, `stage_words`), yes and no as words, dates as the
language writes them; field names, ids and codes stay as they are.
"""

from __future__ import annotations

from typing import Any

from maslihat.errors import InputError
from maslihat.i18n import (
    N_,
    Language,
    days_in,
    language,
    severity_words,
    stage_words,
    status_words,
    translator,
)
from maslihat.wording import Said

_WORDS = {"status": status_words, "stage": stage_words, "severity": severity_words}
"""The keys whose values are words a person reads, not codes."""


class Mismatch(Said):
    """One way a result differs from its case test: the English line, and its parts.

    A `Said` (the messages are `wording`'s `test_*`) whose fields are kept as the
    result's JSON has them, mappings and lists too, so each is worded by its key."""

    @staticmethod
    def kept(value: Any) -> Any:
        """Every field as it is: `expected {'began': '2021-01-12'}` prints as before."""
        return value

    def field_in(self, name: str, value: Any, lang: str) -> Any:
        """`expected` and `got` as `lang` reads them; the field's name stays a code."""
        if name == "field":
            return value
        key = str(self.fields.get("field", "")).split(".")[-1]
        return _worded(value, key, language(lang))


def _worded(value: Any, key: str, lang: Language) -> Any:
    """`value` (found under `key`) as `lang` reads it, in the shape it came in."""
    if isinstance(value, Said):
        return value.in_language(lang)
    if isinstance(value, InputError):
        return value.summary(lang)
    if isinstance(value, bool):
        return translator(lang).gettext(N_("yes") if value else N_("no"))
    if value is None:
        return translator(lang).gettext(N_("nothing"))
    if isinstance(value, dict):
        inner = "stage" if key == "grounds" else None  # a ground id to its stage
        pairs = (f"{k!r}: {_quoted(_worded(v, inner or k, lang))}" for k, v in value.items())
        return "{" + ", ".join(pairs) + "}"
    if isinstance(value, list):
        items = [_worded(item, key, lang) for item in value]
        if value and all(isinstance(item, Said) for item in value):
            return ", ".join(items)
        return "[" + ", ".join(_quoted(item) for item in items) + "]"
    if isinstance(value, str):
        words = _WORDS.get(key)
        return words(value, lang) if words else days_in(value, lang)
    return value


def _quoted(word: Any) -> str:
    """A word inside a mapping or a list, quoted as English shows it, but never escaped
    (a date's narrow no-break space stays a space, not `\\u202f`)."""
    return f"'{word}'" if isinstance(word, str) and not word.startswith(("{", "[")) else str(word)
