"""The command line honours contract v1: flags, output forms and exit codes."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from click.testing import CliRunner

from maslihat.cli.main import main
from maslihat.errors import EvaluationError

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = ROOT / "tests" / "catalogue"
CASE = """\
case: cli-case
maslihat: {name: Atyrau Regional Mäslihat, level: region, territory: "230000000", seats: 31}
deputy: {name: A. Deputy, born: 1985-03-14, citizenship: KZ, residence: "231010000"}
events:
  - {date: 2021-01-12, type: registered}
  - {date: 2022-02-01, type: resignation_filed}
  - {date: 2022-02-10, type: commission_submission, ground: resignation}
  - {date: 2022-02-20, type: session_vote, ground: resignation, present: 28,
     in_favour: 20, against: 5}
"""


@pytest.fixture
def case_file(tmp_path: Path) -> Path:
    path = tmp_path / "case.yaml"
    path.write_text(CASE, encoding="utf-8")
    return path


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, [str(a) for a in args])
    return result.exit_code, result.stdout, result.stderr


def test_human_output_shows_status_grounds_and_citations(case_file: Path) -> None:
    """The default output is text naming the status, the ground and its citation."""
    code, out, _ = invoke("evaluate", case_file, "--as-of", "2022-06-01")
    assert code == 0
    assert "Status:   terminated" in out
    assert "8 resignation (Resignation)" in out and "[Law 148-II, art. 20(3)(8)]" in out


def test_json_output_matches_the_published_schema(case_file: Path) -> None:
    """`--json` prints the contract's result, valid against docs/schemas/result.schema.json."""
    code, out, _ = invoke("evaluate", case_file, "--as-of", "2022-06-01", "--json")
    assert code == 0
    data = json.loads(out)
    schema = json.loads((ROOT / "docs/schemas/result.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, schema)
    assert data["mandate"] == {
        "began": "2021-01-12",
        "ended": "2022-02-20",
        "ended_by": "resignation",
    }
    assert "trace" not in data


def test_explain_adds_the_trace(case_file: Path) -> None:
    """`--explain` shows each rule applied with its citation, in text and in JSON."""
    code, out, _ = invoke("evaluate", case_file, "--as-of", "2022-06-01", "--explain")
    assert code == 0 and "Trace:" in out
    assert "session_decision.vote.outcomes[0] (session_decision@2021-07-11, event 3)" in out
    assert "text: https://zan.gov.kz/client/#!/doc/7966/rus/27.06.2022" in out
    code, out, _ = invoke("evaluate", case_file, "--as-of", "2022-06-01", "--explain", "--json")
    trace = json.loads(out)["trace"]
    assert any(entry["citation"] == "Law 148-II, art. 20(4)" for entry in trace)
    assert all(entry["citation_url"] for entry in trace if entry["citation"])


def test_as_of_changes_the_answer(case_file: Path) -> None:
    """Before the vote the same case is pending."""
    _, out, _ = invoke("evaluate", case_file, "--as-of", "2022-02-15", "--json")
    assert json.loads(out)["status"] == "termination_pending"


def test_timeline(case_file: Path) -> None:
    """`timeline` prints one line per event with the status change and the deciding rule."""
    code, out, _ = invoke("timeline", case_file, "--as-of", "2022-06-01")
    lines = out.splitlines()
    assert code == 0 and len(lines) == 4
    assert "candidate → active" in lines[0] and "by lifecycle: registration" in lines[0]
    assert "termination pending → terminated" in lines[3]
    assert "by Session decision on the TEC's submission: vote, decided" in lines[3]


def test_timeline_json_is_the_steps_as_data(case_file: Path) -> None:
    """`timeline --json` lists the same steps, with status ids and rule ids apart from words."""
    code, out, _ = invoke("timeline", case_file, "--as-of", "2022-06-01", "--json")
    steps = json.loads(out)
    assert code == 0 and len(steps) == 4
    vote = steps[3]
    assert (vote["before"], vote["after"]) == ("termination_pending", "terminated")
    assert (vote["rule"], vote["version"]) == (
        "session_decision.vote.outcomes[0]",
        "session_decision@2021-07-11",
    )
    assert vote["kind"] == "event" and vote["event_type"] == "session_vote"


def test_evaluate_writes_an_html_report(case_file: Path, tmp_path: Path) -> None:
    """`evaluate --html FILE` writes the page and prints the result as usual; no overwrite."""
    page = tmp_path / "case.html"
    code, out, _ = invoke("evaluate", case_file, "--as-of", "2022-06-01", "--html", page)
    assert code == 0 and out.startswith("Case cli-case") and "Trace:" not in out
    text = page.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>") and text.count("<svg") == 2
    code, _, err = invoke("evaluate", case_file, "--html", page)
    assert code == 2 and "exists; give --force" in err
    code, _, _ = invoke("evaluate", case_file, "--html", page, "--force", "--as-of", "2022-02-15")
    assert code == 0 and "termination pending" in page.read_text(encoding="utf-8")


def test_evaluate_writes_the_html_report_in_its_language(case_file: Path, tmp_path: Path) -> None:
    """`evaluate --html FILE --lang kk` writes the page in Kazakh, as it prints the result;
    `timeline --lang ru` words its steps in Russian."""
    page = tmp_path / "case.html"
    code, out, _ = invoke(
        "evaluate", case_file, "--as-of", "2022-06-01", "--html", page, "--lang", "kk"
    )
    text = page.read_text(encoding="utf-8")
    assert code == 0 and "Мәртебесі" in out
    assert '<html lang="kk">' in text and "Хронология" in text and "Timeline" not in text
    code, out, _ = invoke("timeline", case_file, "--as-of", "2022-06-01", "--lang", "ru")
    assert code == 0 and "регистрация депутата" in out and "registered" not in out


def test_batch_prints_one_line_per_case(case_file: Path, tmp_path: Path) -> None:
    """`batch` evaluates a directory, one line per case."""
    shutil.copy(case_file, tmp_path / "second.yaml")
    code, out, _ = invoke("batch", tmp_path, "--as-of", "2022-06-01")
    assert code == 0 and len(out.splitlines()) == 2
    assert all("terminated" in line for line in out.splitlines())


def test_batch_reports_bad_cases_and_goes_on(case_file: Path, tmp_path: Path) -> None:
    """A bad case in a batch is reported; the others are still evaluated; exit code 2."""
    (tmp_path / "bad.yaml").write_text("maslihat: 1\n", encoding="utf-8")
    code, out, err = invoke("batch", tmp_path, "--as-of", "2022-06-01")
    assert code == 2 and len(out.splitlines()) == 1 and err.startswith("error: ")


def test_batch_ends_with_a_summary_on_stderr(case_file: Path, tmp_path: Path) -> None:
    """The last stderr line counts the cases read, by status, and the errors; stdout is cases."""
    (tmp_path / "bad.yaml").write_text("maslihat: 1\n", encoding="utf-8")
    code, out, err = invoke("batch", tmp_path, case_file, "--as-of", "2022-02-15")
    assert code == 2 and len(out.splitlines()) == 2
    assert err.splitlines()[-1] == "3 cases read: 2 termination pending; 1 error"
    code, _, err = invoke("batch", case_file, "--as-of", "2022-06-01")
    assert code == 0 and err == "1 case read: 1 terminated; 0 errors\n"


def test_batch_reports_what_is_not_a_regular_file(case_file: Path, tmp_path: Path) -> None:
    """In a directory, a fifo or a link to a device named *.yaml is reported, not read."""
    os.mkfifo(tmp_path / "fifo.yaml")
    (tmp_path / "zero.yaml").symlink_to("/dev/zero")
    (tmp_path / "sub.yaml").mkdir()  # a directory is not a case file: left alone
    code, out, err = invoke("batch", tmp_path, "--as-of", "2022-06-01")
    lines = err.splitlines()
    assert code == 2 and len(out.splitlines()) == 1
    assert (
        lines[0] == f"error: {tmp_path / 'fifo.yaml'}: cannot read the file: it is a fifo, "
        "not a regular file"
    )
    assert "it is a character device" in lines[1] and len(lines) == 3


def test_batch_goes_on_past_a_defect_and_exits_4(
    case_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An evaluation defect in one case is reported with its file; the rest run; exit 4."""
    import maslihat.engine.evaluate as engine

    real = engine.evaluate

    def flaky(case: Any, **kwargs: Any) -> Any:
        if case.case == "broken":
            raise EvaluationError("checks.x: cannot compare")
        return real(case, **kwargs)

    monkeypatch.setattr(engine, "evaluate", flaky)
    broken = tmp_path / "broken.yaml"
    broken.write_text(CASE.replace("case: cli-case", "case: broken"), encoding="utf-8")
    (tmp_path / "bad.yaml").write_text("maslihat: 1\n", encoding="utf-8")
    code, out, err = invoke("batch", broken, tmp_path / "bad.yaml", case_file)
    assert code == 4 and len(out.splitlines()) == 1
    assert f"error: {broken}: checks.x: cannot compare" in err.splitlines()
    assert err.splitlines()[-1].endswith("; 2 errors")


BOMB = 'a: &a ["lol","lol","lol"]\n' + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 9)}]\n" for i in range(12)
)


@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        ("grounds: !!python/object/apply:os.system [x]\n", "1:10", "YAML tags are not accepted"),
        (BOMB, "1:4", "YAML anchors are not accepted"),
        ("grounds:\n  - id: x\x00\n", "2:10", "control character U+0000"),
        ("grounds:\n  - <<: {id: x}\n", "2:5", "merge keys (<<) are not accepted"),
        ("grounds:\n  - " + "{not: " * 300 + "x" + "}" * 300 + "\n", "2:", "nested too deeply"),
        ("grounds:\n  - {id: x, number: " + "9" * 5000 + "}\n", "2:", "more than 20 digits"),
    ],
    ids=["tag", "billion-laughs", "nul", "merge-key", "deep-not", "digits"],
)
def test_hostile_rule_files_exit_3_at_once(
    text: str, where: str, message: str, case_file: Path, rules_copy: Callable[..., Path]
) -> None:
    """A hostile rule file is refused with one located line and exit 3, within a second."""
    rules = rules_copy(broken=text)
    start = time.process_time()
    code, out, err = invoke("evaluate", case_file, "--rules", rules)
    assert time.process_time() - start < 1
    assert code == 3 and out == "" and len(err.splitlines()) == 1
    assert err.startswith(f"error: {rules / 'broken.yaml'}:{where}") and message in err


def test_bad_case_exits_2_with_one_located_line(tmp_path: Path) -> None:
    """A malformed case gives one line with file:line:column and field, exit 2."""
    path = tmp_path / "bad.yaml"
    path.write_text(CASE.replace("type: resignation_filed", "type: resigned"), encoding="utf-8")
    code, out, err = invoke("evaluate", path)
    assert code == 2 and out == ""
    assert err == (
        f"error: {path}:6:24: events[1].type: unknown event type 'resigned'; "
        "did you mean 'resignation_filed'?\n"
    )


def test_every_issue_gets_its_own_line_then_a_count(tmp_path: Path) -> None:
    """Several mistakes: one located line each, in file order, then how many, exit 2."""
    path = tmp_path / "bad.yaml"
    text = CASE.replace("type: resignation_filed", "type: resigned").replace("KZ", "kz")
    path.write_text(text, encoding="utf-8")
    code, out, err = invoke("evaluate", path)
    lines = err.splitlines()
    assert code == 2 and out == "" and len(lines) == 3
    assert lines[0].startswith(f"error: {path}:") and "citizenship" in lines[0]
    assert lines[1].startswith(f"error: {path}:6:24: events[1].type")
    assert lines[2] == f"2 errors in {path}"


def test_an_impossible_as_of_names_the_month(case_file: Path) -> None:
    """--as-of 2024-02-30 says February 2024 has 29 days, not just "not a date"."""
    code, _, err = invoke("evaluate", case_file, "--as-of", "2024-02-30")
    assert code == 2
    assert "2024-02-30 is not a date: February 2024 has 29 days" in err


def test_the_wrong_kind_of_file_gets_a_hint(case_file: Path, tmp_path: Path) -> None:
    """A case-test file to `evaluate`, a case to `test`, cases to --rules: each says so."""
    case_test = next(CATALOGUE.glob("*.yaml"))
    code, _, err = invoke("evaluate", case_test)
    assert code == 2 and "this is a case-test file" in err and "`maslihat test`" in err
    code, _, err = invoke("test", case_file)
    assert code == 2 and "this is a case file" in err and "not a case-test file" in err
    cases = tmp_path / "cases"
    cases.mkdir()
    (cases / "case.yaml").write_text(case_file.read_text(encoding="utf-8"), encoding="utf-8")
    code, _, err = invoke("evaluate", case_file, "--rules", cases)
    assert code == 3 and "this is a case file" in err and "--rules takes a directory" in err


def test_bad_rules_exit_3(case_file: Path, rules_copy: Callable[..., Path]) -> None:
    """A broken rule directory gives one located line and exit 3."""
    rules = rules_copy(broken="grounds:\n  - id: x\n    numbr: 1\n")
    code, _, err = invoke("evaluate", case_file, "--rules", rules)
    assert code == 3
    assert err.startswith(f"error: {rules / 'broken.yaml'}:")


def test_bad_as_of_is_a_usage_error(case_file: Path) -> None:
    """An impossible --as-of is refused with exit code 2."""
    code, _, err = invoke("evaluate", case_file, "--as-of", "2022-02-30")
    assert code == 2 and "not a date" in err
    code, _, err = invoke("evaluate", case_file, "--as-of", "20220201")
    assert code == 2 and "not a date YYYY-MM-DD" in err


def test_real_process_has_no_traceback(tmp_path: Path) -> None:
    """Run as a real process, a bad file exits 2 with no traceback."""
    path = tmp_path / "bad.yaml"
    path.write_text("deputy: [\n", encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "maslihat", "evaluate", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert proc.stderr.startswith(f"error: {path}:2:1:")


def test_errors_are_printed_in_the_commands_language(case_file: Path, tmp_path: Path) -> None:
    """An input error, a file not written and a bad option value, in the --lang asked for
    (or MASLIHAT_LANG), with English exit codes."""
    missing = CliRunner().invoke(main, ["evaluate", str(tmp_path / "none.yaml"), "--lang", "ru"])
    assert missing.exit_code == 2
    assert missing.stderr == (
        f"ошибка: {tmp_path / 'none.yaml'}: не удаётся прочитать файл: "
        "нет такого файла или каталога\n"
    )
    page = tmp_path / "page.html"
    page.write_text("kept", encoding="utf-8")
    kept = CliRunner(env={"MASLIHAT_LANG": "kk"}).invoke(
        main, ["evaluate", str(case_file), "--html", str(page)]
    )
    assert kept.exit_code == 2
    assert kept.stderr == f"қате: {page}: бұрыннан бар; ауыстыру үшін `--force` көрсетіңіз\n"  # noqa: RUF001
    day = CliRunner().invoke(
        main, ["evaluate", str(case_file), "--as-of", "2023-02-29", "--lang", "kk"]
    )
    assert day.exit_code == 2
    assert "'2023-02-29' күн емес: 2023 жылғы ақпан айында 28 күн бар" in day.stderr  # noqa: RUF001


def test_batch_workers_print_errors_in_the_language(tmp_path: Path) -> None:
    """`batch --jobs 2 --lang ru`: each bad file's line comes from a worker, in Russian."""
    bad = tmp_path / "bad.yaml"
    bad.write_text("[1, 2]\n", encoding="utf-8")
    done = CliRunner().invoke(main, ["batch", str(bad), str(bad), "--jobs", "2", "--lang", "ru"])
    assert done.exit_code == 2
    line = f"ошибка: {bad}:1:1: ожидался набор пар «ключ: значение», найдено: список"
    assert done.stderr.splitlines()[:2] == [line, line]
