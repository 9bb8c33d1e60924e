"""`maslihat test` and `maslihat audit`: checking the rules against case tests.

Exit codes as elsewhere (2 bad case-test input, 3 bad rules), plus 1 when a case test
fails or the audit falls short of `--fail-under` or `--strict`. A file the audit may
not or cannot write (`--report`, `--suggest`) is exit 2 too, like bad usage: it is
checked before the audit runs, so a refusal costs nothing, and again as it is written.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click
from pydantic import TypeAdapter, ValidationError

from maslihat.audit import output, render, witnesses
from maslihat.audit.casetests import (
    Outcome,
    case_test_files,
    load_case_test,
    run_file,
)
from maslihat.audit.model import AuditReport
from maslihat.audit.mutants import run_mutants
from maslihat.audit.report import build_report, shortfalls
from maslihat.audit.suite import run_suite
from maslihat.cli.diff import amended
from maslihat.cli.helptext import Command
from maslihat.cli.language import cli_language, lang_option
from maslihat.cli.main import fail, rules_from, rules_option
from maslihat.cli.progress import progress
from maslihat.errors import CaseTestError, InputError, WriteError
from maslihat.i18n import N_, Language, number, translator
from maslihat.model.common import Frozen
from maslihat.rules.assemble import compile_rules
from maslihat.rules.loader import bundled_rules_dir, read_rule_files
from maslihat.rules.ruleset import RuleSet
from maslihat.source import issues_from_validation_error, load_document
from maslihat.whatif.impact import AmendmentImpact, impact, impact_text
from maslihat.wording import in_language, say

EXIT_FAILED = 1


def _report(outcome: Outcome, quiet: bool, lang: Language) -> None:
    """One test's line, `PASS id` or `FAIL id` and its problems under it, in `lang`."""
    _ = translator(lang).gettext
    if outcome.passed:
        if not quiet:
            click.echo(f"{_(N_('PASS'))} {outcome.id}")
        return
    word = _(N_("FAIL"))
    click.echo(f"{word} {outcome.id}")
    for problem in outcome.problems:
        click.echo(f"{' ' * (len(word) + 1)}{in_language(problem, lang)}")


def _tally(passed: int, failed: int, lang: Language) -> str:
    """The summary line: `2 passed, 0 failed`, with the language's plural forms."""
    ngettext = translator(lang).ngettext
    return (
        translator(lang)
        .gettext(N_("{passed}, {failed}"))
        .format(
            passed=ngettext("{count} passed", "{count} passed", passed).format(count=passed),
            failed=ngettext("{count} failed", "{count} failed", failed).format(count=failed),
        )
    )


@click.command(
    name="test",
    cls=Command,
    help=N_("Run case-test files (or directories of them) and report each test."),
)
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@rules_option
@click.option("-q", "--quiet", is_flag=True, help=N_("Print only failures and the summary."))
@lang_option
def test_command(
    paths: tuple[Path, ...], rules_dir: Path | None, quiet: bool, lang: Language
) -> None:
    """`maslihat test`: every case test against the rules, one line per test."""
    rules = rules_from(rules_dir)
    try:
        loaded = [load_case_test(path) for path in case_test_files(paths)]
    except InputError as error:
        fail(error)
        return
    shown = progress(N_("Running case tests"))(loaded, len(loaded))
    outcomes = [outcome for entry in shown for outcome in run_file(entry, rules)]
    for outcome in outcomes:
        _report(outcome, quiet, lang)
    failed = sum(not outcome.passed for outcome in outcomes)
    click.echo(_tally(len(outcomes) - failed, failed, lang))
    if failed:
        sys.exit(EXIT_FAILED)


def _equivalent(path: Path | None) -> dict[str, str]:
    """Reviewed equivalent mutants: a YAML list of {mutant: SIGNATURE, reason: TEXT}."""
    if path is None:
        return {}
    document = load_document(path, CaseTestError)
    try:
        return {
            entry.mutant: entry.reason for entry in REVIEWED.validate_python(document.data or [])
        }
    except ValidationError as exc:
        raise CaseTestError(issues_from_validation_error(exc, document, list[Reviewed])) from None


