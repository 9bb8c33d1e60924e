"""The words of every message about bad input, in one catalogue, so they read alike.

A person who wrote a case, a rule file or a command line should read what is wrong in
plain words, not in the parser's or the validator's (``String should match pattern``,
``expected <block end>``). Every such message is a template here, keyed by a stable
id, with named fields (``{key}``, ``{line}``) filled in by `say`; the code that finds a
mistake picks the id and the fields, never the words, nor the language.

`say` returns the English text as a `Said`, a string that remembers its id and fields,
so whoever prints it (the command line in its `--lang`, the service in the language a
request asks for) words it again with `in_language`. The templates are the msgids of
the gettext catalogues (`maslihat/locales/`): each is marked with `N_` so that
`pybabel extract` finds it, and tests/test_languages.py checks that each is translated
with the same fields.

This module imports nothing from the package at load time (the catalogues are read
only when another language is asked for), so every layer (the reader, the models, the
rules, the engine, the CLI and the service) can use it.
"""

from __future__ import annotations

import calendar
import difflib
import errno
import re
from collections.abc import Callable, Iterable, Mapping
from types import MappingProxyType
from typing import Any, Final

__all__ = [
    "MESSAGES",
    "N_",
    "PATTERNS",
    "Said",
    "closest",
    "described",
    "in_language",
    "listed",
    "name_pattern",
    "no_such_day",
    "os_reason",
    "say",
    "say_in",
    "unknown_name",
]


def N_(message: str) -> str:  # noqa: N802 - the name gettext tools look for
    """Mark a message for the catalogues; it is translated where it is shown."""
    return message


