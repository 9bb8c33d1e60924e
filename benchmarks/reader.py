"""Measure the document reader: milliseconds per 1,000 case events and MB per second.

Compares the reader in src/maslihat/source (libyaml's events, composed in one loop)
with the one it replaced (ruamel.yaml's pure-Python round trip, kept here as it was)
and, for scale, the parsers underneath: PyYAML's C composer and the standard library's
JSON. Figures go to stdout; they are measurements, not assertions. Run with
`.venv/bin/python benchmarks/reader.py`; the previous reader takes about a minute.
"""

from __future__ import annotations

import json
import statistics
import time
from collections.abc import Callable
from typing import Any

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from maslihat.errors import CaseError
from maslihat.source import parse_document

HEAD = """\
case: bench
maslihat: {name: Atyrau Regional Mäslihat, level: region, territory: "230000000", seats: 31}
deputy: {name: A. Deputy, born: 1985-03-14, citizenship: KZ, residence: "231010000"}
events:
  - {date: 2021-01-12, type: registered, election_day: 2021-01-10}
"""
EVENT = "  - {date: 2021-%02d-15, type: meeting, body: plenary, attendance: unexcused}\n"


def case_yaml(events: int) -> str:
    """A case with `events` events, in flow-style YAML as the examples write them."""
    return HEAD + "".join(EVENT % (1 + index % 12) for index in range(events - 1))


def case_json(events: int) -> str:
    """The same case as JSON (as `json.dumps` writes it, one event per line)."""
    data = yaml.safe_load(case_yaml(events))  # YAML 1.1 dates: turn them back into text
    return json.dumps(data, default=str, indent=1)


def ruamel_round_trip(text: str) -> Any:
    """The previous reader: ruamel's round trip, then positions and plain containers."""
    parser = YAML(typ="rt", pure=True)
    parser.constructor.add_constructor(
        "tag:yaml.org,2002:timestamp", lambda c, node: c.construct_scalar(node)
    )
    positions: dict[tuple[Any, ...], tuple[int, int]] = {}

    def plain(node: Any, loc: tuple[Any, ...]) -> Any:
        if isinstance(node, CommentedMap):
            for key in node:
                line, col = node.lc.key(key)
                positions[(*loc, key)] = (line + 1, col + 1)
            return {k: plain(v, (*loc, k)) for k, v in node.items()}
        if isinstance(node, CommentedSeq):
            for index in range(len(node)):
                line, col = node.lc.item(index)
                positions[(*loc, index)] = (line + 1, col + 1)
            return [plain(v, (*loc, i)) for i, v in enumerate(node)]
        return node

    return plain(parser.load(text), ())


def seconds(read: Callable[[str], Any], text: str, budget: float = 2.0) -> float:
    """Median seconds of one read, repeated for about `budget` seconds (at least 3 times)."""
    times: list[float] = []
    while len(times) < 3 or (sum(times) < budget and len(times) < 50):
        start = time.perf_counter()
        read(text)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


READERS: dict[str, tuple[str, Callable[[str], Any]]] = {
    "previous reader (ruamel round trip)": ("yaml", ruamel_round_trip),
    "reader, YAML": ("yaml", lambda text: parse_document(text, "b.yaml", CaseError)),
    "reader, JSON file (with positions)": (
        "json",
        lambda text: parse_document(text, "b.json", CaseError),
    ),
    "reader, JSON body (no positions)": (
        "json",
        lambda text: parse_document(text, "body", CaseError, syntax="json", positions=False),
    ),
    "PyYAML C composer alone": ("yaml", lambda text: yaml.compose(text, Loader=yaml.CSafeLoader)),
    "json.loads alone": ("json", json.loads),
}


def main() -> None:
    """Print ms per 1,000 events and MB/s for each reader at two sizes."""
    print(f"libyaml available: {yaml.__with_libyaml__}")
    for events in (1_000, 10_000):
        texts = {"yaml": case_yaml(events), "json": case_json(events)}
        print(f"\n{events} events (YAML {len(texts['yaml'].encode()) / 1e6:.2f} MB)")
        baseline = None
        for name, (syntax, read) in READERS.items():
            taken = seconds(read, texts[syntax], budget=0.0 if "ruamel" in name else 2.0)
            size = len(texts[syntax].encode()) / 1e6
            baseline = baseline or taken
            print(
                f"  {name:<38} {taken * 1e3 / events * 1000:9.1f} ms/1,000 events"
                f"  {size / taken:7.2f} MB/s  {baseline / taken:7.1f}x"
            )


if __name__ == "__main__":
    main()
