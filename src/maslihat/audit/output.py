"""Writing the audit's files: never over a file unasked, never through a link, never half.

`maslihat audit --report FILE` and `--suggest DIR` write where they are told, which
may be a directory others can write to as well. So:

- a file that exists is replaced only when asked (`force`);
- a symbolic link is never written through, whether it is the path named or a file
  in the directory named: a link left where a report will go could point anywhere;
- a file is written to a temporary file beside it, then renamed into place, so that a
  reader never sees half of it and a failed write leaves what was there (a device or
  a pipe, `/dev/null`, has nothing to replace and is written to in place);
- every failure is one `WriteError` naming the path: no directory, a directory where
  the file should be, no permission, no space left.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path

from maslihat.errors import WriteError
from maslihat.wording import os_reason, say

_NO_HARD_LINKS = {errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.ENOSYS}
"""What `link` fails with on file systems that have no hard links."""


def _failed(path: Path, exc: OSError) -> WriteError:
    return WriteError(path, say("write_failed", reason=os_reason(exc)))


def _exists(path: Path) -> WriteError:
    return WriteError(path, say("write_exists"))


def _lstat(path: Path) -> os.stat_result | None:
    try:
        return path.lstat()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise _failed(path, exc) from None


def check_file(path: Path, force: bool) -> None:
    """Refuse what `write_file` would: a link, a directory, a file kept, no directory."""
    info = _lstat(path)
    if info is None:
        if not path.parent.is_dir():
            raise WriteError(path, say("write_no_directory", directory=path.parent))
        return
    if stat.S_ISLNK(info.st_mode):
        raise WriteError(path, say("write_link"))
    if stat.S_ISDIR(info.st_mode):
        raise WriteError(path, say("write_directory"))
    if stat.S_ISREG(info.st_mode) and not force:
        raise _exists(path)


def check_directory(path: Path) -> None:
    """Refuse a directory to write into that is a link, or is not a directory."""
    info = _lstat(path)
    if info is not None and stat.S_ISLNK(info.st_mode):
        raise WriteError(path, say("write_link"))
    if info is not None and not stat.S_ISDIR(info.st_mode):
        raise WriteError(path, say("write_not_directory"))


def make_directory(path: Path) -> None:
    """Create `path` (and its parents) if need be; refuse it as `check_directory` does."""
    check_directory(path)
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _failed(path, exc) from None
    check_directory(path)


def write_file(path: Path, text: str, force: bool = False) -> None:
    """Write `text` (UTF-8) to `path`, whole or not at all; `force` replaces a file."""
    write_bytes(path, text.encode("utf-8"), force)


def write_bytes(path: Path, data: bytes, force: bool = False) -> None:
    """Write `data` to `path`, whole or not at all; `force` replaces a file."""
    check_file(path, force)
    info = _lstat(path)
    try:
        if info is not None and not stat.S_ISREG(info.st_mode):
            _write_in_place(path, data)
        else:
            _write_beside(path, data, force)
    except OSError as exc:
        raise _failed(path, exc) from None


def _write_in_place(path: Path, data: bytes) -> None:
    # Non-blocking to open, so a pipe nobody reads fails (ENXIO) instead of hanging.
    fd = os.open(path, os.O_WRONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    os.set_blocking(fd, True)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)


def _write_beside(path: Path, data: bytes, force: bool) -> None:
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    temporary = Path(name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        temporary.chmod(0o666 & ~_umask())  # mkstemp's 0600 is for the temporary only
        if force:
            temporary.replace(path)  # replaces a link planted meanwhile, never its target
        else:
            _link_new(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def _link_new(temporary: Path, path: Path) -> None:
    """Put `temporary` at `path` only if nothing is there, even if something just appeared."""
    try:
        path.hardlink_to(temporary)
    except FileExistsError:
        raise _exists(path) from None
    except OSError as exc:
        if exc.errno not in _NO_HARD_LINKS:
            raise
        if _lstat(path) is not None:
            raise _exists(path) from None
        temporary.replace(path)


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
