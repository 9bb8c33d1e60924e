"""The result serialises to contract v1's JSON."""

from __future__ import annotations

import datetime as dt

from maslihat import Result, RulesInfo, TraceEntry


def make(trace: tuple[TraceEntry, ...] | None = None) -> Result:
    return Result(
        case="c",
        as_of=dt.date(2022, 6, 1),
        status="active",
        eligible=True,
        mandate=None,
        rules=RulesInfo(fingerprint="sha256:x"),
        trace=trace,
    )


def test_trace_is_absent_unless_asked_for() -> None:
    """Without an explanation the JSON has no `trace` key at all."""
    assert "trace" not in make().model_dump(mode="json")


def test_trace_is_present_when_given() -> None:
    """With an explanation the JSON carries the trace."""
    entry = TraceEntry(rule="r", date=None, outcome="met")
    assert make((entry,)).model_dump(mode="json")["trace"][0]["rule"] == "r"


def test_contract_keys_in_contract_order() -> None:
    """The result's keys are the contract's, dates as ISO text."""
    data = make().model_dump(mode="json")
    assert list(data) == [
        "case",
        "as_of",
        "status",
        "eligible",
        "mandate",
        "grounds",
        "findings",
        "next_steps",
        "rules",
    ]
    assert data["as_of"] == "2022-06-01"
