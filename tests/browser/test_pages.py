"""The pages in a real browser: each loads, the workbench follows edits, the docs work offline.

What a person sees is what is asserted: text on the page once the script has run,
not the HTML the server sent. The browser cannot reach beyond this machine
(conftest.py), and one test proves that it cannot, so a page that renders here
renders offline.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support.ui import Select, WebDriverWait

import maslihat
from maslihat.engine.evaluate import evaluate_with_timeline
from maslihat.i18n import day
from maslihat.report import case_report_html

WAIT = 30.0
"""Seconds a test waits for a page to show what it expects."""

SMALL_CASE = """\
case: browser-edit
maslihat: {name: Atyrau Regional Mäslihat, level: region, territory: "230000000", seats: 31}
deputy: {name: A. Deputy, born: 1985-03-14, citizenship: KZ, residence: "231010000"}
events:
  - {date: 2021-01-12, type: registered}"""


def wait(driver: WebDriver, until: Callable[[WebDriver], Any]) -> Any:
    """What `until` returns once it is truthy; fails after WAIT seconds."""
    return WebDriverWait(driver, WAIT).until(until)


def text_of(driver: WebDriver, selector: str) -> str:
    """The visible text of the first element matching `selector` ("" if none).

    Read in one step in the page, so that the script redrawing the result between
    finding the element and reading it cannot make it stale.
    """
    text: str = driver.execute_script(
        "const found = document.querySelector(arguments[0]);"
        "return found ? found.innerText.trim() : '';",
        selector,
    )
    return text


def status_becomes(driver: WebDriver, status: str) -> None:
    """Wait until the workbench shows `status` for the case in its editor."""
    wait(driver, lambda d: text_of(d, "#status") == status)


def no_errors_logged(driver: WebDriver) -> None:
    """The page wrote no error to the browser's console (a failed load counts)."""
    severe = [entry for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]
    assert severe == []


def only_local_resources(driver: WebDriver, live: str) -> None:
    """Everything the page loaded came from the server under test."""
    urls = driver.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
    assert urls
    assert [url for url in urls if not url.startswith(live)] == []


def set_case(driver: WebDriver, text: str) -> WebElement:
    """Put `text` in the editor as a paste would, and return the editor."""
    editor = driver.find_element(By.ID, "case")
    driver.execute_script(
        "arguments[0].value = arguments[1];"
        "arguments[0].dispatchEvent(new Event('input', {bubbles: true}));",
        editor,
        text,
    )
    return editor


def set_as_of(driver: WebDriver, day: str) -> None:
    """Choose the as-of day in the workbench's date field."""
    field = driver.find_element(By.ID, "as-of")
    driver.execute_script(
        "arguments[0].value = arguments[1];"
        "arguments[0].dispatchEvent(new Event('change', {bubbles: true}));",
        field,
        day,
    )


@pytest.fixture(autouse=True)
def fresh_console(driver: WebDriver) -> None:
    """Each test sees only what its own pages log to the console."""
    driver.get_log("browser")


@pytest.fixture
def workbench(driver: WebDriver, live: str) -> WebDriver:
    """The workbench, loaded, its first example evaluated."""
    driver.get(live + "/")
    wait(driver, lambda d: text_of(d, "#status") != "")
    return driver


def test_the_network_is_really_cut_off(driver: WebDriver, live: str) -> None:
    """The browser cannot fetch from elsewhere, so what renders here renders offline."""
    driver.get(live + "/healthz")
    outcome = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "fetch('https://cdn.jsdelivr.net/npm/swagger-ui-dist@5/swagger-ui.css')"
        ".then(() => done('reached'), () => done('blocked'));"
    )
    assert outcome == "blocked"


