"""`maslihat test` and `maslihat audit`: checking the rules against case tests.

Exit codes as elsewhere (2 bad case-test input, 3 bad rules), plus 1 when a case test
fails or the audit falls short of `--fail-under`.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from maslihat.audit.casetests import Outcome, case_test_files, load_case_test, run_file
from maslihat.cli.main import fail, main, rules_from
from maslihat.errors import InputError

EXIT_FAILED = 1


def _report(outcome: Outcome, quiet: bool) -> None:
    if outcome.passed:
        if not quiet:
            click.echo(f"PASS {outcome.id}")
        return
    click.echo(f"FAIL {outcome.id}")
    for problem in outcome.problems:
        click.echo(f"     {problem}")


@main.command(name="test")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--rules",
    "rules_dir",
    type=click.Path(path_type=Path),
    help="Directory of rule files (default: the bundled rules).",
)
@click.option("-q", "--quiet", is_flag=True, help="Print only failures and the summary.")
def test_command(paths: tuple[Path, ...], rules_dir: Path | None, quiet: bool) -> None:
    """Run case-test files (or directories of them) and report each test."""
    rules = rules_from(rules_dir)
    try:
        loaded = [load_case_test(path) for path in case_test_files(paths)]
    except InputError as error:
        fail(error)
        return
    outcomes = [outcome for entry in loaded for outcome in run_file(entry, rules)]
    for outcome in outcomes:
        _report(outcome, quiet)
    failed = sum(not outcome.passed for outcome in outcomes)
    click.echo(f"{len(outcomes) - failed} passed, {failed} failed")
    if failed:
        sys.exit(EXIT_FAILED)
