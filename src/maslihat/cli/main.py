"""Command-line entry point: evaluate cases, list the rules, print schemas.

Exit codes (documented in docs/cli.md): 0 evaluated; 2 bad case input or bad usage;
3 bad rule files; 4 a defect in the rules or the engine found during evaluation.
`batch` goes on past a bad case and exits with the highest code any case earned.
Input errors print one line naming file, line, column and field; never a traceback.

Commands import what they need when they run, and the commands of sibling modules
(`audit`, `test`, `serve`) are loaded only when called or listed, so that
`maslihat evaluate` starts without the audit, the service or the rule-file models.
"""

from __future__ import annotations

import datetime as dt
import importlib
import json
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from maslihat.cli.helptext import Group, version_option
from maslihat.cli.language import IntRange, lang_option
from maslihat.cli.language import cli_language as cli_language
from maslihat.cli.progress import echo, progress
from maslihat.errors import CaseError, EvaluationError, InputError, Issue, WriteError
from maslihat.i18n import DEFAULT_LANGUAGE, N_, Language
from maslihat.schemas import MODELS as SCHEMAS
from maslihat.wording import in_language, no_such_day, say, say_in

if TYPE_CHECKING:
    from maslihat.model import Case
    from maslihat.rules.ruleset import RuleSet

EXIT_EVALUATION_DEFECT = 4
F = TypeVar("F", bound=Callable[..., Any])


