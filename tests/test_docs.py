"""Every example in docs/*.md runs here, so the documentation cannot drift from the engine.

A reader copies examples; an example that no longer works is worse than none. So each
fenced block in the docs is either run or plain text (```text), and a block is run
according to its language or to an HTML comment on the line before it:

- ```python blocks are doctests; ```console blocks are commands (`$ ...`) followed by
  their expected output. A plain `maslihat ...` command runs the real CLI in-process
  (a process start per command would make this suite slow), `echo $?` prints the last
  exit code, and anything else (pipes, `cp`) runs in bash. Both kinds run in one
  scratch directory per page, in page order.
- `<!-- test: file PATH -->`: the block is saved as PATH in that scratch directory.
- `<!-- test: events -->`: a YAML list of events, each of which must be valid.
- `<!-- test: rules -->`: a rule file that must compile with the bundled rules (it
  replaces bundled entries with the same id, and the lifecycle section if it has one).
- `<!-- test: rules-error -->`: a rule file, saved as extra.yaml, that must fail to
  compile with the bundled rules; the next block holds the expected messages.
- `<!-- test: condition -->` / `<!-- test: fact -->`: a mapping with `condition` (or
  `fact`), `given` and `expect` (and optionally `explain`). The condition is placed
  where its facts are readable (a ground's trigger when an event is given, a
  restriction when an `item` is, an eligibility check otherwise), the real compiler
  compiles it with the bundled rules, and the engine's situation evaluates it on the
  `given` facts; facts not given are those of an ordinary Atyrau deputy.
- `<!-- test: server -->`: a console block holding one `maslihat serve --port 8000`
  command and what it prints on starting. The command is started for real (on a free
  port, so the page's `127.0.0.1:8000` is rewritten in the commands that follow) and
  stopped when the page is done, so the page's `curl` commands talk to a real server.
- The mermaid block of docs/lifecycle.md must be the chart's own rendering.

Expected output may use `...` for any text, as doctest's ELLIPSIS does (rule-set
fingerprints change whenever a rule does).
"""

from __future__ import annotations

import datetime as dt
import doctest
import functools
import re
import shlex
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, get_args

import pytest
from click.testing import CliRunner
from pydantic import TypeAdapter

import maslihat
from maslihat.cli.main import main as cli
from maslihat.engine.situation import Situation
from maslihat.lifecycle import mermaid
from maslihat.model import EVENT_MODELS, Deputy, Event, Maslihat
from maslihat.model.result import Stage, Status
from maslihat.rules.assemble import compile_rules
from maslihat.rules.conditions import OPERATIONS
from maslihat.rules.documents import RuleFile
from maslihat.rules.loader import rule_file, rule_files
from maslihat.rules.syntax import FactDoc
from maslihat.source import Document, load_document, parse_document

DOCS = Path(__file__).resolve().parents[1] / "docs"
PAGES = sorted(DOCS.glob("*.md"))
MARKER = re.compile(r"^<!--\s*test:\s*(?P<kind>[a-z-]+)\s*(?P<arg>\S*)\s*-->$")
DOCS_PORT = "8000"
DOCS_ADDRESS = f"127.0.0.1:{DOCS_PORT}"
"""Where the docs' examples say `maslihat serve` listens; the tests use a free port."""
SHELL_SYNTAX = re.compile(r"[|;&<>$`*]")
FENCE = re.compile(r"^```(?P<lang>\S*)\s*$")
SECTIONS = (
    "facts",
    "state",
    "lists",
    "findings",
    "checks",
    "grounds",
    "procedures",
    "restrictions",
)
EVENTS = TypeAdapter(list[Event])
ATYRAU = {
    "name": "Atyrau Regional Mäslihat",
    "level": "region",
    "territory": "230000000",
    "seats": 31,
}
DEPUTY = {"name": "A. Deputy", "born": "1985-03-14", "citizenship": "KZ", "residence": "231010000"}
CITED = {
    "valid_from": "2001-01-23",
    "citation": "Law 148-II, art. 20(2)",
    "text": {"en": "x", "ru": "x", "kk": "x"},
    "basis": "inferred",
}
CITED |= {"source": "l148-2007-07-27", "provisions": ["l148-20-2"]}


