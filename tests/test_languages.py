"""Every text a person reads comes in en, ru and kk; codes and the JSON's shape never change.

The catalogue's cases are the yardstick: each is evaluated, on each of its dates, in
every language; the results must decide alike, differ only in their text fields, and
the Russian and Kazakh human output must hold no English word but codes and names.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import itertools
import json
import re
import shutil
import string
from collections.abc import Callable
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import click
import httpx
import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po
from click.testing import CliRunner

import maslihat
from maslihat.audit.casetests import Expect, LoadedFile, case_test_files, load_case_test
from maslihat.audit.model import AuditReport
from maslihat.cli.main import main as cli
from maslihat.cli.render import batch_summary, result_text
from maslihat.engine.evaluate import evaluate_with_timeline
from maslihat.engine.verdicts import verdict
from maslihat.errors import CaseTestError
from maslihat.i18n import LANGUAGES, Language, catalogue_path, negotiate
from maslihat.i18n import day as human_day
from maslihat.model import EVENT_MODELS
from maslihat.report import case_report_html
from maslihat.rules.conditions import words
from maslihat.rules.listing import all_versions
from maslihat.rules.loader import bundled_rules_dir, in_language, load_rules, read_rule_files
from maslihat.schemas import MODELS as SCHEMAS
from maslihat.service.web.examples import examples
from maslihat.source import load_document
from maslihat.whatif import render as whatif_render
from maslihat.whatif.amendment import load_amendment
from maslihat.whatif.diff import diff
from maslihat.whatif.overlay import apply_amendment
from maslihat.wording import MESSAGES, say_in

CATALOGUE = Path(__file__).parent / "catalogue"
EXAMPLES = Path(__file__).parents[1] / "examples"
SOURCE = Path(__file__).parents[1] / "src" / "maslihat"
QUOTED = re.compile(r"'[^']*'|\[[^\]]*\]|`[^`]*`|https://\S+|\b[a-z_]+=")
FACT_PATH = re.compile(r"\b[a-z_][a-z_-]*(?:\.[a-z_]+)+\b")
LATIN_WORD = re.compile(r"[A-Za-zÄäÖöÜü][A-Za-z0-9_ÄäÖöÜü'-]*")
ALLOWED = {
    # A citation's act numbers (148-II, 383-IV) are numerals, not words.
    "II",
    "III",
    "IV",
    "V",
    "VI",
    "VII",
    "VIII",
    # The official texts' own "N 126" in the footnotes they quote, and the public
    # repository the texts were read from (kazakhstan-law/codes).
    "N",
    "kazakhstan-law",
    "codes",
    # Names and codes from the case files: ids, mäslihat names, country codes.
    "KZ",
    "RU",
    "sha256",
    "example",
    "Karaganda",
    "City",
    "Mäslihat",
    "Almaty",
    "Atyrau",
    "Regional",
    "Region",
    "District",
    "of",
    # A fact a message names that has no value (a stage before the ground arose), and
    # the values of yes-or-no facts as a condition shows them.
    "null",
    "True",
    "False",
    # The operators of a condition quoted from the rules (why an event is not a ground).
    "in",
    "not",
    "within",
}
"""Latin words a Russian or Kazakh output may hold: numerals and names, not English prose."""
VALUES = re.compile(QUOTED.pattern + r'|"[^"]*"|U\+[0-9A-F]{4}')
"""What an error message quotes: values as the user wrote them, commands and options."""
ERROR_WORDS = {
    # The names of the formats, of the values YAML reads, of a code point, of a standard.
    "YAML",
    "JSON",
    "true",
    "false",
    "ISO",
}
"""Latin words an error message may hold besides codes, field names and quoted values."""


@cache
def bundled() -> maslihat.RuleSet:
    """The bundled rules, read once for this module."""
    return load_rules()


@cache
def catalogue() -> tuple[LoadedFile, ...]:
    """Every catalogue file, loaded once."""
    return tuple(load_case_test(path) for path in case_test_files([CATALOGUE]))


def codes(rules: maslihat.RuleSet) -> set[str]:
    """Every code and id the rules and the contract define (allowed in any language)."""
    found = set(rules.grounds) | set(rules.findings) | set(rules.procedures)
    found |= {restriction.id for restriction in rules.restrictions}
    found |= {check.id for check in rules.checks} | set(rules.facts) | set(rules.lists)
    found |= {t.rule for ts in rules.lifecycle.transitions.values() for t in ts}
    found |= {tag for lst in rules.lists.values() for item in lst.items for tag in item.body}
    found |= {"lifecycle", "as_of"}  # the trace's names for the chart's rules and the date
    found |= {item for lst in rules.lists.values() for item in lst.item_ids()}
    found |= set(EVENT_MODELS)
    found |= {"candidate", "active", "termination_pending", "terminated", "expired"}
    found |= {"arisen", "submitted", "vote_failed", "decided", "automatic", "recorded"}
    found |= {"term_expired"}
    return found


def case_codes(data: Any) -> set[str]:
    """Every string a case file holds: its ids, names and codes may be shown as they are."""
    if isinstance(data, dict):
        return {w for v in data.values() for w in case_codes(v)}
    if isinstance(data, list | tuple):
        return {w for v in data for w in case_codes(v)}
    return set(LATIN_WORD.findall(str(data)))


def english_words(text: str, allowed: set[str], quoted: re.Pattern[str] = QUOTED) -> list[str]:
    """The Latin-script words of `text` that are neither codes nor allowed names.

    A condition quoted from the rules is code: its fact paths (`event.offence`), its
    operators, and the values and lists it compares with (`'A'`, `[crime, ...]`); and an
    item's field names (`activity=`). So are what a rule text sets in backticks, the
    rule files it names (`grounds-later.yaml`) and web addresses. An error message
    passes `VALUES` as `quoted`: it also quotes what the user wrote in double quotes."""
    words = LATIN_WORD.findall(FACT_PATH.sub(" ", quoted.sub(" ", text)))
    return [w for w in words if w not in allowed and not re.search(r"\d|^https", w)]


@pytest.mark.parametrize("loaded", catalogue(), ids=lambda v: v.path.stem)
def test_catalogue_cases_in_every_language(
    loaded: LoadedFile, language_neutral: Callable[[Any], Any]
) -> None:
    """Every catalogue case, on every date: the same decision and JSON shape in en, ru, kk."""
    rules = bundled()
    allowed = codes(rules) | ALLOWED | case_codes(loaded.case.model_dump(mode="json"))
    for test in loaded.spec.tests:
        results = {
            lang: maslihat.evaluate(loaded.case, as_of=test.as_of, rules=rules, lang=lang)
            for lang in LANGUAGES
        }
        dumped = {lang: r.model_dump(mode="json") for lang, r in results.items()}
        neutral = {lang: language_neutral(data) for lang, data in dumped.items()}
        assert neutral["ru"] == neutral["en"] == neutral["kk"]
        for lang in ("ru", "kk"):
            text = result_text(results[lang], lang)
            assert english_words(text, allowed) == [], f"{loaded.path.name} {test.as_of} {lang}"


def test_english_is_the_default() -> None:
    """With no language asked for, the texts are the English of the rule files."""
    rules = load_rules()
    assert rules.lang == "en"
    assert rules.grounds["resignation"].title == "Resignation"
    assert in_language(rules, "en") is rules


def test_codes_and_fingerprint_do_not_change_with_the_language() -> None:
    """Ids, codes and the fingerprint are the same in every language; only texts differ."""
    rules = load_rules()
    for lang in ("ru", "kk"):
        other = in_language(rules, lang)
        assert other.fingerprint == rules.fingerprint
        assert list(other.grounds) == list(rules.grounds)
        assert set(other.findings) == set(rules.findings)
        assert other.grounds["resignation"].title != rules.grounds["resignation"].title


def test_kazakh_and_russian_titles_use_the_laws_terms() -> None:
    """Titles and citations are worded as the official texts word them."""
    ru, kk = in_language(load_rules(), "ru"), in_language(load_rules(), "kk")
    assert ru.grounds["resignation"].title == "Личное заявление депутата об отставке"
    assert kk.grounds["resignation"].title == "Орнынан түсу туралы жеке өтініш"
    assert ru.grounds["conviction"].versions.versions[0].citation == (
        "Закон РК № 148-II, ст. 20, п. 3, пп. 6)"
    )
    assert kk.grounds["conviction"].versions.versions[0].citation == (
        "ҚР № 148-II Заңы, 20-бап, 3-тармақ, 6) тармақша"
    )


def rules_copy(tmp_path: Path) -> Path:
    """A copy of the bundled rules to break."""
    target = tmp_path / "rules"
    shutil.copytree(bundled_rules_dir(), target)
    return target


def test_a_text_missing_a_language_fails_to_load_with_its_position(tmp_path: Path) -> None:
    """A ground title without `kk` is refused at its line and column, exit code 3."""
    rules = rules_copy(tmp_path)
    path = rules / "grounds.yaml"
    text = path.read_text(encoding="utf-8")
    broken = re.sub(r"\n      kk: \"Орнынан түсу[^\n]*", "", text, count=1)
    assert broken != text
    path.write_text(broken, encoding="utf-8")
    line = broken[: broken.index("en: Resignation")].count("\n")  # the title's line (1-based)
    result = CliRunner().invoke(
        cli, ["evaluate", str(EXAMPLES / "01-atyrau-resignation.yaml"), "--rules", str(rules)]
    )
    assert result.exit_code == 3
    assert f"grounds.yaml:{line}:" in result.stderr
    assert "kk" in result.stderr


def test_a_citation_that_cannot_be_put_in_other_languages_fails_to_load(tmp_path: Path) -> None:
    """A citation outside the citation grammar is refused when the rules load, in English too."""
    rules = rules_copy(tmp_path)
    path = rules / "grounds.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("citation: Law 148-II, art. 20(3)(8)", "citation: Law 148, §20"), "utf-8"
    )
    with pytest.raises(maslihat.RulesError, match=r"grounds\.yaml.*Law 148, §20"):
        load_rules(rules)


@pytest.mark.parametrize("lang", ["ru", "kk"])
@pytest.mark.parametrize(
    "example", sorted(p.name for p in EXAMPLES.glob("*.yaml")), ids=lambda v: v[:2]
)
def test_cli_prints_every_line_in_the_language(example: str, lang: str) -> None:
    """`maslihat evaluate EXAMPLE --lang` (and MASLIHAT_LANG) print no English prose."""
    rules = load_rules()  # the command reads them in its language, from the cache
    path = EXAMPLES / example
    flag = CliRunner().invoke(cli, ["evaluate", str(path), "--lang", lang, "--as-of", "2026-12-01"])
    env = CliRunner(env={"MASLIHAT_LANG": lang}).invoke(
        cli, ["evaluate", str(path), "--as-of", "2026-12-01"]
    )
    assert flag.exit_code == 0, flag.output
    assert flag.stdout == env.stdout
    data = maslihat.load_case(path).model_dump(mode="json")
    allowed = codes(rules) | ALLOWED | case_codes(data)
    assert english_words(flag.stdout, allowed) == []


def test_json_keeps_iso_dates_and_codes_in_every_language(
    language_neutral: Callable[[Any], Any],
) -> None:
    """`--json` in Kazakh has the same keys, codes and ISO dates as in English."""
    path = str(EXAMPLES / "15-almaty-city-failed-vote.yaml")
    out = {
        lang: json.loads(
            CliRunner().invoke(cli, ["evaluate", path, "--json", "--lang", lang]).stdout
        )
        for lang in LANGUAGES
    }
    assert language_neutral(out["kk"]) == language_neutral(out["en"])
    assert out["kk"]["grounds"][0]["arose"] == "2026-06-05"


def test_negotiate_accept_language() -> None:
    """Accept-Language picks the most wanted of our languages; regional tags count."""
    assert negotiate("kk-KZ, ru;q=0.8, en;q=0.5") == "kk"
    assert negotiate("de, ru-RU;q=0.9") == "ru"
    assert negotiate("ru;q=0.2, kk;q=0.9") == "kk"
    assert negotiate("fr") == negotiate(None) == negotiate("kk;q=0") == "en"
    assert negotiate("fr", default="kk") == negotiate(None, "kk") == "kk"


def marked_messages() -> set[str]:
    """Every message the program marks, in code and in templates, as `pybabel extract -F
    babel.cfg` finds them."""
    with (SOURCE.parents[1] / "babel.cfg").open(encoding="utf-8") as config:
        methods, options = parse_mapping_cfg(config, "babel.cfg")
    return {
        message if isinstance(message, str) else message[0]
        for _, _, message, _, _ in extract_from_dir(str(SOURCE), methods, options)
    }


def test_message_catalogues_translate_every_message() -> None:
    """Every message the program marks is translated, not fuzzy, in the ru and kk `.po`."""
    marked = marked_messages()
    assert marked and "Rule audit" in marked  # the templates' messages are found too
    for lang in ("ru", "kk"):
        with catalogue_path(lang).open("rb") as po:
            catalogue = read_po(po, locale=lang)
        have = {m.id if isinstance(m.id, str) else m.id[0]: m for m in catalogue if m.id}
        assert marked <= set(have), f"{lang}: untranslated {sorted(marked - set(have))}"
        for key in marked:
            strings = have[key].string
            assert all(strings if isinstance(strings, tuple) else [strings]), f"{lang}: {key}"
            assert not have[key].fuzzy


def test_human_dates_follow_the_language() -> None:
    """Dates in human output are written as the language writes them; English stays ISO."""
    case = maslihat.load_case(EXAMPLES / "15-almaty-city-failed-vote.yaml")
    day = dt.date(2026, 12, 1)
    text = {
        lang: result_text(maslihat.evaluate(case, as_of=day, lang=lang), lang) for lang in LANGUAGES
    }
    assert "as of 2026-12-01" in text["en"]
    assert "1 декабря 2026" in text["ru"]
    assert "1 желтоқсан" in text["kk"]


def test_batch_summary_counts_in_the_language() -> None:
    """The batch's last line uses the language's plural forms and digit groups."""
    assert batch_summary({"terminated": 5}, 1, "ru") == (
        "прочитано 6 дел: 5 полномочия прекращены досрочно; 1 ошибка"
    )
    assert batch_summary({"active": 2}, 2, "ru") == (
        "прочитано 4 дела: 2 полномочия действуют; 2 ошибки"
    )
    assert batch_summary({"active": 1}, 0, "kk") == "оқылды 1 іс: 1 өкілеттігі күшінде; 0 қате"
    assert batch_summary({"active": 1}, 0) == "1 case read: 1 active; 0 errors"


CODE_IN_HELP = re.compile(r"\{[^}]*\}|\S*/\S*|\S*\.(?:md|html)\b")
"""Code a help text quotes: a YAML mapping, a path, a file name (docs/law.md, .html)."""
HELP_ALLOWED = {
    # Formats, protocols and keys named in help texts, as they are written everywhere.
    "JSON",
    "YAML",
    "HTML",
    "HTTP",
    "GET",
    "Markdown",
    "Ctrl",
    "C",
    *LANGUAGES,
}
"""Latin words a Russian or Kazakh help page may hold, besides the commands' own names."""


