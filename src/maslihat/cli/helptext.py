"""`--help` in the command's language: our help texts and click's words, from the catalogues.

Click builds a help page when it is asked for one, from the `help` of each command
and option. So the texts are declared in English, marked `N_()` for the catalogues,
and translated as the page is built, in the language `cli_language` names:

- a command's help: `Command.help` is read in that language, so the group's list of
  commands shortens the translated text;
- an option's help: `Formatter.write_dl` translates the text of each row, before
  click's bracketed notes (`[env var: ...]`, `[default: ...]`), which are click's
  own words and are translated with them (cli/language.py);
- `--help` and `--version`: click's own messages, kept as messages and translated
  when shown (click would translate them once, when the option is made, and keep
  that language for every later command run in the same process).
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from typing import Any

import click

from maslihat.cli.language import spoken_on, translated
from maslihat.i18n import N_

NOTES = "  ["
"""Where click's notes begin after an option's help (`help  [default: 8000]`)."""
HELP = N_("Show this message and exit.")
HELP_NAMES = ["-h", "--help"]
"""The help option's names on the group and every command."""
VERSION = N_("%(prog)s, version %(version)s")


class Formatter(click.HelpFormatter):
    """Click's formatter, which translates the help of each option as it writes it."""

    def write_dl(
        self, rows: Iterable[tuple[str, str]], col_max: int = 30, col_spacing: int = 2
    ) -> None:
        """The rows of options (or commands), their help in the command's language."""
        super().write_dl([(term, _in_language(text)) for term, text in rows], col_max, col_spacing)


def _in_language(text: str) -> str:
    """An option's help translated, click's notes after it (translated already) kept."""
    help_text, notes, rest = text.partition(NOTES)
    return translated(help_text) + notes + rest


class Context(click.Context):
    """Click's context, with the translating formatter."""

    formatter_class = Formatter


class Command(click.Command):
    """A click command whose help is read in the command's language.

    Run as a program (`main`), it first reads `--lang` off the whole command line,
    so the help and the usage errors printed before click gets to `--lang` are in it.
    """

    context_class = Context

    def get_help_option_names(self, ctx: click.Context) -> list[str]:
        """`-h` and `--help` on every command, whatever context asks.

        Click (8.1.8+) makes a command's help option once and keeps it; a context made
        by hand (`click.Context(command)`, as tests and tools do) does not carry the
        group's `help_option_names`, and would otherwise leave the command without
        `-h` for every later run in the same process.
        """
        return list(HELP_NAMES)

    @property
    def help(self) -> str | None:
        """The help text (an English message) in the command's language."""
        return None if self._help is None else translated(self._help)

    @help.setter  # noqa: A003 - click reads `help`; the property translates it
    def help(self, message: str | None) -> None:
        self._help = message

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        """Click's `--help`, with its help kept as click's message, translated when shown."""
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = HELP
        return option

    def main(self, *args: Any, **kwargs: Any) -> Any:
        """Run as a program, in the language `--lang` names anywhere on the command line."""
        line = kwargs["args"] if "args" in kwargs else (args[0] if args else None)
        with spoken_on(sys.argv[1:] if line is None else line):
            return super().main(*args, **kwargs)


class Group(Command, click.Group):
    """A click group whose help, and whose commands' help, is in the command's language."""

    command_class = Command


def _print_version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    """`maslihat, version 0.1.0`, in the command's language."""
    if not value or ctx.resilient_parsing:
        return
    from importlib.metadata import version  # only for --version: not every start pays

    words = {"prog": ctx.find_root().info_name, "version": version("maslihat")}
    click.echo(translated(VERSION) % words)
    ctx.exit()


version_option = click.option(
    "--version",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=_print_version,
    help=N_("Show the version and exit."),
)
"""--version, as click's `version_option` prints it, in the command's language."""
