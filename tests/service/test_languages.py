"""Over HTTP the language is asked for with `?lang=` or Accept-Language, and said back.

The reply's texts are in the language asked for, its `Content-Language` names it, and
everything but the texts is what the English reply holds.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest

from maslihat.source import load_document

EXAMPLE = Path(__file__).parents[2] / "examples" / "15-almaty-city-failed-vote.yaml"


def case() -> Any:
    """The example case as JSON data."""
    return load_document(EXAMPLE, ValueError).data


@pytest.mark.parametrize(
    ("headers", "params", "lang"),
    [
        ({}, {}, "en"),
        ({"Accept-Language": "kk-KZ, ru;q=0.8"}, {}, "kk"),
        ({"Accept-Language": "ru-RU,ru;q=0.9,en;q=0.5"}, {}, "ru"),
        ({"Accept-Language": "ru"}, {"lang": "kk"}, "kk"),
        ({"Accept-Language": "de-DE"}, {}, "en"),
    ],
)
def test_evaluate_answers_in_the_language_asked_for(
    http: httpx.Client,
    headers: dict[str, str],
    params: dict[str, str],
    lang: str,
    language_neutral: Callable[[Any], Any],
) -> None:
    """`?lang=` wins over Accept-Language; the reply says its language in Content-Language."""
    query = {"as_of": "2026-12-01", **params}
    reply = http.post("/v1/evaluate", params=query, json=case(), headers=headers)
    english = http.post("/v1/evaluate", params={"as_of": "2026-12-01"}, json=case())
    assert reply.status_code == 200, reply.text
    assert reply.headers["content-language"] == lang
    assert "Accept-Language" in reply.headers["vary"]
    assert language_neutral(reply.json()) == language_neutral(english.json())
    title = reply.json()["grounds"][0]["title"]
    expected = {
        "en": "Systematic failure to perform duties",
        "ru": "Систематическое невыполнение депутатом своих обязанностей",
        "kk": "Депутаттың өз міндеттерін жүйелі түрде орындамауы",
    }
    assert title == expected[lang]


def test_an_unknown_lang_is_a_422(http: httpx.Client) -> None:
    """`?lang=de` is refused as a bad parameter, not answered in English."""
    reply = http.post("/v1/evaluate", params={"lang": "de"}, json=case())
    assert reply.status_code == 422


def test_batch_answers_in_the_language_asked_for(http: httpx.Client) -> None:
    """The batch endpoint takes the language too, for every line."""
    body = json.dumps(case(), ensure_ascii=False).encode() + b"\n"
    reply = http.post(
        "/v1/evaluate/batch",
        params={"as_of": "2026-12-01"},
        content=body,
        headers={"Content-Type": "application/x-ndjson", "Accept-Language": "kk"},
    )
    assert reply.status_code == 200, reply.text
    assert reply.headers["content-language"] == "kk"
    line = json.loads(reply.text.splitlines()[0])
    assert line["result"]["grounds"][0]["citation"].startswith("ҚР № 148-II Заңы")


def test_the_services_language_answers_a_request_that_names_none(
    call: Callable[..., httpx.Response], rules: Any
) -> None:
    """`create_app(lang="kk")` (`serve --lang kk`) answers in Kazakh unless told otherwise."""
    from maslihat.service import create_app

    app = create_app(rules, lang="kk")
    for headers, lang in [
        ({}, "kk"),
        ({"Accept-Language": "de"}, "kk"),
        ({"Accept-Language": "ru"}, "ru"),
    ]:
        reply = call(app, "POST", "/v1/evaluate", json=case(), headers=headers)
        assert reply.status_code == 200, reply.text
        assert reply.headers["content-language"] == lang


@pytest.mark.parametrize(
    ("query", "accept", "lang"),
    [
        (b"lang=kk", "ru", "kk"),
        (b"lang=de", "ru-RU", "ru"),
        (b"", "de, kk;q=0.5", "kk"),
        (b"", None, "en"),
    ],
)
def test_request_language_is_the_one_rule_for_results_and_problems(
    query: bytes, accept: str | None, lang: str
) -> None:
    """`?lang=` if it is one of ours, else the best of Accept-Language, else English."""
    from starlette.requests import Request

    from maslihat.service.languages import request_language

    headers = [] if accept is None else [(b"accept-language", accept.encode())]
    scope = {"type": "http", "query_string": query, "headers": headers}
    assert request_language(Request(scope)) == lang


def test_rules_answer_in_the_language_asked_for(http: httpx.Client) -> None:
    """`/v1/rules` and `/v1/rules/{id}` give paraphrases and interpretations in the language;
    ids, kinds, dates and provenance codes are those of the English reply."""
    english = http.get("/v1/rules", params={"as_of": "2022-01-01"}).json()
    russian = http.get("/v1/rules", params={"as_of": "2022-01-01", "lang": "ru"})
    assert russian.headers["content-language"] == "ru"
    listed = russian.json()["rules"]
    assert [(r["id"], r["kind"], r["basis"]) for r in listed] == [
        (r["id"], r["kind"], r["basis"]) for r in english["rules"]
    ]
    death = next(r for r in listed if r["id"] == "death")
    assert death["text"].startswith("Депутат умирает")
    history = http.get("/v1/rules/death", headers={"Accept-Language": "kk"})
    assert history.headers["content-language"] == "kk"
    assert history.json()["versions"][0]["text"] == "Депутат қайтыс болады."
