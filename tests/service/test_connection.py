"""Clients that misbehave on the wire: they leave mid-body, stall, trickle, or never finish.

Each is played against a real `maslihat serve` on loopback, started with one-second
timeouts so that every test here ends within a few seconds, over raw sockets, since
a well-behaved HTTP client cannot be made to misbehave this way. What is pinned is
what the operator sees (one line in the log, no traceback) and what the client sees
(the connection closed within the documented time).
"""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

Server = Any  # tests/service/conftest.py's, which a test module cannot import

TIMEOUT = 1.0
"""The header and body timeouts of the server under test, in seconds."""
MARGIN = 2.0
"""How much later than its timeout a connection may close, on a loaded machine."""
HEAD = b"POST /v1/evaluate HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n"


@pytest.fixture(scope="module")
def strict(tmp_path_factory: pytest.TempPathFactory, start: Any) -> Iterator[Server]:
    """A server with one-second header and body timeouts."""
    options = ("--header-timeout", str(TIMEOUT), "--body-timeout", str(TIMEOUT))
    with start(tmp_path_factory.mktemp("strict"), *options) as running:
        yield running


def connect(server: Server) -> socket.socket:
    """A raw TCP connection to the server, its reads bounded in time."""
    return socket.create_connection(("127.0.0.1", server.port), timeout=TIMEOUT + 2 * MARGIN)


def read_until_closed(sock: socket.socket) -> bytes:
    """Everything the server sends until it closes the connection."""
    received = b""
    while chunk := sock.recv(65536):
        received += chunk
    return received


def logged(server: Server, needle: str, seconds: float = 5.0) -> list[str]:
    """The log lines holding `needle`, waiting (boundedly) for the first to appear."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = [line for line in server.lines() if needle in line]
        if found:
            return found
        time.sleep(0.05)
    return []


@pytest.mark.parametrize(
    ("path", "media_type"),
    [("/v1/evaluate", "application/json"), ("/v1/evaluate/batch", "application/x-ndjson")],
)
def test_a_client_leaving_mid_body_is_one_info_line_without_traceback(
    strict: Server, path: str, media_type: str
) -> None:
    """A client that sends half its body and disconnects gets one info line, no traceback."""
    with connect(strict) as sock:
        head = f"POST {path} HTTP/1.1\r\nHost: t\r\nContent-Type: {media_type}\r\n"
        sock.sendall(head.encode() + b'Content-Length: 1000\r\n\r\n{"case": "half')
        client = f"127.0.0.1:{sock.getsockname()[1]} "
        time.sleep(0.2)
    lines = logged(strict, f"{client}- POST {path}:")
    said = "the client disconnected before its request body was complete"
    assert lines == [f"INFO:     {client}- POST {path}: {said}"]
    text = "\n".join(strict.lines())
    assert "Traceback" not in text and "unexpected error" not in text


@pytest.mark.parametrize("sent", [b"", b"POST /v1/eval", HEAD], ids=["nothing", "half", "no-end"])
def test_a_request_head_not_finished_in_time_is_closed(strict: Server, sent: bytes) -> None:
    """A connection whose head is not complete within the header timeout is closed."""
    with connect(strict) as sock:
        sock.sendall(sent)
        start = time.monotonic()
        assert read_until_closed(sock) == b""
        assert TIMEOUT - 0.1 <= time.monotonic() - start <= TIMEOUT + MARGIN
    assert logged(strict, "sent no complete request head within 1 s: connection closed")


def test_a_trickled_head_is_closed_at_the_deadline_however_often_bytes_come(
    strict: Server,
) -> None:
    """A head sent a byte every 0.2 s is cut off at the header timeout, not kept alive."""
    with connect(strict) as sock:
        start = time.monotonic()
        sock.settimeout(0.2)
        closed = False
        for byte in HEAD * 10:
            try:
                sock.sendall(bytes([byte]))
                closed = sock.recv(1) == b""
            except TimeoutError:
                continue
            except OSError:  # reset by the server: closed as well
                closed = True
            if closed or time.monotonic() - start > TIMEOUT + MARGIN:
                break
        assert closed
        assert time.monotonic() - start <= TIMEOUT + MARGIN


def test_headers_then_a_stall_get_408_and_the_connection_closed(strict: Server) -> None:
    """A client that sends its headers, then stalls mid-body, gets 408 and is disconnected."""
    with connect(strict) as sock:
        sock.sendall(HEAD + b'Content-Length: 100\r\n\r\n{"case":')
        start = time.monotonic()
        answer = read_until_closed(sock)
        assert TIMEOUT - 0.1 <= time.monotonic() - start <= TIMEOUT + MARGIN
    assert answer.startswith(b"HTTP/1.1 408 ")
    assert b'"type":"https://maslihat.invalid/problems/body-timeout"' in answer


def test_the_server_still_answers_after_all_this(strict: Server) -> None:
    """Misbehaving clients cost the others nothing: a normal request still gets its answer."""
    assert httpx.get(f"{strict.url}/healthz", timeout=5).status_code == 200


def test_two_workers_start_and_answer(tmp_path: Path, start: Any) -> None:
    """`--workers 2` starts two worker processes on one port, and requests are answered."""
    with start(tmp_path, "--workers", "2") as running, httpx.Client(timeout=10) as client:
        statuses = {client.get(f"{running.url}/healthz").status_code for _ in range(20)}
        started = logged(running, "Started server process")
        deadline = time.monotonic() + 10
        while len(started) < 2 and time.monotonic() < deadline:
            time.sleep(0.1)
            started = logged(running, "Started server process")
        assert statuses == {200}
        assert len(set(started)) == 2, running.lines()
