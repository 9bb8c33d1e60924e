"""Writing the audit's files: nothing replaced unasked, no link followed, no half file left."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest

from maslihat.audit import output
from maslihat.audit.output import check_directory, make_directory, write_file
from maslihat.errors import WriteError


def refused(path: Path, text: str = "new", force: bool = False) -> str:
    """The message `write_file` refuses `path` with."""
    with pytest.raises(WriteError) as caught:
        write_file(path, text, force)
    return str(caught.value)


def test_a_new_file_is_written_whole_with_the_usual_mode(tmp_path: Path) -> None:
    """A new file gets the text, the umask's mode (not mkstemp's 0600) and no temporary."""
    write_file(tmp_path / "report.md", "# Rule audit\n")
    assert (tmp_path / "report.md").read_text(encoding="utf-8") == "# Rule audit\n"
    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE((tmp_path / "report.md").stat().st_mode) == 0o666 & ~mask
    assert [p.name for p in tmp_path.iterdir()] == ["report.md"]


def test_an_existing_file_is_kept_unless_forced(tmp_path: Path) -> None:
    """An existing file is refused without `force`, and replaced with it."""
    path = tmp_path / "report.md"
    path.write_text("old", encoding="utf-8")
    assert refused(path) == f"{path}: exists; give --force to replace it"
    assert path.read_text(encoding="utf-8") == "old"
    write_file(path, "new", force=True)
    assert path.read_text(encoding="utf-8") == "new"


def test_a_link_is_never_written_through_even_forced(tmp_path: Path) -> None:
    """A symbolic link at the path is refused, with or without force; its target is untouched."""
    target, link = tmp_path / "elsewhere", tmp_path / "report.md"
    target.write_text("precious", encoding="utf-8")
    link.symlink_to(target)
    for force in (False, True):
        assert refused(link, force=force) == f"{link}: is a symbolic link; not written through it"
    assert target.read_text(encoding="utf-8") == "precious"
    dangling = tmp_path / "dangling.md"
    dangling.symlink_to(tmp_path / "nowhere" / "x")
    assert refused(dangling).endswith("is a symbolic link; not written through it")


@pytest.mark.parametrize(
    ("name", "message"),
    [("missing/report.md", "no directory {tmp}/missing"), (".", "is a directory")],
)
def test_bad_paths_are_one_line_errors(tmp_path: Path, name: str, message: str) -> None:
    """A missing directory, or a directory given as the file, is refused in one line."""
    path = tmp_path / name
    assert refused(path) == f"{path}: {message.format(tmp=tmp_path)}"


@pytest.mark.skipif(not Path("/sys").is_dir(), reason="no /sys here")
def test_a_directory_that_cannot_be_written_is_one_line() -> None:
    """A path nobody may create a file in (root neither: /sys) is `cannot write: ...`."""
    assert refused(Path("/sys/report.md")) == "/sys/report.md: cannot write: Permission denied"


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full here")
def test_a_full_device_is_one_line() -> None:
    """/dev/full (written in place, as a device) fails with ENOSPC, reported in one line."""
    assert refused(Path("/dev/full")) == "/dev/full: cannot write: No space left on device"


def test_a_pipe_nobody_reads_fails_instead_of_hanging(tmp_path: Path) -> None:
    """A fifo with no reader is refused at once (ENXIO), not waited on for ever."""
    fifo = tmp_path / "report.md"
    os.mkfifo(fifo)
    assert refused(fifo) == f"{fifo}: cannot write: No such device or address"


def test_a_failed_write_leaves_the_old_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """If the disk fills mid-write, the file is as it was and the temporary is gone."""
    path = tmp_path / "report.md"
    path.write_text("old", encoding="utf-8")

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    assert refused(path, force=True) == f"{path}: cannot write: No space left on device"
    assert path.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["report.md"]


def test_a_file_that_appears_while_writing_is_not_replaced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file created after the check but before the rename is kept: the rename is no-clobber."""
    path = tmp_path / "report.md"
    monkeypatch.setattr(output, "check_file", lambda p, force: path.write_text("theirs"))
    assert refused(path) == f"{path}: exists; give --force to replace it"
    assert path.read_text(encoding="utf-8") == "theirs"
    assert [p.name for p in tmp_path.iterdir()] == ["report.md"]


def test_a_directory_to_write_into_is_made_but_never_a_link(tmp_path: Path) -> None:
    """The --suggest directory is created if missing; a link or a file there is refused."""
    make_directory(tmp_path / "a" / "b")
    assert (tmp_path / "a" / "b").is_dir()
    (tmp_path / "link").symlink_to(tmp_path / "a")
    (tmp_path / "file").write_text("x", encoding="utf-8")
    for name, message in (
        ("link", "is a symbolic link; not written through it"),
        ("file", "is not a directory"),
    ):
        with pytest.raises(WriteError, match=message):
            check_directory(tmp_path / name)