def command_names(command: click.Command, ctx: click.Context) -> set[str]:
    """The words of a command's names: its own, its options', metavars, choices, env vars."""
    found = set(LATIN_WORD.findall(f"{ctx.command_path} {command.options_metavar}"))
    if isinstance(command, click.Group):
        found |= set(LATIN_WORD.findall(command.subcommand_metavar))
        found |= set(command.list_commands(ctx))
    for param in command.get_params(ctx):
        named = [*param.opts, *param.secondary_opts, param.make_metavar(ctx)]
        named += [str(param.envvar or "")]
        named += [str(choice) for choice in getattr(param.type, "choices", ())]
        found |= {word for text in named for word in LATIN_WORD.findall(text)}
    return found


def every_command() -> list[list[str]]:
    """The group and each of its commands, as the words that call them."""
    ctx = click.Context(cli, info_name="maslihat", **cli.context_settings)
    return [[], *([name] for name in cli.list_commands(ctx))]


@pytest.mark.parametrize("lang", ["ru", "kk"])
@pytest.mark.parametrize("command", every_command(), ids=lambda v: v[0] if v else "maslihat")
def test_help_of_every_command_is_in_the_language(command: list[str], lang: str) -> None:
    """`--help` in Russian and Kazakh holds no English word but names, metavars and codes."""
    result = CliRunner().invoke(cli, [*command, "--help", "--lang", lang], prog_name="maslihat")
    assert result.exit_code == 0, result.output
    root = click.Context(cli, info_name="maslihat", **cli.context_settings)
    found = cli.get_command(root, command[0]) if command else cli
    assert found is not None
    ctx = click.Context(found, info_name=command[0], parent=root) if command else root
    allowed = command_names(found, ctx) | HELP_ALLOWED | ALLOWED
    if not command:  # the group's list of commands quotes their arguments and options
        for name in cli.list_commands(root):
            sub = cli.get_command(root, name)
            assert sub is not None
            allowed |= command_names(sub, click.Context(sub, info_name=name, parent=root))
    text = CODE_IN_HELP.sub(" ", result.stdout)
    assert english_words(text, allowed) == [], result.stdout


