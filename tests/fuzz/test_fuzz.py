"""Never a traceback, never a wrong-looking answer: properties over generated input.

Each property feeds one layer (the reader, the case model, the engine, the rule
compiler, the HTTP app) input no person would write on purpose, and asserts that the
only failures are our own located errors and that every result keeps the invariants a
reader relies on. `make test` runs a bounded, derandomised sample; `make fuzz` runs
100,000 inputs (see conftest.py).
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import httpx
from hypothesis import given
from hypothesis import strategies as st
from ruamel.yaml import YAML

import maslihat
from maslihat.model import EVENT_MODELS
from maslihat.rules.assemble import compile_rules
from maslihat.rules.loader import read_rule_files, rule_file
from maslihat.service import create_app
from maslihat.source import parse_document

# -- strategies: raw input, case documents, rule fragments ------------------------------

GROUNDS = (
    "incompatible_position",
    "incapacity",
    "maslihat_terminated",
    "party_membership_ended",
    "party_ceased",
    "party_recall",
    "voter_recall",
    "death",
    "citizenship_terminated",
    "conviction",
    "residence_outside_unit",
    "resignation",
    "systematic_failure",
    "revision_commission",
)
DAYS = st.dates(dt.date(2000, 1, 1), dt.date(2030, 12, 31))
TERRITORIES = st.sampled_from(["230000000", "231010000", "750000000", "751510000", "710000000"])

# -- raw input ---------------------------------------------------------------------------

YAML_BITS = st.sampled_from(
    [
        "case: x\n",
        "events:\n",
        "  - ",
        "{date: 2021-01-12, type: registered}",
        "&a ",
        "*a",
        "<<: ",
        "!!python/object/apply:os.system ['true']",
        "%TAG ! tag:x:\n",
        "---\n",
        "- [",
        "]",
        "{",
        "}",
        ": ",
        "\t",
        "\x00",
        "\x7f",
        "\ufeff",
        '"\\ud83d\\ude00"',
        "9" * 60,
        "-",
        "on: yes\n",
        "seats: 0x1F\n",
        "seats: true\n",
        "territory: 0231010000\n",
    ]
)
TEXTS = st.one_of(
    st.text(max_size=300),
    st.lists(YAML_BITS, max_size=40).map("".join),
)
BYTES = st.one_of(st.binary(max_size=300), TEXTS.map(lambda t: t.encode("utf-8", "surrogatepass")))

# -- case documents ----------------------------------------------------------------------


def _event(kind: str, day: dt.date, extra: dict[str, Any]) -> dict[str, Any]:
    return {"date": day.isoformat(), "type": kind, **extra}


COURT = st.fixed_dictionaries(
    {
        "ruling": st.sampled_from(
            ["incapacity", "limited_capacity", "missing", "dead", "conviction"]
        )
    },
    optional={
        "in_force": DAYS.map(dt.date.isoformat),
        "offence": st.sampled_from(["crime", "intentional_misdemeanour", "negligent_misdemeanour"]),
    },
)
VOTE = st.builds(
    lambda g, p, y, n: {
        "ground": g,
        "present": p,
        "in_favour": min(y, p),
        "against": min(n, p - min(y, p)),
    },
    st.sampled_from(GROUNDS),
    st.integers(0, 31),
    st.integers(0, 31),
    st.integers(0, 31),
)
EXTRAS: dict[str, st.SearchStrategy[dict[str, Any]]] = {
    "registered": st.fixed_dictionaries({}, optional={"election_day": DAYS.map(dt.date.isoformat)}),
    "position_taken": st.fixed_dictionaries(
        {
            "category": st.sampled_from(
                ["parliament_member", "judge", "revision_commission", "other"]
            )
        }
    ),
    "court_decision": COURT,
    "residence_changed": st.fixed_dictionaries(
        {"territory": TERRITORIES}, optional={"permanent": st.booleans()}
    ),
    "meeting": st.fixed_dictionaries(
        {
            "body": st.sampled_from(["plenary", "budget committee"]),
            "attendance": st.sampled_from(["present", "excused", "unexcused"]),
        }
    ),
    "maslihat_powers_ended": st.fixed_dictionaries({"early": st.booleans()}),
    "commission_submission": st.fixed_dictionaries({"ground": st.sampled_from(GROUNDS)}),
    "commission_decision": st.fixed_dictionaries({"ground": st.sampled_from(GROUNDS)}),
    "session_vote": VOTE,
    "activity_started": st.fixed_dictionaries(
        {"activity": st.sampled_from(["entrepreneurship", "management", "paid_work"])},
        optional={"field": st.sampled_from(["teaching", "science", "creative", "other"])},
    ),
    "activity_ended": st.fixed_dictionaries(
        {"activity": st.sampled_from(["entrepreneurship", "management", "paid_work"])},
        optional={"field": st.sampled_from(["teaching", "science", "creative", "other"])},
    ),
    "basis_changed": st.fixed_dictionaries(
        {"basis": st.sampled_from(["permanent", "non_permanent"])}
    ),
    "party_membership_ended": st.fixed_dictionaries(
        {"reason": st.sampled_from(["left", "expelled"])},
        optional={"party": st.sampled_from(["A", "B"])},
    ),
    "party_ceased": st.fixed_dictionaries({}, optional={"party": st.sampled_from(["A", "B"])}),
    "recalled": st.fixed_dictionaries({"by": st.sampled_from(["party_branch", "voters"])}),
}
assert set(EXTRAS) | {"death", "citizenship_terminated", "resignation_filed"} == set(EVENT_MODELS)
EVENTS = st.one_of(
    *(st.builds(_event, st.just(kind), DAYS, extra) for kind, extra in sorted(EXTRAS.items())),
    *(
        st.builds(_event, st.just(kind), DAYS, st.just({}))
        for kind in ("death", "citizenship_terminated", "resignation_filed")
    ),
)
DEPUTIES = st.fixed_dictionaries(
    {
        "name": st.just("D. Fuzz"),
        "born": st.one_of(  # mostly adults at any registration day, sometimes not
            *[st.dates(dt.date(1940, 1, 1), dt.date(1979, 12, 31))] * 3,
            st.dates(dt.date(1980, 1, 1), dt.date(2010, 12, 31)),
        ).map(dt.date.isoformat),
        "citizenship": st.sampled_from(["KZ", "KZ", "KZ", "KZ", "RU"]),
        "residence": TERRITORIES,
    },
    optional={
        "basis": st.sampled_from(["permanent", "non_permanent"]),
        "elected_by": st.sampled_from(["party_list", "single_member"]),
        "party": st.sampled_from(["A", "B"]),
        "other_mandates": st.lists(
            st.builds(
                lambda b, e: {"maslihat": "Other", "began": b.isoformat(), "ended": e},
                DAYS,
                st.one_of(st.none(), DAYS.map(dt.date.isoformat)),
            ),
            max_size=2,
        ),
    },
)
PROCEDURES = st.builds(
    lambda after, gap, ground, present, favour: (
        lambda registered: [
            _event(
                "resignation_filed" if ground == "resignation" else "death",
                registered + dt.timedelta(days=after),
                {},
            ),
            _event(
                "commission_submission",
                registered + dt.timedelta(days=after + gap),
                {"ground": ground},
            ),
            _event(
                "session_vote",
                registered + dt.timedelta(days=after + 2 * gap),
                {"ground": ground, "present": present, "in_favour": min(favour, present)},
            ),
        ]
    ),
    st.integers(0, 900),
    st.integers(0, 40),
    st.sampled_from(["resignation", "death"]),
    st.integers(15, 31),
    st.integers(0, 31),
)
"""A ground, its submission and its vote after registration: decided grounds become common."""
CASES = st.builds(
    lambda deputy, registered, events, procedure: {
        "case": "fuzz",
        "maslihat": {"name": "M", "level": "region", "territory": "230000000", "seats": 31},
        "deputy": deputy,
        "events": [
            {"date": registered.isoformat(), "type": "registered"},
            *events,
            *(procedure(registered) if procedure else []),
        ],
    },
    DEPUTIES,
    st.dates(dt.date(2001, 1, 23), dt.date(2030, 12, 31)),  # from the law's first day
    st.lists(EVENTS, max_size=14),
    st.one_of(st.none(), PROCEDURES),
)

# -- rule fragments ----------------------------------------------------------------------

FACTS = st.sampled_from(
    [
        "event.date",
        "event.ruling",
        "event.in_force",
        "event.category",
        "deputy.born",
        "deputy.other_mandates",
        "state.basis",
        "state.activities",
        "maslihat.seats",
        "maslihat.territory",
        "unexcused_run",
        "age",
        "votes_cast",
        "events",
        "nothing.here",
    ]
)
OPERANDS = st.one_of(
    st.integers(-3, 40),
    st.booleans(),
    st.none(),
    st.sampled_from(["crime", "230000000", "2015-01-01"]),
    st.builds(
        lambda f, t: {"fact": f, "times": t}, FACTS, st.sampled_from(["1/2", "2/3", "1/0", "3"])
    ),
    st.lists(st.sampled_from(["incapacity", "conviction", 1, None]), max_size=3),
)
COMPARISONS = st.builds(
    lambda f, op, v: {"fact": f, op: v},
    FACTS,
    st.sampled_from(["eq", "ne", "gt", "ge", "lt", "le", "in", "not_in", "within"]),
    OPERANDS,
)
CONDITIONS = st.recursive(
    COMPARISONS,
    lambda inner: st.one_of(
        st.lists(inner, min_size=1, max_size=3).map(lambda c: {"all": c}),
        st.lists(inner, min_size=1, max_size=3).map(lambda c: {"any": c}),
        inner.map(lambda c: {"not": c}),
    ),
    max_leaves=8,
)
GROUND_FILES = st.builds(
    lambda event, when: {
        "grounds": [
            {
                "id": "fuzz_ground",
                "number": 11,
                "title": "Fuzz",
                "versions": [
                    {
                        "valid_from": "2001-01-23",
                        "citation": "Law 148-II, art. 20(3)(1)",
                        "provisions": ["l148-20-3-1"],
                        "basis": "inferred",
                        "source": "l148-2007-07-27",
                        "text": "A fuzzed ground.",
                        "procedure": "session_decision",
                        "triggers": [{"event": event, "when": when}],
                    }
                ],
            }
        ]
    },
    st.sampled_from(sorted(EVENT_MODELS)),
    CONDITIONS,
)

# -- properties --------------------------------------------------------------------------

ROOT = Path(__file__).resolve().parents[2]
AS_OF = st.dates(dt.date(2000, 1, 1), dt.date(2031, 1, 1))


BUNDLED = maslihat.load_rules()
"""Loaded once: a fixture argument would be printed whole in every falsifying example."""


@given(text=TEXTS)
def test_the_reader_fails_only_with_a_case_error(text: str) -> None:
    """Any text at all either is a case or gives a CaseError, never another exception."""
    assert all(issue.message for issue in _issues(maslihat.CaseError, maslihat.parse_case, text))


@given(data=CASES, as_of=AS_OF)
def test_results_keep_their_invariants(data: dict[str, Any], as_of: dt.date) -> None:
    """Ended means dated and explained, decided means voted, nothing after as-of, twice the same."""
    try:
        case = maslihat.Case.model_validate(data)
    except ValueError:
        return  # an input error is the model's to report (tested elsewhere)
    result = maslihat.evaluate(case, as_of=as_of, rules=BUNDLED)
    again = maslihat.evaluate(case, as_of=as_of, rules=BUNDLED)
    assert result.model_dump_json() == again.model_dump_json()
    _assert_invariants(case, result)
    later = [e for e in case.events if e.date > as_of]
    if later:
        trimmed = case.model_copy(
            update={"events": tuple(e for e in case.events if e.date <= as_of)}
        )
        trimmed_result = maslihat.evaluate(trimmed, as_of=as_of, rules=BUNDLED)
        assert _comparable(trimmed_result) == _comparable(result), "later events changed it"


def _comparable(result: maslihat.Result) -> dict[str, Any]:
    """The result without event indices, which dropping events renumbers."""
    data = result.model_dump()
    data["findings"] = [{k: v for k, v in f.items() if k != "event"} for f in data["findings"]]
    return data


def _assert_invariants(case: maslihat.Case, result: maslihat.Result) -> None:
    as_of, mandate = result.as_of, result.mandate
    if result.status in ("terminated", "expired"):
        assert mandate is not None and mandate.ended is not None and mandate.ended_by
    dates = [mandate.began, mandate.ended] if mandate else []
    for ground in result.grounds:
        dates += [ground.arose, ground.stage_date]
        assert mandate is not None and mandate.began <= ground.stage_date, ground.ground
        if mandate.ended is not None:
            assert ground.stage_date <= mandate.ended, ground.ground
        if ground.stage == "decided":
            votes = [
                e
                for e in case.events
                if e.type == "session_vote"
                and e.ground == ground.ground
                and e.date == ground.stage_date
            ]
            submitted = [
                e
                for e in case.events
                if e.type == "commission_submission"
                and e.ground == ground.ground
                and e.date <= ground.stage_date
            ]
            assert votes and submitted, f"{ground.ground} decided without submission and vote"
    for finding in result.findings:
        dates += [finding.date, finding.until]
    late = [day for day in dates if day is not None and day > as_of]
    assert not late, f"dated after as_of {as_of}: {late}"


@given(fragment=GROUND_FILES)
def test_a_rule_file_that_loads_never_raises_at_evaluation(fragment: dict[str, Any]) -> None:
    """A random ground either is refused at load, with a position, or evaluates without error."""
    text = io.StringIO()
    YAML(typ="safe", pure=True).dump(fragment, text)
    refused = _issues(maslihat.RulesError, _with_bundled, text.getvalue())
    assert all(issue.file for issue in refused)
    if refused:
        return
    rules = _with_bundled(text.getvalue())
    for case in SAMPLE_CASES:
        with contextlib.suppress(maslihat.MaslihatError):
            maslihat.evaluate(case, as_of=dt.date(2026, 11, 30), rules=rules, explain=True)


BUNDLED_FILES = read_rule_files(maslihat.bundled_rules_dir())


def _with_bundled(text: str) -> maslihat.RuleSet:
    """The bundled rules plus one rule file given as text, read and compiled as the loader does."""
    document = parse_document(text, "fuzz.yaml", maslihat.RulesError)
    return compile_rules([*BUNDLED_FILES, (document, rule_file(document))], source="fuzz")


SAMPLE_CASES = [maslihat.load_case(p) for p in sorted((ROOT / "examples").glob("*.yaml"))]
assert SAMPLE_CASES, "the examples are the cases a fuzzed rule set is run on"


APP = create_app(rules=BUNDLED)


@given(body=st.one_of(BYTES, CASES.map(lambda c: json.dumps(c).encode())))
def test_the_http_app_never_answers_500(body: bytes) -> None:
    """Whatever the body, the service answers 200 or a problem, never a server error."""

    async def send() -> httpx.Response:
        transport = httpx.ASGITransport(app=APP)
        async with httpx.AsyncClient(transport=transport, base_url="http://fuzz") as client:
            return await client.post(
                "/v1/evaluate?as_of=2026-11-30",
                content=body,
                headers={"content-type": "application/json"},
            )

    response = asyncio.run(send())
    assert response.status_code < 500, response.text


@given(text=TEXTS)
def test_rule_text_fails_only_with_a_rules_error(text: str) -> None:
    """Any text as a rule file either loads or gives RulesError naming the file."""
    assert all(issue.file for issue in _issues(maslihat.RulesError, _with_bundled, text))


def _issues(error: type[maslihat.InputError], call: Any, *args: Any) -> list[maslihat.Issue]:
    """The issues `call` raises as `error` (none if it succeeds); any other exception escapes."""
    try:
        call(*args)
    except error as exc:
        issues = list(exc.issues)
    else:
        return []
    assert issues, "an input error names at least one issue"
    return issues
