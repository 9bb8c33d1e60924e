"""The hardened reader: what it refuses, where it says so, what it accepts, how fast.

tests/bad-input/ holds a case file for each class of refusal that fits in a small
file; what does not (bytes that are not UTF-8, fifos, devices, huge files) and the
reader's own guarantees (positions, speed, YAML 1.2 values) are pinned here.
"""

from __future__ import annotations

import codecs
import json
import os
import time
from pathlib import Path

import pytest

from maslihat.errors import CaseError, RulesError
from maslihat.source import MAX_BYTES, MAX_DEPTH, MAX_DIGITS, load_document, parse_document

CASE = {
    "case": "c",
    "maslihat": {"name": "M", "level": "region", "territory": "230000000", "seats": 31},
    "deputy": {"name": "D 😀", "born": "1985-03-14", "citizenship": "KZ", "residence": "231010000"},
}


def refused(text: str | bytes, file: str = "f.yaml") -> tuple[int | None, int | None, str, str]:
    """Line, column, field and message of the one issue reading `text` gives."""
    with pytest.raises(CaseError) as caught:
        parse_document(text, file, CaseError)
    [issue] = caught.value.issues
    return issue.line, issue.column, issue.field, issue.message


def test_invalid_utf8_is_located() -> None:
    """A byte that is not UTF-8 is reported at its line and column, not as a crash."""
    line, column, _, message = refused(b"a: 1\nb: x\xffy\n")
    assert (line, column) == (2, 5) and "not UTF-8: can't decode byte 0xff" in message


@pytest.mark.parametrize("bom", [codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE])
def test_utf16_and_utf32_are_refused(bom: bytes) -> None:
    """Text in UTF-16 or UTF-32 is refused with a hint to save it as UTF-8."""
    assert "save it as UTF-8" in refused(bom + "a: 1".encode("utf-16-le"))[3]


@pytest.mark.parametrize("file", ["f.yaml", "f.json"])
def test_utf8_with_a_byte_order_mark_is_read(file: str) -> None:
    """A UTF-8 byte-order mark is dropped, in YAML and in JSON, and positions do not move."""
    doc = parse_document(codecs.BOM_UTF8 + b'{"a": [1]}', file, CaseError)
    assert doc.data == {"a": [1]} and doc.positions[("a",)] == (1, 2)


def test_json_surrogate_pairs_are_one_character() -> None:
    """`json.dumps` escapes 😀 as a surrogate pair; a .json file with it is read as 😀."""
    text = json.dumps(CASE, indent=1)
    assert "\\ud83d\\ude00" in text
    doc = parse_document(text, "f.json", CaseError)
    assert doc.data == CASE and doc.positions[("deputy", "born")] == (11, 3)


def test_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    """A fifo named as a case file is refused at once; reading it would block for ever."""
    fifo = tmp_path / "case.yaml"
    os.mkfifo(fifo)
    start = time.monotonic()
    with pytest.raises(CaseError, match="it is a fifo, not a regular file"):
        load_document(fifo, CaseError)
    assert time.monotonic() - start < 1


def test_a_link_to_a_device_is_refused(tmp_path: Path) -> None:
    """A symlink to /dev/zero (which never ends) is refused before anything is read."""
    link = tmp_path / "case.yaml"
    link.symlink_to("/dev/zero")
    with pytest.raises(CaseError, match="it is a character device"):
        load_document(link, CaseError)


def test_a_directory_is_refused(tmp_path: Path) -> None:
    """A directory given as a file is an input error naming it."""
    with pytest.raises(RulesError, match="it is a directory"):
        load_document(tmp_path, RulesError)


def test_a_file_over_the_size_limit_is_refused(tmp_path: Path) -> None:
    """A file of more than MAX_BYTES (1 MiB, the HTTP body limit) is refused; one at it is read."""
    path = tmp_path / "case.yaml"
    path.write_bytes(b"a: 1\n" + b"#" * (MAX_BYTES - 6) + b"\n")
    assert load_document(path, CaseError).data == {"a": 1}
    path.write_bytes(b"a: 1\n" + b"#" * (MAX_BYTES - 5) + b"\n")
    with pytest.raises(CaseError, match=f"larger than {MAX_BYTES} bytes"):
        load_document(path, CaseError)