MESSAGES: Final[Mapping[str, str]] = MappingProxyType(
    {
        # Shape and keys.
        "unknown_key": N_("unknown key '{key}'; the keys here are: {choices}"),
        "unknown_key_close": N_("unknown key '{key}'"),
        "missing": N_("the required key '{key}' is missing"),
        "mapping_expected": N_("expected a mapping of keys to values, found {found}"),
        "list_expected": N_("expected a list, found {found}"),
        "unknown_tag": N_("unknown {what} '{value}'; the known ones are: {choices}"),
        "unknown_tag_close": N_("unknown {what} '{value}'"),
        "tag_missing": N_("the '{key}' key is missing: it says what kind of entry this is"),
        "unknown_value": N_("{found} is not allowed here; write one of: {choices}"),
        "unknown_value_close": N_("{found} is not allowed here"),
        "did_you_mean": N_("{message}; did you mean '{suggestion}'?"),
        "event_type": N_("event type"),
        # A value as a person wrote it (`described`).
        "a_boolean": N_("{value} (a boolean)"),
        "a_text": N_('"{value}" (text)'),
        "a_decimal": N_("{value} (a decimal number)"),
        "a_number": N_("{value} (a number)"),
        "a_mapping": N_("a mapping"),
        "a_list": N_("a list"),
        "nothing": N_("nothing"),
        # Values.
        "boolean_expected": N_("expected true or false, found {found}: write true or false"),
        "integer_expected": N_("expected an integer, found {found}"),
        "number_expected": N_("expected a number, found {found}"),
        "text_expected": N_("expected text, found {found}"),
        "text_empty": N_("must not be empty"),
        "too_short": N_("needs at least {min_length} entries, found {actual}"),
        "list_empty": N_("must list at least one entry"),
        "at_least": N_("must be {limit} or more, found {found}"),
        "more_than": N_("must be more than {limit}, found {found}"),
        "kato_pattern": N_(
            'a territory code is a 9-digit KATO code, such as "231010000" (the first '
            "digit is not 0); found {found}"
        ),
        "pattern": N_("{found} is not written as expected (the form is {pattern})"),
        "id_pattern": N_(
            "{found} is not an id: an id is lower-case letters, digits and _, starting "
            "with a letter (such as resignation or vote_majority)"
        ),
        "kebab_pattern": N_(
            "{found} is not an id of a provision or an edition: lower-case letters and "
            "digits joined by - (such as l148-20-3-8 or l148-2007-07-27)"
        ),
        "https_pattern": N_("{found} is not a web address starting https://"),
        "kato_type": N_('a KATO code is text: write it in quotes, "{value}"'),
        "date_expected": N_("expected a date written YYYY-MM-DD, found {found}"),
        "date_and_time": N_("expected a date YYYY-MM-DD, not a date and time"),
        "date_invalid": N_("{value} is not a calendar date: {reason}"),
        "no_month": N_("there is no month {month}"),
        "no_day_zero": N_("days are numbered from 01"),
        "no_year_zero": N_("years are numbered from 0001"),
        "month_days": N_("{month} {year} has {days} days"),
        "month_1": N_("January"),
        "month_2": N_("February"),
        "month_3": N_("March"),
        "month_4": N_("April"),
        "month_5": N_("May"),
        "month_6": N_("June"),
        "month_7": N_("July"),
        "month_8": N_("August"),
        "month_9": N_("September"),
        "month_10": N_("October"),
        "month_11": N_("November"),
        "month_12": N_("December"),
        "country_code": N_("'{value}' is not an ISO 3166 alpha-2 code such as KZ"),
        "election_after_registration": N_(
            "the election on {value} is later than the registration of {day}"
        ),
        "in_force_before_decision": N_("in force on {value} is earlier than the decision of {day}"),
        "established_before_vote": N_("established on {value} is earlier than the vote of {day}"),
        "ended_before_began": N_("ended {ended} is earlier than began {began}"),
        "votes_exceed_present": N_(
            "in_favour + against + abstained ({cast}) exceeds present ({present})"
        ),
        "present_exceeds_seats": N_("present ({present}) exceeds the mäslihat's {seats} seats"),
        # Facts a rule file reads.
        "unknown_fact_root": N_(
            "unknown fact '{path}': '{root}' is not readable here (readable: {readable})"
        ),
        "event_of": N_("event {types}"),
        "unknown_fact_field": N_("unknown fact '{path}': {what} has no '{name}' (it has: {known})"),
        # Names a case uses that the rules must define.
        "unknown_ground": N_("unknown ground '{ground}'; the grounds are: {choices}"),
        "unknown_ground_close": N_("unknown ground '{ground}'"),
        "unknown_item": N_("unknown {title} '{value}'; the known ones are: {choices}"),
        "unknown_item_close": N_("unknown {title} '{value}'"),
        # What the reader refuses (source/): limits, YAML features, encodings.
        "cannot_read": N_("cannot read the file: {reason}"),
        # The system's reasons, in its (English) words, as `os_reason` picks them.
        "no_such_file": N_("No such file or directory"),
        "permission_denied": N_("Permission denied"),
        "is_a_directory": N_("Is a directory"),
        "not_a_directory": N_("Not a directory"),
        "not_regular": N_("cannot read the file: it is {kind}, not a regular file"),
        "a_directory": N_("a directory"),
        "a_fifo": N_("a fifo"),
        "a_character_device": N_("a character device"),
        "a_block_device": N_("a block device"),
        "a_socket": N_("a socket"),
        "not_a_file": N_("not a file"),
        "too_big": N_("cannot read the file: it is larger than {limit} bytes (1 MiB)"),
        "other_encoding": N_("the text is {encoding}; save it as UTF-8"),
        "not_utf8": N_("not UTF-8: can't decode byte 0x{byte} ({reason})"),
        "utf8_start": N_("invalid start byte"),
        "utf8_continuation": N_("invalid continuation byte"),
        "utf8_end": N_("unexpected end of data"),
        "control_character": N_("control character U+{code} is not allowed"),
        "too_many_digits": N_("the number {number} has more than {limit} digits"),
        "too_deep": N_("nested too deeply (more than {limit} levels)"),
        "number_too_large": N_("the number {number} is too large"),
        "not_decimal": N_(
            "{number} is not a decimal number: write the number in decimal, or put it in "
            'quotes ("{number}") if it is text'
        ),
        "leading_zero": N_(
            "{number} is a number with a leading zero: put it in quotes if it is a code "
            '("{number}"), or drop the zero if it is a number'
        ),
        "yaml_tag": N_("YAML tags are not accepted (found {tag})"),
        "yaml_anchor": N_("YAML anchors are not accepted (found &{anchor})"),
        "yaml_alias": N_("YAML aliases are not accepted (found *{anchor})"),
        "yaml_merge": N_("YAML merge keys (<<) are not accepted"),
        "yaml_directive": N_("YAML directives (%YAML, %TAG) are not accepted"),
        "key_not_plain": N_("a key must be a plain value, not a mapping or a list"),
        "duplicate_key": N_("duplicate key '{key}'"),
        "second_document": N_("a file holds one document; found a second (---)"),
        "not_json_value": N_("{name} is not a JSON value"),
        # YAML and JSON syntax, by what the parser ran into.
        "yaml_indentation": N_(
            "check the indentation of line {line}: it does not line up with the lines above it"
        ),
        "yaml_colon": N_(
            "a ':' where no key can start: check the indentation of line {line}, or "
            "put the text in quotes if it holds ': '"
        ),
        "yaml_no_colon": N_(
            "a line without 'key: value' in a mapping: check line {line} (its "
            "indentation, or a ':' that is missing)"
        ),
        "yaml_dash": N_("check the indentation of line {line}: each list item starts with '- '"),
        "yaml_flow": N_(
            "a list [...] or mapping {{...}} opened on line {line} is not closed, or a "
            "',' is missing in it"
        ),
        "yaml_tab": N_("a tab in the indentation: indent with spaces only"),
        "yaml_quote": N_("a quote opened on line {line} is never closed"),
        "yaml_other": N_("not valid YAML or JSON: {problem}"),
        "json_comma": N_("not valid JSON: a ',' is missing between two entries"),
        "json_colon": N_("not valid JSON: a ':' is missing after the key"),
        "json_key": N_(
            "not valid JSON: a key in double quotes was expected here (keys take double "
            "quotes, and a comma before '}}' is not allowed)"
        ),
        "json_value": N_(
            "not valid JSON: a value was expected (a comma before ']' is not allowed, "
            "and text goes in double quotes)"
        ),
        "json_extra": N_("not valid JSON: there is more text after the end of the document"),
        "json_string": N_("not valid JSON: a string that is never closed"),
        "json_other": N_("not valid JSON: {problem}"),
        # The wrong kind of file.
        "kind_case_test": N_(
            "this is a case-test file (with about, case and tests), not {expected}: "
            "`maslihat test` runs it"
        ),
        "kind_rules": N_(
            "this is a rule file, not {expected}: rule files go in the directory given to --rules"
        ),
        "kind_case": N_(
            "this is a case file (with maslihat, deputy and events), not {expected}: "
            "`maslihat evaluate` evaluates it"
        ),
        "a_case": N_("a case"),
        "a_rule_file": N_("a rule file (--rules takes a directory of rule files)"),
        "a_case_test": N_("a case-test file"),
        "is_directory": N_(
            "is a directory: `maslihat batch {file}` evaluates every case file in it"
        ),
        "no_rule_files": N_("no rule files (*.yaml, *.yml, *.json) here"),
        "rules_not_directory": N_(
            "not a directory of rule files: --rules takes a directory (the default "
            "is the bundled rules)"
        ),
        # What the compiler of rule files refuses (rules/): names, versions, kinds.
        "duplicate_id": N_("duplicate id {id} in {section} (first at {where})"),
        "citation_bad": N_("citation {written}: {reason}"),
        "versions_overlap": N_(
            "versions {earlier} and {later} overlap: give the earlier a valid_to before {day}"
        ),
        "too_nested": N_("all, any and not may nest at most {limit} deep"),
        "within_territory": N_(
            'within takes a territory: a 9-digit KATO code such as "230000000" or a fact '
            "that is one, such as maslihat.territory (not {value})"
        ),
        "unknown_list": N_("unknown list {list}"),
        "need": N_("{what} {described}; {path} is {shown}"),
        "need_is": N_("{name} is"),
        "need_takes": N_("{name} takes"),
        "need_compares": N_("{name} compares"),
        "need_scales": N_("{name} scales"),
        "need_looks_in": N_("{name} looks in"),
        "need_needs": N_("{name} needs"),
        "need_adds": N_("{name} adds"),
        "want_collection": N_(
            "a collection (a list in the case, a state fact events add to, or events)"
        ),
        "want_territory": N_("a territory (a KATO code, such as maslihat.territory)"),
        "kind_date": N_("a date"),
        "kind_number": N_("a number"),
        "kind_collection": N_("a collection"),
        "kind_territory": N_("a territory"),
        "kind_value": N_("a value"),
        "kind_unknown": N_("of a kind that cannot be known here"),
        "named_fact_fields": N_("named fact {name} has no fields"),
        "unknown_provision": N_("unknown provision {id}"),
        "unknown_finding": N_("unknown finding code {code}"),
        "unknown_event_type": N_("unknown event type {event}; known: {known}"),
        "unknown_stage_of": N_("unknown stage {stage}; stages: {stages}"),
        "no_ground_field": N_("event {event} has no ground field to address"),
        "unknown_stage": N_("unknown stage {stage}"),
        "unknown_procedure": N_("unknown procedure {procedure}"),
        "ground_taken": N_("ground {label} is already {id}"),
        "one_lifecycle": N_("exactly one file must have a lifecycle section (found {count})"),
        "no_transition": N_("the lifecycle chart has no transition {transition}; it has: {known}"),
        "dollar": N_("a $ in a message starts ${{path}}; write $$ for a dollar sign"),
        "fact_cycle": N_("fact {fact} is defined in terms of itself: {cycle}"),
        "fact_chain": N_(
            "fact {fact} rests on a chain of {limit} named facts: they may nest at most "
            "{limit} deep"
        ),
        "state_from_event": N_("a state value is read from the event: event.FIELD"),
        "set_needs_value": N_("a set update needs a value"),
        "update_needs_key": N_("an add or remove update needs key fields"),
        "starts_empty": N_("a state fact that events add to starts empty: no initial"),
        "same_keys": N_("every add and remove of {state} matches items on the same keys ({keys})"),
        "item_overlap": N_(
            "item {item} is already in force then ({key}): an item may have several "
            "versions, one at a time"
        ),
        "no_event_field": N_("no event field {event}.{name}"),
        "validated_twice": N_("{event}.{name} is already validated by list {list}"),
        # What an amendment cannot change (whatif/overlay.py).
        "no_such_entry": N_("no {kind} {key} in the rules"),
        "no_such_item": N_("list {list} has no item {item}"),
        "version_from": N_("{rule} already has a version from {day}"),
        "nothing_to_end": N_("{rule} is not yet in force on {day}: nothing to end"),
        "not_from_files": N_("this rule set was not compiled from rule files"),
        # Editions of the law and where a wording was read (rules/editions.py).
        "earliest_only": N_(
            "only the earliest edition of {act} ({first}) may say what the text was before it"
        ),
        "edition_of_act": N_("edition {ref} is of {act}, not {other}"),
        "holds_wording": N_("edition {ref} already holds wording {index} of {id}"),
        "edition_after": N_(
            "edition {id} is dated {date}, after this version ends ({end}): it cannot be "
            "where the wording was read"
        ),
        "basis_no_source": N_("basis read, but no source is an edition of {act} (for {id})"),
        "basis_not_held": N_(
            "basis read, but {editions} does not hold the wording of {id} in force from {day}"
        ),
        "before_first_edition": N_(
            "in force from {day}, before the first edition of {act} we have ({first}), "
            "which has no `earlier` note to rest on"
        ),
        "unknown_edition": N_("unknown edition {ref}; rules/editions.yaml lists: {known}"),
        "edition_outside": N_(
            "edition {id} is dated {date}, outside {start} to {until}, and has no "
            "entry-into-force note showing that wording ahead of its day"
        ),
        "onwards": N_("on"),
        # The shape of a rule file's entries (rules/documents.py, syntax.py, citations).
        "valid_to_before": N_("valid_to {valid_to} is before valid_from {valid_from}"),
        "latest_before": N_("latest {latest} is before earliest {earliest}"),
        "outside_window": N_("valid_from {valid_from} is outside its window {earliest}..{latest}"),
        "read_names_editions": N_("a wording marked read names the editions that hold it"),
        "note_how_known": N_("a wording not read says in `note` how it is known"),
        "reason_out_of_scope": N_("give a reason exactly when the provision is out of scope"),
        "citation_with_source": N_("a finding's citation and its source edition come together"),
        "set_or_add": N_("a state fact is either set (a value) or added to (a collection)"),
        "whole_digits": N_("a whole number in a rule has at most {digits} digits"),
        "not_calendar_date": N_("{value} is not a calendar date"),
        "times_form": N_(
            "times must be a whole number or a fraction such as 2/3 (at most six digits each)"
        ),
        "times_zero": N_("times {value}: the divisor must not be zero"),
        "one_operator": N_("give exactly one operator of {operators} (found {count})"),
        "one_definition": N_(
            "define the fact with exactly one of: years_between, count, run_length, sum, first_of"
        ),
        "cite_act": N_(
            "cite an act the rules name (acts: {known}) as `ACT, art. N(P)(S)`, several `; ` apart"
        ),
        "not_article": N_("{place} is not an article as `N`, `N(P)` or `N(P)(S)`"),
        "reads_back": N_("the citation reads back as {text}"),
        "every_language": N_(
            "give this text in every language: {{en: ..., ru: ..., kk: ...}} (see "
            "docs/languages.md)"
        ),
        # Why an event is not a ground (the result's `not_grounds`).
        "why_not": N_("{event} is not ground {ground}: {reason} [{rule}; {citation}]"),
        "why_not_part": N_("{test} does not hold ({facts})"),
        "why_not_any": N_("none of these holds: {parts}"),
        "why_not_negated": N_("{test} holds, and the rule needs it not to ({facts})"),
        "why_not_event": N_("events[{index}] ({date})"),
        "why_not_breach": N_(
            "{item} is not a breach of {restriction}: {reason} [{rule}; {citation}]"
        ),
        # The command line.
        "option_not_date": N_("{value} is not a date YYYY-MM-DD"),
        "option_no_such_day": N_("{value} is not a date: {reason}"),
        "diff_needs_change": N_("give --amend FILE (one or more) or --against-rules DIR"),
        # A case test's result that is not what it expects (audit/mismatches.py).
        "test_differs": N_("{field}: expected {expected}, got {got}"),
        "test_present": N_("{field}: {code} must be absent"),
        "test_unknown": N_("names what the rules lack: {names}"),
        "test_unknown_finding": N_("finding code {code}"),
        "test_unknown_ground": N_("ground {ground}"),
        "witness_mutant": N_("mutant {id} ({description}, {where})"),
        "no_witness": N_("no witness found for {target}"),
        "suggest_summary": N_(
            "audit --suggest: {written} witness files written to {directory}; "
            "{missing} without a witness"
        ),
        "no_rule_called": N_("no rule called {rule}"),
        # Around the messages: how an error is printed, counted and located.
        "error": N_("error: {error}"),
        "no_file": N_("<input>"),
        "error_count": N_("{count} errors in {file}"),
        "error_count_files": N_("{count} errors in {files} files"),
        "and_more": N_("{first} (and {more} more)"),
        # A file a command was asked to write (`WriteError`).
        "write_failed": N_("cannot write: {reason}"),
        "write_exists": N_("exists; give --force to replace it"),
        "write_no_directory": N_("no directory {directory}"),
        "write_link": N_("is a symbolic link; not written through it"),
        "write_directory": N_("is a directory"),
        "write_not_directory": N_("is not a directory"),
        # A case-test file (`maslihat test`).
        "test_names_twice": N_("test names used twice: {names}"),
        "case_outside": N_(
            "{named} leads out of this file's directory ({home}): a case must be in it"
        ),
        # Over HTTP: the titles and details of problems (service/problems.py).
        "http_invalid_case": N_("The case is not valid"),
        "http_invalid_request": N_("The request is not valid"),
        "http_invalid_amendment": N_("The amendment is not valid"),
        "http_request_invalid": N_("the request is not valid"),
        "http_too_slow": N_("Request body too slow"),
        "http_late": N_("{what} did not arrive within {seconds} s"),
        "http_too_large": N_("Request body too large"),
        "http_exceeds": N_("{what} exceeds {limit} bytes"),
        "http_the_body": N_("the body"),
        "http_line": N_("line {number}"),
        "http_media_type": N_("Unsupported media type"),
        "http_send": N_("send {wanted}"),
        "either": N_("{one} or {other}"),
        "http_no_such_rule": N_("No such rule"),
        "http_not_found": N_("Not Found"),
        "http_method_not_allowed": N_("Method Not Allowed"),
        "http_defect": N_("The rules could not be applied"),
        "http_internal": N_("Internal error"),
        "http_internal_detail": N_("an unexpected error; it was logged"),
        "http_too_many_cases": N_("Too many cases"),
        "http_cases_limit": N_("at most {limit} cases per diff"),
        "http_named_cases": N_("an object of named cases"),
        "http_diff_keys": N_("an object with exactly the keys amendment and cases"),
    }
)
"""Message id to template; `say` fills in the named fields."""