USAGE_ERRORS = [
    ["evaluate", "--bogus"],
    ["evaluat"],
    ["evaluate"],
    ["evaluate", "a.yaml", "b.yaml"],
    ["evaluate", "a.yaml", "--json=yes"],
    ["evaluate", "a.yaml", "--as-of"],
    ["batch", "--jobs", "many", "cases"],
    ["batch", "--jobs", "0", "cases"],
    ["schema", "casefile"],
    ["serve", "--port", "70000"],
    ["serve", "--body-timeout", "soon"],
    ["diff", "cases", "--exit-code=1"],
]
"""Command lines click refuses, one for each kind of usage error a person can make."""
USAGE_WORDS = {"maslihat", "OPTIONS", "COMMAND", "ARGS", "CASE_FILE", "PATHS", "help", "x"}
"""The words of a usage line and of a range (`0<=x<=65535`)."""


@pytest.mark.parametrize("lang", ["ru", "kk"])
@pytest.mark.parametrize("args", USAGE_ERRORS, ids=" ".join)
def test_usage_errors_are_in_the_language(args: list[str], lang: str) -> None:
    """A usage error, with `--lang` before or after the mistake, is all in the language."""
    lines = [["--lang", lang, *args]]
    if args[-1] != "--as-of":  # which would take a `--lang` after it for its date
        lines.append([*args, "--lang", lang])
    allowed = {*LATIN_WORD.findall(" ".join(args)), *SCHEMAS, *USAGE_WORDS, *HELP_ALLOWED}
    for line in lines:
        result = CliRunner().invoke(cli, line, prog_name="maslihat")
        assert result.exit_code == 2, result.output
        text = CODE_IN_HELP.sub(" ", result.stderr)
        assert english_words(text, allowed | ALLOWED) == [], result.stderr


