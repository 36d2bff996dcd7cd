"""Handler-level cases with Flask-SocketIO's test client (in process, sharing the HTTP login)."""
import time

from forum.services import accounts
from models import db, utcnow
from forum.adapters.live import publish
from realtime import socketio


def connect(app, client=None):
    return socketio.test_client(app, flask_test_client=client)


def events(sio, name=None):
    return [e for e in sio.get_received() if name is None or e["name"] == name]


def test_a_cookie_whose_session_was_ended_elsewhere_is_refused(app, client, make_user):
    anna = make_user("anna")
    client.login("anna")
    assert connect(app, client).is_connected()
    accounts.end_sessions(anna)  # "sign out everywhere" from another browser
    assert not connect(app, client).is_connected()


def test_a_suspended_member_is_refused(app, client, make_user):
    from datetime import timedelta

    bea = make_user("bea")
    client.login("bea")
    bea.suspended_until = utcnow() + timedelta(days=1)
    db.session.commit()
    assert not connect(app, client).is_connected()


def test_a_role_change_disconnects_the_members_open_sockets(app, client, make_user, make_thread):
    cleo = make_user("cleo")
    thread = make_thread(cleo)
    client.login("cleo")
    sio = connect(app, client)
    sio.emit("join", {"thread": thread.id}, callback=True)
    accounts.set_role(cleo, "moderator")
    assert not sio.is_connected()


def test_typing_reaches_other_readers_once_per_few_seconds(app, client, make_user, make_thread):
    make_user("dan", display_name="Dan D.")
    thread = make_thread(make_user("eva"))
    reader = connect(app)
    reader.emit("join", {"thread": thread.id}, callback=True)
    client.login("dan")
    writer = connect(app, client)
    writer.emit("join", {"thread": thread.id}, callback=True)
    events(reader), events(writer)

    assert writer.emit("typing", {"thread": thread.id}, callback=True) == {"ok": True}
    assert writer.emit("typing", {"thread": thread.id}, callback=True) == {"ok": True}

    typing = events(reader, "typing")
    assert [e["args"][0] for e in typing] == [{"thread_id": thread.id, "user_id": writer_id(client), "name": "Dan D."}]
    assert events(writer, "typing") == []


def writer_id(client):
    from forum.services import reading

    return reading.get_user("dan").id


def test_anonymous_readers_and_locked_threads_send_no_typing(app, client, make_user, make_thread):
    thread = make_thread(make_user("finn"))
    reader = connect(app)
    reader.emit("join", {"thread": thread.id}, callback=True)
    assert reader.emit("typing", {"thread": thread.id}, callback=True) == {"ok": False, "error": "you cannot reply here"}


def test_presence_counts_readers_of_a_thread(app, make_user, make_thread):
    thread = make_thread(make_user("gina"))
    first, second = connect(app), connect(app)
    assert first.emit("join", {"thread": thread.id}, callback=True) == {"ok": True, "reading": 1}
    assert second.emit("join", {"thread": thread.id}, callback=True) == {"ok": True, "reading": 2}
    time.sleep(1.3)
    assert {"thread_id": thread.id, "reading": 2} in [e["args"][0] for e in events(first, "presence")]
    second.emit("leave", {"thread": thread.id}, callback=True)
    time.sleep(1.3)
    assert [e["args"][0]["reading"] for e in events(first, "presence")][-1] == 1


def test_sector_and_home_pages_get_new_threads_and_activity_rows(app, make_user, make_thread, make_post):
    author = make_user("hugo")
    sector_page, home_page, other_sector = connect(app), connect(app), connect(app)
    sector_page.emit("join", {"sector": "school"}, callback=True)
    home_page.emit("join", {"home": True}, callback=True)
    other_sector.emit("join", {"sector": "vet"}, callback=True)

    thread = make_thread(author, sector="school", title="Live lists work")
    make_post(author, thread, body="More")

    received = events(sector_page)
    assert [e["name"] for e in received] == ["thread_created", "thread_activity"]
    created = received[0]["args"][0]
    assert created["thread_id"] == thread.id and "Live lists work" in created["html"]
    assert "/sectors/school" not in created["html"]  # the sector page's rows name no sector
    home = events(home_page)
    assert [e["name"] for e in home] == ["thread_created", "thread_activity"]
    assert "/sectors/school" in home[0]["args"][0]["html"]
    assert events(other_sector) == []


def test_thread_updates_reach_readers(app, make_user, make_thread):
    thread = make_thread(make_user("ines"))
    reader = connect(app)
    reader.emit("join", {"thread": thread.id}, callback=True)
    thread.is_locked = True
    db.session.commit()
    publish.thread_updated(thread.id)
    update = events(reader, "thread_updated")[0]["args"][0]
    assert update["is_locked"] is True and update["thread_id"] == thread.id


def test_notifications_reach_only_their_member(app, client, make_user):
    jan = make_user("jan")
    client.login("jan")
    mine = connect(app, client)
    theirs = connect(app)
    publish.notification_created(jan.id, 42)
    assert [e["args"][0] for e in events(mine, "notification_created")] == [{"notification_id": 42}]
    assert events(theirs, "notification_created") == []


def test_a_post_rolled_back_is_never_announced(app, make_user, make_thread):
    from forum.services import events as domain_events
    from forum.core.transaction import transaction
    from models import OutboxEntry, Post, db

    author = make_user("lou")
    thread = make_thread(author)
    reader = connect(app)
    reader.emit("join", {"thread": thread.id}, callback=True)
    try:
        with transaction() as session:
            post = Post(thread_id=thread.id, author_id=author.id, number=2, body_markdown="x", body_html="x")
            session.add(post)
            session.flush()
            domain_events.post_created(post.id)
            raise RuntimeError("the write fails")
    except RuntimeError:
        pass
    assert events(reader, "post_created") == []
    assert db.session.scalars(db.select(OutboxEntry)).all() == []  # nothing left to announce later