PATTERNS: dict[str, str] = {}
"""A regular expression a field must match, to the message that says so in words.

Filled by `name_pattern` where each pattern is defined, so the pattern is written once
and a mismatch is worded by what the value is (a KATO code, an id), not the regex."""


def name_pattern(pattern: str, key: str) -> str:
    """`pattern`, noted as the one message `key` explains; use it where it is defined."""
    PATTERNS[pattern] = key
    return pattern


_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


class Said(str):
    """A message as `say` words it in English, which remembers its id and fields.

    It is the English text (so it prints, compares and pickles as before languages),
    and `in_language` words it again in Kazakh or Russian from the same id and fields,
    a field that is itself `Said` in the same language. The code that finds a mistake
    so never needs to know the language its message will be read in.
    """

    key: str
    fields: Mapping[str, Any]

    def __new__(cls, key: str, /, **fields: Any) -> Said:
        """The message `key` with its named fields filled in."""
        fields = {name: cls.kept(value) for name, value in fields.items()}
        said = super().__new__(cls, MESSAGES[key].format(**fields))
        said.key, said.fields = key, MappingProxyType(fields)
        return said

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickle by id and fields, so a worker process can hand a message to its parent."""
        return (_said, (type(self), self.key, dict(self.fields)))

    def in_language(self, lang: str) -> str:
        """The message in `lang` (its catalogue's wording); English is the text itself."""
        if lang == "en":
            return str(self)
        fields = {name: self.field_in(name, value, lang) for name, value in self.fields.items()}
        return _gettext(lang)(MESSAGES[self.key]).format(**fields)

    @staticmethod
    def kept(value: Any) -> Any:
        """A field as `Said` keeps it: words and plain values as they are, others as text."""
        return value if isinstance(value, str | int | float | None) else str(value)

    def field_in(self, name: str, value: Any, lang: str) -> Any:
        """A field worded in `lang`: a message in it, anything else as it is.

        A kind of message whose fields are values to word (a case test's mismatch:
        statuses, dates) says how by overriding this."""
        return in_language(value, lang)


def _said(kind: type[Said], key: str, fields: dict[str, Any]) -> Said:
    return kind(key, **fields)


def _gettext(lang: str) -> Callable[[str], str]:
    # The catalogues only for another language: English never imports Babel or i18n.
    from maslihat.i18n import language, translator

    return translator(language(lang)).gettext


def say(key: str, /, **fields: Any) -> Said:
    """The message `key` with its named fields filled in (English, able to be reworded)."""
    return Said(key, **fields)


def in_language(text: str, lang: str) -> str:
    """`text` in `lang` if it is a message `say` made; any other text as it is."""
    return text.in_language(lang) if isinstance(text, Said) else text


def say_in(lang: str, key: str, /, **fields: Any) -> str:
    """The message `key` in language `lang` (its catalogue's wording), fields filled in.

    The English template is the catalogue's key (msgid), as gettext has it; a template
    the catalogue lacks stays English, which the language tests catch.
    """
    return say(key, **fields).in_language(lang)


def os_reason(exc: OSError) -> str:
    """Why the system refused, in words that can be translated when they are ours.

    The system's own text is kept (English output is what it was); for the common
    reasons whose text is the catalogue's, the message is `Said` and so translatable.
    """
    reason = exc.strerror or str(exc)
    key = _OS_REASONS.get(exc.errno or 0)
    return say(key) if key is not None and MESSAGES[key] == reason else reason


_OS_REASONS = {
    errno.ENOENT: "no_such_file",
    errno.EACCES: "permission_denied",
    errno.EISDIR: "is_a_directory",
    errno.ENOTDIR: "not_a_directory",
}


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
        return say("a_boolean", value=str(value).lower())
    if isinstance(value, str):
        return say("a_text", value=value if len(value) <= 40 else value[:30] + "…")
    if isinstance(value, float):
        return say("a_decimal", value=str(value))
    if isinstance(value, int):
        return say("a_number", value=str(value))
    if isinstance(value, dict):
        return say("a_mapping")
    if isinstance(value, list | tuple):
        return say("a_list")
    return say("nothing") if value is None else type(value).__name__


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
        return say("month_days", month=say(f"month_{month}"), year=year, days=days)
    return None
