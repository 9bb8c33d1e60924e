"""Command-line entry point: evaluate cases, list the rules, print schemas.

Exit codes (documented in docs/cli.md): 0 evaluated; 2 bad case input or bad usage;
3 bad rule files; 4 a defect in the rules or the engine found during evaluation.
`batch` goes on past a bad case and exits with the highest code any case earned.
Input errors print one line naming file, line, column and field; never a traceback.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import suppress
from pathlib import Path
from typing import Any, TypeVar

import click

from maslihat.audit.output import write_file
from maslihat.cli.render import (
    batch_summary,
    result_text,
    rules_text,
    summary_line,
    timeline_text,
)
from maslihat.engine.evaluate import evaluate as evaluate_case
from maslihat.engine.evaluate import evaluate_with_timeline, today
from maslihat.errors import EvaluationError, InputError, WriteError
from maslihat.report import case_report_html, timeline_steps
from maslihat.rules.lawpage import law_markdown
from maslihat.rules.listing import editions_in_force, history, in_force, interpretations_markdown
from maslihat.rules.loader import RULE_SUFFIXES, load_rules
from maslihat.rules.ruleset import RuleSet
from maslihat.schemas import MODELS as SCHEMAS
from maslihat.schemas import schema_text
from maslihat.source.cases import load_case

EXIT_EVALUATION_DEFECT = 4
F = TypeVar("F", bound=Callable[..., Any])


class IsoDateType(click.ParamType):  # type: ignore[type-arg]  # click < 8.2 is not generic
    """A `YYYY-MM-DD` option value."""

    name = "YYYY-MM-DD"

    def convert(
        self, value: Any, param: click.Parameter | None, ctx: click.Context | None
    ) -> dt.date:
        """Parse an ISO date or fail with a usage error."""
        if isinstance(value, dt.date):
            return value
        text, parsed = str(value), None
        if len(text) == 10 and text[4] == text[7] == "-":  # not the compact YYYYMMDD form
            with suppress(ValueError):
                parsed = dt.date.fromisoformat(text)
        if parsed is None:
            self.fail(f"{value!r} is not a date YYYY-MM-DD", param, ctx)
        return parsed


rules_option = click.option(
    "--rules",
    "rules_dir",
    type=click.Path(path_type=Path),
    help="Directory of rule files (default: the bundled rules).",
)
"""--rules DIR, for every command that reads rules."""


def common_options(command: F) -> F:
    """--as-of and --rules, shared by the commands that evaluate."""
    command = rules_option(command)
    return click.option(
        "--as-of",
        type=IsoDateType(),
        default=None,
        help="Evaluate as of this date (default: today).",
    )(command)


def fail(error: InputError | EvaluationError | WriteError) -> None:
    """Print one line for the error and exit with its documented code."""
    click.echo(f"error: {error}", err=True)
    code = EXIT_EVALUATION_DEFECT if isinstance(error, EvaluationError) else error.exit_code
    sys.exit(code)


def rules_from(rules_dir: Path | None) -> RuleSet:
    """Load the rules or exit with code 3."""
    try:
        return load_rules(rules_dir)
    except InputError as error:
        fail(error)
        raise  # unreachable: fail() exits


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="maslihat")
def main() -> None:
    """The law on a mäslihat deputy's mandate, as rules you can run."""


@main.command()
@click.argument("case_file", type=click.Path(path_type=Path))
@common_options
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
@click.option("--explain", is_flag=True, help="Include the trace of every rule applied.")
@click.option(
    "--html",
    "html_file",
    type=click.Path(path_type=Path),
    help="Also write the case as a self-contained HTML page (timeline, chart, trace).",
)
@click.option("--force", is_flag=True, help="Replace the --html file if it exists.")
def evaluate(
    case_file: Path,
    as_of: dt.date | None,
    rules_dir: Path | None,
    as_json: bool,
    explain: bool,
    html_file: Path | None,
    force: bool,
) -> None:
    """Evaluate CASE_FILE and print what the law makes of it."""
    try:
        case = load_case(case_file)  # before the rules: a bad case fails at once
        rules = rules_from(rules_dir)
        if html_file is None:
            result = evaluate_case(case, as_of=as_of, rules=rules, explain=explain)
        else:
            result, entries = evaluate_with_timeline(case, as_of=as_of, rules=rules, explain=True)
            write_file(html_file, case_report_html(case, result, entries, rules), force)
            if not explain:
                result = result.model_copy(update={"trace": None})
    except (InputError, EvaluationError, WriteError) as error:
        fail(error)
        return
    if as_json:
        click.echo(json.dumps(result.model_dump(mode="json"), ensure_ascii=False, indent=2))
    else:
        click.echo(result_text(result))