def test_workbench_opens_on_an_example_and_evaluates_it(workbench: WebDriver, live: str) -> None:
    """The page opens the first bundled example and shows its result, with cited grounds."""
    assert (
        workbench.find_element(By.ID, "example").get_attribute("value") == "01-atyrau-resignation"
    )
    assert "example-01-resignation" in text_of(workbench, "#result h2")
    status_becomes(workbench, "terminated")
    link = workbench.find_element(By.CSS_SELECTOR, "#result a.citation")
    assert link.get_attribute("href").startswith("https://")
    no_errors_logged(workbench)
    only_local_resources(workbench, live)


def test_the_result_follows_the_as_of_day(workbench: WebDriver) -> None:
    """Before the session's decision the resignation is pending; after it, the mandate ended."""
    set_as_of(workbench, "2022-02-15")
    status_becomes(workbench, "termination pending")
    assert "Mäslihat session to vote" in text_of(workbench, ".next-steps")
    set_as_of(workbench, "2022-03-01")
    status_becomes(workbench, "terminated")


def test_typing_an_event_changes_the_result(workbench: WebDriver) -> None:
    """A resignation typed into the editor turns an active mandate into a pending termination."""
    set_as_of(workbench, "2022-06-01")
    editor = set_case(workbench, SMALL_CASE)
    status_becomes(workbench, "active")
    editor.click()
    editor.send_keys(Keys.CONTROL, Keys.END)
    editor.send_keys("\n  - {date: 2022-02-01, type: resignation_filed}")
    status_becomes(workbench, "termination pending")
    assert "Resignation" in text_of(workbench, "#result table")


def test_errors_show_at_their_lines(workbench: WebDriver) -> None:
    """A bad value is listed with its line, the gutter marks it, clicking selects it; the
    last good result stays, marked as stale, until the case is valid again."""
    editor = set_case(workbench, SMALL_CASE.replace("type: registered", "type: registred"))
    wait(workbench, lambda d: d.find_elements(By.CSS_SELECTOR, "#errors li"))
    assert "bad" in text_of(workbench, "#state") or "error" in text_of(workbench, "#state")
    first = workbench.find_element(By.CSS_SELECTOR, "#errors li .at")
    assert first.text.startswith("line 5")
    assert workbench.find_element(By.ID, "stale").is_displayed()
    assert "stale" in workbench.find_element(By.ID, "result").get_attribute("class")
    marked = workbench.find_elements(By.CSS_SELECTOR, "#gutter .bad")
    assert [m.text for m in marked] == ["5"]
    first.click()
    selected = workbench.execute_script(
        "const e = arguments[0]; return e.value.slice(e.selectionStart, e.selectionEnd);", editor
    )
    assert "registred" in selected
    set_case(workbench, SMALL_CASE)
    status_becomes(workbench, "active")
    assert workbench.find_elements(By.CSS_SELECTOR, "#gutter .bad") == []
    assert not workbench.find_element(By.ID, "stale").is_displayed()


def test_opening_another_example(workbench: WebDriver) -> None:
    """Picking an example from the list loads its text and evaluates it."""
    picker = Select(workbench.find_element(By.ID, "example"))
    # Chosen by the option, not by typing its name: the browser's type-ahead starts over
    # when keys come more than a second apart, as they may on a busy machine.
    (value,) = [o.get_attribute("value") for o in picker.options if "04-almaty" in o.text]
    picker.select_by_value(value)
    wait(workbench, lambda d: "example-04" in text_of(d, "#result h2"))
    assert "ground: death" in workbench.find_element(By.ID, "case").get_attribute("value")


def test_a_link_opens_an_example_on_a_day(driver: WebDriver, live: str) -> None:
    """`/?example=NAME&as_of=DAY` opens that example evaluated on that day."""
    driver.get(live + "/?example=16-almaty-city-conviction-pending&as_of=2026-11-01")
    wait(driver, lambda d: "as of 2026-11-01" in text_of(d, "#result h2"))
    assert driver.find_element(By.ID, "example").get_attribute("value").startswith("16-")
    assert (
        driver.find_element(By.ID, "nav-rules")
        .get_attribute("href")
        .endswith("/rules?as_of=2026-11-01")
    )


