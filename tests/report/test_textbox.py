"""Texts are measured to fit the pictures: Cyrillic counts wider, lines break between words."""

from __future__ import annotations

from maslihat.report.textbox import fit, text_width, wrap


def test_cyrillic_letters_count_wider_than_latin() -> None:
    """A Kazakh word takes more room than a Latin one of as many letters."""
    assert text_width("өкілеттік", 12) > text_width("authority", 12)
    assert text_width("", 12) == 0


def test_a_text_wraps_between_words_to_the_width() -> None:
    """Each line fits; no word is cut; a word wider than the width stands alone."""
    lines = wrap("Өкілеттігін мерзімінен бұрын тоқтату туралы шешім күтілуде", 134, 13)
    words = ["Өкілеттігін", "мерзімінен", "бұрын", "тоқтату", "туралы", "шешім", "күтілуде"]
    assert len(lines) > 1 and " ".join(lines).split() == words
    assert all(text_width(line, 13) <= 134 or " " not in line for line in lines)
    assert wrap("Termination pending", 134, 13) == ("Termination pending",)


def test_a_text_too_wide_is_cut_short() -> None:
    """What fits is kept as it is; what does not ends in an ellipsis, within the width."""
    assert fit("8 Resignation", 234, 12) == "8 Resignation"
    short = fit("8 Орнынан түсу туралы жеке өтініш, жазбаша түрде", 234, 12)
    assert short.endswith("…") and text_width(short, 12) <= 234
