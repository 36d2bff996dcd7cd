"""Browser fixtures: Debian's Chromium once per session, the real server once per module."""
import os
import shutil
from pathlib import Path

import pytest

from tests.e2e.helpers import sign_in
from tests.e2e.live_server import ROOT, LiveServer

LAUNCH_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
    "--disable-default-apps", "--disable-extensions",
]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 740}
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"


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


@pytest.fixture(scope="session")
def seeded_state(chromium_executable, tmp_path_factory):
    """Migrate and seed once per session; each module's server starts from a copy."""
    live = LiveServer(tmp_path_factory.mktemp("seeded"))
    live.prepare()
    ids = dict(line.split("=", 1) for line in live.seed().split() if "=" in line)
    return live.workdir, ids


@pytest.fixture(scope="module")
def server(seeded_state, tmp_path_factory):
    """The real server, started the way `make run` does, on a private copy of the seeded data."""
    template, ids = seeded_state
    workdir = tmp_path_factory.mktemp("live-server")
    shutil.copytree(template, workdir, dirs_exist_ok=True)
    live = LiveServer(workdir)
    live.prepare()  # `flask db upgrade` again, as `make run` does on every start (a no-op here)
    live.ids = ids
    live.start()
    yield live
    live.stop()


@pytest.fixture
def new_context(browser, server):
    """new_context(user=None, viewport=DESKTOP, **options) -> a fresh BrowserContext, closed after."""
    contexts = []

    def make(user=None, viewport=None, **options):
        context = browser.new_context(base_url=server.url, viewport=viewport or DESKTOP, **options)
        context.set_default_timeout(10_000)
        contexts.append(context)
        if user:
            sign_in(context, user)
        return context

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_context):
    """A signed-out page at desktop width."""
    return new_context().new_page()


@pytest.fixture(scope="session")
def screenshots():
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS
