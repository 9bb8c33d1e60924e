"""`maslihat diff`: which cases a change of the law changes, and the rules responsible.

The change is one or more amendment files laid over the rules (`--amend`), or another
directory of rules (`--against-rules`). Exit codes as elsewhere (2 a bad case file or
usage, 3 bad rules or a bad amendment, 4 an engine defect), and with `--exit-code`
1 when any case changed, as `git diff --exit-code` does.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterator
from pathlib import Path

import click

from maslihat.audit import output
from maslihat.audit.casetests import load_case_test
from maslihat.cli.helptext import Command
from maslihat.cli.language import IntRange, cli_language, lang_option
from maslihat.cli.main import as_of_option, case_files, error_line, fail
from maslihat.engine.evaluate import today
from maslihat.errors import CaseError, EvaluationError, InputError, WriteError
from maslihat.i18n import N_, Language
from maslihat.model import Case
from maslihat.rules.loader import load_rules
from maslihat.rules.ruleset import RuleSet
from maslihat.source import load_document
from maslihat.source.cases import case_from_document
from maslihat.whatif import render
from maslihat.whatif.amendment import load_amendment
from maslihat.whatif.diff import diff
from maslihat.whatif.overlay import apply_amendment
from maslihat.wording import say_in

EXIT_CHANGED = 1


def read_case(path: Path) -> Case:
    """A case file's case, or a case-test file's (so a catalogue can be diffed)."""
    document = load_document(path, CaseError)
    if isinstance(document.data, dict) and "tests" in document.data:
        return load_case_test(path).case
    return case_from_document(document)


def _cases(paths: tuple[Path, ...]) -> Iterator[tuple[str, Case] | InputError]:
    for path in case_files(paths):
        try:
            yield str(path), read_case(path)
        except InputError as error:
            yield error


def amended(rules: RuleSet, amendments: tuple[Path, ...]) -> RuleSet:
    """`rules` with each amendment laid over it in turn; `RulesError` if one is bad."""
    for path in amendments:
        rules = apply_amendment(rules, load_amendment(path))
    return rules


@click.command(
    name="diff",
    cls=Command,
    help=N_(
        "Evaluate the cases in PATHS under the rules before and after a change; list what differs."
    ),
)
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--rules",
    "rules_dir",
    type=click.Path(path_type=Path),
    help=N_("Rules before (default: bundled)."),
)
@click.option(
    "--amend",
    "amendments",
    multiple=True,
    type=click.Path(path_type=Path),
    help=N_("An amendment file laid over the rules (repeatable)."),
)
@click.option(
    "--against-rules",
    type=click.Path(path_type=Path),
    help=N_("A directory of rules after the change."),
)
@as_of_option
@lang_option
@click.option("--json", "as_json", is_flag=True, help=N_("Print the report as JSON."))
@click.option(
    "--html",
    "html_file",
    type=click.Path(path_type=Path),
    help=N_("Also write the report as an HTML page."),
)
@click.option("--force", is_flag=True, help=N_("Replace the --html file if it is there."))
@click.option("--exit-code", is_flag=True, help=N_("Exit 1 when any case changed."))
@click.option(
    "--jobs",
    type=IntRange(min=1),
    default=1,
    help=N_(
        "Worker processes (default 1: in this process). Cases read here are sent to the"
        " workers, which costs more than evaluating them: see docs/performance.md."
    ),
)
def diff_command(
    paths: tuple[Path, ...],
    rules_dir: Path | None,
    amendments: tuple[Path, ...],
    against_rules: Path | None,
    as_of: dt.date | None,
    as_json: bool,
    html_file: Path | None,
    force: bool,
    exit_code: bool,
    jobs: int,
    lang: Language,
) -> None:
    """`maslihat diff`: `whatif.diff` of the cases, as text, JSON or a page."""
    if bool(amendments) == (against_rules is not None):
        raise click.UsageError(say_in(cli_language(), "diff_needs_change"))
    try:
        if html_file is not None:
            output.check_file(html_file, force)
        before = load_rules(rules_dir)
        after = amended(before, amendments) if amendments else load_rules(against_rules)
    except (InputError, WriteError) as error:
        fail(error)
        return
    named, bad = {}, 0
    for item in _cases(paths):
        if isinstance(item, InputError):
            lang = cli_language()
            click.echo(error_line(item.summary(lang), lang), err=True)
            bad = max(bad, item.exit_code)
        else:
            named[item[0]] = item[1]
    try:
        report = diff(named, before, after, as_of=as_of or today(), jobs=jobs, lang=lang)
        if html_file is not None:
            output.write_file(html_file, render.html_page(report, lang), force)
    except (InputError, EvaluationError, WriteError) as error:
        fail(error)
        return
    click.echo(report.model_dump_json(indent=2) if as_json else render.text(report, lang))
    if bad:
        sys.exit(bad)
    if exit_code and report.cases:
        sys.exit(EXIT_CHANGED)