@dataclass(frozen=True)
class Block:
    """A fenced block of a docs page, with the marker before it, if any."""

    page: str
    line: int
    lang: str
    kind: str
    arg: str
    body: str

    def __str__(self) -> str:
        return f"docs/{self.page}:{self.line}"


def blocks(path: Path) -> list[Block]:
    """The fenced blocks of a page, in order."""
    found: list[Block] = []
    lines = path.read_text(encoding="utf-8").splitlines()
    marker, start, lang = None, 0, ""
    body: list[str] = []
    for number, line in enumerate(lines, 1):
        fence = FENCE.match(line)
        if start:
            if line.rstrip() == "```":
                kind, arg = (marker["kind"], marker["arg"]) if marker else ("", "")
                found.append(Block(path.name, start, lang, kind, arg, "\n".join(body) + "\n"))
                marker, start, body = None, 0, []
            else:
                body.append(line)
        elif fence:
            start, lang = number + 1, fence["lang"]
        elif line.strip():
            marker = MARKER.match(line.strip())
    return found


ALL = [block for page in PAGES for block in blocks(page)]
RULE_KINDS = ("rules", "rules-error", "condition", "fact")


def expected_after(block: Block) -> Block:
    """The block that holds the expected output of `block`."""
    return ALL[ALL.index(block) + 1]


# -- compiling examples with the bundled rules -----------------------------------------


@functools.cache
def bundled() -> tuple[tuple[Document, RuleFile], ...]:
    """The bundled rule files, read and validated once."""
    docs = [load_document(p, maslihat.RulesError) for p in rule_files(maslihat.bundled_rules_dir())]
    return tuple((d, RuleFile.model_validate(d.data)) for d in docs)


def _key(entry: Any) -> str:
    return str(getattr(entry, "id", None) or entry.code)


def _without(rule_file: RuleFile, extra: RuleFile) -> RuleFile:
    """`rule_file` less the entries `extra` redefines."""
    update: dict[str, Any] = {}
    for section in SECTIONS:
        ids = {_key(entry) for entry in getattr(extra, section)}
        update[section] = [e for e in getattr(rule_file, section) if _key(e) not in ids]
    if extra.lifecycle is not None:
        update["lifecycle"] = None
    return rule_file.model_copy(update=update)


def compile_with_bundled(document: Document) -> maslihat.RuleSet:
    """Compile a rule document with the bundled rules, as `load_rules` would."""
    extra = rule_file(document)
    files = [(d, _without(rf, extra)) for d, rf in bundled()]
    return compile_rules([*files, (document, extra)], source="docs")


def _dates(value: Any) -> Any:
    """ISO date strings in given facts become dates, as the models would make them."""
    if isinstance(value, dict):
        return {k: _dates(v) for k, v in value.items()}
    if isinstance(value, list):
        return tuple(_dates(v) for v in value)
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d\d-\d\d", value):
        return dt.date.fromisoformat(value)
    return value


def situation(rules: maslihat.RuleSet, given: dict[str, Any]) -> Situation:
    """The engine's situation for the `given` facts of an example."""
    history: dict[str, list[Any]] = {}
    events = EVENTS.validate_python(given.get("events", []))
    for event in events:
        history.setdefault(event.type, []).append(event)
    roots: dict[str, Any] = {k: _dates(v) for k, v in given.items() if k not in ("events",)}
    roots["deputy"] = Deputy.model_validate({**DEPUTY, **given.get("deputy", {})})
    roots["maslihat"] = Maslihat.model_validate({**ATYRAU, **given.get("maslihat", {})})
    if "event" in given:
        roots["event"] = EVENTS.validate_python([given["event"]])[0]
    elif events:
        roots["event"] = events[-1]
    roots.setdefault("state", {"basis": roots["deputy"].basis, "activities": ()})
    day = roots.get("check", {}).get("date") or getattr(roots.get("event"), "date", None)
    return Situation(rules, day or dt.date(2024, 1, 1), roots, history)


