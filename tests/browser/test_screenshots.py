"""The README's pictures, taken by the browser: the workbench, a case report, a rule's history,
in English (the README's) and in Kazakh and Russian (docs/languages.md's).

`make screenshots` sets MASLIHAT_SCREENSHOTS=docs/images and commits what it writes;
otherwise the pictures go to a scratch directory, so every test run still takes them
and checks that each is a picture of something (a blank page is a small PNG).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.ui import WebDriverWait

EXAMPLE = "01-atyrau-resignation"
AS_OF = "2022-03-01"
WIDTH = 1440
MIN_BYTES = 30_000
"""A PNG of a page with text and a picture on it is larger than this; a blank one is not."""


@pytest.fixture
def shots(tmp_path: Path) -> Path:
    """Where the pictures go: docs/images under `make screenshots`, else a scratch directory."""
    wanted = os.environ.get("MASLIHAT_SCREENSHOTS")
    directory = Path(wanted) if wanted else tmp_path
    directory.mkdir(parents=True, exist_ok=True)
    return directory


def full_page(driver: WebDriver, path: Path, height: int | None = None) -> None:
    """A picture of the whole page (or its first `height` pixels), not just the window.

    The viewport itself is made that tall (the window's size would include the
    browser's own frame), so the page has no scroll bar and nothing is cut off.
    """
    tall = height or driver.execute_script(
        "return Math.ceil(document.body.getBoundingClientRect().bottom) + 16"
    )
    metrics = {"width": WIDTH, "height": int(tall), "deviceScaleFactor": 1, "mobile": False}
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metrics)
    try:
        driver.save_screenshot(str(path))
    finally:
        driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    assert path.stat().st_size > MIN_BYTES


def until(driver: WebDriver, condition: Callable[[WebDriver], Any]) -> None:
    """Wait (at most 30 s) for `condition`, a function of the driver."""
    WebDriverWait(driver, 30).until(condition)


SHOWN_DAY = "const day = document.querySelector('#result h2 .day'); return day && day.dataset.date"
"""The day the workbench's result is for, as ISO, whatever language writes it."""
LANGUAGES = {"en": "", "kk": "-kk", "ru": "-ru"}
"""Each language's pictures, by the suffix of their names (English keeps the old names)."""


@pytest.mark.parametrize("lang", LANGUAGES)
def test_screenshot_of_the_workbench(driver: WebDriver, live: str, shots: Path, lang: str) -> None:
    """The workbench on the first example, as of the day after its mandate ended."""
    driver.get(live + f"/?lang={lang}")
    until(driver, lambda d: d.find_elements(By.ID, "status"))
    driver.execute_script(
        "const f = document.getElementById('as-of'); f.value = arguments[0];"
        "f.dispatchEvent(new Event('change'));",
        AS_OF,
    )
    until(driver, lambda d: d.execute_script(SHOWN_DAY) == AS_OF)
    until(
        driver,
        lambda d: (
            f'lang="{lang}"' in (d.find_element(By.ID, "report").get_attribute("srcdoc") or "")
        ),
    )
    full_page(driver, shots / f"workbench{LANGUAGES[lang]}.png")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_screenshot_of_a_case_report(
    driver: WebDriver, live: str, shots: Path, tmp_path: Path, lang: str
) -> None:
    """The first example's case report, opened from a file as `evaluate --html` writes it."""
    case = httpx.get(f"{live}/v1/examples/{EXAMPLE}").text
    page = httpx.post(
        f"{live}/v1/report?as_of={AS_OF}&lang={lang}",
        content=case,
        headers={"Content-Type": "application/yaml"},
    )
    assert page.status_code == 200
    report = tmp_path / "report.html"
    report.write_text(page.text, encoding="utf-8")
    driver.get(report.as_uri())
    until(driver, lambda d: d.find_elements(By.TAG_NAME, "svg"))
    full_page(driver, shots / f"case-report{LANGUAGES[lang]}.png")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_screenshot_of_a_rules_history(
    driver: WebDriver, live: str, shots: Path, lang: str
) -> None:
    """The conviction ground's two versions, with the day 2014-06-01 marked."""
    driver.get(live + f"/rules/conviction?as_of=2014-06-01&lang={lang}")
    until(driver, lambda d: d.find_elements(By.ID, "history"))
    full_page(driver, shots / f"rule-history{LANGUAGES[lang]}.png")
