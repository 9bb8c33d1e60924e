"""The words of every message about bad input, in one catalogue, so they read alike.

A person who wrote a case, a rule file or a command line should read what is wrong in
plain words, not in the parser's or the validator's (``String should match pattern``,
``expected <block end>``). Every such message is a template here, keyed by a stable
id, with named fields (``{key}``, ``{line}``) filled in by `say`; the code that finds a
mistake picks the id and the fields, never the words. That keeps one place to word a
message and one place to translate it: a later catalogue (gettext, Babel) maps each
template to Kazakh or Russian, and `say` looks it up.

This module imports nothing from the package, so every layer (the reader, the models,
the rules, the engine, the CLI and the service) can use it.
"""

from __future__ import annotations

import calendar
import difflib
import re
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Any, Final

__all__ = [
    "MESSAGES",
    "PATTERNS",
    "closest",
    "described",
    "listed",
    "name_pattern",
    "no_such_day",
    "say",
    "unknown_name",
]

MESSAGES: Final[Mapping[str, str]] = MappingProxyType(
    {
        # Shape and keys.
        "unknown_key": "unknown key '{key}'; the keys here are: {choices}",
        "unknown_key_close": "unknown key '{key}'",
        "missing": "the required key '{key}' is missing",
        "mapping_expected": "expected a mapping of keys to values, found {found}",
        "list_expected": "expected a list, found {found}",
        "unknown_tag": "unknown {what} '{value}'; the known ones are: {choices}",
        "unknown_tag_close": "unknown {what} '{value}'",
        "tag_missing": "the '{key}' key is missing: it says what kind of entry this is",
        "unknown_value": "{found} is not allowed here; write one of: {choices}",
        "unknown_value_close": "{found} is not allowed here",
        "did_you_mean": "{message}; did you mean '{suggestion}'?",
        # Values.
        "boolean_expected": "expected true or false, found {found}: write true or false",
        "integer_expected": "expected an integer, found {found}",
        "number_expected": "expected a number, found {found}",
        "text_expected": "expected text, found {found}",
        "text_empty": "must not be empty",
        "too_short": "needs at least {min_length} entries, found {actual}",
        "list_empty": "must list at least one entry",
        "at_least": "must be {limit} or more, found {found}",
        "more_than": "must be more than {limit}, found {found}",
        "kato_pattern": (
            'a territory code is a 9-digit KATO code, such as "231010000" (the first '
            "digit is not 0); found {found}"
        ),
        "pattern": "{found} is not written as expected (the form is {pattern})",
        "id_pattern": (
            "{found} is not an id: an id is lower-case letters, digits and _, starting "
            "with a letter (such as resignation or vote_majority)"
        ),
        "kebab_pattern": (
            "{found} is not an id of a provision or an edition: lower-case letters and "
            "digits joined by - (such as l148-20-3-8 or l148-2007-07-27)"
        ),
        "https_pattern": "{found} is not a web address starting https://",
        "kato_type": 'a KATO code is text: write it in quotes, "{value}"',
        "date_expected": "expected a date written YYYY-MM-DD, found {found}",
        "date_and_time": "expected a date YYYY-MM-DD, not a date and time",
        "date_invalid": "{value} is not a calendar date: {reason}",
        "no_month": "there is no month {month}",
        "no_day_zero": "days are numbered from 01",
        "no_year_zero": "years are numbered from 0001",
        "month_days": "{month} {year} has {days} days",
        "country_code": "'{value}' is not an ISO 3166 alpha-2 code such as KZ",
        "date_order": "{what} on {value} is {order} the {of} of {day}",
        "earlier_than": "earlier than",
        "later_than": "later than",
        "ended_before_began": "ended {ended} is earlier than began {began}",
        "votes_exceed_present": (
            "in_favour + against + abstained ({cast}) exceeds present ({present})"
        ),
        "present_exceeds_seats": "present ({present}) exceeds the mäslihat's {seats} seats",
        # Facts a rule file reads.
        "unknown_fact_root": (
            "unknown fact '{path}': '{root}' is not readable here (readable: {readable})"
        ),
        "unknown_fact_field": "unknown fact '{path}': {what} has no '{name}' (it has: {known})",
        # Names a case uses that the rules must define.
        "unknown_ground": "unknown ground '{ground}'; the grounds are: {choices}",
        "unknown_ground_close": "unknown ground '{ground}'",
        "unknown_item": "unknown {title} '{value}'; the known ones are: {choices}",
        "unknown_item_close": "unknown {title} '{value}'",
        # What the reader refuses (source/): limits, YAML features, encodings.
        "cannot_read": "cannot read the file: {reason}",
        "not_regular": "cannot read the file: it is {kind}, not a regular file",
        "a_directory": "a directory",
        "a_fifo": "a fifo",
        "a_character_device": "a character device",
        "a_block_device": "a block device",
        "a_socket": "a socket",
        "not_a_file": "not a file",
        "too_big": "cannot read the file: it is larger than {limit} bytes (1 MiB)",
        "other_encoding": "the text is {encoding}; save it as UTF-8",
        "not_utf8": "not UTF-8: can't decode byte 0x{byte} ({reason})",
        "control_character": "control character U+{code} is not allowed",
        "too_many_digits": "the number {number} has more than {limit} digits",
        "too_deep": "nested too deeply (more than {limit} levels)",
        "number_too_large": "the number {number} is too large",
        "not_decimal": (
            "{number} is not a decimal number: write the number in decimal, or put it in "
            'quotes ("{number}") if it is text'
        ),
        "leading_zero": (
            "{number} is a number with a leading zero: put it in quotes if it is a code "
            '("{number}"), or drop the zero if it is a number'
        ),
        "yaml_tag": "YAML tags are not accepted (found {tag})",
        "yaml_anchor": "YAML anchors are not accepted (found &{anchor})",
        "yaml_alias": "YAML aliases are not accepted (found *{anchor})",
        "yaml_merge": "YAML merge keys (<<) are not accepted",
        "yaml_directive": "YAML directives (%YAML, %TAG) are not accepted",
        "key_not_plain": "a key must be a plain value, not a mapping or a list",
        "duplicate_key": "duplicate key '{key}'",
        "second_document": "a file holds one document; found a second (---)",
        "not_json_value": "{name} is not a JSON value",
        # YAML and JSON syntax, by what the parser ran into.
        "yaml_indentation": (
            "check the indentation of line {line}: it does not line up with the lines above it"
        ),
        "yaml_colon": (
            "a ':' where no key can start: check the indentation of line {line}, or "
            "put the text in quotes if it holds ': '"
        ),
        "yaml_no_colon": (
            "a line without 'key: value' in a mapping: check line {line} (its "
            "indentation, or a ':' that is missing)"
        ),
        "yaml_dash": "check the indentation of line {line}: each list item starts with '- '",
        "yaml_flow": (
            "a list [...] or mapping {{...}} opened on line {line} is not closed, or a "
            "',' is missing in it"
        ),
        "yaml_tab": "a tab in the indentation: indent with spaces only",
        "yaml_quote": "a quote opened on line {line} is never closed",
        "yaml_other": "not valid YAML or JSON: {problem}",
        "json_comma": "not valid JSON: a ',' is missing between two entries",
        "json_colon": "not valid JSON: a ':' is missing after the key",
        "json_key": (
            "not valid JSON: a key in double quotes was expected here (keys take double "
            "quotes, and a comma before '}}' is not allowed)"
        ),
        "json_value": (
            "not valid JSON: a value was expected (a comma before ']' is not allowed, "
            "and text goes in double quotes)"
        ),
        "json_extra": "not valid JSON: there is more text after the end of the document",
        "json_string": "not valid JSON: a string that is never closed",
        "json_other": "not valid JSON: {problem}",
        # The wrong kind of file.
        "kind_case_test": (
            "this is a case-test file (with about, case and tests), not {expected}: "
            "`maslihat test` runs it"
        ),
        "kind_rules": (
            "this is a rule file, not {expected}: rule files go in the directory given to --rules"
        ),
        "kind_case": (
            "this is a case file (with maslihat, deputy and events), not {expected}: "
            "`maslihat evaluate` evaluates it"
        ),
        "a_case": "a case",
        "a_rule_file": "a rule file (--rules takes a directory of rule files)",
        "a_case_test": "a case-test file",
        "is_directory": ("is a directory: `maslihat batch {file}` evaluates every case file in it"),
        "rules_not_directory": (
            "not a directory of rule files: --rules takes a directory (the default "
            "is the bundled rules)"
        ),
        # Why an event is not a ground (the result's `not_grounds`).
        "why_not": "{event} is not ground {ground}: {reason} [{rule}; {citation}]",
        "why_not_part": "{test} does not hold ({facts})",
        "why_not_any": "none of these holds: {parts}",
        "why_not_negated": "{test} holds, and the rule needs it not to ({facts})",
        "why_not_event": "events[{index}] ({date})",
        "why_not_breach": "{item} is not a breach of {restriction}: {reason} [{rule}; {citation}]",
        # The command line.
        "option_not_date": "{value} is not a date YYYY-MM-DD",
        "option_no_such_day": "{value} is not a date: {reason}",
        "suggest_summary": (
            "audit --suggest: {written} witness files written to {directory}; "
            "{missing} without a witness"
        ),
        "error_count": "{count} errors in {file}",
        "error_count_files": "{count} errors in {files} files",
        "and_more": "{first} (and {more} more)",
    }
)
"""Message id to template; `say` fills in the named fields."""

