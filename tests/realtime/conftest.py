"""A real Socket.IO server for a whole test module: the app served by Werkzeug on a free port
in a daemon thread, with its own database; tests drive it with python-socketio clients."""
import threading

import pytest
from werkzeug.serving import make_server

from tests.conftest import database_url
from tests.realtime.support import Browser, Live


class Server:
    """The app under test plus factories that write through the real services."""

    def __init__(self, app, base):
        self.app, self.base = app, base
        self.clients = []

    def run(self, fn, *args, **kwargs):
        """Call fn inside an app context and return plain ids/values."""
        with self.app.app_context():
            return fn(*args, **kwargs)

    def user(self, username, role="member", **profile):
        from forum.services import accounts

        return self.run(lambda: accounts.register(username, f"{username}@example.eu", "correct horse battery",
                                                  role=role, **profile).id)

    def thread(self, username, title="A live thread", body="First post.", sector="school"):
        from forum.services import posting, reading

        def make():
            author = reading.get_user(username)
            return posting.create_thread(author, reading.get_sector(sector).id, title, body).id
        return self.run(make)

    def reply(self, username, thread_id, body):
        from forum.services import posting, reading
        from models import Thread, db

        def make():
            return posting.reply(reading.get_user(username), thread_id, body).id
        return self.run(make)

    def browser(self, username=None):
        browser = Browser(self.base)
        return browser.login(username) if username else browser

    def live(self, browser=None, **kwargs):
        client = Live(self.base, browser.cookie if browser else None, **kwargs)
        self.clients.append(client)
        return client

    def close_clients(self):
        for client in self.clients:
            client.close()
        self.clients.clear()


@pytest.fixture(scope="module")
def server(tmp_path_factory, postgres_schema):
    from forum import create_app
    from forum.services.setup import ensure_sectors
    from models import db

    tmp = tmp_path_factory.mktemp("live")
    config = {"SQLALCHEMY_DATABASE_URI": database_url(tmp, postgres_schema), "SERVER_NAME": None,
              "SEARCH_INDEX_DIR": str(tmp / "index"), "MAIL_OUTBOX_DIR": str(tmp / "outbox")}
    if postgres_schema:
        config["SQLALCHEMY_ENGINE_OPTIONS"] = {"connect_args": {"options": f"-csearch_path={postgres_schema}"}}
    app = create_app("testing", **config)
    with app.app_context():
        db.drop_all()
        db.create_all()
        ensure_sectors()
    http = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=http.serve_forever, daemon=True).start()
    live = Server(app, f"http://127.0.0.1:{http.server_port}")
    yield live
    live.close_clients()
    http.shutdown()
    with app.app_context():
        db.session.remove()
        db.drop_all()
        db.engine.dispose()


@pytest.fixture
def live(server):
    """The module's server; the sockets a test opened are closed after it."""
    yield server
    server.close_clients()
