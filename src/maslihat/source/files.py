"""Bytes in, text out: a bounded read of a regular file, then strict UTF-8.

A path may name a fifo (reading blocks for ever), a device (`/dev/zero` never ends)
or a huge file, so the file is checked before it is opened, checked again once open
(it may have been swapped), and read up to one byte past the limit. The text must be
UTF-8, with or without a byte-order mark, and free of control characters: the same
bytes are accepted from a file and in a request body.
"""

from __future__ import annotations

import codecs
import os
import stat
from pathlib import Path

from maslihat.source.limits import MAX_BYTES, ReadError, control_character
from maslihat.wording import say

_KINDS = {
    stat.S_IFDIR: "a_directory",
    stat.S_IFIFO: "a_fifo",
    stat.S_IFCHR: "a_character_device",
    stat.S_IFBLK: "a_block_device",
    stat.S_IFSOCK: "a_socket",
}
"""A kind of file that is not a regular one, to the message id of its name."""
_OTHER_BOMS = {
    codecs.BOM_UTF32_LE: "UTF-32",
    codecs.BOM_UTF32_BE: "UTF-32",
    codecs.BOM_UTF16_LE: "UTF-16",
    codecs.BOM_UTF16_BE: "UTF-16",
}


def _regular(mode: int) -> None:
    if not stat.S_ISREG(mode):
        kind = say(_KINDS.get(stat.S_IFMT(mode), "not_a_file"))
        raise ReadError(say("not_regular", kind=kind))


def _too_large() -> ReadError:
    return ReadError(say("too_big", limit=MAX_BYTES))


def read_bytes(path: str | Path) -> bytes:
    """The file's bytes, refused unless it is a regular file of at most `MAX_BYTES`.

    Raises `ReadError` for what is not a readable regular file (and `OSError` for
    what the system refuses, such as a missing file).
    """
    _regular(Path(path).stat().st_mode)  # follows symlinks: a link to /dev/zero is a device
    # O_NONBLOCK: should a fifo replace the file after the check, opening does not block.
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(fd, "rb") as file:
        _regular(os.fstat(file.fileno()).st_mode)
        data = file.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise _too_large()
    return data


_CODEC_REASONS = {
    "invalid start byte": "utf8_start",
    "invalid continuation byte": "utf8_continuation",
    "unexpected end of data": "utf8_end",
}
"""The UTF-8 codec's reasons, to the messages that say them (in any language)."""


def _codec_reason(reason: str) -> str:
    key = _CODEC_REASONS.get(reason)
    return reason if key is None else say(key)


def decode(data: bytes) -> str:
    """UTF-8 text without its byte-order mark, or `ReadError` locating the first bad byte."""
    for bom, name in _OTHER_BOMS.items():
        if data.startswith(bom):
            raise ReadError(say("other_encoding", encoding=name), line=1, column=1)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        start = exc.start
        line_start = data.rfind(b"\n", 0, start) + 1
        column = len(data[line_start:start].decode("utf-8-sig", "replace")) + 1
        raise ReadError(
            say("not_utf8", byte=f"{data[start]:02x}", reason=_codec_reason(exc.reason)),
            line=data.count(b"\n", 0, start) + 1,
            column=column,
        ) from None
    return clean(text)


def clean(text: str) -> str:
    """`text` without a leading byte-order mark, refused if it holds a control character."""
    text = text.removeprefix("\ufeff")
    control_character(text)
    return text
