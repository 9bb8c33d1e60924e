"""The editions × provisions table: each wording an edition holds reaches the rules on its day."""

from __future__ import annotations

import datetime as dt
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from ruamel.yaml import YAML

import maslihat
from maslihat.audit import render
from maslihat.audit.editions import edition_table
from maslihat.audit.model import EditionCell, EditionTable
from maslihat.audit.report import build_report
from maslihat.cli.main import main
from maslihat.rules.listing import all_versions
from maslihat.rules.loader import bundled_rules_dir

RESIGNATION = "l148-20-3-8"
"""A provision with one wording in every edition of Law 148-II, encoded by one rule."""

Change = Callable[[dict[str, Any]], None]


def cell(table: EditionTable, edition: str, provision: str) -> EditionCell:
    row = next(r for r in table.rows if r.edition == edition)
    return next(c for c in row.cells if c.provision == provision)


@pytest.fixture
def with_provision(rules_copy: Callable[..., Path]) -> Callable[[str, Change], Path]:
    """A copy of the bundled rules with one provision of provisions.yaml changed."""

    def make(provision: str, change: Change) -> Path:
        yaml = YAML()  # round trip: the rest of the file stays as written
        data = yaml.load((bundled_rules_dir() / "provisions.yaml").read_text(encoding="utf-8"))
        change(next(p for p in data["provisions"] if p["id"] == provision))
        text = io.StringIO()
        yaml.dump(data, text)
        return rules_copy(provisions=text.getvalue())

    return make


@pytest.fixture
def dropped(rules: maslihat.RuleSet) -> str:
    """An edition holding the resignation wording that no rule cites for it."""
    cited = {s for v in all_versions(rules) if RESIGNATION in v.provisions for s in v.sources}
    held = rules.provisions[RESIGNATION].versions[0].editions
    return next(e for e in held[1:-1] if e not in cited)


@pytest.fixture
def gap_rules(with_provision: Callable[[str, Change], Path], dropped: str) -> Path:
    """The bundled rules, but one edition no longer holds the resignation provision."""
    return with_provision(RESIGNATION, lambda p: p["versions"][0]["editions"].remove(dropped))


def test_bundled_rules_follow_every_edition(rules: maslihat.RuleSet) -> None:
    """Every cell of the bundled rules' table is encoded or out of scope: 100%, no gaps."""
    table = edition_table(rules)
    assert [f"{g.kind} {g.edition} {g.provision}: {g.detail}" for g in table.gaps] == []
    assert table.percentage == 100.0
    assert table.ok == table.applicable > 0


def test_editions_are_ordered_by_act_then_date(rules: maslihat.RuleSet) -> None:
    """Rows run act by act, oldest edition first; each holds only its act's provisions."""
    table = edition_table(rules)
    assert [(r.act, r.date) for r in table.rows] == sorted((r.act, r.date) for r in table.rows)
    for row in table.rows:
        assert {rules.provisions[c.provision].act for c in row.cells} == {row.act}


def test_a_wording_shown_ahead_is_judged_on_its_own_day(rules: maslihat.RuleSet) -> None:
    """The 2021-07-01 edition shows art. 19(6) before Law 60-VII is in force: it is judged then."""
    casting = cell(edition_table(rules), "l148-2021-07-01", "l148-19-6")
    assert casting.status == "encoded"
    assert casting.day == dt.date(2021, 7, 11) == casting.wording
    assert casting.rules == ["session_decision@2021-07-11"]


def test_an_article_not_read_is_no_gap(rules: maslihat.RuleSet) -> None:
    """Art. 33 was not read in the 2007 Constitution: the table does not count that cell."""
    table = edition_table(rules)
    custody = cell(table, "const1995-2007-05-21", "const1995-33-3")
    assert custody.status == "not_read"
    assert not custody.applicable
    assert not [g for g in table.gaps if g.provision == "const1995-33-3"]


def test_an_edition_dropped_from_a_wording_is_a_gap(gap_rules: Path, dropped: str) -> None:
    """An edition that no longer holds a provision the rules have in force: `not_in_edition`."""
    table = edition_table(maslihat.load_rules(gap_rules))
    assert cell(table, dropped, RESIGNATION).status == "not_in_edition"
    gap = next(g for g in table.gaps if g.edition == dropped and g.provision == RESIGNATION)
    assert gap.kind == "not_in_edition"
    assert "does not hold it" in gap.detail
    assert table.percentage < 100.0


def test_a_change_of_wording_needs_a_version_boundary(
    rules: maslihat.RuleSet, with_provision: Callable[[str, Change], Path]
) -> None:
    """A wording that changes in 2011 under a one-version resignation ground: `no_boundary`."""
    assert len(rules.grounds["resignation"].versions.versions) == 1
    split = dt.date(2011, 1, 21)

    def reword(provision: dict[str, Any]) -> None:
        first = provision["versions"][0]
        editions = list(first["editions"])
        before = [e for e in editions if rules.editions[e].date < split]
        first["valid_to"], first["editions"] = (split - dt.timedelta(days=1)).isoformat(), before
        later = {"valid_from": split.isoformat(), "basis": "read"}
        provision["versions"].append(later | {"editions": editions[len(before) :]})

    table = edition_table(maslihat.load_rules(with_provision(RESIGNATION, reword)))
    gaps = [g for g in table.gaps if g.kind == "no_boundary" and g.provision == RESIGNATION]
    assert [(g.earlier, g.edition, g.provision, g.rule) for g in gaps] == [
        ("l148-2010-03-19", "l148-2011-03-24", RESIGNATION, "ground resignation")
    ]
    assert "resignation@2001-01-23" in gaps[0].detail
    law = [row for row in table.rows if row.act == "Law 148-II"]
    assert {cell(table, row.edition, RESIGNATION).status for row in law} == {"encoded"}


def test_strict_fails_on_a_gap_and_names_it(gap_rules: Path, dropped: str) -> None:
    """`--strict` exits 1 on an editions gap; `--json` has the table and its figures."""
    runner = CliRunner()
    edited = runner.invoke(main, ["audit", "--rules", str(gap_rules), "--strict", "--json"])
    bundled = runner.invoke(main, ["audit", "--strict", "--json"])
    assert edited.exit_code == 1
    line = f"  - edition {dropped}, provision {RESIGNATION}: not in edition: "
    assert any(text.startswith(line) for text in edited.stderr.splitlines())
    added = set(edited.stderr.splitlines()[1:]) - set(bundled.stderr.splitlines()[1:])
    assert added and all(text.startswith("  - edition ") for text in added)
    report = json.loads(edited.stdout)
    assert report["summary"]["edition_gaps"] == len(report["editions"]["gaps"]) > 0
    assert report["summary"]["edition_coverage"] < 100.0
    assert {"rows", "gaps"} == set(report["editions"])


def test_reports_show_the_table_its_legend_and_gaps(gap_rules: Path, dropped: str) -> None:
    """The Markdown and HTML reports draw the table per act, with a legend, and list the gaps."""
    report = build_report(maslihat.load_rules(gap_rules), [])
    markdown = render.markdown(report)
    assert "## Editions × provisions" in markdown and "### Law 148-II" in markdown
    assert render.LEGEND in markdown
    assert f"- not in edition: edition {dropped}, provision {RESIGNATION}: " in markdown
    row = next(line for line in markdown.splitlines() if line.startswith(f"| {RESIGNATION} "))
    assert "!" in row and "✓" in row
    page = render.html_page(report)
    assert "<h2>Editions × provisions</h2>" in page and "<script" not in page
    assert "editions" in render.text(report) and "gaps" in render.text(report)
