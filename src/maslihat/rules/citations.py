"""Citations in each language, built from their parts.

A rule file cites in English (`Law 148-II, art. 20(3)(6), as amended by Law 227-V`):
that is the form the rule author writes and every English output shows. The Russian
and Kazakh forms are not translations of that string but the same parts (act,
article, paragraph, subparagraph, the amending act) set in the form the official
texts use: «Закон РК № 148-II, ст. 20, п. 3, пп. 6)» and «ҚР № 148-II Заңы, 20-бап,
3-тармақ, 6) тармақша». A citation that does not parse, or whose parts do not give
back the English exactly, is refused when the rules load. The acts' names in each
language are data (the `acts:` section of rules/terms.yaml); the grammar of a
reference (ст., п., пп.; бап, тармақ, тармақша) is the language's, so it is here.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from maslihat.rules.languages import Language, Texts
from maslihat.wording import say

_NUMBER = r"\d+(?:-\d+)?"
_LOC = re.compile(
    rf"(?P<art>{_NUMBER})(?:\((?P<p>{_NUMBER})\)(?:-\((?P<p2>{_NUMBER})\))?)?"
    rf"(?:\((?P<sp>{_NUMBER})\))?"
)
_QUALIFIERS = {
    "before": re.compile(r" \(before Law (?P<act>[0-9]+-[IVX]+)\)$"),
    "amended": re.compile(r", as amended by Law (?P<act>[0-9]+-[IVX]+)$"),
    "chapter": re.compile(r" \(chapter (?P<act>" + _NUMBER + r")\)$"),
}

Names = Mapping[str, Texts]
"""The acts a rule set cites (as `Law 148-II`), each named in every language (acts:)."""

_QUALIFIER_FORMS: dict[str, dict[Language, str]] = {
    "before": {
        "en": " (before Law {act})",
        "ru": " (до Закона РК № {act})",
        "kk": " (ҚР № {act} Заңына дейін)",
    },
    "amended": {
        "en": ", as amended by Law {act}",
        "ru": ", в редакции Закона РК № {act}",
        "kk": ", ҚР № {act} Заңының редакциясында",
    },
    "chapter": {"en": " (chapter {act})", "ru": " (глава {act})", "kk": " ({act}-тарау)"},
}


@dataclass(frozen=True, slots=True)
class Locus:
    """An article, and optionally a paragraph (or a range of them) and a subparagraph."""

    article: str
    paragraph: str | None = None
    last_paragraph: str | None = None
    subparagraph: str | None = None

    def text(self, lang: Language) -> str:
        """This place in the law, in the form of `lang`'s official texts."""
        p, p2, sp = self.paragraph, self.last_paragraph, self.subparagraph
        if lang == "en":
            out = self.article + (f"({p})" if p else "") + (f"-({p2})" if p2 else "")
            return out + (f"({sp})" if sp else "")
        if lang == "ru":
            parts = [f"ст. {self.article}"]
            parts += [f"п. {p}–{p2}" if p2 else f"п. {p}"] if p else []
            return ", ".join(parts + ([f"пп. {sp})"] if sp else []))
        parts = [f"{self.article}-бап"]
        parts += [f"{p}–{p2}-тармақтар" if p2 else f"{p}-тармақ"] if p else []
        return ", ".join(parts + ([f"{sp}) тармақша"] if sp else []))


@dataclass(frozen=True, slots=True)
class Reference:
    """Places in one act, and what edition of them is meant."""

    act: str
    loci: tuple[Locus, ...]
    qualifier: tuple[str, str] | None = None

    def text(self, lang: Language, names: Names) -> str:
        """The reference in the form of `lang`'s official texts."""
        if lang == "en":
            out = f"{self.act}, art. " + ", ".join(x.text(lang) for x in self.loci)
        else:
            out = f"{names[self.act][lang]}, " + "; ".join(x.text(lang) for x in self.loci)
        if self.qualifier:
            kind, act = self.qualifier
            out += _QUALIFIER_FORMS[kind][lang].format(act=act)
        return out


@dataclass(frozen=True, slots=True)
class Citation:
    """A citation: one or more references, `; ` between them."""

    references: tuple[Reference, ...]

    def text(self, lang: Language, names: Names) -> str:
        """The citation in the form of `lang`'s official texts."""
        return "; ".join(ref.text(lang, names) for ref in self.references)


def _reference(written: str, names: Names) -> Reference:
    qualifier = None
    for kind, pattern in _QUALIFIERS.items():
        if found := pattern.search(written):
            qualifier = (kind, found["act"])
            written = written[: found.start()]
            break
    act, sep, places = written.partition(", art. ")
    if act not in names or not sep:
        known = "; ".join(names)
        raise ValueError(say("cite_act", known=known))
    loci = []
    for place in places.split(", "):
        found = _LOC.fullmatch(place)
        if found is None:
            raise ValueError(say("not_article", place=repr(place)))
        loci.append(Locus(found["art"], found["p"], found["p2"], found["sp"]))
    return Reference(act, tuple(loci), qualifier)


def parse_citation(written: str, names: Names) -> Citation:
    """The parts of an English citation; `ValueError` when they do not give it back."""
    citation = Citation(tuple(_reference(part, names) for part in written.split("; ")))
    if citation.text("en", names) != written:
        raise ValueError(say("reads_back", text=repr(citation.text("en", names))))
    return citation