def placed(condition: Any, given: dict[str, Any]) -> tuple[dict[str, Any], str]:
    """A rule file holding `condition` where its facts are readable, and its section."""
    event = given.get("event") or (given.get("events") or [{}])[-1]
    if "type" in event:
        trigger = {"event": event["type"], "when": condition}
        rule = {"id": "doc_example", "number": 999, "title": {"en": "x", "ru": "x", "kk": "x"}}
        rule["versions"] = [{**CITED, "procedure": "session_decision", "triggers": [trigger]}]
        return {"grounds": [rule]}, "grounds"
    finding = {
        "code": "doc_example",
        "severity": "info",
        "message": {"en": "x", "ru": "x", "kk": "x"},
    }
    version = {**CITED, "condition": condition}
    if "item" in given:
        version["for_each"] = "state.activities"
        rule = {"id": "doc_example", "finding": "doc_example", "versions": [version]}
        return {"restrictions": [rule], "findings": [finding]}, "restrictions"
    rule = {"id": "doc_example", "finding": "doc_example", "versions": [version]}
    return {"checks": [rule], "findings": [finding]}, "checks"


def compiled_condition(rules: maslihat.RuleSet, section: str) -> Any:
    """The example's condition, as the compiler made it."""
    if section == "grounds":
        return rules.grounds["doc_example"].versions.versions[0].body.triggers[0].when
    rule = next(r for r in getattr(rules, section) if r.id == "doc_example")
    body = rule.versions.versions[0].body
    return body.condition if section == "restrictions" else body


def plain(value: Any) -> Any:
    """A computed value as a YAML example writes it."""
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def run_rule_example(block: Block) -> None:
    """Compile and evaluate one condition or named-fact example."""
    example = parse_document(block.body, str(block), maslihat.RulesError).data
    assert set(example) <= {block.kind, "given", "expect", "explain"}, f"{block}: unknown keys"
    given = example.get("given") or {}
    if block.kind == "fact":
        document = Document({"facts": [example["fact"]]}, str(block))
        rules = compile_with_bundled(document)
        value = situation(rules, given).get(example["fact"]["id"])
        assert plain(value) == example["expect"], f"{block}: got {value!r}"
        return
    data, section = placed(example["condition"], given)
    rules = compile_with_bundled(Document(data, str(block)))
    explained = compiled_condition(rules, section).evaluate(situation(rules, given))
    assert explained.value is example["expect"], f"{block}: got {explained.value}"
    if "explain" in example:
        assert "\n".join(explained.lines()) == example["explain"].rstrip("\n"), (
            f"{block}: the explanation reads\n" + "\n".join(explained.lines())
        )


# -- running console and Python examples -----------------------------------------------


def matches(expected: str, actual: str) -> bool:
    """Whether `actual` matches `expected`, where `...` stands for any text."""
    tidy = [line.rstrip() for line in actual.rstrip().splitlines()]
    pattern = ".*?".join(re.escape(part) for part in expected.rstrip().split("..."))
    return re.fullmatch(pattern, "\n".join(tidy), re.DOTALL) is not None


def commands(body: str) -> Iterator[tuple[str, str]]:
    """The `$ ` commands of a console block, each with the output that follows it."""
    command: str | None = None
    output: list[str] = []
    for line in body.splitlines():
        if line.startswith("$ "):
            if command is not None:
                yield command, "\n".join(output)
            command, output = line[2:], []
        else:
            output.append(line)
    if command is not None:
        yield command, "\n".join(output)


