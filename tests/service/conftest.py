"""A real server for the service tests, started once: `maslihat serve` on a loopback port.

Most tests talk to it over TCP, as a client written in another language would, so
what they pin is what such a client sees (uvicorn's HTTP handling included). Tests
that need an app with a fault planted in it call one in-process instead (`call`).
Tests that need a server started otherwise (short timeouts, several workers) start
their own with `serving`. A server binds to 127.0.0.1 only, waits a bounded time to
come up, and is stopped when its tests are done.
"""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

START_TIMEOUT = 30.0
Call = Callable[..., httpx.Response]


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def wait_until_up(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    """Poll /healthz until it answers; fail with the server's log if it never does."""
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline and process.poll() is None:
        try:
            if httpx.get(f"{url}/healthz", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.05)
    pytest.fail(f"the server did not come up:\n{log.read_text(encoding='utf-8')}", pytrace=False)


@dataclass(frozen=True)
class Server:
    """A running `maslihat serve`: where it listens and the file its log goes to."""

    url: str
    port: int
    log: Path

    def lines(self) -> list[str]:
        """The lines the server has logged so far."""
        return self.log.read_text(encoding="utf-8").splitlines()


@contextmanager
def serving(directory: Path, *options: str) -> Iterator[Server]:
    """Run `maslihat serve --host 127.0.0.1 --port N OPTIONS` until the block ends.

    The server runs in its own session, so that workers it starts are stopped with
    it: first politely (SIGTERM to the session's group), then, after a bounded wait,
    by SIGKILL.
    """
    port = free_port()
    log = directory / "server.log"
    command = [sys.executable, "-m", "maslihat", "serve", "--host", "127.0.0.1"]
    with log.open("wb") as out:
        process = subprocess.Popen(
            [*command, "--port", str(port), *options],
            stdout=out,
            stderr=out,
            start_new_session=True,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(url, process, log)
        yield Server(url, port, log)
    finally:
        _stop(process)


def _stop(process: subprocess.Popen[bytes]) -> None:
    for sig in (signal.SIGTERM, signal.SIGKILL):
        with suppress(ProcessLookupError):
            os.killpg(process.pid, sig)
        try:
            process.wait(timeout=10)
            return
        except subprocess.TimeoutExpired:
            continue


@pytest.fixture(scope="session")
def start() -> Callable[..., AbstractContextManager[Server]]:
    """`with start(directory, *options) as server:` runs `maslihat serve OPTIONS`."""
    return serving


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The base URL of `maslihat serve --host 127.0.0.1 --port N`, run as a user would."""
    with serving(tmp_path_factory.mktemp("server")) as running:
        yield running.url


@pytest.fixture(scope="session")
def http(server: str) -> Iterator[httpx.Client]:
    """A client of the real server.

    It drops a pooled connection after 2 s idle: uvicorn closes one after 5 s, and a
    request sent on a connection just as the server closes it is reset, not retried.
    """
    limits = httpx.Limits(keepalive_expiry=2.0)
    with httpx.Client(base_url=server, timeout=30, limits=limits) as client:
        yield client


@pytest.fixture
def call() -> Call:
    """Send one request to an app in this process: `call(app, "POST", url, **httpx_kwargs)`."""

    def send(app: FastAPI, method: str, url: str, **kwargs: Any) -> httpx.Response:
        async def request() -> httpx.Response:
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://app") as client:
                return await client.request(method, url, **kwargs)

        return asyncio.run(request())

    return send
