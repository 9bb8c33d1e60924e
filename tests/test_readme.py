"""The README's promises hold: two quick-start commands, CI runs one, the example is true."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import maslihat

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", README, flags=re.DOTALL)


def test_quick_start_has_exactly_two_commands_and_ci_runs_the_test_one() -> None:
    """The quick start is `make run` and `make test`; .ci/run calls `make test`."""
    commands = [line.split("#")[0].strip() for line in blocks("sh")[0].splitlines() if line.strip()]
    assert commands == ["make run", "make test"]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert [line for line in ci.splitlines() if line.startswith("make")] == ["make test"]


def test_example_result_is_what_the_engine_says() -> None:
    """The README's example case evaluates to the README's result (fingerprint aside)."""
    case = maslihat.parse_case(blocks("yaml")[0], "README.md")
    shown = json.loads(blocks("json")[0])
    actual = maslihat.evaluate(case, as_of=dt.date.fromisoformat(shown["as_of"])).model_dump(
        mode="json"
    )
    assert shown["rules"]["fingerprint"] == "sha256:…"
    assert actual["rules"]["fingerprint"].startswith("sha256:")
    shown["rules"] = actual["rules"]
    assert actual == shown


def test_links_resolve() -> None:
    """Every relative link in the README points at a file or directory that exists."""
    for target in re.findall(r"\]\(([^)#]+)\)", README):
        if not target.startswith("http"):
            assert (ROOT / target).exists(), target