_MONTH_NAMES = (  # not calendar.month_name, which follows the locale
    "",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
PATTERNS: dict[str, str] = {}
"""A regular expression a field must match, to the message that says so in words.

Filled by `name_pattern` where each pattern is defined, so the pattern is written once
and a mismatch is worded by what the value is (a KATO code, an id), not the regex."""


def name_pattern(pattern: str, key: str) -> str:
    """`pattern`, noted as the one message `key` explains; use it where it is defined."""
    PATTERNS[pattern] = key
    return pattern


_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


def say(key: str, /, **fields: Any) -> str:
    """The message `key` with its named fields filled in."""
    return MESSAGES[key].format(**fields)


def say_in(lang: str, key: str, /, **fields: Any) -> str:
    """The message `key` in language `lang` (its catalogue's wording), fields filled in.

    The English template is the catalogue's key (msgid), as gettext has it; a template
    the catalogue lacks stays English, which the language tests catch.
    """
    template = MESSAGES[key]
    if lang != "en":
        from maslihat.i18n import translator  # the catalogues only for another language

        template = translator(lang).gettext(template)
    return template.format(**fields)


def closest(word: object, choices: Iterable[object]) -> str | None:
    """The choice nearest to `word` in spelling, if one is near enough to suggest."""
    names, text = [str(choice) for choice in choices], str(word)
    found = difflib.get_close_matches(text, names, n=1, cutoff=0.6)
    if found:
        return found[0]
    longer = [name for name in names if len(text) >= 3 and name.startswith(text)]
    return longer[0] if len(longer) == 1 else None  # "negligent": negligent_misdemeanour


def unknown_name(kind: str, value: object, choices: Iterable[object], **fields: Any) -> str:
    """An unknown `kind` of name: "did you mean" the close one, or else list them all.

    `kind` picks the messages `unknown_<kind>` and `unknown_<kind>_close`, which name
    the value as `{value}` (and as `{<kind>}`) and the list as `{choices}`.
    """
    choices = list(choices)
    fields = {**fields, "value": value, kind: value}
    suggestion = closest(value, choices)
    if suggestion is None:
        return say(f"unknown_{kind}", choices=listed(choices), **fields)
    message = say(f"unknown_{kind}_close", **fields)
    return say("did_you_mean", message=message, suggestion=suggestion)


def listed(choices: Iterable[object]) -> str:
    """Choices as a person reads a list: `'a', 'b', 'c'`."""
    return ", ".join(f"'{choice}'" for choice in choices)


def described(value: Any) -> str:
    """A value as a person wrote it: `true`, `"31"` (text), `31.0` (a decimal number)."""
    if isinstance(value, bool):
        return f"{str(value).lower()} (a boolean)"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:30] + "…"
        return f'"{shown}" (text)'
    if isinstance(value, float):
        return f"{value} (a decimal number)"
    if isinstance(value, int):
        return f"{value} (a number)"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list | tuple):
        return "a list"
    return "nothing" if value is None else type(value).__name__


def no_such_day(text: str) -> str | None:
    """Why `YYYY-MM-DD` `text` names no day (no month 13, no 30 February), or None."""
    found = _ISO.match(text)
    if found is None:
        return None
    year, month, day = (int(part) for part in found.groups())
    if not 1 <= month <= 12:
        return say("no_month", month=found.group(2))
    if year == 0:
        return say("no_year_zero")
    if day == 0:
        return say("no_day_zero")
    days = calendar.monthrange(year, month)[1]
    if day > days:
        return say("month_days", month=_MONTH_NAMES[month], year=year, days=days)
    return None