def test_a_ground_links_to_its_rule(workbench: WebDriver) -> None:
    """A ground in the result links to its rule's history, on the as-of day."""
    set_as_of(workbench, "2022-03-01")
    wait(workbench, lambda d: "as of 2022-03-01" in text_of(d, "#result h2"))
    workbench.find_element(By.CSS_SELECTOR, "#result a.rule").click()
    wait(workbench, lambda d: d.find_elements(By.ID, "history"))
    assert "resignation" in text_of(workbench, "h1")
    assert workbench.find_elements(By.CSS_SELECTOR, "#history line.as-of")


def test_tab_indents_in_the_editor(workbench: WebDriver) -> None:
    """Tab writes two spaces in the editor instead of leaving it."""
    editor = set_case(workbench, "")
    editor.click()
    editor.send_keys(Keys.TAB, "x")
    assert editor.get_attribute("value") == "  x"


def test_the_picture_is_the_case_report(workbench: WebDriver) -> None:
    """The report pane holds the case report, with its SVG timeline."""
    frame = wait(workbench, lambda d: d.find_element(By.ID, "report").get_attribute("srcdoc"))
    assert "<svg" in frame


def test_rules_in_force_and_a_rules_history(driver: WebDriver, live: str) -> None:
    """The rules of a day link to a rule's history: one bar per version, each one cited."""
    driver.get(live + "/rules?as_of=2014-06-01")
    assert "Rules in force on 2014-06-01" in text_of(driver, "h1")
    assert driver.find_element(By.ID, "rules-as-of").get_attribute("value") == "2014-06-01"
    no_errors_logged(driver)
    driver.find_element(By.CSS_SELECTOR, "a.rule-link[href^='/rules/conviction?']").click()
    wait(driver, lambda d: d.find_elements(By.ID, "history"))
    bars = driver.find_elements(By.CSS_SELECTOR, "#history g.version")
    assert len(bars) == 2
    assert driver.find_elements(By.CSS_SELECTOR, "#history line.as-of")
    citations = driver.find_elements(By.CSS_SELECTOR, ".version-text a[href^='https://']")
    assert len(citations) == 2
    assert "227-V" in citations[1].text
    no_errors_logged(driver)
    only_local_resources(driver, live)


def test_the_audit_page_is_linked_and_opens(workbench: WebDriver, live: str) -> None:
    """With case tests loaded, the header links to the audit report, rule files listed."""
    workbench.find_element(By.ID, "nav-audit").click()
    wait(workbench, lambda d: "Rule audit" in text_of(d, "h1"))
    assert workbench.find_elements(By.CSS_SELECTOR, "table")
    assert "grounds.yaml" in workbench.find_element(By.TAG_NAME, "body").text
    no_errors_logged(workbench)


def test_swagger_ui_renders_offline(driver: WebDriver, live: str) -> None:
    """/docs draws Swagger UI, every operation listed, from files the server holds."""
    driver.get(live + "/docs")
    wait(driver, lambda d: "maslihat" in text_of(d, ".swagger-ui .info .title"))
    operations = wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, ".opblock"))
    paths = httpx.get(live + "/openapi.json").json()["paths"]
    assert len(operations) == sum(len(methods) for methods in paths.values())
    only_local_resources(driver, live)
    no_errors_logged(driver)


def test_redoc_renders_offline(driver: WebDriver, live: str) -> None:
    """/redoc draws ReDoc's reference, from files the server holds.

    ReDoc's bundle shows a logo from its makers' CDN (hidden when it fails to load);
    the page's content security policy refuses it before any request leaves.
    """
    driver.get(live + "/redoc")
    wait(driver, lambda d: "maslihat" in text_of(d, "h1"))
    wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, "[role=menuitem], li[data-item-id]"))
    refused = " ".join(
        entry["message"]
        for entry in driver.get_log("browser")
        if "violates the following Content Security Policy" in entry["message"]
    )
    urls = driver.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
    elsewhere = [url for url in urls if not url.startswith(live)]
    assert [url for url in elsewhere if url not in refused] == []


