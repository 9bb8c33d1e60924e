"""Click's own words that a user of `maslihat` can read, marked here for our catalogues.

Click marks its messages for gettext but ships no translations; the program that
uses it is to translate them with its own (cli/language.py hands click ours). They
are marked here, word for word as click writes them, so that `pybabel extract` on
`src/maslihat` finds them and `pybabel update` keeps their translations; a test
checks that each is still a message of the click installed. Click's messages for
what `maslihat` never does (prompts, editors, shell completion, files opened by
click, mistakes in declaring options) are left out. The messages of `--help` and
`--version` are marked where they are used (cli/helptext.py).
"""

from __future__ import annotations

from maslihat.i18n import N_


def ngettext(singular: str, plural: str) -> tuple[str, str]:  # the name the extractor reads
    """Mark a message with a plural form for the catalogues."""
    return singular, plural


MESSAGES = (
    N_("Usage:"),
    N_("Options"),
    N_("Positional arguments"),
    N_("Commands"),
    N_("env var: {var}"),
    N_("default: {default}"),
    N_("(dynamic)"),
    N_("Error: {message}"),
    N_("Try '{command} {option}' for help."),
    N_("Aborted!"),
    N_("Missing command."),
    N_("No such command {name!r}."),
    N_("No such option {name!r}."),
    N_("Option {name!r} does not take a value."),
    N_("Argument {name!r} takes {nargs} values."),
    N_("Invalid value: {message}"),
    N_("Invalid value for {param_hint}: {message}"),
    N_("Missing argument"),
    N_("Missing option"),
    N_("Missing parameter"),
    N_("Missing {param_type}"),
    N_("Missing parameter: {param_name}"),
    N_("{value!r} is not a valid {number_type}."),
    N_("{value} is not in the range {range}."),
)
"""Click's messages in the help and the usage errors."""

PLURAL_MESSAGES = (
    ngettext("Got unexpected extra argument ({args})", "Got unexpected extra arguments ({args})"),
    ngettext(
        "Option {name!r} requires an argument.", "Option {name!r} requires {nargs} arguments."
    ),
    ngettext("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)"),
    ngettext("{value!r} is not {choice}.", "{value!r} is not one of {choices}."),
)
"""Click's messages with a plural form, as (singular, plural)."""
