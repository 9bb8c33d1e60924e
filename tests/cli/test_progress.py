"""Progress bars are drawn on a terminal only: a pipe, a file or CliRunner gets the same bytes."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from maslihat.audit.progress import quietly
from maslihat.cli import progress as progress_module
from maslihat.cli.main import main
from maslihat.cli.progress import echo, progress

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


class Terminal(io.StringIO):
    """A text stream that says it is a terminal."""

    def isatty(self) -> bool:
        """It is one."""
        return True


def test_no_bar_without_a_terminal() -> None:
    """When standard error is not a TTY, the wrapper is the one that shows nothing."""
    assert not sys.stderr.isatty() or pytest.skip("stderr is a terminal here")
    assert progress("Work") is quietly


def test_on_a_terminal_the_bar_is_drawn_and_lines_go_above_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """On a TTY the items pass through unchanged while a labelled bar is drawn."""
    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    seen = []
    for item in progress("Work")([1, 2, 3], 3):
        seen.append(item)
        echo(f"item {item}", err=True)
    assert seen == [1, 2, 3]
    drawn = terminal.getvalue()
    assert "Work" in drawn and "100%" in drawn and "item 2\n" in drawn


def test_batch_and_test_output_is_unchanged_in_a_pipe() -> None:
    """Under CliRunner (not a TTY) `batch --json` and `test` print no bar, no extra line."""
    files = [str(p) for p in sorted(EXAMPLES.glob("*.yaml"))[:3]]
    done = CliRunner().invoke(main, ["batch", *files, "--as-of", "2024-01-01", "--json"])
    assert done.exit_code == 0
    assert len(done.stdout.splitlines()) == 3
    assert all(line.startswith('{"file": ') for line in done.stdout.splitlines())
    assert done.stderr == "3 cases read: " + done.stderr.split("3 cases read: ")[1]
    assert "\r" not in done.stderr and "%" not in done.stderr


def test_echo_writes_what_click_echo_writes(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Plain text is written as click.echo writes it, without it; ANSI codes go to click."""
    plain = ("examples/01.yaml: terminated", "мандат прекращён", "")
    for text in (*plain, "\x1b[1mbold\x1b[0m"):
        with monkeypatch.context() as patched:
            if text in plain:  # the write alone, not click.echo
                patched.setattr(progress_module.click, "echo", None)
            echo(text)
            echo(text, err=True)
        ours = capsys.readouterr()
        click.echo(text)
        click.echo(text, err=True)
        assert ours == capsys.readouterr()