def test_a_bad_language_is_refused_in_the_environments_language() -> None:
    """`--lang de` with MASLIHAT_LANG=kk: the refusal, and its env var hint, in Kazakh."""
    result = CliRunner(env={"MASLIHAT_LANG": "kk"}).invoke(cli, ["rules", "--lang", "de"])
    assert result.exit_code == 2
    assert "'--lang' (орта айнымалысы: 'MASLIHAT_LANG') мәні жарамсыз" in result.stderr


def template_fields(template: str) -> set[str]:
    """The `{fields}` a message template fills in."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_every_error_message_is_translated_with_the_same_fields(lang: str) -> None:
    """Each template of `maslihat.wording.MESSAGES` is in the catalogue, translated, not
    fuzzy, with exactly the English template's `{fields}` (and `{{` escapes)."""
    with catalogue_path(lang).open("rb") as po:
        entries = {m.id: m for m in read_po(po, locale=lang) if isinstance(m.id, str) and m.id}
    for key, template in MESSAGES.items():
        entry = entries.get(template)
        assert entry is not None and entry.string, f"{lang}: {key} is not translated"
        assert not entry.fuzzy, f"{lang}: {key} is fuzzy"
        assert template_fields(entry.string) == template_fields(template), f"{lang}: {key}"
        assert entry.string.count("{{") == template.count("{{"), f"{lang}: {key}"


def field_names(schema: Any) -> set[str]:
    """Every property name in a JSON Schema: the keys a case may hold (field paths)."""
    if isinstance(schema, dict):
        names = (
            set(schema.get("properties", {}))
            if isinstance(schema.get("properties"), dict)
            else set()
        )
        return names | {n for v in schema.values() for n in field_names(v)}
    if isinstance(schema, list):
        return {n for v in schema for n in field_names(v)}
    return set()


@cache
def error_allowed() -> set[str]:
    """The Latin words an error about a case may hold in ru or kk: codes, field names."""
    return codes(bundled()) | ALLOWED | ERROR_WORDS | field_names(maslihat.Case.model_json_schema())


BAD = Path(__file__).parent / "bad-input"


def bad_files() -> list[Path]:
    """The hostile-input corpus: malformed case files."""
    return sorted(p for p in BAD.iterdir() if p.is_file() and p.name != "expected.yaml")


def evaluate_bad(path: Path, *options: str) -> tuple[int, list[str]]:
    """`maslihat evaluate` on a bad file: its exit code and its lines on stderr."""
    done = CliRunner().invoke(cli, ["evaluate", str(path), "--as-of", "2024-01-01", *options])
    assert isinstance(done.exception, SystemExit), done.exception  # not a crash
    assert done.stdout == ""
    return done.exit_code, done.stderr.splitlines()


@pytest.mark.parametrize("lang", ["ru", "kk"])
@pytest.mark.parametrize("path", bad_files(), ids=lambda path: path.name)
def test_bad_input_is_reported_in_the_language(path: Path, lang: str) -> None:
    """Every hostile file, with --lang ru or kk: the English exit code, one line per issue
    at the same file:line:col, then the count; no English word but codes, field paths,
    quoted values and the file's name."""
    code, english = evaluate_bad(path)
    got_code, lines = evaluate_bad(path, "--lang", lang)
    assert got_code == code == 2
    assert len(lines) == len(english)
    text = "\n".join(located_messages(lines, english, path, lang))
    assert english_words(text, error_allowed(), VALUES) == []


def located_messages(lines: list[str], english: list[str], path: Path, lang: str) -> list[str]:
    """The messages of error lines in `lang`, each checked to be at its English line's
    file:line:col and field; a count line is checked to name the file."""
    prefix = say_in(lang, "error", error="")
    where = re.compile(rf"{re.escape(str(path))}(?::\d+(?::\d+)?)?:(?: [\w.\[\]]+:)?")
    messages = []
    for line, in_english in zip(lines, english, strict=True):
        if not in_english.startswith("error: "):  # the count of several
            assert str(path) in line
            continue
        assert line.startswith(prefix), line
        located = where.match(line.removeprefix(prefix))
        assert located is not None and in_english.startswith(f"error: {located[0]}"), line
        messages.append(line.removeprefix(prefix)[located.end() :].strip())
    return messages


def test_a_broken_rule_directory_is_reported_in_kazakh(tmp_path: Path) -> None:
    """A rule file with a text missing its Kazakh and an unknown key: exit code 3, each
    issue at its file, line and column, in Kazakh."""
    rules = rules_copy(tmp_path)
    path = rules / "grounds.yaml"
    text = path.read_text(encoding="utf-8")
    broken = re.sub(r"\n      kk: \"Орнынан түсу[^\n]*", "", text, count=1)
    broken = broken.replace("\ngrounds:\n", "\ngrounds:\n  - comment: a stray entry\n", 1)
    assert broken.count("comment: a stray") == 1
    path.write_text(broken, encoding="utf-8")
    case = str(EXAMPLES / "01-atyrau-resignation.yaml")
    english = CliRunner().invoke(cli, ["evaluate", case, "--rules", str(rules)])
    done = CliRunner().invoke(cli, ["evaluate", case, "--rules", str(rules), "--lang", "kk"])
    assert done.exit_code == english.exit_code == 3
    lines = done.stderr.splitlines()
    assert len(lines) >= 3  # two issues or more, then the count
    messages = located_messages(lines, english.stderr.splitlines(), path, "kk")
    assert "міндетті 'kk' кілті жоқ" in messages
    assert english_words("\n".join(messages), error_allowed(), VALUES) == []


def test_a_rule_that_does_not_compile_is_reported_in_russian(tmp_path: Path) -> None:
    """A trigger on an event type that does not exist: the compiler's messages (the
    unknown type, the fact it cannot read) at the English places, in Russian."""
    rules = rules_copy(tmp_path)
    path = rules / "grounds.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("event: resignation_filed", "event: resignation_filed_", 1), "utf-8"
    )
    english = CliRunner().invoke(cli, ["rules", "--rules", str(rules)])
    done = CliRunner().invoke(cli, ["rules", "--rules", str(rules), "--lang", "ru"])
    assert done.exit_code == english.exit_code == 3
    messages = located_messages(done.stderr.splitlines(), english.stderr.splitlines(), path, "ru")
    assert messages[0].startswith("неизвестный тип события 'resignation_filed_'; известные: ")
    allowed = error_allowed() | {"resignation_filed_"}
    assert english_words("\n".join(messages), allowed, VALUES) == []


