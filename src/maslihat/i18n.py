"""The program's own words in each language: gettext catalogues, dates and numbers by Babel.

The law's texts (titles, messages, citations) come with the rules, in every language
(rules/languages.py). What the program itself says, labels, headings and summary
lines of the CLI and the HTTP service, is in gettext message catalogues:
`maslihat/locales/<lang>/LC_MESSAGES/maslihat.po`, written and checked with Babel.
The `.po` file is the only copy: it is compiled in memory the first time a language
is used (a few milliseconds), so a fresh clone, an editable install and a wheel all
read the same catalogue and no compiled `.mo` can go stale.

Anything that renders for people (cli/, service/, the pages to come) asks for
`translator(lang)` and formats dates and numbers with `day()` and `number()`. English
is the source language: its catalogue is the messages themselves, and its dates stay
ISO, so English output is what it was before languages existed.
"""

from __future__ import annotations

import datetime as dt
import gettext as _gettext
import io
import re
from collections.abc import Mapping
from functools import lru_cache
from importlib import resources
from pathlib import Path

from maslihat.rules.languages import DEFAULT_LANGUAGE, LANGUAGES, Language, language
from maslihat.wording import N_

__all__ = [
    "DEFAULT_LANGUAGE",
    "LANGUAGES",
    "N_",
    "Language",
    "catalogue_path",
    "day",
    "days_in",
    "language",
    "negotiate",
    "number",
    "severity_words",
    "stage_words",
    "status_words",
    "translator",
    "worded",
]

DOMAIN = "maslihat"

STATUS_WORDS = {
    "candidate": N_("candidate"),
    "active": N_("active"),
    "termination_pending": N_("termination pending"),
    "terminated": N_("terminated"),
    "expired": N_("expired"),
}
STAGE_WORDS = {
    "arisen": N_("arisen"),
    "submitted": N_("submitted"),
    "vote_failed": N_("vote failed"),
    "decided": N_("decided"),
    "automatic": N_("automatic"),
    "recorded": N_("recorded"),
}
SEVERITY_WORDS = {
    "violation": N_("violation"),
    "warning": N_("warning"),
    "info": N_("info"),
}
"""The words for statuses, stages and findings' severities: every output a person reads
(the command line, the pages) names them through `status_words`, `stage_words` and
`severity_words`, so each has one spelling in each language; JSON keeps the ids."""


def worded(
    table: Mapping[str, str], code: str, lang: Language, otherwise: str | None = None
) -> str:
    """The words `table` gives `code`, in `lang`; `otherwise` (else the code) if none.

    Every table of words for a contract's codes (statuses, stages, event types, kinds
    of difference) is read through this one lookup.
    """
    words = table.get(code)
    if words is None:
        return code if otherwise is None else otherwise
    return translator(lang).gettext(words)


def status_words(status: str, lang: Language = DEFAULT_LANGUAGE) -> str:
    """A status as a person reads it: `termination pending`."""
    return worded(STATUS_WORDS, status, lang)


def stage_words(stage: str, lang: Language = DEFAULT_LANGUAGE) -> str:
    """A ground's stage as a person reads it: `vote failed`."""
    return worded(STAGE_WORDS, stage, lang)


def severity_words(severity: str, lang: Language = DEFAULT_LANGUAGE) -> str:
    """A finding's severity as a person reads it: `violation`."""
    return worded(SEVERITY_WORDS, severity, lang)


_ISO_DAY = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")


def catalogue_path(lang: Language) -> Path:
    """The `.po` catalogue of `lang` (English has none: it is the source language)."""
    return Path(str(resources.files("maslihat"))) / "locales" / lang / "LC_MESSAGES" / "maslihat.po"


@lru_cache(maxsize=len(LANGUAGES))
def translator(lang: Language) -> _gettext.NullTranslations:
    """The program's messages in `lang`: `.gettext(msg)`, `.ngettext(one, many, n)`."""
    if lang == DEFAULT_LANGUAGE:
        return _gettext.NullTranslations()
    # Babel only for another language: English output never pays for importing it.
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po
    from babel.support import Translations

    with catalogue_path(lang).open("rb") as po:
        catalogue = read_po(po, locale=lang, domain=DOMAIN)
    compiled = io.BytesIO()
    write_mo(compiled, catalogue)
    compiled.seek(0)
    return Translations(compiled, domain=DOMAIN)


def day(value: dt.date | None, lang: Language) -> str:
    """A date as a person reads it in `lang` (English: ISO, as before languages)."""
    if value is None:
        return ""
    if lang == DEFAULT_LANGUAGE:
        return value.isoformat()
    from babel.dates import format_date

    return format_date(value, format="long", locale=lang)


def days_in(text: str, lang: Language) -> str:
    """`text` with every ISO date in it written as `day()` writes it (messages of the law)."""
    if lang == DEFAULT_LANGUAGE:
        return text

    def one(found: re.Match[str]) -> str:
        try:
            return day(dt.date(int(found[1]), int(found[2]), int(found[3])), lang)
        except ValueError:
            return found[0]

    return _ISO_DAY.sub(one, text)


def number(value: float, lang: Language) -> str:
    """A number as `lang` writes it (digit groups, decimal sign): `1 234`, `97,3`."""
    if lang == DEFAULT_LANGUAGE:
        return str(value)
    from babel.numbers import format_decimal

    return format_decimal(value, locale=lang)


def negotiate(accept_language: str | None, default: Language = DEFAULT_LANGUAGE) -> Language:
    """The language of ours a client prefers most, from an `Accept-Language` header.

    Tags are weighed by their `q`; a regional tag (`ru-KZ`) counts for its language;
    nothing we have: `default`.
    """
    weighed: list[tuple[float, int, str]] = []
    for index, part in enumerate((accept_language or "").split(",")):
        tag, _, params = part.strip().partition(";")
        q = 1.0
        for param in params.split(";"):
            name, _, value = param.strip().partition("=")
            if name.strip() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        if tag and q > 0:
            weighed.append((-q, index, tag.strip()))
    for _, _, tag in sorted(weighed):
        primary = tag.replace("_", "-").split("-")[0].lower()
        if primary in LANGUAGES:
            return language(primary)
    return default