class LazyGroup(Group):
    """A group whose commands in other modules are imported only when used or listed.

    The pattern of click's documentation ("Lazily Loading Subcommands").
    """

    def __init__(self, *args: Any, lazy: dict[str, str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lazy = lazy
        """Command name to `module:attribute` of its click command."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        """The group's own commands and the lazy ones, sorted."""
        return sorted({*super().list_commands(ctx), *self.lazy})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        """The command, importing its module first if it lives elsewhere."""
        if cmd_name not in self.lazy:
            return super().get_command(ctx, cmd_name)
        module, _, attribute = self.lazy[cmd_name].partition(":")
        command = getattr(importlib.import_module(module), attribute)
        assert isinstance(command, click.Command)
        return command


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
            reason = no_such_day(text)
            lang = cli_language()
            if reason is not None:
                self.fail(say_in(lang, "option_no_such_day", value=text, reason=reason), param, ctx)
            self.fail(say_in(lang, "option_not_date", value=text), param, ctx)
        return parsed


rules_option = click.option(
    "--rules",
    "rules_dir",
    type=click.Path(path_type=Path),
    help=N_("Directory of rule files (default: the bundled rules)."),
)
"""--rules DIR, for every command that reads rules."""
as_of_option = click.option(
    "--as-of",
    type=IsoDateType(),
    default=None,
    help=N_("Evaluate as of this date (default: today)."),
)
"""--as-of YYYY-MM-DD, for every command that evaluates."""


def common_options(command: F) -> F:
    """--as-of, --rules and --lang, shared by the commands that evaluate."""
    return as_of_option(lang_option(rules_option(command)))


def report(error: InputError) -> None:
    """Print every issue of `error` on its own line (`error: file:line:col: ...`), then a count.

    The lines are in the command's language (`cli_language`).
    """
    echo(error_text(error, cli_language()), err=True)


def error_line(text: str, lang: Language = DEFAULT_LANGUAGE) -> str:
    """One printed error, `error: ...`, in `lang` (`text` is worded in it if it can be)."""
    return say_in(lang, "error", error=in_language(text, lang))


def error_text(error: InputError, lang: Language = DEFAULT_LANGUAGE) -> str:
    """Every issue of `error` on its own line, then a count when there are several, in `lang`."""
    lines = [error_line(issue.text(lang), lang) for issue in error.issues]
    tally = error.tally(lang)
    return "\n".join([*lines, tally] if tally is not None else lines)


def fail(error: InputError | EvaluationError | WriteError) -> None:
    """Print the error (every issue of an input error) and exit with its documented code.

    The lines are in the command's language (`cli_language`).
    """
    if isinstance(error, InputError):
        report(error)
    else:
        lang = cli_language()
        text = error.text(lang) if isinstance(error, WriteError) else str(error)
        click.echo(error_line(text, lang), err=True)
    code = EXIT_EVALUATION_DEFECT if isinstance(error, EvaluationError) else error.exit_code
    sys.exit(code)


def case_from(path: Path) -> Case:
    """Read the case file at `path`; a directory is refused with a pointer to `batch`."""
    from maslihat.source.cases import load_case

    if path.is_dir():
        raise CaseError([Issue(say("is_directory", file=path), file=str(path))])
    return load_case(path)


def rules_from(rules_dir: Path | None, lang: Language = DEFAULT_LANGUAGE) -> RuleSet:
    """Load the rules, their texts in `lang`, or exit with code 3."""
    from maslihat.rules.loader import load_rules

    try:
        return load_rules(rules_dir, lang)
    except InputError as error:
        fail(error)
        raise  # unreachable: fail() exits


@click.group(
    cls=LazyGroup,
    lazy={
        "audit": "maslihat.cli.audit:audit_command",
        "diff": "maslihat.cli.diff:diff_command",
        "serve": "maslihat.cli.serve:serve",
        "test": "maslihat.cli.audit:test_command",
    },
    help=N_("The law on a mäslihat deputy's mandate, as rules you can run."),
)
@version_option
@lang_option
def main(lang: Language) -> None:
    """`maslihat`: the group of commands; its `--lang` is every command's default."""


@main.command(help=N_("Evaluate CASE_FILE and print what the law makes of it."))
@click.argument("case_file", type=click.Path(path_type=Path))
@common_options
@click.option("--json", "as_json", is_flag=True, help=N_("Print the result as JSON."))
@click.option("--explain", is_flag=True, help=N_("Include the trace of every rule applied."))
@click.option(
    "--html",
    "html_file",
    type=click.Path(path_type=Path),
    help=N_("Also write the case as a self-contained HTML page (timeline, chart, trace)."),
)
@click.option("--force", is_flag=True, help=N_("Replace the --html file if it exists."))
def evaluate(
    case_file: Path,
    as_of: dt.date | None,
    rules_dir: Path | None,
    as_json: bool,
    explain: bool,
    lang: Language,
    html_file: Path | None,
    force: bool,
) -> None:
    """`maslihat evaluate`: one case, printed as text or JSON, and written as a page."""
    from maslihat.cli.render import result_text
    from maslihat.engine.evaluate import evaluate as evaluate_case

    try:
        case = case_from(case_file)  # before the rules: a bad case fails at once
        rules = rules_from(rules_dir, lang)
        if html_file is None:
            result = evaluate_case(case, as_of=as_of, rules=rules, explain=explain, lang=lang)
        else:
            from maslihat.audit.output import write_file
            from maslihat.engine.evaluate import evaluate_with_timeline
            from maslihat.report import case_report_html

            result, entries = evaluate_with_timeline(
                case, as_of=as_of, rules=rules, explain=True, lang=lang
            )
            write_file(html_file, case_report_html(case, result, entries, rules, lang), force)
            if not explain:
                result = result.model_copy(update={"trace": None})
    except (InputError, EvaluationError, WriteError) as error:
        fail(error)
        return
    if as_json:
        click.echo(json.dumps(result.model_dump(mode="json"), ensure_ascii=False, indent=2))
    else:
        click.echo(result_text(result, lang))


@main.command(
    help=N_(
        "Print, step by step, the status before and after, the rule that decided, and findings."
    )
)
@click.argument("case_file", type=click.Path(path_type=Path))
@common_options
@click.option("--json", "as_json", is_flag=True, help=N_("Print the steps as a JSON list."))
def timeline(
    case_file: Path, as_of: dt.date | None, rules_dir: Path | None, as_json: bool, lang: Language
) -> None:
    """`maslihat timeline`: the steps of one case, as `report.timeline_steps` makes them."""
    from maslihat.cli.render import timeline_text
    from maslihat.engine.evaluate import evaluate_with_timeline
    from maslihat.report import timeline_steps

    rules = rules_from(rules_dir, lang)
    try:
        case = case_from(case_file)
        result, entries = evaluate_with_timeline(case, as_of=as_of, rules=rules, lang=lang)
    except (InputError, EvaluationError) as error:
        fail(error)
        return
    steps = timeline_steps(case, result, entries, rules, lang)
    if as_json:
        data = [step.model_dump(mode="json") for step in steps]
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        click.echo(timeline_text(steps, lang))


def case_files(paths: tuple[Path, ...]) -> Iterator[Path]:
    """The files named, and the case files inside the directories named, in order.

    In a directory, every entry with a case file's suffix that is not a directory is
    taken, so that a fifo or a link to a device is reported rather than skipped; a
    directory that cannot be listed is given as it is, to be reported as unreadable.
    """
    from maslihat.rules.loader import RULE_SUFFIXES  # case files take the same suffixes

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


@main.command(
    help=N_(
        "Evaluate many case files (or directories of them); one line per case.\n"
        "\n"
        "A bad case file gets its one-line error on standard error and the others are"
        " still evaluated; a summary line on standard error ends the run. Exit code 0 if"
        " every case was evaluated, 2 if a case file was bad, 4 if evaluation found a"
        " defect. Lines come in the order of the files, whatever --jobs is."
    )
)
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@common_options
@click.option("--json", "as_json", is_flag=True, help=N_("One JSON object per line."))
@click.option(
    "--jobs",
    type=IntRange(min=1),
    default=None,
    help=N_("Worker processes (default: the number of cores); 1 evaluates in this process."),
)
def batch(
    paths: tuple[Path, ...],
    as_of: dt.date | None,
    rules_dir: Path | None,
    as_json: bool,
    jobs: int | None,
    lang: Language,
) -> None:
    """`maslihat batch`: many cases, in worker processes, one line each in file order.

    Bad files are counted by exit code, so the run exits with the highest one.
    """
    from maslihat.cli.render import batch_summary
    from maslihat.engine.evaluate import today
    from maslihat.engine.pool import cpu_count, ordered_map

    rules = rules_from(rules_dir, lang)
    statuses: Counter[str] = Counter()
    errors: Counter[int] = Counter()  # by exit code
    files = list(case_files(paths))
    jobs = jobs or cpu_count()
    lines = ordered_map(
        _batch_case,
        files,
        jobs=jobs,
        initializer=_start_batch,
        initargs=(rules, as_of or today(), as_json, lang),
        chunk=batch_chunk(len(files), jobs),
    )
    for status, code, text in progress(N_("Evaluating cases"))(lines, len(files)):
        if status is None:
            errors[code] += 1
            echo(text, err=True)
        else:
            statuses[status] += 1
            echo(text)
    click.echo(batch_summary(statuses, errors.total(), lang), err=True)
    sys.exit(max(errors, default=0))


BATCH_CHUNK = 32
"""The most files a batch worker is handed at a time."""


def batch_chunk(files: int, jobs: int) -> int:
    """Files per task: as many as `BATCH_CHUNK`, as few as keep every worker busy, and 4 at least.

    Each task is a round trip through the pool that costs the parent about as much as
    printing a few lines, and the parent shares the cores with the workers: four files
    a task took a fifth of a core on two. A small batch is still spread over the
    workers (the pool keeps four tasks per worker in flight), and one of three files
    or fewer, less than a task, is evaluated in this process, as it always was.
    """
    from maslihat.engine.pool import WINDOW_PER_JOB

    return max(4, min(BATCH_CHUNK, files // (WINDOW_PER_JOB * jobs)))


_batch: tuple[RuleSet, dt.date, bool, Language] | None = None
"""A batch worker's rules, as-of date, --json and --lang, set once by `_start_batch`."""


def _start_batch(rules: RuleSet, day: dt.date, as_json: bool, lang: Language) -> None:
    global _batch
    _batch = (rules, day, as_json, lang)


def _batch_case(path: Path) -> tuple[str | None, int, str]:
    """Read, check and evaluate one file: its status (None on error), exit code and line.

    It runs in a worker, so the worker, not the parent, pays for reading the file.
    """
    from maslihat.cli.render import summary_line
    from maslihat.engine.evaluate import evaluate as evaluate_case
    from maslihat.source.cases import load_case

    assert _batch is not None, "_start_batch runs first in every worker"
    rules, day, as_json, lang = _batch
    try:
        result = evaluate_case(load_case(path), as_of=day, rules=rules, lang=lang)
    except InputError as error:
        return None, error.exit_code, error_text(error, lang)
    except EvaluationError as error:
        return None, EXIT_EVALUATION_DEFECT, error_line(f"{path}: {error}", lang)
    if as_json:
        line = {"file": str(path), "result": result.model_dump(mode="json")}
        return result.status, 0, json.dumps(line, ensure_ascii=False)
    return result.status, 0, summary_line(str(path), result, lang)


@main.command(
    help=N_("Print a JSON Schema: of case files, results, rule files or case-test files.")
)
@click.argument("name", type=click.Choice(sorted(SCHEMAS)))
@lang_option
def schema(name: str, lang: Language) -> None:
    """`maslihat schema`: the schemas are generated from the models (`maslihat.schemas`)."""
    from maslihat.schemas import schema_text

    click.echo(schema_text(name), nl=False)


@main.command(
    name="rules",
    help=N_("List the rules in force on --as-of (default today), with citation and provenance."),
)
@common_options
@click.option(
    "--history", "rule_id", metavar="ID", help=N_("Every version of one rule, over time.")
)
@click.option(
    "--interpretations", is_flag=True, help=N_("Print docs/interpretations.md (Markdown).")
)
@click.option(
    "--law", is_flag=True, help=N_("Print docs/law.md: the law edition by edition (Markdown).")
)
@click.option("--json", "as_json", is_flag=True, help=N_("Print JSON."))
def rules_command(
    as_of: dt.date | None,
    rules_dir: Path | None,
    rule_id: str | None,
    interpretations: bool,
    law: bool,
    as_json: bool,
    lang: Language,
) -> None:
    """`maslihat rules`: the listing, a rule's history, the law or the interpretations."""
    from maslihat.cli.render import rules_text, rules_title
    from maslihat.engine.evaluate import today
    from maslihat.rules.lawpage import law_markdown
    from maslihat.rules.listing import (
        editions_in_force,
        history,
        in_force,
        interpretations_markdown,
    )

    rules = rules_from(rules_dir, lang)
    if law:
        click.echo(law_markdown(rules), nl=False)
        return
    if interpretations:
        click.echo(interpretations_markdown(rules), nl=False)
        return
    if rule_id is not None:
        listed = history(rules, rule_id)
        if not listed:
            message = say_in(lang, "no_rule_called", rule=repr(rule_id))
            raise click.BadParameter(message, param_hint="--history")
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
        title = rules_title(rule_id, day, lang)
        editions = () if rule_id else editions_in_force(rules, day)
        click.echo(rules_text(title, listed, rules.fingerprint, editions, lang))