def run_command(command: str, last: int, cwd: Path) -> tuple[str, int]:
    """Output and exit code of one console command."""
    if command == "echo $?":
        return f"{last}\n", 0
    if command.startswith("maslihat ") and not SHELL_SYNTAX.search(command):
        args = shlex.split(command)[1:]
        # CliRunner forces 80 columns; the CLI in an 80-column terminal formats to 78.
        result = CliRunner().invoke(cli, args, prog_name="maslihat", terminal_width=78)
        return result.output, result.exit_code
    env = {"PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin", "COLUMNS": "80"}
    done = subprocess.run(
        ["bash", "-c", command], cwd=cwd, env=env, capture_output=True, text=True, check=False
    )
    return done.stdout + done.stderr, done.returncode


def run_console(block: Block, cwd: Path, address: str = DOCS_ADDRESS) -> None:
    """Run a console block's commands (the server's `address` for the page's) and compare."""
    last = 0
    for command, expected in commands(block.body):
        output, last = run_command(command.replace(DOCS_ADDRESS, address), last, cwd)
        assert matches(expected, output), f"{block}: $ {command}\n{output}"


@contextmanager
def served(block: Block, cwd: Path) -> Iterator[str]:
    """Run a server block's `maslihat serve` on a free loopback port; yield its address."""
    [(command, expected)] = commands(block.body)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        address = f"127.0.0.1:{sock.getsockname()[1]}"
    args = shlex.split(command.replace(DOCS_PORT, address.split(":")[1]))
    assert args[:2] == ["maslihat", "serve"], f"{block}: a server block runs maslihat serve"
    log = cwd / "server.log"
    with log.open("wb") as out:
        server = subprocess.Popen([sys.executable, "-m", *args], cwd=cwd, stdout=out, stderr=out)
    try:
        deadline, printed = time.monotonic() + 30, ""
        while server.poll() is None and time.monotonic() < deadline:
            printed = log.read_text(encoding="utf-8").replace(address, DOCS_ADDRESS)
            if _listening(address) and matches(expected, printed):
                break
            time.sleep(0.05)
        assert matches(expected, printed), f"{block}: $ {command}\n{printed}"
        yield address
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=10)


def _listening(address: str) -> bool:
    # A bare connection, not a request: a request would add a line to the server's log.
    host, port = address.split(":")
    try:
        socket.create_connection((host, int(port)), timeout=1).close()
    except OSError:
        return False
    return True


def run_python(block: Block, globs: dict[str, Any]) -> None:
    """Run a python block as a doctest, keeping names for the page's next blocks."""
    test = doctest.DocTestParser().get_doctest(block.body, globs, str(block), None, block.line)
    assert test.examples, f"{block}: a python block must hold >>> examples"
    report: list[str] = []
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    runner.run(test, out=report.append, clear_globs=False)
    globs.update(test.globs)  # a DocTest works on a copy
    assert not runner.failures, "".join(report)


