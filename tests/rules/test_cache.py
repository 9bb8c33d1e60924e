"""The compiled rule set is kept on disk, and the cache can make loading faster, never wrong.

Each test points the cache at a directory of its own, and copies the bundled rules
where it must edit them.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import maslihat
from maslihat.rules import assemble, cache
from maslihat.rules.loader import bundled_rules_dir

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "01-atyrau-resignation.yaml"


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A cache directory of this test's own."""
    where = tmp_path / "cache"
    monkeypatch.setenv(cache.ENV_DIR, str(where))
    monkeypatch.delenv(cache.ENV_OFF, raising=False)
    return where


@pytest.fixture
def rules_copy(tmp_path: Path) -> Path:
    """The bundled rules, copied where a test may edit them."""
    return Path(shutil.copytree(bundled_rules_dir(), tmp_path / "rules"))


@pytest.fixture
def compiles(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Counts the compilations (each call records the directory compiled)."""
    calls: list[str] = []
    real = assemble.compile_rules

    def counting(files, source, lang="en"):  # type: ignore[no-untyped-def]
        calls.append(source)
        return real(files, source=source, lang=lang)

    monkeypatch.setattr(assemble, "compile_rules", counting)
    return calls


def cached_files(where: Path) -> list[Path]:
    return sorted(where.glob("rules-*.pickle"))


def test_a_second_load_comes_from_the_cache(
    cache_dir: Path, rules_copy: Path, compiles: list[str]
) -> None:
    """The first load compiles and keeps the rule set; the next reads it, equal and working."""
    first = maslihat.load_rules(rules_copy)
    assert len(cached_files(cache_dir)) == 1
    second = maslihat.load_rules(rules_copy)
    assert compiles == [str(rules_copy)]
    assert second is not first
    assert second.fingerprint == first.fingerprint
    assert dict(second.provisions) == dict(first.provisions)
    case = maslihat.load_case(EXAMPLE)
    import datetime as dt

    day = dt.date(2026, 11, 1)
    assert maslihat.evaluate(case, as_of=day, rules=second, explain=True) == maslihat.evaluate(
        case, as_of=day, rules=first, explain=True
    )


def test_an_edited_rule_file_is_compiled_anew(
    cache_dir: Path, rules_copy: Path, compiles: list[str]
) -> None:
    """Changing one byte of a rule file changes the key: the stale rule set is not used."""
    maslihat.load_rules(rules_copy)
    grounds = rules_copy / "grounds.yaml"
    grounds.write_text(grounds.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    maslihat.load_rules(rules_copy)
    assert len(compiles) == 2
    assert len(cached_files(cache_dir)) == 2


def test_a_corrupt_cache_file_is_ignored_and_replaced(
    cache_dir: Path, rules_copy: Path, compiles: list[str]
) -> None:
    """A flipped byte fails the checksum; the rules are compiled and the file rewritten."""
    maslihat.load_rules(rules_copy)
    (kept,) = cached_files(cache_dir)
    data = bytearray(kept.read_bytes())
    data[-10] ^= 0xFF
    kept.write_bytes(bytes(data))
    maslihat.load_rules(rules_copy)
    maslihat.load_rules(rules_copy)
    assert len(compiles) == 2  # once at first, once for the corrupt file, then cached
    kept.write_bytes(kept.read_bytes()[:100])  # truncated
    maslihat.load_rules(rules_copy)
    assert len(compiles) == 3


def test_an_unwritable_cache_is_silently_passed_over(
    tmp_path: Path, rules_copy: Path, compiles: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A cache path that cannot be a directory costs a compile each time, and nothing else."""
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("a file where the cache directory would be", encoding="utf-8")
    monkeypatch.setenv(cache.ENV_DIR, str(blocker / "cache"))
    assert maslihat.load_rules(rules_copy).fingerprint.startswith("sha256:")
    maslihat.load_rules(rules_copy)
    assert len(compiles) == 2


@pytest.mark.parametrize(("name", "value"), [(cache.ENV_DIR, ""), (cache.ENV_OFF, "1")])
def test_the_cache_can_be_turned_off(
    tmp_path: Path,
    rules_copy: Path,
    compiles: list[str],
    monkeypatch: pytest.MonkeyPatch,
    name: str,
    value: str,
) -> None:
    """An empty MASLIHAT_CACHE_DIR, or MASLIHAT_NO_CACHE=1, compiles every time."""
    monkeypatch.setenv(cache.ENV_DIR, str(tmp_path / "cache"))
    monkeypatch.setenv(name, value)
    maslihat.load_rules(rules_copy)
    maslihat.load_rules(rules_copy)
    assert len(compiles) == 2
    assert not (tmp_path / "cache").exists()


def test_bad_rules_are_never_cached(cache_dir: Path, rules_copy: Path) -> None:
    """A rule set that fails to compile leaves nothing behind, and fails the same way again."""
    (rules_copy / "grounds.yaml").write_text("grounds: 7\n", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(maslihat.RulesError, match="grounds"):
            maslihat.load_rules(rules_copy)
    assert cached_files(cache_dir) == []


def test_old_rule_sets_are_pruned(cache_dir: Path, rules_copy: Path, compiles: list[str]) -> None:
    """Each edit leaves a new file; only the newest eight are kept."""
    grounds = rules_copy / "grounds.yaml"
    for edit in range(10):
        grounds.write_text(grounds.read_text(encoding="utf-8") + f"# {edit}\n", encoding="utf-8")
        maslihat.load_rules(rules_copy)
    assert len(cached_files(cache_dir)) == 8


def test_evaluate_imports_only_what_it_needs(cache_dir: Path) -> None:
    """A cached `maslihat evaluate` builds no rule-file model and loads no audit, service,
    lifecycle library or asyncio."""
    command = ["evaluate", str(EXAMPLE), "--as-of", "2026-11-01"]
    maslihat_cli = [sys.executable, "-m", "maslihat"]
    subprocess.run([*maslihat_cli, *command], capture_output=True, check=True)  # fills it
    probe = f"""
import json, sys
from maslihat.cli.main import main
try:
    main({command!r}, standalone_mode=False)
finally:
    print(json.dumps(sorted(sys.modules)))
"""
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, env=os.environ
    )
    loaded = set(json.loads(done.stdout.splitlines()[-1]))
    assert "terminated" in done.stdout
    unwanted = {
        "asyncio",
        "statemachine",
        "fastapi",
        "ruamel",
        "maslihat.audit.casetests",
        "maslihat.audit.report",
        "maslihat.audit.mutants",
        "maslihat.service",
        "maslihat.lifecycle",
        "maslihat.rules.documents",
        "maslihat.rules.assemble",
        "maslihat.rules.syntax",
        "babel",
    }
    assert not unwanted & loaded
