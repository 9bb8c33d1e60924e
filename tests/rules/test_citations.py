"""Citations are set in Russian and Kazakh from the parts of the English one, or refused."""

from __future__ import annotations

import pytest

from maslihat.rules.citations import parse_citation
from maslihat.rules.languages import Texts

NAMES = {
    "Law 148-II": Texts(en="Law 148-II", ru="Закон РК № 148-II", kk="ҚР № 148-II Заңы"),
    "Constitution (1995)": Texts(
        en="Constitution (1995)", ru="Конституция РК (1995)", kk="ҚР Конституциясы (1995)"
    ),
}


@pytest.mark.parametrize(
    ("written", "ru", "kk"),
    [
        (
            "Law 148-II, art. 20(3)(6)",
            "Закон РК № 148-II, ст. 20, п. 3, пп. 6)",
            "ҚР № 148-II Заңы, 20-бап, 3-тармақ, 6) тармақша",
        ),
        (
            "Law 148-II, art. 20(3)(3-1), 20(4-1), as amended by Law 163-VI",
            "Закон РК № 148-II, ст. 20, п. 3, пп. 3-1); ст. 20, п. 4-1, "
            "в редакции Закона РК № 163-VI",
            "ҚР № 148-II Заңы, 20-бап, 3-тармақ, 3-1) тармақша; 20-бап, 4-1-тармақ, "
            "ҚР № 163-VI Заңының редакциясында",
        ),
        (
            "Law 148-II, art. 20(3)(2) (before Law 383-IV)",
            "Закон РК № 148-II, ст. 20, п. 3, пп. 2) (до Закона РК № 383-IV)",
            "ҚР № 148-II Заңы, 20-бап, 3-тармақ, 2) тармақша (ҚР № 383-IV Заңына дейін)",
        ),
        (
            "Constitution (1995), art. 52(3); Law 148-II, art. 20(3)(1)",
            "Конституция РК (1995), ст. 52, п. 3; Закон РК № 148-II, ст. 20, п. 3, пп. 1)",
            "ҚР Конституциясы (1995), 52-бап, 3-тармақ; ҚР № 148-II Заңы, 20-бап, 3-тармақ, "
            "1) тармақша",
        ),
        (
            "Law 148-II, art. 113-16(4)-(6)",
            "Закон РК № 148-II, ст. 113-16, п. 4–6",
            "ҚР № 148-II Заңы, 113-16-бап, 4–6-тармақтар",
        ),
    ],
)
def test_citation_in_each_language(written: str, ru: str, kk: str) -> None:
    """The parts give back the English exactly, and the official forms in ru and kk."""
    citation = parse_citation(written, NAMES)
    assert citation.text("en", NAMES) == written
    assert citation.text("ru", NAMES) == ru
    assert citation.text("kk", NAMES) == kk


@pytest.mark.parametrize(
    "written",
    [
        "Law 99-I, art. 7",  # an act the rules do not name
        "Law 148-II, §20",  # not `art.`
        "Law 148-II, art. 20 (3)",  # a space the grammar does not have
        "Law 148-II, art. 20(3), as amended in 2023",  # not `by Law X`
    ],
)
def test_a_citation_outside_the_grammar_is_refused(written: str) -> None:
    """A citation whose parts cannot be read, or do not give it back, is a ValueError."""
    with pytest.raises(ValueError, match=r"cite an act|is not an article|reads back"):
        parse_citation(written, NAMES)
