"""The language a command speaks: `--lang` anywhere on its command line, else
`MASLIHAT_LANG`, else English; and click's own words in that language.

`--lang` is one option (`lang_option`), on the group and on every command, so
`maslihat --lang kk rules` and `maslihat rules --lang kk` mean the same; the last one
given wins. Some texts are printed before click has read `--lang`: `--help` is eager
too and may come first (`evaluate --help --lang kk`), and a usage error (`evaluate
--bogus --lang kk`) stops the parsing before any option is processed. So the group
looks for `--lang` on the whole command line before parsing it (`spoken_on`), and
`cli_language` answers with that first.

Click marks its own words (`Usage:`, `Options`, `Error: ...`, `No such option ...`)
with the standard library's `gettext`, bound as `_` and `ngettext` in each of its
modules. That reads the process-wide gettext domain, from `.mo` files found by the
locale's environment variables; click has no way to be handed a translations object
(pallets/click#2706). `speak_for_click` therefore rebinds those two names in click's
modules to functions that look the message up in our catalogue, in the language of
the command; the catalogue holds click's messages (`maslihat.cli.clickwords`). In
English a message is itself, so English output is click's own, and Babel is never
imported for it. (Another click program run in the same process would speak the
language of `MASLIHAT_LANG` too: English unless it names another.)
"""

from __future__ import annotations

import gettext
import os
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar

import click
from click.core import ParameterSource

from maslihat.i18n import DEFAULT_LANGUAGE, LANGUAGES, N_, Language, language, translator

ENVIRONMENT = "MASLIHAT_LANG"
LANG_KEY = "maslihat.lang"
"""Where `--lang` leaves the language in the click context, for `cli_language`."""

_on_command_line: ContextVar[Language | None] = ContextVar("maslihat_lang", default=None)


def language_on(args: Sequence[str]) -> Language | None:
    """The language of the last `--lang X` or `--lang=X` in `args` (before any `--`).

    A value that is not one of ours is passed over here; click refuses it later.
    """
    found: Language | None = None
    for index, arg in enumerate(args):
        if arg == "--":
            break
        value = None
        if arg == "--lang" and index + 1 < len(args):
            value = args[index + 1]
        elif arg.startswith("--lang="):
            value = arg.removeprefix("--lang=")
        if value in LANGUAGES:
            found = language(value)
    return found


@contextmanager
def spoken_on(args: Sequence[str]) -> Iterator[None]:
    """While a command line runs, the language its `--lang` names (if any) is chosen."""
    token = _on_command_line.set(language_on(args))
    try:
        yield
    finally:
        _on_command_line.reset(token)


def cli_language() -> Language:
    """The language this command prints in: its `--lang`, else `MASLIHAT_LANG`, else English.

    Errors can be printed before `--lang` is parsed (a bad option, a missing file), so
    the command line as a whole is read first, and the environment is the fallback; a
    value that is not one of ours counts as English.
    """
    chosen = _on_command_line.get()
    if chosen is not None:
        return chosen
    ctx = click.get_current_context(silent=True)
    if ctx is not None and LANG_KEY in ctx.meta:
        return ctx.meta[LANG_KEY]  # type: ignore[no-any-return]
    named = os.environ.get(ENVIRONMENT, DEFAULT_LANGUAGE)
    return language(named) if named in LANGUAGES else DEFAULT_LANGUAGE


def translated(message: str) -> str:
    """`message` (a message of the catalogues) in the command's language."""
    return translator(cli_language()).gettext(message) if message else message


def _click_ngettext(singular: str, plural: str, n: int) -> str:
    return translator(cli_language()).ngettext(singular, plural, n)


def speak_for_click() -> None:
    """Have click's modules look their words up in our catalogue (idempotent).

    Only the modules loaded by then are changed: those `import click` loads, which
    hold the help and the usage errors. The shell-completion and pager modules, loaded
    on first use, keep English.
    """
    for name, module in list(sys.modules.items()):
        if name != "click" and not name.startswith("click."):
            continue
        names = vars(module)
        if names.get("_") is gettext.gettext:
            names["_"] = translated
        if names.get("ngettext") is gettext.ngettext:
            names["ngettext"] = _click_ngettext


class _NamedInLanguage:
    """A click number type that names itself in the command's language when it refuses
    a value (`'x' is not a valid integer range.`), its metavar English, as option names."""

    word: str
    metavar: str

    @property
    def name(self) -> str:
        """The type's name in the command's language."""
        return translated(self.word)

    def get_metavar(self, param: click.Parameter, ctx: click.Context) -> str:
        """The metavar, the same in every language."""
        return self.metavar


class IntRange(_NamedInLanguage, click.IntRange):  # type: ignore[override]  # `name` is read-only
    """click's IntRange, named in the command's language."""

    word, metavar = N_("integer range"), "INTEGER RANGE"


class FloatRange(_NamedInLanguage, click.FloatRange):  # type: ignore[override]  # `name` is read-only
    """click's FloatRange, named in the command's language."""

    word, metavar = N_("float range"), "FLOAT RANGE"


class _LanguageOption(click.Option):
    """`--lang`, whose error names `MASLIHAT_LANG` in the command's language."""

    def get_error_hint(self, ctx: click.Context | None) -> str:
        """`'--lang' (env var: 'MASLIHAT_LANG')`, with click's words translated."""
        names = click.Parameter.get_error_hint(self, ctx)
        where = translated("env var: {var}").format(var=repr(ENVIRONMENT))
        return f"{names} ({where})"


def _remember_language(ctx: click.Context, param: click.Parameter, value: Language) -> Language:
    """Keep the language in the context, so messages printed anywhere can read it.

    A command's `--lang` not given on its own command line is the group's (which
    read `MASLIHAT_LANG`), so `maslihat --lang kk rules` speaks Kazakh.
    """
    if ctx.get_parameter_source(param.name or "lang") is not ParameterSource.COMMANDLINE:
        value = ctx.meta.get(LANG_KEY, value)
    ctx.meta[LANG_KEY] = value
    return value


lang_option = click.option(
    "--lang",
    cls=_LanguageOption,
    type=click.Choice(LANGUAGES),
    default=DEFAULT_LANGUAGE,
    envvar=ENVIRONMENT,
    show_envvar=True,
    is_eager=True,
    callback=_remember_language,
    help=N_("Language of the texts: en, ru or kk (codes and JSON keys never change)."),
)
"""--lang, on the group and every command; eager, so the language is known before any
other option is checked or an error is printed."""

speak_for_click()
