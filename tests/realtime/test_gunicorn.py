"""The production server of the README: gunicorn's gevent worker (with Redis as the message
queue when Redis answers). Live replies reach readers, and open websockets are greenlets, not OS
threads (threading mode costs 4 threads a socket)."""
import os
import signal
import subprocess
import sys
from pathlib import Path

import uuid

import pytest

from tests.realtime.support import Browser, Live, free_port, wait_until_serving
from tests.realtime.test_scale_out import REDIS_URL, redis_answers

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow
SOCKETS = 20


@pytest.fixture(scope="module")
def gevent_server(tmp_path_factory):
    pytest.importorskip("gevent")
    from forum import create_app
    from forum.services import accounts, posting, reading
    from forum.services.setup import ensure_sectors
    from models import db

    tmp = tmp_path_factory.mktemp("gevent")
    url = f"sqlite:///{tmp / 'gevent.db'}"
    app = create_app("testing", SQLALCHEMY_DATABASE_URI=url, SEARCH_INDEX_DIR=str(tmp / "index"))
    with app.app_context():
        db.create_all()
        ensure_sectors()
        for name in ("rosa", "sven"):
            accounts.register(name, f"{name}@example.eu", "correct horse battery")
        thread_id = posting.create_thread(reading.get_user("rosa"), reading.get_sector("school").id,
                                          "Served by gevent", "First.").id
        db.engine.dispose()
    port = free_port()
    env = {**os.environ, "PRAXIS_TEST_DB": url, "PYTHONPATH": str(ROOT),
           "SEARCH_INDEX_DIR": str(tmp / "index"), "MAIL_OUTBOX_DIR": str(tmp / "outbox")}
    if redis_answers():  # events then travel through Redis pub/sub, as between several processes
        env.update(REDIS_URL=REDIS_URL, SOCKETIO_CHANNEL=f"praxis-test-{uuid.uuid4().hex[:10]}")
    log = open(tmp / "gunicorn.log", "wb")
    proc = subprocess.Popen(
        [str(Path(sys.executable).with_name("gunicorn")), "-k", "gevent", "-w", "1", "--no-control-socket",
         "-b", f"127.0.0.1:{port}", "tests.realtime.gunicorn_app:app"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    log.close()
    try:
        base = f"http://127.0.0.1:{port}"
        wait_until_serving(base)
        worker = subprocess.run(["pgrep", "-P", str(proc.pid)], capture_output=True, text=True).stdout.split()
        yield {"base": base, "thread_id": thread_id, "worker": int(worker[0])}
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=10)


def _threads(pid):
    return len(os.listdir(f"/proc/{pid}/task"))


def test_gevent_worker_delivers_a_reply_to_every_open_socket_without_a_thread_each(gevent_server):
    base, thread_id = gevent_server["base"], gevent_server["thread_id"]
    reader = Browser(base).login("sven")
    before = _threads(gevent_server["worker"])
    sockets = [Live(base, reader.cookie) for _ in range(SOCKETS)]
    try:
        for live in sockets:
            assert live.call("join", {"thread": thread_id})["ok"] is True
        assert _threads(gevent_server["worker"]) - before < SOCKETS  # threading mode: 4 per socket
        post_id = int(Browser(base).login("rosa").reply(thread_id, "Greetings from a greenlet.")
                      .headers["Location"].rsplit("#post-", 1)[1])
        for live in sockets:
            event = live.wait_for("post_created", timeout=10, post_id=post_id)
            assert "Greetings from a greenlet." in event["html"]
    finally:
        for live in sockets:
            live.close()
