"""A case test's mismatch: the English line as before, worded again in Russian and Kazakh."""

from __future__ import annotations

import pickle

from maslihat.audit.mismatches import Mismatch
from maslihat.wording import in_language


def test_the_english_line_is_what_it_always_was() -> None:
    """The line prints Python's own rendering of the values, as the f-strings did."""
    said = Mismatch("test_differs", field="mandate", expected={"ended": None}, got={"ended": "x"})
    assert said == "mandate: expected {'ended': None}, got {'ended': 'x'}"
    assert in_language(said, "en") == said


def test_statuses_stages_dates_and_booleans_are_worded_codes_are_not() -> None:
    """Statuses and stages read as words, dates as the language writes them, ids as codes."""
    status = Mismatch("test_differs", field="status", expected="active", got="terminated")
    assert status.in_language("ru") == (
        "status: ожидалось полномочия действуют, получено полномочия прекращены досрочно"
    )
    grounds = Mismatch(
        "test_differs",
        field="grounds",
        expected={"resignation": "submitted"},
        got={"resignation": "decided"},
    )
    assert grounds.in_language("kk") == (
        "grounds: күтілгені {'resignation': 'ұсыну енгізілді'}, "
        "алынғаны {'resignation': 'шешім қабылданды'}"
    )
    day = Mismatch("test_differs", field="grounds.x.arose", expected="2022-02-02", got=None)
    assert day.in_language("ru") == (
        "grounds.x.arose: ожидалось 2 февраля 2022\u202fг., получено пустое значение"  # noqa: RUF001
    )
    eligible = Mismatch("test_differs", field="eligible", expected=False, got=True)
    assert eligible.in_language("kk") == "eligible: күтілгені жоқ, алынғаны иә"
    steps = Mismatch("test_differs", field="next_steps", expected=["tec:submit:x"], got=[])
    assert steps.in_language("ru") == "next_steps: ожидалось ['tec:submit:x'], получено []"


def test_names_the_rules_lack_are_listed_in_words() -> None:
    """Unknown names: English keeps the list as it printed; another language lists words."""
    names = [Mismatch("test_unknown_ground", ground="'nope'")]
    said = Mismatch("test_unknown", names=names)
    assert said == "names what the rules lack: [\"ground 'nope'\"]"
    assert said.in_language("ru") == "называет то, чего нет в правилах: основание 'nope'"


def test_a_mismatch_pickles_as_itself() -> None:
    """A worker process can hand a mismatch back, able to be worded still."""
    said = Mismatch("test_differs", field="status", expected="active", got="expired")
    again = pickle.loads(pickle.dumps(said))
    assert isinstance(again, Mismatch) and again == said
    assert again.in_language("ru") == said.in_language("ru")