def hostile_requests() -> list[tuple[str, dict[str, Any]]]:
    """A few hostile bodies for POST /v1/evaluate, with what to send."""
    case = maslihat.load_case(EXAMPLES / "01-atyrau-resignation.yaml").model_dump(mode="json")
    odd = json.loads(json.dumps(case))
    odd["maslihat"]["seats"] = "31"
    odd["events"][0]["date"] = "2021-02-30"
    odd["deputy"]["nickname"] = "D"
    return [
        ("syntax", {"content": b'{"case": "x",, }'}),
        ("values", {"json": odd}),
        ("root", {"json": [1, 2]}),
        ("media", {"content": b"{}", "headers": {"Content-Type": "text/plain"}}),
        ("size", {"content": b"{" + b" " * 2_000_000 + b"}"}),
        ("query", {"json": case, "params": {"as_of": "2022-02-30"}}),
    ]


@pytest.mark.parametrize(("name", "request_"), hostile_requests(), ids=lambda v: str(v)[:6])
def test_hostile_http_bodies_are_answered_in_kazakh(name: str, request_: dict[str, Any]) -> None:
    """A problem asked for in Kazakh: the English status, type, keys and fields, its
    title, detail and messages in Kazakh, and `Content-Language: kk`."""
    from maslihat.service import create_app

    app = create_app(bundled(), max_body=1_000_000)

    async def send() -> tuple[httpx.Response, httpx.Response]:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://app") as client:
            english = await client.post("/v1/evaluate", **request_)
            headers = {**request_.get("headers", {}), "Accept-Language": "kk"}
            return english, await client.post("/v1/evaluate", **{**request_, "headers": headers})

    english, reply = asyncio.run(send())
    assert reply.status_code == english.status_code >= 400, name
    assert reply.headers["content-language"] == "kk"
    body, english_body = reply.json(), english.json()
    assert set(body) == set(english_body) and body["type"] == english_body["type"]
    where = [{k: v for k, v in e.items() if k != "message"} for e in body["errors"]]
    assert where == [{k: v for k, v in e.items() if k != "message"} for e in english_body["errors"]]
    texts = [body["title"], body["detail"], *(e["message"] for e in body["errors"])]
    assert body["title"] != english_body["title"]
    media = {"application", "json", "yaml", "x-ndjson", "jsonl", "nickname", "as_of"}
    assert english_words("\n".join(texts), error_allowed() | media, VALUES) == []


def rule_texts(rules: maslihat.RuleSet) -> list[tuple[str, str]]:
    """Every paraphrase, interpretation and window reason of the rules, and every text of
    the provisions and editions they were read from, by id, in the rules' language."""
    texts: list[tuple[str, str]] = []
    for info in all_versions(rules):
        texts += [(info.id, t) for t in (info.text, info.interpretation, info.window_reason) if t]
    for note in rules.fact_notes.values():
        texts += [(note.id, t) for t in (note.text, note.interpretation) if t]
    for p in rules.provisions.values():
        said = [p.text, p.reason, *(v.note for v in p.versions)]
        texts += [(p.id, t[rules.lang]) for t in said if t is not None]
    for e in rules.editions.values():
        texts += [(e.id, t) for t in (e.amended_by, e.earlier, *(n.act for n in e.notes)) if t]
    return texts


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_every_rule_text_is_in_the_language(lang: Language) -> None:
    """Paraphrases, interpretations and window reasons have a text of their own in ru and kk,
    with no English word but codes."""
    rules = bundled()
    english, other = rule_texts(rules), rule_texts(in_language(rules, lang))
    assert len(other) == len(english) > 200
    for (rule, en), (_, text) in zip(english, other, strict=True):
        assert text != en, f"{rule}: not translated"
        assert english_words(text, codes(rules) | ALLOWED) == [], f"{rule} ({lang}): {text}"


def _drop_kazakh_after(text: str, anchor: str) -> str:
    """`text` without the first `kk:` entry after `anchor` (its line and its block's lines)."""
    lines = text.split("\n")
    at = text[: text.index("kk:", text.index(anchor))].count("\n")
    indent = len(lines[at]) - len(lines[at].lstrip())
    end = at + 1
    while end < len(lines) and (
        not lines[end].strip() or len(lines[end]) - len(lines[end].lstrip()) > indent
    ):
        end += 1
    return "\n".join(lines[:at] + lines[end:])


def test_a_paraphrase_given_as_plain_text_fails_to_load_at_its_position(tmp_path: Path) -> None:
    """A version's `text:` written as one English string (no languages) is refused at its
    line and column, exit code 3."""
    rules = rules_copy(tmp_path)
    path = rules / "grounds.yaml"
    text = path.read_text(encoding="utf-8")
    found = re.search(r"\n( +)text:\n +en: The deputy dies\.\n +ru: [^\n]*\n +kk: [^\n]*\n", text)
    assert found is not None
    broken = text.replace(found[0], f"\n{found[1]}text: The deputy dies.\n", 1)
    path.write_text(broken, encoding="utf-8")
    line = broken[: broken.index("text: The deputy dies.")].count("\n") + 1
    column = len(found[1]) + 1
    result = CliRunner().invoke(
        cli, ["evaluate", str(EXAMPLES / "01-atyrau-resignation.yaml"), "--rules", str(rules)]
    )
    assert result.exit_code == 3
    assert f"grounds.yaml:{line}:{column}:" in result.stderr
    assert "every language" in result.stderr


