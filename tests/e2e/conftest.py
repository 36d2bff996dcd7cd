"""Browser fixtures: the real server once per module (the session's Chromium is in tests/browser.py)."""
import shutil

import pytest

from tests.e2e.helpers import sign_in
from tests.e2e.live_server import ROOT, LiveServer

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 740}
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"


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
