"""The HTTP/1.1 connection `maslihat serve` runs: uvicorn's, with the deadline it lacks.

uvicorn closes a keep-alive connection left idle after a response (its
`timeout_keep_alive`), but it has no timeout for receiving a request (uvicorn issue
#157): a client that opens a connection and sends nothing, half a request line, or a
header byte every few seconds holds the connection, and its memory, for ever. An ASGI
app cannot help, since it is called only once the head is complete. So this is
uvicorn's own h11 protocol with two rules added:

- a request's head (request line and headers) must be complete within `head_timeout`
  seconds of the connection opening, or of the previous response ending; if not, the
  connection is closed, with one line in the log;
- when a response is complete while the request's body is still arriving (the app
  answered without reading it all: a 413, a 408), the connection is closed rather than
  kept waiting for bytes nobody will read.

The deadline for the body is the app's (`routes.py`), since only the app knows when it
is waiting for one.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

HEAD_TIMEOUT = 10.0
"""Seconds a client has to send a request's head: 16 KiB of headers at most (uvicorn's
limit), which any client that means to send them sends in far less."""

log = logging.getLogger("maslihat.service")


class HeadDeadline(H11Protocol):
    """uvicorn's h11 protocol, closing connections whose request head is late.

    `uvicorn --http maslihat.service.connection:HeadDeadline` uses it with the default
    deadline; `maslihat serve --header-timeout` sets another.
    """

    def __init__(self, *args: Any, head_timeout: float = HEAD_TIMEOUT, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.head_timeout = head_timeout
        self._head_deadline: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        """Open the connection and start the clock for its first request's head."""
        super().connection_made(transport)
        self._arm()

    def data_received(self, data: bytes) -> None:
        """Read as uvicorn does; once a head is complete, its clock stops."""
        super().data_received(data)
        if self.conn.their_state is not h11.IDLE:
            self._disarm()

    def on_response_complete(self) -> None:
        """Keep the connection for the next request, unless this one's body is unread."""
        unread = self.conn.their_state is h11.SEND_BODY
        super().on_response_complete()
        if self.transport.is_closing():
            return
        if unread:
            self.transport.close()
        elif self.conn.their_state is h11.IDLE:
            self._arm()

    def connection_lost(self, exc: Exception | None) -> None:
        """Stop the clock and let uvicorn clean up."""
        self._disarm()
        super().connection_lost(exc)

    def _arm(self) -> None:
        self._disarm()
        self._head_deadline = self.loop.call_later(self.head_timeout, self._head_late)

    def _disarm(self) -> None:
        if self._head_deadline is not None:
            self._head_deadline.cancel()
            self._head_deadline = None

    def _head_late(self) -> None:
        self._head_deadline = None
        if self.conn.their_state is h11.IDLE and not self.transport.is_closing():
            client = f"{self.client[0]}:{self.client[1]}" if self.client else "a client"
            log.info(
                "%s sent no complete request head within %g s: connection closed",
                client,
                self.head_timeout,
            )
            self.transport.close()