@pytest.mark.parametrize(
    ("name", "anchor", "field"),
    [
        ("grounds.yaml", "Until Law 383-IV the ground read", "interpretation"),
        ("eligibility.yaml", "The person's age in whole years", "text"),
        ("procedures.yaml", "Law 60-VII of 2021-06-30 excluded art. 18", "reason"),
    ],
    ids=["interpretation", "fact", "window"],
)
def test_a_rule_text_missing_kazakh_fails_to_load_at_its_position(
    tmp_path: Path, name: str, anchor: str, field: str
) -> None:
    """An interpretation, a named fact's text or a window's reason without `kk` is refused,
    naming the file, the text's line and `kk`."""
    rules = rules_copy(tmp_path)
    path = rules / name
    text = path.read_text(encoding="utf-8")
    broken = _drop_kazakh_after(text, anchor)
    assert broken != text and broken.count("kk:") == text.count("kk:") - 1
    path.write_text(broken, encoding="utf-8")
    key = broken.rindex(f"{field}:", 0, broken.index(anchor))
    line = broken[:key].count("\n") + 1  # the line of the text's key
    with pytest.raises(maslihat.RulesError) as caught:
        load_rules(rules)
    [issue] = caught.value.issues
    assert issue.file is not None and issue.file.endswith(name)
    assert issue.line == line
    assert issue.field is not None and issue.field.endswith(f"{field}.kk")


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_rules_listings_print_every_line_in_the_language(lang: str) -> None:
    """`maslihat rules --lang` (in force on a day, one rule's history, the interpretations
    and law pages and the texts of `--json`) print no English prose."""
    rules = bundled()
    allowed = codes(rules) | ALLOWED
    runs = (["--as-of", "2022-01-01"], ["--as-of", "2026-12-01"], ["--history", "death"])
    for args in (*runs, ["--interpretations"], ["--law"]):
        shown = CliRunner().invoke(cli, ["rules", *args, "--lang", lang])
        assert shown.exit_code == 0, shown.output
        assert english_words(shown.stdout, allowed) == [], args
    listed = json.loads(CliRunner().invoke(cli, ["rules", "--json", "--lang", lang]).stdout)
    for info in listed:
        for key in ("title", "text", "interpretation", "window_reason", "citation"):
            assert english_words(info[key] or "", allowed) == [], (info["id"], key)


@pytest.mark.parametrize("lang", ["ru", "kk"])
@pytest.mark.parametrize(
    "example", sorted(p.name for p in EXAMPLES.glob("*.yaml")), ids=lambda v: v[:2]
)
def test_explain_prints_the_trace_in_the_language(example: str, lang: str) -> None:
    """`maslihat evaluate EXAMPLE --explain --lang` words the trace (verdicts and the
    conditions' words) in the language; codes, fact paths, operators and values stay."""
    rules = bundled()
    path = EXAMPLES / example
    for day in ("2021-12-20", "2026-12-01"):
        shown = CliRunner().invoke(
            cli, ["evaluate", str(path), "--explain", "--lang", lang, "--as-of", day]
        )
        assert shown.exit_code == 0, shown.output
        data = maslihat.load_case(path).model_dump(mode="json")
        allowed = codes(rules) | ALLOWED | case_codes(data)
        assert english_words(shown.stdout, allowed) == [], f"{example} {day}"


@pytest.mark.parametrize(
    "example", sorted(p.name for p in EXAMPLES.glob("*.yaml")), ids=lambda v: v[:2]
)
def test_the_trace_has_one_shape_in_every_language(
    example: str, language_neutral: Callable[[Any], Any]
) -> None:
    """With the trace, the JSON is the same in en, ru and kk but for its text fields; each
    entry explains itself in as many lines in every language."""
    case = maslihat.load_case(EXAMPLES / example)
    day = dt.date(2026, 12, 1)
    dumped = {
        lang: maslihat.evaluate(
            case, as_of=day, rules=bundled(), explain=True, lang=lang
        ).model_dump(mode="json")
        for lang in LANGUAGES
    }
    assert language_neutral(dumped["ru"]) == language_neutral(dumped["en"])
    assert language_neutral(dumped["kk"]) == language_neutral(dumped["en"])
    lines = {lang: [len(e["explanation"]) for e in d["trace"]] for lang, d in dumped.items()}
    assert lines["ru"] == lines["en"] == lines["kk"]


def test_english_trace_words_are_unchanged() -> None:
    """English verdicts and condition words are those the trace always had."""
    assert verdict("ground_stage", ground="resignation", stage="vote_failed").text() == (
        "ground resignation vote_failed"
    )
    assert verdict("breach_opens", finding="x", date=dt.date(2021, 5, 1)).text() == (
        "x from 2021-05-01"
    )
    assert verdict("not_allowed", code="c", event="meeting", status="terminated").text("ru") == (
        "c: meeting не допускается, статус: полномочия прекращены досрочно"
    )
    assert words()["all"] == "all" and words("kk")["all"] != "all"


def test_a_finding_names_the_mandates_status_in_words() -> None:
    """`event_outside_mandate` says the mandate's status in the language, not its code."""
    case = maslihat.load_case(EXAMPLES / "01-atyrau-resignation.yaml")
    found = {
        lang: next(
            f.message
            for f in maslihat.evaluate(case, as_of=dt.date(2022, 6, 1), lang=lang).findings
            if f.code == "event_outside_mandate"
        )
        for lang in LANGUAGES
    }
    assert "(terminated)" in found["en"]
    assert "(полномочия прекращены досрочно)" in found["ru"]
    assert "(өкілеттігі мерзімінен бұрын тоқтатылды)" in found["kk"]


def test_the_terms_table_of_the_docs_is_the_terms_file() -> None:
    """docs/languages.md lists every term of rules/terms.yaml, in its three languages."""
    page = (Path(__file__).parents[1] / "docs" / "languages.md").read_text(encoding="utf-8")
    terms = [t for _, f in read_rule_files(bundled_rules_dir()) for t in f.terms]
    assert len(terms) > 20
    for term in terms:
        assert f"| {term.en} | «{term.ru}» | «{term.kk}» | {term.where} |" in page, term.id


# -- The pages: the case report, the workbench and rules pages, the audit -------------