@main.command()
@click.argument("case_file", type=click.Path(path_type=Path))
@common_options
@click.option("--json", "as_json", is_flag=True, help="Print the steps as a JSON list.")
def timeline(case_file: Path, as_of: dt.date | None, rules_dir: Path | None, as_json: bool) -> None:
    """Print, step by step, the status before and after, the rule that decided, and findings."""
    rules = rules_from(rules_dir)
    try:
        case = load_case(case_file)
        result, entries = evaluate_with_timeline(case, as_of=as_of, rules=rules)
    except (InputError, EvaluationError) as error:
        fail(error)
        return
    steps = timeline_steps(case, result, entries, rules)
    if as_json:
        data = [step.model_dump(mode="json") for step in steps]
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        click.echo(timeline_text(steps))


def case_files(paths: tuple[Path, ...]) -> Iterator[Path]:
    """The files named, and the case files inside the directories named, in order.

    In a directory, every entry with a case file's suffix that is not a directory is
    taken, so that a fifo or a link to a device is reported rather than skipped; a
    directory that cannot be listed is given as it is, to be reported as unreadable.
    """
    for path in paths:
        if not path.is_dir():
            yield path
            continue
        try:
            entries = sorted(p for p in path.iterdir() if p.suffix in RULE_SUFFIXES)
        except OSError:
            yield path
            continue
        yield from (p for p in entries if not p.is_dir())


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@common_options
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
def batch(
    paths: tuple[Path, ...], as_of: dt.date | None, rules_dir: Path | None, as_json: bool
) -> None:
    """Evaluate many case files (or directories of them); one line per case.

    A bad case file gets its one-line error on standard error and the others are
    still evaluated; a summary line on standard error ends the run. Exit code 0 if
    every case was evaluated, 2 if a case file was bad, 4 if evaluation found a defect.
    """
    rules = rules_from(rules_dir)
    day = as_of or today()
    statuses: Counter[str] = Counter()
    errors: Counter[int] = Counter()  # by exit code
    for path in case_files(paths):
        try:
            result = evaluate_case(load_case(path), as_of=day, rules=rules)
        except InputError as error:
            errors[error.exit_code] += 1
            click.echo(f"error: {error}", err=True)
            continue
        except EvaluationError as error:
            errors[EXIT_EVALUATION_DEFECT] += 1
            click.echo(f"error: {path}: {error}", err=True)
            continue
        statuses[result.status] += 1
        if as_json:
            line = {"file": str(path), "result": result.model_dump(mode="json")}
            click.echo(json.dumps(line, ensure_ascii=False))
        else:
            click.echo(summary_line(str(path), result))
    click.echo(batch_summary(statuses, errors.total()), err=True)
    sys.exit(max(errors, default=0))


@main.command()
@click.argument("name", type=click.Choice(sorted(SCHEMAS)))
def schema(name: str) -> None:
    """Print a JSON Schema: of case files, results, rule files or case-test files."""
    click.echo(schema_text(name), nl=False)


@main.command(name="rules")
@common_options
@click.option("--history", "rule_id", metavar="ID", help="Every version of one rule, over time.")
@click.option("--interpretations", is_flag=True, help="Print docs/interpretations.md (Markdown).")
@click.option(
    "--law", is_flag=True, help="Print docs/law.md: the law edition by edition (Markdown)."
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def rules_command(
    as_of: dt.date | None,
    rules_dir: Path | None,
    rule_id: str | None,
    interpretations: bool,
    law: bool,
    as_json: bool,
) -> None:
    """List the rules in force on --as-of (default today), with citation and provenance."""
    rules = rules_from(rules_dir)
    if law:
        click.echo(law_markdown(rules), nl=False)
        return
    if interpretations:
        click.echo(interpretations_markdown(rules), nl=False)
        return
    if rule_id is not None:
        listed = history(rules, rule_id)
        if not listed:
            raise click.BadParameter(f"no rule called {rule_id!r}", param_hint="--history")
    else:
        listed = in_force(rules, as_of or today())
    if as_json:
        click.echo(
            json.dumps(
                [info.model_dump(mode="json") for info in listed], ensure_ascii=False, indent=2
            )
        )
    else:
        day = as_of or today()
        title = f"History of {rule_id}" if rule_id else f"Rules in force on {day}"
        editions = () if rule_id else editions_in_force(rules, day)
        click.echo(rules_text(title, listed, rules.fingerprint, editions))
