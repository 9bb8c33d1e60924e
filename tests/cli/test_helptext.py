"""`--help` comes in the command's language, however `--lang` is given; English is as before."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import click
import pytest
from babel.messages.extract import extract_from_dir
from click.testing import CliRunner

from maslihat.cli import clickwords
from maslihat.cli.main import main

CLICK = Path(click.__file__).parent
EVALUATE_HELP = """\
Usage: maslihat evaluate [OPTIONS] CASE_FILE

  Evaluate CASE_FILE and print what the law makes of it.

Options:
  --as-of YYYY-MM-DD  Evaluate as of this date (default: today).
  --lang [en|ru|kk]   Language of the texts: en, ru or kk (codes and JSON keys
                      never change).  [env var: MASLIHAT_LANG]
  --rules PATH        Directory of rule files (default: the bundled rules).
  --json              Print the result as JSON.
  --explain           Include the trace of every rule applied.
  --html PATH         Also write the case as a self-contained HTML page
                      (timeline, chart, trace).
  --force             Replace the --html file if it exists.
  -h, --help          Show this message and exit.
"""


def output(*args: str, env: dict[str, str] | None = None) -> str:
    result = CliRunner(env=env).invoke(main, list(args), prog_name="maslihat")
    assert result.exit_code == 0, result.output
    return result.stdout


def test_english_help_is_as_it_was() -> None:
    """`maslihat evaluate --help` prints what it printed before help had languages."""
    assert output("evaluate", "--help") == EVALUATE_HELP


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_help_is_in_the_language_however_it_is_asked_for(lang: str) -> None:
    """`--lang` before or after `--help`, on the group, or MASLIHAT_LANG: the same page."""
    asked = output("evaluate", "--lang", lang, "--help")
    assert asked != EVALUATE_HELP
    assert output("evaluate", "--help", "--lang", lang) == asked
    assert output("--lang", lang, "evaluate", "--help") == asked
    assert output("evaluate", "--help", env={"MASLIHAT_LANG": lang}) == asked
    assert output("evaluate", "--help", f"--lang={lang}") == asked


def test_a_language_asked_for_once_is_not_kept() -> None:
    """Help in Kazakh, then without `--lang`, in one process: the second is English."""
    output("evaluate", "--help", "--lang", "kk")
    output("--help", "--lang", "kk")
    assert output("evaluate", "--help") == EVALUATE_HELP
    assert "Show this message and exit." in output("--help")


def test_the_language_at_start_up_is_not_kept() -> None:
    """A process started with MASLIHAT_LANG=kk but told `--lang en` helps in English."""
    env = {**os.environ, "MASLIHAT_LANG": "kk", "COLUMNS": "80"}

    def run(*args: str) -> str:
        command = [sys.executable, "-m", "maslihat", *args, "--help", "--lang", "en"]
        return subprocess.run(command, capture_output=True, text=True, check=True, env=env).stdout

    assert run("evaluate") == EVALUATE_HELP.replace("maslihat", "python -m maslihat", 1)
    assert "--version          Show the version and exit." in run()


@pytest.mark.parametrize(
    ("lang", "line"), [("en", "maslihat, version "), ("kk", "maslihat, нұсқасы ")]
)
def test_version_in_the_language(lang: str, line: str) -> None:
    """`maslihat --version` says its version in the language."""
    assert output("--version", "--lang", lang).startswith(line)


def test_the_groups_commands_are_listed_in_the_language() -> None:
    """The group's list shortens each command's translated help, not the English."""
    page = output("--help", "--lang", "ru")
    assert "  evaluate  Оценить дело из CASE_FILE" in page
    assert "Команды:" in page and "Параметры:" in page


def test_clicks_words_are_clicks_messages() -> None:
    """Every click message our catalogue translates is, word for word, one of click's."""
    messages = {message for _, _, message, _, _ in extract_from_dir(str(CLICK))}
    ours = [*clickwords.MESSAGES, *clickwords.PLURAL_MESSAGES]
    assert [m for m in ours if m not in messages] == []
    assert {"Show this message and exit.", "Show the version and exit."} <= messages
    assert "%(prog)s, version %(version)s" in messages


def test_h_stays_after_a_context_made_by_hand() -> None:
    """A context made by hand (as a test or a tool makes one) cannot take `-h` away.

    Click keeps a command's help option once made; made from a bare `click.Context`, it
    would have lacked the group's `-h` for every later run in the process (the docs test
    failed by the order xdist ran tests in).
    """
    schema = main.get_command(click.Context(main), "schema")
    assert schema is not None
    schema._help_option = None  # as if no run had made it yet
    schema.get_params(click.Context(schema))
    output = CliRunner().invoke(main, ["schema", "--help"]).output
    assert "-h, --help" in output