EXAMPLE_FILES = sorted((Path(__file__).resolve().parents[2] / "examples").glob("*.yaml"))


@pytest.mark.parametrize("example", EXAMPLE_FILES, ids=lambda p: p.name[:2])
def test_every_example_report_opens_offline(
    driver: WebDriver, tmp_path: Path, example: Path
) -> None:
    """`evaluate --html` for each example is a page the browser shows from the file alone:
    no resource loaded, no console error, the timeline and the chart drawn."""
    case = maslihat.load_case(example)
    result, entries = evaluate_with_timeline(case, as_of=dt.date(2026, 11, 1), explain=True)
    page = tmp_path / "report.html"
    page.write_text(case_report_html(case, result, entries), encoding="utf-8")
    driver.get(page.as_uri())
    assert len(driver.find_elements(By.CSS_SELECTOR, "svg")) >= 2
    assert result.status.replace("_", " ") in driver.find_element(By.TAG_NAME, "body").text
    urls = driver.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
    assert urls == []
    no_errors_logged(driver)


def test_the_workbench_in_kazakh_then_in_russian(driver: WebDriver, live: str) -> None:
    """Opened in Kazakh, the workbench speaks Kazakh; its switch opens it in Russian on the
    same day; an example picked there is evaluated in Russian, its report too."""
    driver.get(live + "/?lang=kk&as_of=2022-03-01")
    status_becomes(driver, "өкілеттігі мерзімінен бұрын тоқтатылды")
    assert driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "kk"
    assert "Мысал" in text_of(driver, ".toolbar")
    assert "Негіздер" in text_of(driver, "#result")
    assert day(dt.date(2022, 3, 1), "kk") in text_of(driver, "#result h2")
    driver.find_element(By.CSS_SELECTOR, "a.lang-switch[data-lang='ru']").click()
    status_becomes(driver, "полномочия прекращены досрочно")
    assert driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "ru"
    assert driver.find_element(By.ID, "as-of").get_attribute("value") == "2022-03-01"
    picker = Select(driver.find_element(By.ID, "example"))
    (value,) = [o.get_attribute("value") for o in picker.options if "04-almaty" in o.text]
    picker.select_by_value(value)
    wait(driver, lambda d: "example-04" in text_of(d, "#result h2"))
    status_becomes(driver, "полномочия прекращены досрочно")
    result = text_of(driver, "#result")
    assert "Основания" in result and day(dt.date(2022, 3, 1), "ru") in result
    assert "Смерть депутата" in result
    wait(driver, lambda d: "example-04" in d.find_element(By.ID, "report").get_attribute("srcdoc"))
    report = driver.find_element(By.ID, "report").get_attribute("srcdoc")
    assert '<html lang="ru">' in report and "Хронология" in report
    rules = driver.find_element(By.ID, "nav-rules").get_attribute("href")
    assert "lang=ru" in rules and "as_of=2022-03-01" in rules
    switch = driver.find_element(By.CSS_SELECTOR, "a.lang-switch[data-lang='kk']")
    assert "example=04-" in switch.get_attribute("href")
    no_errors_logged(driver)


def test_a_rules_page_keeps_the_language_chosen(driver: WebDriver, live: str) -> None:
    """The rules of a day in Russian link to a rule's history in Russian."""
    driver.get(live + "/rules?as_of=2014-06-01&lang=ru")
    assert f"Правила, действующие на {day(dt.date(2014, 6, 1), 'ru')}" in text_of(driver, "h1")
    driver.find_element(By.CSS_SELECTOR, "a.rule-link[href^='/rules/conviction?']").click()
    wait(driver, lambda d: d.find_elements(By.ID, "history"))
    assert "Правило" in text_of(driver, "h1")
    assert driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "ru"
    no_errors_logged(driver)