# -- the tests ---------------------------------------------------------------------------


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_page_examples_run(page: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A page's files, commands and Python examples run in order and print what it says."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "examples").symlink_to(DOCS.parent / "examples")  # what-if.md diffs them
    globs: dict[str, Any] = {"__name__": page.stem}
    with ExitStack() as stack:
        address = DOCS_ADDRESS
        for block in blocks(page):
            if block.kind == "file":
                (tmp_path / block.arg).parent.mkdir(parents=True, exist_ok=True)
                (tmp_path / block.arg).write_text(block.body, encoding="utf-8")
            elif block.kind == "server":
                address = stack.enter_context(served(block, tmp_path))
            elif block.lang == "console":
                run_console(block, tmp_path, address)
            elif block.lang == "python":
                run_python(block, globs)


@pytest.mark.parametrize("block", [b for b in ALL if b.kind in RULE_KINDS], ids=str)
def test_rule_example(block: Block) -> None:
    """A rule, condition or named-fact example compiles and gives what the page says."""
    if block.kind == "rules":
        compile_with_bundled(parse_document(block.body, "extra.yaml", maslihat.RulesError))
    elif block.kind == "rules-error":
        with pytest.raises(maslihat.RulesError) as caught:
            compile_with_bundled(parse_document(block.body, "extra.yaml", maslihat.RulesError))
        messages = "\n".join(map(str, caught.value.issues))
        assert matches(expected_after(block).body, messages), f"{block}:\n{messages}"
    else:
        run_rule_example(block)


@pytest.mark.parametrize("block", [b for b in ALL if b.kind == "events"], ids=str)
def test_event_example(block: Block) -> None:
    """Every event shown as an example is a valid event of the contract."""
    EVENTS.validate_python(parse_document(block.body, str(block), maslihat.CaseError).data)


def test_every_block_is_run() -> None:
    """No YAML or JSON example escapes testing: each carries a marker."""
    unmarked = [str(b) for b in ALL if b.lang in ("yaml", "json") and not b.kind]
    assert not unmarked, f"mark these blocks or make them ```text: {unmarked}"
    assert all(b.kind in (*RULE_KINDS, "file", "events", "server", "") for b in ALL)


def test_lifecycle_diagram_is_generated() -> None:
    """docs/lifecycle.md shows the chart exactly as the lifecycle class renders it."""
    diagrams = [b.body for b in blocks(DOCS / "lifecycle.md") if b.lang == "mermaid"]
    assert diagrams == [mermaid()], (
        "the chart changed: replace the mermaid block of docs/lifecycle.md with the output of "
        ".venv/bin/python -c 'import maslihat.lifecycle as m; print(m.mermaid(), end=\"\")'"
    )


def _keys(value: Any) -> Iterator[str]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from _keys(item)
    elif isinstance(value, list):
        for item in value:
            yield from _keys(item)


def test_every_operator_and_fact_kind_has_an_example() -> None:
    """docs/rules.md has a tested example of every operator and every named-fact kind."""
    used = {kind: set[str]() for kind in ("condition", "fact")}
    for block in blocks(DOCS / "rules.md"):
        if block.kind in used:
            data = parse_document(block.body, str(block), maslihat.RulesError).data
            used[block.kind].update(_keys(data[block.kind]))
    operators = {*OPERATIONS, "all", "any", "not", "times", "list", "tagged"}
    everything = FactDoc.model_construct(**dict.fromkeys(FactDoc.model_fields, 1))
    assert operators - used["condition"] == set(), "operators without an example"
    assert set(everything.definitions()) - used["fact"] == set(), "fact kinds without an example"


def test_case_format_covers_the_vocabulary() -> None:
    """docs/case-format.md shows every event type and names every status, stage and code."""
    page = (DOCS / "case-format.md").read_text(encoding="utf-8")
    shown = [b for b in blocks(DOCS / "case-format.md") if b.kind == "events"]
    types = {e.type for b in shown for e in EVENTS.validate_python(_yaml(b))}
    assert set(EVENT_MODELS) - types == set(), "event types without an example"
    codes = {code for _, rf in bundled() for code in (f.code for f in rf.findings)}
    words = {*get_args(Status), *get_args(Stage), *codes}
    assert {w for w in words if f"`{w}`" not in page} == set()


def _yaml(block: Block) -> Any:
    return parse_document(block.body, str(block), maslihat.CaseError).data


LINK = re.compile(r"\[[^\]]*\]\((?P<target>[^)\s]+)\)")


def _anchors(page: Path) -> set[str]:
    headings = re.findall(r"^#+ (.+)$", page.read_text(encoding="utf-8"), re.MULTILINE)
    return {re.sub(r"[^\w\- ]", "", h.strip().lower()).replace(" ", "-") for h in headings}


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_relative_links_resolve(page: Path) -> None:
    """Every relative link on a page names a file that exists, and a heading that does."""
    text = page.read_text(encoding="utf-8")
    text = re.sub(r"```.*?```", "", text, flags=re.DOTALL)
    broken = []
    for target in LINK.findall(text):
        if re.match(r"[a-z]+:", target):
            continue
        path, _, anchor = target.partition("#")
        file = (page.parent / path).resolve() if path else page
        if not file.exists() or (anchor and file.suffix == ".md" and anchor not in _anchors(file)):
            broken.append(target)
    assert not broken, f"broken links in docs/{page.name}: {broken}"
