"""How wide a text is drawn, and how it wraps to fit a width: for the SVG pictures.

SVG does not wrap text, so the pictures place their lines themselves. Kazakh and
Russian words are longer than English ones and Cyrillic letters wider than Latin, so
a box or a label sized for English has to be measured, not counted in letters. The
estimate is of a sans-serif face; it errs wide, so what it fits fits.
"""

from __future__ import annotations

CYRILLIC = 0x400
"""Letters from here on (Cyrillic, with Kazakh's) are counted wider than Latin ones."""


def text_width(text: str, size: float) -> float:
    """About how many pixels `text` takes at `size` px."""
    return sum(size * (0.7 if ord(char) >= CYRILLIC else 0.5) for char in text)


def wrap(text: str, width: float, size: float) -> tuple[str, ...]:
    """`text` in lines no wider than `width` at `size` px, broken between words (a word
    wider than the width stands on a line of its own)."""
    lines: list[str] = []
    for word in text.split():
        joined = f"{lines[-1]} {word}" if lines else word
        if lines and text_width(joined, size) <= width:
            lines[-1] = joined
        else:
            lines.append(word)
    return tuple(lines) or (text,)


def fit(text: str, width: float, size: float, end: str = "…") -> str:
    """`text`, cut short with `end` if it is wider than `width` at `size` px."""
    if text_width(text, size) <= width:
        return text
    while text and text_width(text + end, size) > width:
        text = text[:-1]
    return text.rstrip() + end
