"""Listing rules by date and by history, and the generated interpretations page."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from click.testing import CliRunner

import maslihat
from maslihat.cli.main import main
from maslihat.rules.listing import all_versions, history, in_force, interpretations_markdown

ROOT = Path(__file__).resolve().parents[2]


def ids(rules: maslihat.RuleSet, day: str) -> set[str]:
    return {f"{i.kind}:{i.id}@{i.valid_from}" for i in in_force(rules, dt.date.fromisoformat(day))}


def test_rule_sets_differ_over_time(rules: maslihat.RuleSet) -> None:
    """2014 and 2026 have visibly different rules: grounds added, versions replaced."""
    old, new = ids(rules, "2014-06-01"), ids(rules, "2026-11-01")
    assert "ground:conviction@2001-01-23" in old and "ground:conviction@2015-01-01" in new
    assert {"ground:voter_recall@2026-07-01", "procedure:commission_record@2023-01-01"} <= new - old
    assert "ground:party_recall@2023-01-01" not in old


def test_every_version_has_provenance(rules: maslihat.RuleSet) -> None:
    """Every rule version says where its text comes from and how sure we are of it."""
    for info in all_versions(rules):
        assert info.basis in {"read", "reported", "inferred"}, info.id
        assert info.sources, info.id
        assert info.url and info.url.startswith("https://zan.gov.kz/"), info.id
        assert info.citation, info.id


def test_history_lists_versions_in_order(rules: maslihat.RuleSet) -> None:
    """`history` gives every version of a rule, oldest first."""
    versions = history(rules, "session_decision")
    assert [str(v.valid_from) for v in versions] == [
        "2001-01-23",
        "2019-01-01",
        "2021-07-11",
        "2023-01-01",
    ]
    assert versions[0].valid_to == dt.date(2018, 12, 31)
    assert history(rules, "no_such_rule") == []


def test_rules_command_text_and_json() -> None:
    """`maslihat rules` lists what is in force; `--history` one rule; `--json` both."""
    runner = CliRunner()
    text = runner.invoke(main, ["rules", "--as-of", "2014-06-01"])
    assert text.exit_code == 0 and "conviction" in text.stdout and "voter_recall" not in text.stdout
    listed = json.loads(runner.invoke(main, ["rules", "--as-of", "2026-11-01", "--json"]).stdout)
    assert {"kind": "ground", "id": "voter_recall"}.items() <= listed[
        [i["id"] for i in listed].index("voter_recall")
    ].items()
    hist = json.loads(runner.invoke(main, ["rules", "--history", "conviction", "--json"]).stdout)
    assert [v["valid_to"] for v in hist] == ["2014-12-31", None]
    unknown = runner.invoke(main, ["rules", "--history", "nothing"])
    assert unknown.exit_code == 2 and "no rule called 'nothing'" in unknown.stderr


def test_interpretations_page_is_current(rules: maslihat.RuleSet) -> None:
    """docs/interpretations.md matches the rules (regenerate: maslihat rules --interpretations)."""
    page = (ROOT / "docs" / "interpretations.md").read_text(encoding="utf-8")
    assert page == interpretations_markdown(rules), (
        "stale: run `maslihat rules --interpretations > docs/interpretations.md`"
    )
    for needed in ("29 February", "not on standing", "day of the session decision", "window"):
        assert needed in page