@click.command(
    name="audit",
    cls=Command,
    help=N_("Trace provisions to rules to case tests (PATHS), measure coverage, lint, mutate."),
)
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@rules_option
@click.option("--json", "as_json", is_flag=True, help=N_("Print the report as JSON."))
@click.option(
    "--report",
    "report_file",
    type=click.Path(path_type=Path),
    help=N_(
        "Also write a self-contained report: .html, Markdown otherwise, or into an "
        "existing directory an index.html and a page per rule file."
    ),
)
@click.option("--fail-under", type=float, help=N_("Exit 1 below this % of condition coverage."))
@click.option("--mutants", is_flag=True, help=N_("Also run rule mutants against the case tests."))
@click.option(
    "--equivalent",
    type=click.Path(path_type=Path),
    help=N_("YAML list of mutants reviewed as equivalent: {mutant: SIGNATURE, reason: ...}."),
)
@click.option(
    "--suggest",
    "suggest_dir",
    type=click.Path(path_type=Path),
    help=N_("Write witness cases for what is not covered into this directory."),
)
@click.option("--strict", is_flag=True, help=N_("Exit 1 on any shortfall of any kind."))
@click.option(
    "--force", is_flag=True, help=N_("Replace files --report and --suggest find already there.")
)
@click.option(
    "--amend",
    "amendments",
    multiple=True,
    type=click.Path(path_type=Path),
    help=N_("Also name the case tests this amendment would break and the provisions it touches."),
)
@lang_option
def audit_command(
    paths: tuple[Path, ...],
    rules_dir: Path | None,
    as_json: bool,
    report_file: Path | None,
    fail_under: float | None,
    mutants: bool,
    equivalent: Path | None,
    suggest_dir: Path | None,
    strict: bool,
    force: bool,
    amendments: tuple[Path, ...],
    lang: Language,
) -> None:
    """`maslihat audit`: the report of `audit.report`, its files, and the exit it earns."""
    _check_outputs(report_file, suggest_dir, force)
    directory = rules_dir if rules_dir is not None else bundled_rules_dir()
    try:
        files = read_rule_files(directory)
        rules = compile_rules(files, source=str(directory))
        loaded = [load_case_test(path) for path in case_test_files(paths)]
        reviewed = _equivalent(equivalent)
        after = amended(rules, amendments) if amendments else None
    except InputError as error:
        fail(error)
        return
    suite = run_suite(loaded, rules)
    epoch = min(tv.valid_from for tvs in rules.lifecycle.transitions.values() for tv in tvs)
    outcomes = None
    if mutants:
        bar = progress(N_("Trying mutants"))
        outcomes = run_mutants(files, loaded, suite, epoch, reviewed, bar)
    report = build_report(rules, loaded, outcomes, suite)
    change = impact(rules, after, loaded, lang) if after is not None else None
    try:
        if report_file is not None:
            _write_report(report, rules, report_file, force, lang)
        click.echo(_printed(report, change, as_json, lang))
        if suggest_dir is not None:
            bar = progress(N_("Searching for witnesses"))
            notes = witnesses.suggest(
                suggest_dir, report, rules, loaded, files, epoch, suite, force, bar
            )
            for note in notes:
                click.echo(in_language(note, lang), err=True)
            written = sum(note.startswith(f"{suggest_dir}{os.sep}") for note in notes)
            summary = say(
                "suggest_summary",
                written=written,
                directory=suggest_dir,
                missing=len(notes) - written,
            )
            click.echo(summary.in_language(cli_language()), err=True)
    except WriteError as error:
        _refuse(error)
    below = fail_under is not None and report.summary.condition_coverage < fail_under
    short = shortfalls(report, lang) if strict else []
    _ = translator(lang).gettext
    if strict and change is not None:
        short += [_(N_("the amendment breaks {test}")).format(test=t.test) for t in change.broken]
    if short and as_json:  # the text report lists them already
        count = translator(lang).ngettext("%(n)s shortfall", "%(n)s shortfalls", len(short))
        click.echo(
            _(N_("audit --strict: {shortfalls}")).format(
                shortfalls=count % {"n": number(len(short), lang)}
            ),
            err=True,
        )
        for line in short:
            click.echo(f"  - {line}", err=True)
    if below or short:
        sys.exit(EXIT_FAILED)


def _printed(
    report: AuditReport, change: AmendmentImpact | None, as_json: bool, lang: Language
) -> str:
    """The report (in `lang`); with --amend, the amendment's impact after it (in JSON:
    `amendment`)."""
    if not as_json:
        summary = render.text(report, lang)
        return summary + ("" if change is None else "\n\n" + impact_text(change, lang))
    if change is None:
        return report.model_dump_json(indent=2)
    data = {**report.model_dump(mode="json"), "amendment": change.model_dump(mode="json")}
    return json.dumps(data, indent=2, ensure_ascii=False)


def _check_outputs(report_file: Path | None, suggest_dir: Path | None, force: bool) -> None:
    """Refuse, before the audit spends its time, the files it could not write after it."""
    try:
        if report_file is not None and _is_directory(report_file):
            output.check_file(report_file / "index.html", force)
        elif report_file is not None:
            output.check_file(report_file, force)
        if suggest_dir is not None:
            output.check_directory(suggest_dir)
    except WriteError as error:
        _refuse(error)


def _is_directory(path: Path) -> bool:
    """A directory, and not a link to one (a link is refused as the file it would be)."""
    return path.is_dir() and not path.is_symlink()


def _write_report(
    report: AuditReport, rules: RuleSet, path: Path, force: bool, lang: Language
) -> None:
    """The report as pages in a directory, or as one file: HTML for .html, else Markdown.

    The pages are in `lang` (--lang); the Markdown is English, as before languages.
    """
    if _is_directory(path):
        pages = render.html_pages(report, rules, lang)
        for name in pages:  # every page checked before any is written
            output.check_file(path / name, force)
        for name, page in pages.items():
            output.write_file(path / name, page, force)
    elif path.suffix in (".html", ".htm"):
        output.write_file(path, render.html_page(report, rules, lang), force)
    else:
        output.write_file(path, render.markdown(report), force)


def _refuse(error: WriteError) -> None:
    """Print the one line for a file not written (in the command's language) and exit 2."""
    fail(error)


class Reviewed(Frozen):
    """One mutant a person reviewed as equivalent, and why."""

    mutant: str
    reason: str


REVIEWED = TypeAdapter(list[Reviewed])
