"""The pages' server side: the examples, the rule-history bars, the pages and their policy.

What the pages do in a browser is tests/browser's; here is what can be pinned without
one: what each route answers, that every page is a template rendered with nothing
loaded from elsewhere, and the arithmetic of the history chart.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

import httpx
import pytest

import maslihat
from maslihat.i18n import STATUS_WORDS, Language, day, status_words
from maslihat.rules.listing import history
from maslihat.service.web.examples import bundled_examples_dir, example_text, examples
from maslihat.service.web.history import WIDTH, chart
from maslihat.service.web.routes import POLICY
from maslihat.service.web.words import SCRIPT_WORDS, date_form, script_words

PAGES = ["/", "/rules", "/rules?as_of=2014-06-01", "/rules/conviction", "/docs", "/redoc", "/audit"]


def test_every_bundled_example_is_listed_with_what_it_shows(http: httpx.Client) -> None:
    """GET /v1/examples lists each file of examples/, titled by its opening comment."""
    listed = http.get("/v1/examples").json()
    files = sorted(p.stem for p in bundled_examples_dir().glob("*.yaml"))
    assert [e["name"] for e in listed] == files
    assert all(e["title"] and not e["title"].startswith("#") for e in listed)
    assert listed[0]["title"].startswith("Resignation on the vote track")


def test_an_example_is_served_as_its_file_holds_it(http: httpx.Client) -> None:
    """GET /v1/examples/NAME answers the file's text, as YAML, and it evaluates."""
    response = http.get("/v1/examples/01-atyrau-resignation")
    assert response.headers["content-type"] == "application/yaml"
    path = bundled_examples_dir() / "01-atyrau-resignation.yaml"
    assert response.text == path.read_text(encoding="utf-8")
    assert maslihat.parse_case(response.text).case == "example-01-resignation"


def test_an_unknown_example_is_a_404_problem(http: httpx.Client) -> None:
    """A name that is no example (a path included) is 404, never a file elsewhere."""
    for name in ("nope", "..%2Fpyproject", "%2E%2E"):
        response = http.get(f"/v1/examples/{name}")
        assert response.status_code == 404
    assert example_text("../pyproject") is None
    assert examples(bundled_examples_dir() / "missing") == []


@pytest.mark.parametrize("path", PAGES)
def test_every_page_is_html_that_loads_nothing_from_elsewhere(
    path: str, http: httpx.Client
) -> None:
    """Each page answers HTML under a policy of 'self' only, and names no other host."""
    response = http.get(path)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert response.headers["content-security-policy"] == POLICY
    assert "default-src 'self'" in POLICY and "http" not in POLICY
    sources = re.findall(r"""(?:src|href)=["']([^"']+)""", response.text)
    assert [
        s
        for s in sources
        if s.startswith(("http:", "https:", "//")) and "zan.gov.kz" not in s and "adilet" not in s
    ] == []


def test_the_docs_assets_are_served_from_the_package(http: httpx.Client) -> None:
    """Swagger UI's and ReDoc's files come from this server, not a CDN."""
    for name in ("swagger-ui-bundle.js", "swagger-ui.css", "redoc.standalone.js"):
        response = http.get(f"/static/api-docs/{name}")
        assert response.status_code == 200 and len(response.content) > 100_000
    assert "/static/api-docs/swagger-ui-bundle.js" in http.get("/docs").text
    assert "cdn" not in http.get("/docs").text and "cdn" not in http.get("/redoc").text


def test_the_page_script_and_style_are_served(http: httpx.Client) -> None:
    """The workbench's own script and style sheet are static files of the package."""
    for name, kind in (("workbench.js", "javascript"), ("page.css", "text/css")):
        response = http.get(f"/static/{name}")
        assert response.status_code == 200 and kind in response.headers["content-type"]


def test_the_rules_page_lists_what_v1_rules_lists(http: httpx.Client) -> None:
    """The rules page links every rule version the API lists as in force that day."""
    day = "2014-06-01"
    listed = http.get(f"/v1/rules?as_of={day}").json()["rules"]
    page = http.get(f"/rules?as_of={day}").text
    links = re.findall(r'class="rule-link" href="/rules/([^"?]+)\?as_of=' + day, page)
    assert len(links) == len(listed)
    assert {link.replace("%40", "@") for link in links} == {r["id"] for r in listed}


