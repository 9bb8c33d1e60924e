"""The public entry points: defaults, purity, streaming, and checks against the rules."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator

import pytest
from freezegun import freeze_time
from hypothesis import given, settings
from hypothesis import strategies as st

import maslihat

# Built at import time, outside any frozen clock (pydantic caches date parsing per model).
FROZEN_CASE = maslihat.Case.model_validate(
    {
        "maslihat": {"name": "M", "level": "region", "territory": "230000000", "seats": 31},
        "deputy": {
            "name": "D",
            "born": "2003-06-01",
            "citizenship": "KZ",
            "residence": "231010000",
        },
    }
)
# The package door imports its modules on first use, and the models build their
# validators on first use (`defer_build`); under a frozen clock `datetime.date` is
# freezegun's FakeDate, which pydantic cannot build a schema for. So every name of the
# door is imported, and a case evaluated with an explicit date, here, outside the
# clock: the tests below pass alone as well as in the whole suite.
for _name in maslihat.__all__:
    getattr(maslihat, _name)
maslihat.evaluate(FROZEN_CASE, as_of=dt.date(2023, 5, 31))


@freeze_time("2023-05-31")
def test_as_of_defaults_to_today() -> None:
    """Without as_of the engine evaluates as of today: here, one day before turning 20."""
    result = maslihat.evaluate(FROZEN_CASE)
    assert result.as_of == dt.date(2023, 5, 31)
    assert result.eligible is False


@freeze_time("2023-06-01")
def test_as_of_defaults_to_today_the_next_day() -> None:
    """The same case the next day: now aged 20 and eligible."""
    assert maslihat.evaluate(FROZEN_CASE).eligible is True


def test_unknown_ground_in_a_case_is_a_case_error(
    build: Callable[..., maslihat.Case], rules: maslihat.RuleSet
) -> None:
    """A submission of a ground the rules do not have is bad input, with its field path."""
    case = build({"date": "2022-01-01", "type": "commission_submission", "ground": "boredom"})
    with pytest.raises(maslihat.CaseError) as caught:
        maslihat.evaluate(case, as_of=dt.date(2022, 6, 1), rules=rules)
    assert caught.value.issues[0].field == "events[1].ground"
    assert "unknown ground 'boredom'" in caught.value.issues[0].message


def test_evaluate_many_streams(
    build: Callable[..., maslihat.Case], rules: maslihat.RuleSet
) -> None:
    """Results come one by one as cases are drawn, not after all are read."""
    drawn: list[int] = []

    def cases() -> Iterator[maslihat.Case]:
        for index in range(3):
            drawn.append(index)
            yield build()

    results = maslihat.evaluate_many(cases(), as_of=dt.date(2022, 1, 1), rules=rules)
    first = next(results)
    assert first.status == "active" and drawn == [0]
    assert len(list(results)) == 2 and drawn == [0, 1, 2]


def test_timeline_lists_each_step(
    build: Callable[..., maslihat.Case], rules: maslihat.RuleSet
) -> None:
    """The timeline shows status before and after each event and the deciding rule."""
    case = build({"date": "2022-02-01", "type": "resignation_filed"})
    steps = maslihat.timeline(case, as_of=dt.date(2022, 6, 1), rules=rules)
    assert [(s.before, s.after) for s in steps] == [
        ("candidate", "active"),
        ("active", "termination_pending"),
    ]
    assert steps[1].rule == "resignation@2001-01-23"


EVENT_STRATEGY = st.one_of(
    st.builds(
        lambda d: {"date": d, "type": "resignation_filed"},
        st.dates(dt.date(2021, 1, 1), dt.date(2023, 1, 1)),
    ),
    st.builds(
        lambda d, a: {"date": d, "type": "meeting", "body": "plenary", "attendance": a},
        st.dates(dt.date(2021, 1, 1), dt.date(2023, 1, 1)),
        st.sampled_from(["present", "excused", "unexcused"]),
    ),
    st.builds(
        lambda d, g, y, n: {
            "date": d,
            "type": "session_vote",
            "ground": g,
            "present": 30,
            "in_favour": y,
            "against": n,
        },
        st.dates(dt.date(2021, 1, 1), dt.date(2023, 1, 1)),
        st.sampled_from(["resignation", "systematic_failure"]),
        st.integers(0, 15),
        st.integers(0, 15),
    ),
    st.builds(
        lambda d, g: {"date": d, "type": "commission_submission", "ground": g},
        st.dates(dt.date(2021, 1, 1), dt.date(2023, 1, 1)),
        st.sampled_from(["resignation", "systematic_failure", "death"]),
    ),
)


@settings(max_examples=60, deadline=None)
@given(st.lists(EVENT_STRATEGY, max_size=12))
def test_evaluation_is_pure_and_never_crashes(
    rules: maslihat.RuleSet, events: list[dict[str, object]]
) -> None:
    """Any valid case evaluates without error, and twice to the same bytes."""
    data = {
        "maslihat": {"name": "M", "level": "region", "territory": "230000000", "seats": 31},
        "deputy": {
            "name": "D",
            "born": "1980-01-01",
            "citizenship": "KZ",
            "residence": "231010000",
        },
        "events": [{"date": "2021-01-12", "type": "registered"}, *events],
    }
    case = maslihat.Case.model_validate(json.loads(json.dumps(data, default=str)))
    first = maslihat.evaluate(case, as_of=dt.date(2023, 6, 1), rules=rules, explain=True)
    second = maslihat.evaluate(case, as_of=dt.date(2023, 6, 1), rules=rules, explain=True)
    assert first.model_dump_json() == second.model_dump_json()
    assert first.status in {"active", "termination_pending", "terminated"}
