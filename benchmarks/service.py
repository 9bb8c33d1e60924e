"""Measure the HTTP service as a client sees it: requests per second and latency.

Starts `maslihat serve` on a free loopback port (as a user would, request log and
all), POSTs the example cases to /v1/evaluate one at a time and then many at once,
and stops the server. Run with `make bench`; the figures are measurements, not
assertions. The clients run in two processes, since one Python process cannot keep
32 connections busy; they share the machine's cores with the server, so the figures
are lower bounds.
"""

from __future__ import annotations

import asyncio
import json
import socket
import statistics
import subprocess
import sys
import time
from multiprocessing import Pool
from pathlib import Path

import httpx

from maslihat.errors import CaseError
from maslihat.source import load_document

ROOT = Path(__file__).resolve().parents[1]
REQUESTS = 1000
"""Requests per client process and level of concurrency."""
CLIENTS = 2


def bodies() -> list[bytes]:
    """The example cases as JSON request bodies."""
    paths = sorted((ROOT / "examples").glob("*.yaml"))
    return [json.dumps(load_document(p, CaseError).data).encode() for p in paths]


def free_port() -> int:
    """A loopback port nothing listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


async def run(url: str, concurrency: int) -> tuple[float, list[float]]:
    """Send REQUESTS evaluations with `concurrency` in flight: elapsed seconds, latencies."""
    payloads = bodies()
    latencies: list[float] = []
    queue = iter(range(REQUESTS))
    limits = httpx.Limits(max_connections=concurrency)
    headers = {"Content-Type": "application/json"}

    async def worker(client: httpx.AsyncClient) -> None:
        for index in queue:
            start = time.perf_counter()
            body = payloads[index % len(payloads)]
            response = await client.post("/v1/evaluate?as_of=2026-11-01", content=body)
            response.raise_for_status()
            latencies.append(time.perf_counter() - start)

    async with httpx.AsyncClient(base_url=url, limits=limits, headers=headers) as client:
        started = time.perf_counter()
        await asyncio.gather(*(worker(client) for _ in range(concurrency)))
        return time.perf_counter() - started, latencies


def client(job: tuple[str, int]) -> tuple[float, list[float]]:
    """One client process's share of a measurement."""
    return asyncio.run(run(*job))


def measure(url: str, concurrency: int) -> str:
    """One line of figures for `concurrency` requests in flight."""
    processes = 1 if concurrency == 1 else CLIENTS
    with Pool(processes) as pool:
        runs = pool.map(client, [(url, concurrency // processes)] * processes)
    elapsed = max(seconds for seconds, _ in runs)
    latencies = [latency for _, some in runs for latency in some]
    p50 = statistics.median(latencies) * 1000
    p99 = statistics.quantiles(latencies, n=100)[98] * 1000
    rate = len(latencies) / elapsed
    return (
        f"POST /v1/evaluate, {concurrency} at a time: {rate:.0f} requests/s, "
        f"latency p50 {p50:.1f} ms, p99 {p99:.1f} ms ({len(latencies)} requests)"
    )


def main() -> None:
    """Print the measurements."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    command = [sys.executable, "-m", "maslihat", "serve", "--port", str(port)]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                httpx.get(f"{url}/healthz").raise_for_status()
                break
            except httpx.TransportError:
                time.sleep(0.05)
        for concurrency in (1, 8, 32):
            print(measure(url, concurrency))
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