class _Visible(HTMLParser):
    """The text a reader sees in a page: no style or script, and not the language switch,
    which names every language in itself on purpose."""

    HIDDEN = frozenset({"style", "script"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        if self._hidden or tag in self.HIDDEN or "languages" in classes:
            self._hidden.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if self._hidden and self._hidden[-1] == tag:
            self._hidden.pop()

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)


def visible_text(html: str) -> str:
    """The words of `html` a reader sees, tags stripped by an HTML parser."""
    reader = _Visible()
    reader.feed(html)
    return " ".join(" ".join(reader.parts).split())


def without(text: str, strings: Any) -> str:
    """`text` with each of `strings` (whole, not inside a longer word) blanked."""
    for blank in sorted({" ".join(s.split()) for s in strings if s}, key=len, reverse=True):
        text = re.sub(rf"(?<![\w-]){re.escape(blank)}(?![\w-])", " ", text)
    return text


def rule_ids(rules: maslihat.RuleSet) -> set[str]:
    """Every id of the rules a page may show as a code: rules and their parts, steps."""
    found = {word for info in all_versions(rules) for word in LATIN_WORD.findall(info.id)}
    for place in rules.places:
        parts = place.split(".")
        found |= {part for kind, part in itertools.pairwise(parts) if kind in ("steps", "guards")}
    return found | {"lifecycle"}


PAGE_NAMES = {"maslihat", "YAML", "JSON", "API", "MC", "DC", "all", "any"}
"""Names a page shows in every language: the program's, the formats', MC/DC's operators."""


@pytest.mark.parametrize("lang", ["ru", "kk"])
@pytest.mark.parametrize("example", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.name[:2])
def test_case_report_speaks_the_language(lang: str, example: Path) -> None:
    """`evaluate --html --lang` writes a page with no English word but codes and names,
    the explanation trace included."""
    rules = bundled()
    case = maslihat.load_case(example)
    day = dt.date(2026, 11, 1)
    result, entries = evaluate_with_timeline(case, as_of=day, rules=rules, explain=True, lang=lang)
    page = case_report_html(case, result, entries, rules, lang)
    assert f'<html lang="{lang}">' in page
    allowed = codes(rules) | ALLOWED | PAGE_NAMES | rule_ids(rules)
    allowed |= case_codes(case.model_dump(mode="json"))
    assert english_words(visible_text(page), allowed) == []


def test_case_report_in_english_is_the_english_page() -> None:
    """Without a language the report is English: its words, ISO dates, `lang="en"`."""
    case = maslihat.load_case(EXAMPLES / "01-atyrau-resignation.yaml")
    result, entries = evaluate_with_timeline(case, as_of=dt.date(2022, 3, 1), explain=True)
    page = case_report_html(case, result, entries)
    assert '<html lang="en">' in page
    assert "Case example-01-resignation: terminated" in page
    assert "as of 2022-03-01" in page and "The timeline step by step" in page
    kk = evaluate_with_timeline(case, as_of=dt.date(2022, 3, 1), explain=True, lang="kk")
    kazakh = case_report_html(case, *kk, lang="kk")
    assert (
        human_day(dt.date(2022, 3, 1), "kk") in kazakh
        and "Өкілеттігі мерзімінен бұрын тоқтатылды" in kazakh
    )


def _get(app: Any, url: str, **headers: str) -> httpx.Response:
    """GET `url` from `app` in this process."""

    async def request() -> httpx.Response:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://app") as client:
            return await client.get(url, headers=headers)

    return asyncio.run(request())


@cache
def service() -> Any:
    """The service, with one file of case tests so that its audit page is there."""
    from maslihat.service import create_app

    return create_app(case_tests=[load_case_test(CATALOGUE / "ground-8-resignation.yaml")])


@pytest.mark.parametrize("lang", ["ru", "kk"])
@pytest.mark.parametrize(
    "path", ["/", "/rules", "/rules?as_of=2014-06-01", "/rules/conviction?as_of=2014-06-01"]
)
def test_web_pages_speak_the_language(lang: str, path: str) -> None:
    """The workbench and the rules pages in `?lang=` hold no English word but codes and
    names: the paraphrases, readings and editions in them are the rules' own, in `lang`."""
    rules = bundled()
    page = _get(service(), f"{path}{'&' if '?' in path else '?'}lang={lang}")
    assert page.status_code == 200 and page.headers["content-language"] == lang
    assert f'<html lang="{lang}">' in page.text
    allowed = codes(rules) | ALLOWED | PAGE_NAMES | rule_ids(rules)
    allowed |= {word for e in examples() for word in LATIN_WORD.findall(e.name)}
    assert english_words(visible_text(page.text), allowed) == []


def test_accept_language_chooses_the_pages_language() -> None:
    """With no `?lang=`, Accept-Language chooses; the links then need no parameter."""
    page = _get(service(), "/rules", **{"Accept-Language": "kk-KZ, ru;q=0.5"})
    assert page.headers["content-language"] == "kk" and "Vary" in page.headers
    assert "қолданыстағы ережелер" in page.text
    assert 'href="/rules/conviction?as_of=' in page.text
    chosen = _get(service(), "/rules?lang=ru", **{"Accept-Language": "kk"})
    assert chosen.headers["content-language"] == "ru"
    assert "lang=ru" in chosen.text.split('class="rule-link" href="')[1].split('"')[0]


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_audit_page_speaks_the_language(lang: str) -> None:
    """The audit page's words are in `lang`, the provisions' paraphrases and reasons too;
    what it quotes from the rule files (labels, lines, lint messages) stays as written."""
    page = _get(service(), f"/audit?lang={lang}")
    assert page.status_code == 200 and page.headers["content-language"] == lang
    report = AuditReport.model_validate_json(service().state.service.audit_json())
    quoted = {p.label for p in report.provisions} | {g.detail for g in report.editions.gaps}
    quoted |= {f.message for f in report.lint} | {r.key for r in report.rules}
    quoted |= {rule for p in report.provisions for rule in p.rules}
    quoted |= {p.id for p in report.provisions} | {c.node for c in report.conditions}
    quoted |= {e.act for e in bundled().editions.values()}
    quoted |= {p.label.removeprefix(f"{p.act}, ") for p in bundled().provisions.values()}
    quoted |= {path.name for path in bundled_rules_dir().glob("*.yaml")}
    text = visible_text(page.text.split('<div class="source">')[0])
    allowed = codes(bundled()) | ALLOWED | PAGE_NAMES | rule_ids(bundled())
    assert english_words(without(text, quoted), allowed) == []


WHATIF = {
    "minimum-age-21": """\
case: whatif-aged-20
maslihat: {name: Atyrau Regional Mäslihat, level: region, territory: "230000000", seats: 31}
deputy: {name: A. Twenty, born: 2006-09-01, citizenship: KZ, residence: "231010000"}
events:
  - {date: 2027-03-20, type: registered, election_day: 2027-03-14}
""",
    "absences-more-than-two": """\
case: whatif-three-absences
maslihat: {name: Atyrau Regional Mäslihat, level: region, territory: "230000000", seats: 31}
deputy: {name: C. Absent, born: 1980-05-01, citizenship: KZ, residence: "231010000"}
events:
  - {date: 2026-01-12, type: registered}
  - {date: 2027-02-10, type: meeting, body: plenary, attendance: unexcused}
  - {date: 2027-03-10, type: meeting, body: plenary, attendance: unexcused}
  - {date: 2027-04-10, type: meeting, body: plenary, attendance: unexcused}
""",
}
"""For each bundled amendment, a case of docs/what-if.md that it changes at the end of 2027."""


@pytest.mark.parametrize("lang", ["ru", "kk"])
@pytest.mark.parametrize("amendment", sorted(WHATIF))
def test_diff_text_and_page_speak_the_language(
    amendment: str, lang: Language, tmp_path: Path
) -> None:
    """`maslihat diff examples/ --amend` prints and draws its report with no English word
    but codes, ids and names: statuses, stages, dates, the kinds of change, the summary."""
    (tmp_path / "2027.yaml").write_text(WHATIF[amendment], encoding="utf-8")
    paths = [*sorted(EXAMPLES.glob("*.yaml")), tmp_path / "2027.yaml"]
    cases = {str(path): maslihat.load_case(path) for path in paths}
    after = apply_amendment(
        bundled(), load_amendment(EXAMPLES / "amendments" / f"{amendment}.yaml")
    )
    report = diff(cases, bundled(), after, as_of=dt.date(2027, 12, 31))
    assert report.summary.changed == 1
    quoted = {*cases, report.before, report.after, report.before[:15], report.after[:15]}
    allowed = codes(bundled()) | ALLOWED | PAGE_NAMES | rule_ids(bundled())
    allowed |= case_codes([case.model_dump(mode="json") for case in cases.values()])
    # A next step's actor and action are the rules' codes (`tec`, `submit`).
    data = report.model_dump(mode="json")["cases"]
    steps = [
        s for c in data for d in c["differences"] if d["kind"] == "next_steps" for s in d["after"]
    ]
    allowed |= {step[key] for step in steps for key in ("actor", "action")}
    page = whatif_render.html_page(report, lang)
    assert f'<html lang="{lang}">' in page
    for shown in (whatif_render.text(report, lang), visible_text(page)):
        assert english_words(without(shown, quoted), allowed) == []


PLACEHOLDER = re.compile(r"\{\w+(?:![rsa])?(?::[^{}]*)?\}|%\(\w+\)s|%%")


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_translations_keep_every_placeholder(lang: str) -> None:
    """Each translation fills the same `{name}` / `%(name)s` as its message (a template's
    `%%` stays doubled), so no value is lost and no page fails to render; a plural's form
    may leave out the number, as the singular does ("an argument")."""
    with catalogue_path(lang).open("rb") as po:
        catalogue = read_po(po, locale=lang)
    for message in catalogue:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        wanted = [sorted(PLACEHOLDER.findall(text)) for text in ids]
        for translated in strings:
            found = sorted(PLACEHOLDER.findall(translated))
            if len(ids) == 1:
                assert found == wanted[0], f"{lang}: {ids[0]!r}"
            else:
                assert set(found) <= set(wanted[0]) | set(wanted[1]), f"{lang}: {ids[0]!r}"


def failing_case_test(tmp_path: Path) -> Path:
    """A case-test file whose every expectation is wrong, one kind of mismatch each."""
    spec = yaml_data(CATALOGUE / "activity-paid-work.yaml")
    wrong = {
        "status": "terminated",
        "eligible": False,
        "mandate": {"began": "2021-01-13", "ended": None},
        "grounds": {"resignation": {"stage": "submitted", "arose": "2021-02-02"}},
        "findings": [{"code": "incompatible_activity", "severity": "warning"}],
        "no_findings": ["incompatible_activity"],
        "next_steps": ["tec:submit:resignation"],
    }
    unknown = {"status": "active", "grounds": {"no_such_ground": "arisen"}}
    spec["tests"] = [
        {"name": "all wrong", "as_of": "2021-04-01", "expect": wrong},
        {"name": "unknown names", "as_of": "2021-04-01", "expect": unknown},
        {"name": "right", "as_of": "2021-04-01", "expect": {"status": "active"}},
    ]
    path = tmp_path / "failing.json"
    path.write_text(json.dumps(spec), encoding="utf-8")
    return path


def yaml_data(path: Path) -> Any:
    """A catalogue file's data, dates as ISO text (as a JSON case-test file writes them)."""
    return json.loads(json.dumps(load_document(path, CaseTestError).data, default=str))


def without_test_ids(text: str, paths: list[Path]) -> str:
    """`text` with every test's id (`file-stem::test name`, English) taken out."""
    ids = [f"{p.stem}::{t.name}" for p in paths for t in load_case_test(p).spec.tests]
    for test_id in sorted(ids, key=len, reverse=True):
        text = text.replace(test_id, " ")
    return text


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_maslihat_test_prints_every_line_in_the_language(tmp_path: Path, lang: str) -> None:
    """`maslihat test --lang` words PASS, FAIL, every mismatch and the summary in the
    language: statuses, stages, dates and yes or no as people read them, codes as they are."""
    failing = failing_case_test(tmp_path)
    paths = [*case_test_files([CATALOGUE]), failing]
    result = CliRunner().invoke(cli, ["test", str(CATALOGUE), str(failing), "--lang", lang])
    assert result.exit_code == 1, result.output
    assert len(result.stdout.splitlines()) > 270  # every test, and the failures' lines
    allowed = codes(bundled()) | ALLOWED | set(Expect.model_fields) | {"no_such_ground"}
    assert english_words(without_test_ids(result.stdout, paths), allowed) == []
    english = CliRunner().invoke(cli, ["test", str(failing)]).stdout
    assert "status: expected terminated, got active" in english
    assert english.endswith("1 passed, 2 failed\n")


def test_maslihat_test_counts_in_the_language(tmp_path: Path) -> None:
    """The summary line uses the language's plural forms; a mismatch its words."""
    failing = failing_case_test(tmp_path)
    ru = CliRunner().invoke(cli, ["test", str(failing), "--lang", "ru"]).stdout
    assert ru.endswith("1 тест пройден, 2 теста не пройдены\n")
    assert "НЕ ПРОЙДЕН failing::all wrong" in ru
    assert "status: ожидалось полномочия прекращены досрочно, получено" in ru
    kk = CliRunner().invoke(cli, ["test", str(failing), "--lang", "kk"]).stdout
    assert kk.endswith("1 тест өтті, 2 тест өтпеді\n")
    assert "eligible: күтілгені жоқ, алынғаны иә" in kk
