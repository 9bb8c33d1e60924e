"""Find, read, validate and compile a directory of rule files into a `RuleSet`.

Every file is read and validated before anything is compiled, and every problem in
every file is collected, so one run shows an author all that is wrong. A rule set
compiled before from the same files comes from the cache (`cache.py`) instead; the
rule-file models and the compiler are imported only when something is compiled.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from maslihat.errors import Issue, RulesError
from maslihat.rules.cache import cached
from maslihat.rules.languages import DEFAULT_LANGUAGE, Language
from maslihat.rules.ruleset import RuleSet
from maslihat.wording import say

if TYPE_CHECKING:
    from maslihat.rules.documents import RuleFile
    from maslihat.source import Document

RULE_SUFFIXES = (".yaml", ".yml", ".json")


def bundled_rules_dir() -> Path:
    """The rules shipped with the package (installed wheel) or the repository's rules/."""
    packaged = Path(str(resources.files("maslihat"))) / "_bundled_rules"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[3] / "rules"


def rule_files(directory: Path) -> list[Path]:
    """The rule files under `directory`, in a stable order."""
    return sorted(p for p in directory.rglob("*") if p.suffix in RULE_SUFFIXES and p.is_file())


def load_rules(path: str | Path | None = None, lang: Language = DEFAULT_LANGUAGE) -> RuleSet:
    """Load the rule set in `path` (default: the bundled rules), its texts in `lang`.

    Raises `RulesError` naming file, line, column and field for every problem found,
    a text missing one of the languages included.
    """
    directory = Path(path) if path is not None else bundled_rules_dir()
    paths = _listed(directory)

    def compile_() -> RuleSet:
        from maslihat.rules.assemble import compile_rules

        return compile_rules(_read(paths), source=str(directory), lang=lang)

    return cached(directory, paths, compile_, variant=lang)


_TRANSLATED: dict[tuple[str, str, str], RuleSet] = {}


def in_language(rules: RuleSet, lang: Language) -> RuleSet:
    """The same rules with their texts in `lang` (compiled once per rule set and language).

    Only the texts differ: every code, id, condition and the fingerprint are the same,
    so an evaluation in any language decides exactly as it does in English.
    """
    if rules.lang == lang:
        return rules
    if not rules.files:
        raise ValueError("these rules were not compiled from rule files: no other language")
    key = (rules.fingerprint, rules.source, lang)
    if key not in _TRANSLATED:
        from maslihat.rules.assemble import compile_rules

        if len(_TRANSLATED) >= 16:
            _TRANSLATED.clear()
        _TRANSLATED[key] = compile_rules(rules.files, source=rules.source, lang=lang)
    return _TRANSLATED[key]


def _listed(directory: Path) -> list[Path]:
    if not directory.is_dir():
        raise RulesError([Issue(message=say("rules_not_directory"), file=str(directory))])
    paths = rule_files(directory)
    if not paths:
        raise RulesError([Issue(message=say("no_rule_files"), file=str(directory))])
    return paths


def read_rule_files(directory: Path) -> list[tuple[Document, RuleFile]]:
    """Read and validate every rule file in `directory` (not yet compiled together)."""
    return _read(_listed(directory))


def _read(paths: list[Path]) -> list[tuple[Document, RuleFile]]:
    from maslihat.source import load_document

    issues: list[Issue] = []
    parsed: list[tuple[Document, RuleFile]] = []
    for file in paths:
        try:
            document = load_document(file, RulesError)
            parsed.append((document, rule_file(document)))
        except RulesError as exc:
            issues.extend(exc.issues)
    if issues:
        raise RulesError(issues)
    return parsed


def rule_file(document: Document) -> RuleFile:
    """Validate one read document as a rule file, or raise a located `RulesError`."""
    from pydantic import ValidationError

    from maslihat.rules.documents import RuleFile
    from maslihat.source import issues_from_validation_error

    try:
        return RuleFile.model_validate(document.data or {})
    except ValidationError as exc:
        raise RulesError(issues_from_validation_error(exc, document, RuleFile)) from None