def test_an_unknown_rule_page_is_a_404(http: httpx.Client) -> None:
    """The history page of a rule that does not exist is 404."""
    assert http.get("/rules/no-such-rule").status_code == 404


def test_history_bars_span_each_version(rules: maslihat.RuleSet) -> None:
    """Each bar runs from its version's first day to the day after its last, in order."""
    versions = history(rules, "conviction")
    drawn = chart(versions, dt.date(2026, 12, 2), dt.date(2014, 6, 1))
    assert (drawn.start, drawn.end) == (dt.date(2001, 1, 1), dt.date(2027, 1, 1))
    first, second = drawn.bars
    assert not first.open_ended and second.open_ended
    assert first.x + first.width == pytest.approx(second.x)
    assert second.x + second.width == pytest.approx(WIDTH)
    assert drawn.marker is not None and first.x < drawn.marker < second.x
    assert drawn.ticks[0][1] == 2001 and len(drawn.ticks) <= 14


def test_a_day_off_the_axis_has_no_marker(rules: maslihat.RuleSet) -> None:
    """An as-of day outside the chart draws no line."""
    versions = history(rules, "conviction")
    assert chart(versions, dt.date(2026, 12, 2), dt.date(1990, 1, 1)).marker is None


def test_the_favicon_is_served(http: httpx.Client) -> None:
    """/favicon.ico answers the pages' icon, so a page that names none logs no 404."""
    response = http.get("/favicon.ico")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("image/svg+xml")


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_the_scripts_date_form_writes_dates_as_day_does(lang: Language) -> None:
    """The workbench script fills the date form as `day()` writes every date (each month,
    one- and two-digit days); English has none and keeps ISO."""
    form = date_form(lang)
    assert form is not None and date_form("en") is None
    for month in range(1, 13):
        for number in (1, 9, 22, calendar.monthrange(2026, month)[1]):
            date = dt.date(2026, month, number)
            months = form["months"]
            assert isinstance(months, list) and isinstance(form["template"], str)
            values = {"year": "2026", "month": months[month - 1], "day": str(number)}
            assert form["template"].format(**values) == day(date, lang)


def test_the_pages_answer_in_the_language_asked_for(http: httpx.Client) -> None:
    """`?lang=` makes a page of that language, says so, and its links keep it."""
    page = http.get("/rules?as_of=2014-06-01&lang=kk")
    assert page.headers["content-language"] == "kk"
    assert '<html lang="kk">' in page.text and "lang=kk" in page.text
    english = http.get("/rules?as_of=2014-06-01")
    assert english.headers["content-language"] == "en"
    assert 'href="/rules/conviction?as_of=2014-06-01"' in english.text


def test_the_language_switch_links_this_page_in_each_language(http: httpx.Client) -> None:
    """kk, ru and en, in that order, each this very page with its day kept."""
    page = http.get("/rules/conviction?as_of=2014-06-01&lang=ru").text
    links = re.findall(r'class="lang-switch[^"]*" href="([^"]+)"', page)
    assert links == [
        f"/rules/conviction?as_of=2014-06-01&amp;lang={lang}" for lang in ("kk", "ru", "en")
    ]


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_the_scripts_own_words_are_in_the_language(lang: Language) -> None:
    """Every label the workbench script shows is translated: no Latin letter in it but
    its placeholders; the words for ids are every other output's."""
    words = script_words(lang)
    texts = words["text"]
    assert isinstance(texts, dict) and set(texts) == set(SCRIPT_WORDS)
    for key, text in texts.items():
        assert not re.search(r"[A-Za-z]", re.sub(r"\{\w+\}", "", text)), key
    assert words["status"] == {s: status_words(s, lang) for s in STATUS_WORDS}
    forms = {"kk": {"one", "other"}, "ru": {"one", "few", "many"}}
    assert isinstance(words["errors"], dict) and set(words["errors"]) >= forms[lang]
