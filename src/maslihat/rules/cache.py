"""A compiled rule set kept on disk, so that a command starts without compiling the rules.

Reading, validating and compiling the bundled rules costs more than the rest of a
one-case `maslihat evaluate`. The compiled `RuleSet` is immutable data, so it is
pickled to the user's cache directory under a key made of everything it was built
from: the rule files' names and bytes, the package version, the Python version and
the size and time of every module of the package (so an edited engine never reads a
rule set compiled by older code).

A cache file holds a header with its key and the SHA-256 of its payload; it is used
only when both match. Anything else (no file, another key, a corrupt or truncated
file, an unreadable or unwritable directory, a payload that does not unpickle) falls
back to compiling, silently: the cache can make a command faster, never wrong or
failing. `MASLIHAT_CACHE_DIR` moves the cache; setting it to an empty string, or
`MASLIHAT_NO_CACHE=1`, turns it off.

The provisions and the parsed rule files (the rule files' own models, which only
listings, the audit and amendments read) are pickled apart and unpickled on first
use, so that a cached start does not build the rule-file models at all.

Pickle runs code on load, so the cache is trusted exactly as far as the user's own
cache directory is: files are written there with the user's permissions only.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import os
import pickle
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from maslihat.rules.ruleset import RuleSet

MAGIC = b"maslihat-rules-cache 1\n"
ENV_DIR = "MASLIHAT_CACHE_DIR"
ENV_OFF = "MASLIHAT_NO_CACHE"
_PACKAGE = Path(__file__).resolve().parents[1]


def cache_dir() -> Path | None:
    """Where compiled rule sets are kept, or None when caching is turned off."""
    if os.environ.get(ENV_OFF, "") not in ("", "0"):
        return None
    configured = os.environ.get(ENV_DIR)
    if configured is not None:
        return Path(configured) if configured else None
    from platformdirs import user_cache_dir  # only when the cache is used

    return Path(user_cache_dir("maslihat", appauthor=False))


def cache_key(directory: Path, files: Sequence[Path], variant: str = "") -> str:
    """A digest of everything a compiled rule set depends on (`variant`: its language)."""
    from maslihat import __version__

    digest = hashlib.sha256()
    digest.update(f"{__version__}\0{sys.version}\0{directory.resolve()}\0{variant}\0".encode())
    for file in files:
        digest.update(f"{file.relative_to(directory).as_posix()}\0".encode())
        digest.update(hashlib.sha256(file.read_bytes()).digest())
    for module in sorted(_PACKAGE.rglob("*.py")):
        stat = module.stat()
        digest.update(
            f"{module.relative_to(_PACKAGE)}\0{stat.st_size}\0{stat.st_mtime_ns}\0".encode()
        )
    return digest.hexdigest()


def cached(
    directory: Path, files: Sequence[Path], compile_: Callable[[], RuleSet], variant: str = ""
) -> RuleSet:
    """The rule set for `files`, from the cache if it holds it, else compiled (and kept).

    `variant` tells apart rule sets compiled from the same files (their language).
    """
    where = cache_dir()
    if where is None:
        return compile_()
    try:
        key = cache_key(directory, files, variant)
    except OSError:  # a file vanished or cannot be read: compiling will say so properly
        return compile_()
    path = where / f"rules-{key[:32]}.pickle"
    found = _read(path, key)
    if found is not None:
        return found
    rules = compile_()
    try:
        unchanged = cache_key(directory, files, variant) == key  # not edited while compiling
    except OSError:
        unchanged = False
    if unchanged:
        _write(where, path, key, rules)
    return rules


def _read(path: Path, key: str) -> RuleSet | None:
    try:
        data = path.read_bytes()
    except OSError:
        return None
    header = MAGIC + key.encode() + b"\n"
    if not data.startswith(header):
        return None
    body = data[len(header) :]
    checksum, payload = body[:32], body[32:]
    if hashlib.sha256(payload).digest() != checksum:
        return None
    try:
        rules = pickle.loads(payload)
    except Exception:  # a payload from other code: compile instead
        return None
    return rules if isinstance(rules, RuleSet) else None


def _write(where: Path, path: Path, key: str, rules: RuleSet) -> None:
    try:
        payload = _dumps(rules)
    except Exception:  # a rule set that cannot be pickled is simply not cached
        return
    from maslihat.audit.output import write_bytes  # whole or not at all, never via a link
    from maslihat.errors import WriteError

    header = MAGIC + key.encode() + b"\n"
    try:
        where.mkdir(parents=True, exist_ok=True, mode=0o700)
        write_bytes(path, header + hashlib.sha256(payload).digest() + payload, force=True)
        _prune(where, keep=path)
    except (OSError, WriteError):
        return


def _prune(where: Path, keep: Path, newest: int = 8) -> None:
    """Remove all but the newest few cached rule sets (each rule edit makes one)."""
    others = sorted(
        (p for p in where.glob("rules-*.pickle") if p != keep),
        key=lambda p: p.stat().st_mtime_ns,
        reverse=True,
    )
    for old in others[newest - 1 :]:
        old.unlink(missing_ok=True)


class _Pickled:
    """A value kept pickled until it is first read."""

    def __init__(self, blob: bytes) -> None:
        self._blob = blob
        self._value: Any = None

    def _loaded(self) -> Any:
        if self._value is None:
            self._value = pickle.loads(self._blob)
        return self._value

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self._blob,))


class DeferredMapping(_Pickled, Mapping[str, Any]):
    """A mapping unpickled on first read."""

    def __getitem__(self, key: str) -> Any:
        return self._loaded()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._loaded())

    def __len__(self) -> int:
        return len(self._loaded())


class DeferredTuple(_Pickled, Sequence[Any]):
    """A tuple unpickled on first read."""

    def __getitem__(self, index: Any) -> Any:
        return self._loaded()[index]

    def __len__(self) -> int:
        return len(self._loaded())


def _dumps(rules: RuleSet) -> bytes:
    """Pickle a rule set with its provisions deferred."""
    out = io.BytesIO()
    pickler = pickle.Pickler(out, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = {RuleSet: _reduce_rules}
    pickler.dump(rules)
    return out.getvalue()


def _reduce_rules(rules: RuleSet) -> tuple[Any, ...]:
    fields = {f.name: getattr(rules, f.name) for f in dataclasses.fields(rules) if f.init}
    fields["provisions"] = DeferredMapping(_pickled(dict(rules.provisions)))
    fields["files"] = DeferredTuple(_pickled(tuple(rules.files)))
    return (_rebuild, (fields,))


def _pickled(value: Any) -> bytes:
    return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)


def _rebuild(fields: dict[str, Any]) -> RuleSet:
    return RuleSet(**fields)
