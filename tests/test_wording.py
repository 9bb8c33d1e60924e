"""The message catalogue: every template fills in, suggestions are close, days are named."""

from __future__ import annotations

import errno
import pickle
import string
from pathlib import Path

import pytest

from maslihat.wording import (
    MESSAGES,
    Said,
    closest,
    described,
    in_language,
    no_such_day,
    os_reason,
    say,
    say_in,
    unknown_name,
)

KINDS = ("key", "tag", "value", "ground", "item")
"""The kinds `unknown_name` is called with."""


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_every_template_fills_in_from_its_named_fields(key: str) -> None:
    """Each template names its fields (no positional `{}`), and `say` fills them all."""
    names = [name for _, name, _, _ in string.Formatter().parse(MESSAGES[key]) if name is not None]
    assert all(name.isidentifier() for name in names), (key, names)
    filled = say(key, **dict.fromkeys(names, "X"))
    assert filled.count("{") == MESSAGES[key].count("{{")  # only the escaped braces are left


def test_closest_suggests_a_near_spelling_or_a_unique_longer_name() -> None:
    """`residence_change` is near `residence_changed`; `negligent` starts only one name."""
    assert closest("residence_change", ["residence_changed", "death"]) == "residence_changed"
    assert closest("in_favor", ["in_favour", "against", "present"]) == "in_favour"
    choices = ["crime", "intentional_misdemeanour", "negligent_misdemeanour"]
    assert closest("negligent", choices) == "negligent_misdemeanour"
    assert (
        closest("city", ["city_of_republican_significance", "city_of_regional_significance"])
        is None
    )
    assert closest("retirement", ["death", "resignation", "conviction"]) is None


def test_an_unknown_name_gets_a_suggestion_or_the_list() -> None:
    """A close name is suggested alone; otherwise every allowed name is listed."""
    assert unknown_name("ground", "resignaton", ["resignation", "death"]) == (
        "unknown ground 'resignaton'; did you mean 'resignation'?"
    )
    assert unknown_name("ground", "retirement", ["resignation", "death"]) == (
        "unknown ground 'retirement'; the grounds are: 'resignation', 'death'"
    )


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("2024-02-30", "February 2024 has 29 days"),
        ("2023-02-29", "February 2023 has 28 days"),
        ("2021-04-31", "April 2021 has 30 days"),
        ("2021-13-01", "there is no month 13"),
        ("2021-01-00", "days are numbered from 01"),
        ("0000-01-01", "years are numbered from 0001"),
        ("2024-02-29", None),
        ("2024-2-29", None),
    ],
)
def test_no_such_day_says_why(text: str, reason: str | None) -> None:
    """A YYYY-MM-DD that names no day says why; a real day or another form, None."""
    assert no_such_day(text) == reason


def test_values_are_described_as_written() -> None:
    """A value is shown as a person wrote it, with what YAML read it as."""
    assert described(True) == "true (a boolean)"
    assert described("no") == '"no" (text)'
    assert described(31.0) == "31.0 (a decimal number)"
    assert described(1985) == "1985 (a number)"
    assert described(None) == "nothing"
    assert described("x" * 50) == '"' + "x" * 30 + '…" (text)'


def test_every_template_is_used() -> None:
    """No template is dead: each id is named in the code (or built: `unknown_<kind>`, months)."""
    package = Path(__file__).resolve().parents[1] / "src" / "maslihat"
    text = "".join(p.read_text(encoding="utf-8") for p in package.rglob("*.py"))
    catalogue = (package / "wording.py").read_text(encoding="utf-8")
    code = text.replace(catalogue.split('"""Message id to template')[0], "")
    kinds = {f"unknown_{kind}{end}" for kind in KINDS for end in ("", "_close")}
    kinds |= {f"month_{month}" for month in range(1, 13)}  # named as `no_such_day` builds them
    assert [key for key in MESSAGES if f'"{key}"' not in code and key not in kinds] == []


def test_a_said_message_is_its_english_text_and_can_be_worded_again() -> None:
    """`say` gives the English text, byte for byte, that remembers its id and fields."""
    said = say("did_you_mean", message=say("unknown_key_close", key="nam"), suggestion="name")
    assert isinstance(said, Said) and said == "unknown key 'nam'; did you mean 'name'?"
    assert type(str(said)) is str and said.in_language("en") == said
    assert said.key == "did_you_mean" and said.fields["suggestion"] == "name"


def test_a_nested_message_is_worded_in_one_language() -> None:
    """A field that is itself said (a month, a described value) follows the language."""
    reason = no_such_day("2021-02-30")
    assert isinstance(reason, Said)
    assert reason.in_language("ru") == "февраль 2021 года заканчивается 28-м числом"
    assert reason.in_language("kk") == "2021 жылғы ақпан айында 28 күн бар"  # noqa: RUF001
    found = say("integer_expected", found=described("31"))
    assert found.in_language("kk") == 'бүтін сан күтілген, табылғаны: "31" (мәтін)'


def test_in_language_leaves_other_text_as_it_is() -> None:
    """Text that no template made (a name, the system's words) is shown as it is."""
    assert in_language("Atyrau", "kk") == "Atyrau"
    assert say_in("ru", "and_more", first="x", more=2) == "x (и ещё 2)"


def test_a_said_message_pickles_with_its_id_and_fields() -> None:
    """A worker process hands messages to its parent: they arrive still translatable."""
    said = say("month_days", month=say("month_2"), year=2021, days=28)
    back = pickle.loads(pickle.dumps(said))
    assert back == said and isinstance(back, Said) and isinstance(back.fields["month"], Said)
    assert back.in_language("ru") == said.in_language("ru")


def test_the_systems_reasons_are_ours_only_when_the_system_says_them_so() -> None:
    """A missing file is worded by the catalogue (translatable); other reasons stay."""
    missing = os_reason(FileNotFoundError(errno.ENOENT, "No such file or directory"))
    assert (
        isinstance(missing, Said) and missing.in_language("ru") == "нет такого файла или каталога"
    )
    other = os_reason(FileNotFoundError(errno.ENOENT, "Datei nicht gefunden"))
    assert other == "Datei nicht gefunden" and not isinstance(other, Said)
