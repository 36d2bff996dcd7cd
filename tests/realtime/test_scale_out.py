"""Two server processes sharing Redis as the Socket.IO message queue: a client on one receives
what is written through the other, and what a CLI-like job in a third process publishes."""
import os
import time
import uuid

import pytest

from tests.realtime.support import Browser, Live, free_port, start_server, wait_until_serving

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/13")
pytestmark = [pytest.mark.redis, pytest.mark.slow]


def redis_answers():
    import redis

    try:
        return redis.Redis.from_url(REDIS_URL, socket_timeout=1).ping()
    except redis.RedisError:
        return False


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    """Data written by this process (a CLI job's role), then servers A and B on free ports."""
    if not redis_answers():
        pytest.skip(f"Redis does not answer at {REDIS_URL}: scale-out tests need a real Redis")
    from forum import create_app
    from forum.services import accounts, posting, reading
    from forum.services.setup import ensure_sectors
    from models import db

    channel = f"praxis-test-{uuid.uuid4().hex[:10]}"  # pub/sub ignores the db number
    os.environ["SOCKETIO_CHANNEL"] = channel
    tmp = tmp_path_factory.mktemp("cluster")
    url = f"sqlite:///{tmp / 'cluster.db'}"
    app = create_app("testing", SQLALCHEMY_DATABASE_URI=url, REDIS_URL=REDIS_URL, SOCKETIO_CHANNEL=channel,
                     SEARCH_INDEX_DIR=str(tmp / "index"), MAIL_OUTBOX_DIR=str(tmp / "outbox"))
    with app.app_context():
        db.create_all()
        ensure_sectors()
        for name in ("olga", "piet", "quinn"):
            accounts.register(name, f"{name}@example.eu", "correct horse battery")
        thread = posting.create_thread(reading.get_user("olga"), reading.get_sector("vet").id,
                                       "Across processes", "First.")
        thread_id = thread.id
    servers, bases = [], []
    try:
        for name in ("a", "b"):
            port = free_port()
            servers.append(start_server(port, url, REDIS_URL, log_path=tmp / f"server-{name}.log"))
            bases.append(f"http://127.0.0.1:{port}")
        for base in bases:
            wait_until_serving(base)
        yield {"app": app, "a": bases[0], "b": bases[1], "thread_id": thread_id}
    finally:
        for proc in servers:
            os.killpg(proc.pid, 15)
            proc.wait(timeout=10)
        os.environ.pop("SOCKETIO_CHANNEL", None)
        with app.app_context():
            db.engine.dispose()


@pytest.fixture
def clients():
    opened = []
    yield opened
    for client in opened:
        client.close()


def test_a_client_on_one_process_receives_a_reply_made_through_the_other(cluster, clients):
    thread_id = cluster["thread_id"]
    on_a = Live(cluster["a"], Browser(cluster["a"]).login("olga").cookie)
    on_b = Live(cluster["b"], Browser(cluster["b"]).login("quinn").cookie)
    clients += [on_a, on_b]
    on_a.call("join", {"thread": thread_id})
    on_b.call("join", {"thread": thread_id})
    assert on_a.wait_for("presence", thread_id=thread_id, reading=2)

    Browser(cluster["b"]).login("piet").reply(thread_id, "Written through B")

    event = on_a.wait_for("post_created", thread_id=thread_id)
    assert "Written through B" in event["html"]
    assert on_b.wait_for("post_created", post_id=event["post_id"])


def test_a_job_in_another_process_publishes_to_clients_of_the_servers(cluster, clients):
    from models import Post, db
    from forum.adapters.live import publish

    thread_id = cluster["thread_id"]
    reader = Live(cluster["a"])
    clients.append(reader)
    reader.call("join", {"thread": thread_id})
    with cluster["app"].app_context():
        post_id = db.session.scalar(db.select(Post.id).where(Post.thread_id == thread_id, Post.number == 1))
        publish.post_edited(post_id)
    assert reader.wait_for("post_edited", post_id=post_id)["thread_id"] == thread_id


def test_signing_out_through_one_process_disconnects_sockets_on_the_other(cluster, clients):
    browser_b = Browser(cluster["b"]).login("piet")
    socket_a = Live(cluster["a"], browser_b.cookie)  # the same cookie, served by process A
    clients.append(socket_a)
    socket_a.call("join", {"thread": cluster["thread_id"]})

    browser_b.logout()

    deadline = time.monotonic() + 5
    while not socket_a.disconnected and time.monotonic() < deadline:
        time.sleep(0.05)
    assert socket_a.disconnected


def test_readers_of_a_process_that_died_stop_counting_and_live_ones_are_refreshed(monkeypatch):
    """Presence in Redis: each process re-asserts its readers; a crashed one's fade within the TTL."""
    import threading

    from realtime import state

    if not redis_answers():
        pytest.skip(f"Redis does not answer at {REDIS_URL}: presence across processes needs a real Redis")
    monkeypatch.setattr(state, "PRESENCE_TTL", 2)
    monkeypatch.setattr(state, "PRESENCE_REFRESH", 0.3)
    channel = f"praxis-test-{uuid.uuid4().hex[:10]}"
    alive, crashed, observer = (state.RedisPresence(REDIS_URL, channel) for _ in range(3))
    alive.start_refreshing(lambda fn, *args: threading.Thread(target=fn, args=args, daemon=True).start(),
                           time.sleep)
    alive.add(7, "sid-alive")
    crashed.add(7, "sid-of-a-dead-process")  # never refreshed, never removed: its process died
    assert observer.count(7) == 2
    time.sleep(2.6)
    assert observer.count(7) == 1
    alive.remove(7, "sid-alive")
    assert observer.count(7) == 0


def test_a_move_made_by_a_job_re_checks_sockets_on_the_servers(cluster, clients):
    """A VET moderator's socket on server A leaves the moderators' room when a job in this
    process moves the thread to School: no hidden body reaches it after the move."""
    from forum.services import posting, reading
    from forum.services.moderation.hide import hide_post
    from forum.services.moderation.move import move_thread
    from models import Thread, db
    from tests.forum.moderation.support import quick_user

    with cluster["app"].app_context():
        quick_user("vera", "moderator", ["vet"]), quick_user("boss", "admin")
        thread = posting.create_thread(reading.get_user("olga"), reading.get_sector("vet").id, "To move", "First.")
        thread_id = thread.id
    socket = Live(cluster["a"], Browser(cluster["a"]).login("vera").cookie)
    clients.append(socket)
    assert socket.call("join", {"thread": thread_id})["ok"]

    def hide(body):
        with cluster["app"].app_context():
            post_id = posting.reply(reading.get_user("piet"), thread_id, body).id
            hide_post(reading.get_user("boss"), post_id, "Off topic")
            return post_id

    assert "kept for moderators" in socket.wait_for("post_hidden", post_id=hide("kept for moderators"))["html"]
    with cluster["app"].app_context():
        move_thread(reading.get_user("boss"), thread_id, "school", reason="Belongs there")
    socket.wait_for("thread_updated", thread_id=thread_id, sector="school")
    later = hide("after the move")
    assert socket.wait_for("post_removed", post_id=later)
    assert [data for event, data in socket.received() if event == "post_hidden" and data["post_id"] == later] == []
