"""Every channel agrees with the visibility table (forum/visibility.py), state by state, audience
by audience: the Python predicates, the SQL filters over real rows, the index flags and mask
over a real index, and the Socket.IO rooms real clients joined (before and after the change).

One thread per thread state, one reply per post state in each, all by "author"; a person for
every audience. The threads start open in sector B ("vet"), sockets join, then each thread moves
to sector A ("school") and takes its state: sockets that joined before must have been re-checked
(B's moderator dropped from the moderators' room, A's raised into it), sockets that join after
are placed by the table directly. A state the table gains without this file knowing how to
make it fails here first (`STATE_MAKERS`), and a channel that cannot express a row raises.
"""
import pytest

from forum.core import permissions, visibility as v
from tests.realtime.conftest import server  # noqa: F401  (a real Socket.IO server for the module)

PEOPLE = {  # name -> (role, moderated sector slugs), None: anonymous
    "anonymous": None, "member": ("member", ()), "author": ("member", ()),
    "mod_a": ("moderator", ("school",)), "mod_b": ("moderator", ("vet",)),
    "global": ("moderator", ()), "admin": ("admin", ()),
}
HOLDS = {  # the audiences each person holds for a thing in A written by "author"
    "anonymous": {v.ANYONE}, "member": {v.ANYONE, v.MEMBERS}, "author": {v.ANYONE, v.MEMBERS, v.AUTHOR},
    "mod_a": {v.ANYONE, v.MEMBERS, v.SECTOR_MODERATORS}, "mod_b": {v.ANYONE, v.MEMBERS},
    "global": {v.ANYONE, v.MEMBERS, v.GLOBAL_MODERATORS}, "admin": {v.ANYONE, v.MEMBERS, v.ADMINS},
}


def _merge_into(thing, now, target_id):
    from models import ThreadRedirect, db

    thing.deleted_at = now
    db.session.add(ThreadRedirect(old_thread_id=thing.id, new_thread_id=target_id))


STATE_MAKERS = {  # how to put a row in each state of the table (columns, as services would)
    v.THREAD: {
        "open": lambda thing, now, target: None,
        "pending": lambda thing, now, target: setattr(thing, "pending_at", now),
        "closed": lambda thing, now, target: setattr(thing, "deleted_at", now),
        "merged": _merge_into,
    },
    v.POST: {
        "visible": lambda thing, now, target: None,
        "pending": lambda thing, now, target: setattr(thing, "pending_at", now),
        "hidden": lambda thing, now, target: setattr(thing, "hidden_at", now),
        "deleted": lambda thing, now, target: setattr(thing, "deleted_at", now),
    },
}


def expected(person, thread_state, post_state=None):
    holds = HOLDS[person]
    seen = bool(holds & v.row(v.THREAD, thread_state))
    return seen and (post_state is None or bool(holds & v.row(v.POST, post_state)))


def test_the_test_knows_how_to_make_every_state_of_the_table():
    for kind, states in v.TABLE.items():
        assert set(STATE_MAKERS[kind]) == set(states), f"teach STATE_MAKERS the new {kind} states"


@pytest.fixture(scope="module")
def world(server):  # noqa: F811
    """The people, one thread per state (all open and visible until `apply_states`), sockets."""
    from forum.services import posting, reading
    from models import db
    from tests.forum.moderation.support import quick_user

    server.app.config["SOCKETS_PER_ADDRESS"] = 100

    def build():
        people = {name: quick_user(f"v_{name}", *spec) if spec else None for name, spec in PEOPLE.items()}
        author, school, vet = people["author"], reading.get_sector("school"), reading.get_sector("vet")
        target = posting.create_thread(author, school.id, "Merge target", "Where merged threads go.")
        threads, posts = {}, {}
        for t_state in v.TABLE[v.THREAD]:
            thread = posting.create_thread(author, vet.id, f"Thread {t_state}", "First post.")
            threads[t_state] = thread.id
            for p_state in v.TABLE[v.POST]:
                posts[(t_state, p_state)] = posting.reply(author, thread.id, f"Reply {t_state} {p_state}").id
        db.session.commit()
        return {name: (p.id if p else None) for name, p in people.items()}, threads, posts, target.id
    user_ids, threads, posts, target_id = server.run(build)
    return {"users": user_ids, "threads": threads, "posts": posts, "target": target_id}


def _sockets(server, world):  # noqa: F811
    """One real client per person, joined to every thread it may join now: {name: (client, acks)}."""
    clients = {}
    for name in PEOPLE:
        browser = server.browser(f"v_{name}") if name != "anonymous" else None
        client = server.live(browser)
        acks = {state: client.call("join", {"thread": tid})["ok"] for state, tid in world["threads"].items()}
        clients[name] = (client, acks)
    return clients


def _apply_states(server, world):  # noqa: F811
    from forum.services import reading
    from forum.core.transaction import transaction
    from models import Post, Thread, db, utcnow
    from forum.adapters.live import publish

    def apply():
        now, school = utcnow(), reading.get_sector("school")
        with transaction():
            for t_state, tid in world["threads"].items():
                thread = db.session.get(Thread, tid)
                thread.sector_id = school.id
                STATE_MAKERS[v.THREAD][t_state](thread, now, world["target"])
            for (t_state, p_state), pid in world["posts"].items():
                STATE_MAKERS[v.POST][p_state](db.session.get(Post, pid), now, None)
        for tid in world["threads"].values():
            publish.thread_updated(tid)  # what a move, merge or state change publishes
    server.run(apply)


