"""A real browser against a real server: Debian's Chromium, driven by Selenium.

The server is the service's app under uvicorn, in a thread, on a free loopback port,
with the case-test catalogue loaded so that the audit page is there. The browser is
the system's `chromium` with its `chromedriver`, headless, and cut off from every
address but this machine's: names resolve to nothing and every other address goes to
a proxy that is not there, so a page that loads anything from elsewhere shows it.

Without the browser the tests are skipped with a reason saying how to install it;
under CI (`CI` set) a missing browser is an error, so the suite cannot pass by skipping.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.remote.webdriver import WebDriver

from maslihat.audit.casetests import case_test_files, load_case_test
from maslihat.service import create_app

CHROMIUM = os.environ.get("MASLIHAT_CHROMIUM") or shutil.which("chromium") or ""
CHROMEDRIVER = shutil.which("chromedriver") or ""
"""The system's browser and driver, found on PATH as the Makefile looks for them
(MASLIHAT_CHROMIUM names a browser elsewhere)."""
ROOT = Path(__file__).resolve().parents[2]
START_TIMEOUT = 30.0
PAGE_TIMEOUT = 60.0
"""Seconds a page may take to load: the audit page computes the audit on first request."""
MISSING = "no Chromium here: `apt-get install chromium chromium-driver` to run the browser tests"


def browser_present() -> bool:
    """Whether the system browser and its driver are installed."""
    return bool(CHROMIUM and CHROMEDRIVER) and Path(CHROMIUM).is_file()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test here `browser`; skip them (or, under CI, fail) without Chromium."""
    here = Path(__file__).parent
    for item in items:
        if here in item.path.parents:
            item.add_marker(pytest.mark.browser)
            if not browser_present() and not os.environ.get("CI"):
                item.add_marker(pytest.mark.skip(reason=MISSING))


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture(scope="session")
def live() -> Iterator[str]:
    """The URL of the service under uvicorn in a thread, with the case-test catalogue loaded."""
    tests = [load_case_test(path) for path in case_test_files([ROOT / "tests" / "catalogue"])]
    port = _free_port()
    config = uvicorn.Config(
        create_app(case_tests=tests), host="127.0.0.1", port=port, log_level="warning"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="browser-test-server", daemon=True)
    thread.start()
    deadline = time.monotonic() + START_TIMEOUT
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the server did not come up", pytrace=False)
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def driver() -> Iterator[WebDriver]:
    """Headless Chromium, with no way out to the network beyond this machine."""
    if not browser_present():
        pytest.fail(f"CI is set but there is {MISSING}", pytrace=False)
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in (
        "--headless=new",
        "--no-sandbox",  # CI runs as root, where Chromium's sandbox cannot start
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--window-size=1440,1000",
        "--force-device-scale-factor=1",
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost",
        "--proxy-server=http://127.0.0.1:9",  # loopback is never proxied; the rest fails
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
    ):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    browser = webdriver.Chrome(options=options, service=Service(executable_path=CHROMEDRIVER))
    browser.set_page_load_timeout(PAGE_TIMEOUT)
    yield browser
    browser.quit()
