"""The languages the law's texts are written in, and the shape of a text in all of them.

The law of Kazakhstan is official in Kazakh and Russian; English is our courtesy
translation and the default, so that outputs made before languages existed stay as
they were. A rule file gives every text a person reads in all three languages
(`title: {en: ..., ru: ..., kk: ...}`): a missing language is a load-time error at
the text's line and column, never a silent fall back to English.
"""

from __future__ import annotations

from typing import Any, Literal, get_args

from pydantic import Field, StrictStr, model_validator

from maslihat.model.common import Frozen
from maslihat.wording import say

Language = Literal["en", "ru", "kk"]
LANGUAGES: tuple[Language, ...] = get_args(Language)
DEFAULT_LANGUAGE: Language = "en"


def language(value: str | None) -> Language:
    """`value` as a language code (`None` or empty: the default); `ValueError` if unknown."""
    if not value:
        return DEFAULT_LANGUAGE
    code = value.strip().lower()
    for known in LANGUAGES:
        if code == known:
            return known
    raise ValueError(f"unknown language {value!r}; known: {', '.join(LANGUAGES)}")


class Texts(Frozen):
    """One text in each language; the Russian and Kazakh use the terms of the official texts."""

    en: StrictStr = Field(description="English (our translation; the default).")
    ru: StrictStr = Field(description="Russian, in the terms of the law's Russian text.")
    kk: StrictStr = Field(description="Kazakh, in the terms of the law's Kazakh text.")

    @model_validator(mode="before")
    @classmethod
    def _in_every_language(cls, value: Any) -> Any:
        if isinstance(value, str):
            raise ValueError(say("every_language"))
        return value

    def __getitem__(self, lang: Language) -> str:
        text: str = getattr(self, lang)
        return text

    def items(self) -> list[tuple[Language, str]]:
        """Each language with its text, English first."""
        return [(lang, self[lang]) for lang in LANGUAGES]


class Act(Frozen):
    """An act the rules cite, as citations write it (`Law 148-II`), named in each language."""

    id: StrictStr = Field(description="How citations name the act in English: `Law 148-II`.")
    name: Texts = Field(description="Its name in citations, as its official texts name it.")


class Term(Frozen):
    """A term of the law as its official texts word it, and where it was read."""

    id: StrictStr
    en: StrictStr
    ru: StrictStr = Field(description="As the Russian text (rus.md) has it.")
    kk: StrictStr = Field(description="As the Kazakh text (kaz.md) has it.")
    where: StrictStr = Field(description="The provision and editions it was read in.")