@pytest.fixture(scope="module")
def channels(server, world):  # noqa: F811
    """Sockets joined before the change, the change itself, sockets joined after it."""
    early = _sockets(server, world)
    _apply_states(server, world)
    late = _sockets(server, world)
    return {"early": early, "late": late}


def _person(server, world, name):  # noqa: F811
    from models import User, db

    user_id = world["users"][name]
    return db.session.get(User, user_id) if user_id else None


def test_each_person_holds_the_audiences_the_table_speaks_of(server, world):  # noqa: F811
    from models import Thread, db

    def check():
        thread = db.session.get(Thread, world["target"])  # in A, by "author"
        return {name: set(permissions.audiences(_person(server, world, name), thread.sector_id, thread.author_id))
                for name in PEOPLE}
    assert server.run(check) == HOLDS


def test_predicates_and_sql_filters_agree_with_the_table(server, world, channels):  # noqa: F811
    from models import Post, Thread, db

    def check():
        wrong = []
        for name in PEOPLE:
            person = _person(server, world, name)
            listed_threads = set(db.session.scalars(db.select(Thread.id).where(
                permissions.visible_threads_filter(person))))
            listed_posts = set(db.session.scalars(db.select(Post.id).join(Post.thread).where(
                permissions.visible_posts_filter(person), permissions.visible_threads_filter(person))))
            for t_state, tid in world["threads"].items():
                want = expected(name, t_state)
                if permissions.can_view_thread(person, db.session.get(Thread, tid)) != want:
                    wrong.append(("predicate", name, t_state))
                if (tid in listed_threads) != want:
                    wrong.append(("thread filter", name, t_state))
            for (t_state, p_state), pid in world["posts"].items():
                want = expected(name, t_state, p_state)
                if permissions.can_view_post(person, db.session.get(Post, pid)) != want:
                    wrong.append(("predicate", name, t_state, p_state))
                if (pid in listed_posts) != want:
                    wrong.append(("post filter", name, t_state, p_state))
        return wrong
    assert server.run(check) == []


def test_index_flags_and_the_search_mask_agree_with_the_table(server, world, channels):  # noqa: F811
    from forum.adapters import search
    from forum.adapters.search.whoosh import masks
    from forum.adapters.search import backend

    def check():
        search.rebuild()
        searcher = backend().searcher()
        indexed = {int(searcher.stored_fields(n)["post_id"]): n for n in searcher.reader().all_doc_ids()}
        wrong = []
        for name in PEOPLE:
            mask = masks.visibility_mask(permissions.search_visibility(_person(server, world, name)))
            masked = masks.mask_docs(searcher, mask) or set()
            for (t_state, p_state), pid in world["posts"].items():
                found = pid in indexed and indexed[pid] not in masked
                if found != expected(name, t_state, p_state):
                    wrong.append((name, t_state, p_state, found))
        return wrong
    assert server.run(check) == []


@pytest.mark.parametrize("when", ["early", "late"])
def test_socket_rooms_agree_with_the_table(server, world, channels, when):  # noqa: F811
    """Clients that joined before the change (re-checked) and after it (joined afresh) receive
    exactly the thread and post events of what they may see."""
    from forum.adapters.live import publish

    clients = channels[when]
    for name, (_client, acks) in clients.items():
        if when == "late":
            assert acks == {s: expected(name, s) for s in world["threads"]}, name
        _client.received(settle=0.3)  # drop the change's own events

    def announce():
        for tid in world["threads"].values():
            publish.thread_updated(tid)
        for pid in world["posts"].values():
            publish.post_edited(pid)
    server.run(announce)
    wrong = []
    for name, (client, _acks) in clients.items():
        events = client.received(settle=1.0)
        threads = {data["thread_id"] for event, data in events if event == "thread_updated"}
        posts = {data["post_id"] for event, data in events if event == "post_edited"}
        for t_state, tid in world["threads"].items():
            if (tid in threads) != expected(name, t_state):
                wrong.append(("thread_updated", name, t_state))
        for (t_state, p_state), pid in world["posts"].items():
            if (pid in posts) != expected(name, t_state, p_state):
                wrong.append(("post_edited", name, t_state, p_state))
    assert wrong == []


def test_a_state_or_audience_no_channel_knows_fails_loudly(app, monkeypatch, make_user, make_thread):
    """A new row cannot reach one channel only: SQL, the mask and the rooms refuse it."""
    from forum.adapters.search.whoosh import masks
    from models import Post, db, utcnow
    from forum.adapters.live import audiences

    author = make_user("drafter")
    post = db.session.scalar(db.select(Post).where(Post.thread_id == make_thread(author).id))
    monkeypatch.setitem(v.TABLE[v.POST], "draft", frozenset({v.AUTHOR}))
    with pytest.raises(v.Unsupported):
        permissions.visible_posts_filter(author)
    monkeypatch.delitem(v.TABLE[v.POST], "draft")
    monkeypatch.setitem(v.TABLE[v.POST], "hidden", frozenset({"group_members"}))
    with pytest.raises(v.Unsupported):
        permissions.visible_posts_filter(author)
    with pytest.raises(v.Unsupported):
        masks.visibility_mask(permissions.search_visibility(author))
    post.hidden_at = utcnow()
    with pytest.raises(v.Unsupported):
        audiences.post_rooms(post)
