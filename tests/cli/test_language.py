"""Every command takes `--lang` (and MASLIHAT_LANG), read anywhere on its command line."""

from __future__ import annotations

import gettext
import sys
from pathlib import Path
from typing import Any

import click
import pytest
from click.testing import CliRunner

import maslihat.cli.language as cli_lang
from maslihat.cli.language import FloatRange, IntRange, lang_option, language_on
from maslihat.cli.main import main

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "01-atyrau-resignation.yaml"
CLICK = Path(click.__file__).parent


def commands() -> list[str]:
    """Every command of the group, the lazy ones too."""
    return main.list_commands(click.Context(main))


def invoke(*args: str, env: dict[str, str] | None = None) -> click.testing.Result:
    return CliRunner(env=env).invoke(main, list(args))


@pytest.mark.parametrize(
    ("args", "lang"),
    [
        (["evaluate", "--lang", "kk"], "kk"),
        (["--lang=ru", "evaluate", "x"], "ru"),
        (["--lang", "kk", "rules", "--lang", "ru"], "ru"),
        (["rules", "--lang", "de"], None),
        (["rules", "--lang"], None),
        (["evaluate", "--", "--lang", "kk"], None),
        (["evaluate", "x"], None),
    ],
)
def test_the_command_line_names_its_language(args: list[str], lang: str | None) -> None:
    """The last valid `--lang` before `--` is the language; another value names none."""
    assert language_on(args) == lang


@pytest.mark.parametrize("command", commands())
def test_every_command_takes_the_one_lang_option(command: str) -> None:
    """Each command has `--lang`, the same option as the group's, with MASLIHAT_LANG."""
    found = main.get_command(click.Context(main), command)
    assert found is not None
    options = [p for p in found.params if p.name == "lang"]
    assert len(options) == 1, command
    shared = next(p for p in main.params if p.name == "lang")
    assert type(options[0]) is type(shared)
    assert options[0].envvar == shared.envvar == "MASLIHAT_LANG"
    assert invoke(command, "--lang", "kk", "--help").exit_code == 0


def test_lang_is_one_declaration() -> None:
    """`--lang` is declared once, in cli/language.py, and applied everywhere from there."""
    sources = (Path(cli_lang.__file__).parent).glob("*.py")
    declared = [path.name for path in sources if '"--lang"' in path.read_text(encoding="utf-8")]
    assert declared == ["language.py"]
    assert callable(lang_option)


def test_the_groups_lang_is_every_commands_default() -> None:
    """`maslihat --lang kk rules` is `maslihat rules --lang kk`; the command's own wins."""
    day = ["--as-of", "2024-01-01"]
    on_group = invoke("--lang", "kk", "rules", *day)
    on_command = invoke("rules", *day, "--lang", "kk")
    assert on_group.exit_code == 0, on_group.output
    assert on_group.stdout == on_command.stdout
    assert on_group.stdout != invoke("rules", *day).stdout
    assert invoke("--lang", "kk", "rules", *day, "--lang", "ru").stdout == (
        invoke("rules", *day, "--lang", "ru").stdout
    )


def test_the_command_line_wins_over_the_environment() -> None:
    """MASLIHAT_LANG is the default; `--lang` on the group or the command overrides it."""
    case = ["evaluate", str(EXAMPLE), "--as-of", "2026-01-01"]
    kazakh = invoke(*case, "--lang", "kk").stdout
    assert invoke(*case, env={"MASLIHAT_LANG": "kk"}).stdout == kazakh
    assert invoke("--lang", "kk", *case, env={"MASLIHAT_LANG": "ru"}).stdout == kazakh
    assert invoke(*case, "--lang", "en", env={"MASLIHAT_LANG": "kk"}).stdout == (
        invoke(*case).stdout
    )


def test_an_unknown_language_in_the_environment_is_a_usage_error() -> None:
    """MASLIHAT_LANG=de is refused (exit 2), naming the variable, as a bad --lang is."""
    result = invoke("schema", "case", env={"MASLIHAT_LANG": "de"})
    assert result.exit_code == 2
    assert "Invalid value for '--lang' (env var: 'MASLIHAT_LANG'): 'de' is not one of" in (
        result.stderr
    )


def test_click_speaks_through_our_catalogue() -> None:
    """Every loaded click module that marks words with gettext looks them up in ours."""
    marking = {
        f"click.{path.stem}"
        for path in CLICK.glob("*.py")
        if "from gettext import" in path.read_text(encoding="utf-8")
    }
    loaded = marking & set(sys.modules)
    assert {"click.core", "click.exceptions", "click.formatting", "click.types"} <= loaded
    for name in loaded:
        module: Any = sys.modules[name]
        assert getattr(module, "_", None) is not gettext.gettext, name
        assert getattr(module, "ngettext", None) is not gettext.ngettext, name


def test_number_types_name_themselves_in_the_language() -> None:
    """`'x' is not a valid integer range.` in Kazakh names the type in Kazakh."""
    english = invoke("batch", "--jobs", "x", "y")
    assert "Invalid value for '--jobs': 'x' is not a valid integer range." in english.stderr
    kazakh = invoke("batch", "--jobs", "x", "y", "--lang", "kk")
    assert "'--jobs' мәні жарамсыз: 'x' — бүтін сан емес." in kazakh.stderr
    russian = invoke("serve", "--body-timeout", "soon", "--lang", "ru")
    assert "'soon' — не число." in russian.stderr


def test_number_types_keep_their_metavars() -> None:
    """`INTEGER RANGE` and `FLOAT RANGE` in help, as click names them, in every language."""
    ctx = click.Context(main)
    option = click.Option(["--n"], type=IntRange(min=1))
    assert option.make_metavar(ctx) == "INTEGER RANGE"
    option = click.Option(["--t"], type=FloatRange(min=0))
    assert option.make_metavar(ctx) == "FLOAT RANGE"