def test_nesting_up_to_the_limit_is_read() -> None:
    """MAX_DEPTH levels of nesting are read; one more is refused, in YAML and JSON alike."""
    for file in ("f.yaml", "f.json"):
        deep = "[" * MAX_DEPTH + "]" * MAX_DEPTH
        parse_document(deep, file, CaseError)
        line, column, _, message = refused("[" + deep + "]", file)
        assert (line, column) == (1, MAX_DEPTH + 1) and "nested too deeply" in message


def test_numbers_are_bounded_in_digits() -> None:
    """A number of MAX_DIGITS digits is read; longer ones are refused, as are infinities."""
    assert parse_document(f"a: {'9' * MAX_DIGITS}", "f.yaml", CaseError).data["a"] > 0
    for file in ("f.yaml", "f.json"):
        text = '{"a": 1, "b": ' + "9" * (MAX_DIGITS + 1) + "}"
        assert refused(text, file)[1:3] == (15, "b")
        assert "too large" in refused('{"a": 1e999}', file)[3]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("0x1F", "not a decimal number"),
        ("0o17", "not a decimal number"),
        (".inf", "not a decimal number"),
        (".nan", "not a decimal number"),
        ("0231010000", 'put it in quotes if it is a code ("0231010000")'),
        ("-01", "leading zero"),
    ],
)
def test_numbers_that_are_not_what_they_seem_are_refused(value: str, message: str) -> None:
    """Hex, octal, infinities and leading zeros are refused at the value, not read as numbers."""
    *located, found = refused(f"a:\n  b: {value}\n")
    assert tuple(located) == (2, 6, "a.b") and message in found


def test_plain_values_follow_yaml_1_2() -> None:
    """`on`, `yes`, dates and `1_000` stay text; null, true, 0, -3 and 2.5 are values."""
    doc = parse_document("[on, yes, 2021-02-30, 1_000, ~, null, true, 0, -3, 2.5]", "f", CaseError)
    assert doc.data == ["on", "yes", "2021-02-30", "1_000", None, None, True, 0, -3, 2.5]


def test_quoted_values_are_text() -> None:
    """A quoted value is text whatever it looks like: "31", '0x1F', "true"."""
    assert parse_document("""[ "31", '0x1F', "true" ]""", "f", CaseError).data == [
        "31",
        "0x1F",
        "true",
    ]


@pytest.mark.parametrize(
    ("text", "file", "where"),
    [
        ('{"a": {"b": "x\\u0001"}}', "f.json", (1, 13, "a.b")),
        ('a: {b: "x\\0"}', "f.yaml", (1, 8, "a.b")),
        ("a: x\x9fy", "f.yaml", (1, 5, "")),
    ],
    ids=["json-escape", "yaml-escape", "c1-raw"],
)
def test_control_characters_are_refused_however_written(
    text: str, file: str, where: tuple[int, int, str]
) -> None:
    """A control character is refused raw or escaped, at the character or at its value."""
    *located, message = refused(text, file)
    assert tuple(located) == where and "control character" in message


def test_a_duplicate_json_key_is_located() -> None:
    """In a .json file a duplicate key is refused at the second one, with its field."""
    assert refused('{"a": {"b": 1,\n "b": 2}}', "f.json")[:3] == (2, 2, "a.b")


def test_a_mapping_cannot_be_a_key() -> None:
    """A complex key (`? [a]`) is refused: keys are plain values."""
    assert "a key must be a plain value" in refused("? [a]\n: 1\n")[3]


def test_a_billion_laughs_is_refused_at_once() -> None:
    """The alias bomb is refused at its first anchor, in well under a second."""
    bomb = 'a: &a ["lol","lol"]\n' + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 9)}]\n" for i in range(20)
    )
    start = time.process_time()
    assert refused(bomb, "rules.yaml")[:3] == (1, 4, "a")
    assert time.process_time() - start < 1


def test_reading_is_linear_and_fast() -> None:
    """Ten thousand events (about 0.8 MB, most of the size limit) are read in well under 2 s."""
    event = "  - {date: 2021-02-15, type: meeting, body: plenary, attendance: present}\n"
    text = "events:\n" + event * 10_000
    start = time.process_time()  # CPU time: other processes on the machine do not count
    doc = parse_document(text, "f.yaml", CaseError)
    assert time.process_time() - start < 2
    assert len(doc.data["events"]) == 10_000 and doc.positions[("events", 9_999)] == (10_001, 5)
