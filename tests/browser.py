"""The one Chromium of a test session (a pytest plugin loaded by tests/conftest.py).

Playwright's sync API allows one running instance per thread, so every browser test in the
suite (tests/e2e, tests/realtime, …) shares this `browser` fixture instead of starting its own.
Debian's Chromium is used (`playwright install` cannot download here); without one the tests
skip with a message saying how to get it.
"""
import os
import shutil
from pathlib import Path

import pytest

LAUNCH_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
    "--disable-default-apps", "--disable-extensions",
]


def find_chromium():
    """CHROMIUM_PATH, else Debian's /usr/bin/chromium, else whatever `chromium` is on PATH."""
    for candidate in (os.environ.get("CHROMIUM_PATH"), "/usr/bin/chromium", shutil.which("chromium"),
                      shutil.which("chromium-browser")):
        if candidate and Path(candidate).exists():
            return candidate
    return None


@pytest.fixture(scope="session")
def chromium_executable():
    path = find_chromium()
    if path is None:
        pytest.skip("browser tests skipped: no Chromium found (install Debian's `chromium` package "
                    "or set CHROMIUM_PATH); `.ci/run` installs it")
    return path


@pytest.fixture(scope="session")
def browser(chromium_executable):
    """One headless Chromium for the whole session."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_executable, headless=True,
                                             args=LAUNCH_ARGS)
        yield browser
        browser.close()
