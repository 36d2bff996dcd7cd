"""One app per test session, reset for each test (the `app` fixture in tests/conftest.py).

Building the app (extensions, blueprints, URL rules, compiled templates) costs more than a test's
fresh database, so it is built once and handed to each test reset: the SQLite file replaced by a
copy of the template after every connection is closed (PostgreSQL: the tables emptied), the search
index and mail outbox directories removed, and the per-app caches, outbox drainer and rate limits
back to their start. Whatever a test wrote into `app.config` is undone after it.

Settings are read from `app.config` when they are used, so a module's `app_config` override is
laid over the session app's config for its tests only. The few read while the app is built
(BUILD_KEYS) need an app of their own: built once per distinct value and kept for the session.
"""
import shutil
from contextlib import contextmanager

from tests import database
from tests.support import TEMPLATE_CACHE, FormClient

# Read by create_app and the extensions' init_app: changing them needs another app.
BUILD_KEYS = frozenset({
    "SQLALCHEMY_DATABASE_URI", "SQLALCHEMY_ENGINE_OPTIONS", "SQLALCHEMY_BINDS", "OUTBOX_SYNCHRONOUS",
    "DIGEST_SCHEDULER", "DIGEST_SCHEDULER_INTERVAL", "REDIS_URL", "SOCKETIO_CHANNEL",
    "SOCKETIO_ALLOWED_ORIGINS", "PROXY_FIX_X_FOR", "RATELIMIT_ENABLED", "RATELIMIT_STORAGE_URI",
    "RATELIMIT_STRATEGY", "RATELIMIT_HEADERS_ENABLED",
})
# Caches kept in app.extensions that hold one test's data; rebuilt on first use.
PER_TEST_EXTENSIONS = ("search", "praxis_page_cache", "praxis_nav_sectors")
_UNSET = object()


def build(config):
    """A new app for the tests, with the test client that submits forms."""
    from forum import create_app

    app = create_app("testing", **config)
    app.test_client_class = FormClient
    app.jinja_env.bytecode_cache = TEMPLATE_CACHE  # the browser and live-server apps share it too
    return app


class AppCache:
    """The session's apps, keyed by their build-time settings."""

    def __init__(self, base_config, sqlite_template):
        self.base, self.template, self.apps = base_config, sqlite_template, {}

    def get(self, build_config):
        """The app for these build-time settings, built on first use (once per session)."""
        key = repr(sorted(build_config.items()))
        if key not in self.apps:
            self.apps[key] = build({**self.base, **build_config})
        return self.apps[key]

    @contextmanager
    def checkout(self, config, private=False):
        """Yield an app reset for one test, its config overlaid, in an app context for the test body."""
        overlay = {key: value for key, value in config.items() if self.base.get(key, _UNSET) != value}
        build_config = {key: value for key, value in overlay.items() if key in BUILD_KEYS}
        app = build({**self.base, **build_config}) if private else self.get(build_config)
        saved = dict(app.config)
        app.config.update(overlay)
        try:
            reset(app, self.template)
            with app.app_context():
                yield app
        finally:
            finish(app)
            app.config.clear()
            app.config.update(saved)

    def close(self):
        """At the session's end: no drainer thread and no pooled connection left."""
        for app in self.apps.values():
            finish(app)



def reset(app, template):
    """Give `app` what a fresh installation holds, and nothing an earlier test left."""
    from forum.web.extensions import limiter
    from models import db
    from realtime.state import Hub

    with app.app_context():
        db.session.remove()
        db.engine.dispose()  # nothing may hold the file that is replaced
        database.copy_sqlite_template(app.config["SQLALCHEMY_DATABASE_URI"], template)
        database.prepare()
    for key in ("SEARCH_INDEX_DIR", "MAIL_OUTBOX_DIR"):
        shutil.rmtree(app.config[key], ignore_errors=True)
    for name in PER_TEST_EXTENSIONS:
        app.extensions.pop(name, None)
    drainer = app.extensions["outbox"]
    drainer.paused, drainer.recorder = False, None
    limiter.reset()
    app.extensions["praxis_realtime"] = Hub(app.config.get("REDIS_URL"),  # sockets and presence
                                            app.config.get("SOCKETIO_CHANNEL", "praxis-socketio"))


def finish(app):
    """After a test: no drainer thread and no open connection outlive it."""
    from models import db

    drainer = app.extensions["outbox"]
    if drainer.started:
        drainer.stop()
    with app.app_context():
        db.session.remove()
        db.engine.dispose()
