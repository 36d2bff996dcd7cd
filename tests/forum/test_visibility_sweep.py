"""The sweep: a unique word born in each restricted state (pending post, pending thread, hidden
post, closed thread, deleted post) never reaches an anonymous reader or a plain member through
any channel: thread pages, home, sector and tag lists, search results and snippets, "did you
mean" suggestions, live events on a real socket, notifications. One word stays public, so the
sweep is known to look where the words would show."""
import re

import pytest

from tests.forum.moderation.support import quick_user
from tests.realtime.conftest import server  # noqa: F401  (a real Socket.IO server for the module)

WORDS = {"pending post": "zqxpendpost", "pending thread": "zqxpendthread", "hidden post": "zqxhidepost",
         "closed thread": "zqxclosethread", "deleted post": "zqxgonepost"}
PUBLIC = "zqxpublicword"
# What a search page shows of the index (its form echoes the query, which is no leak).
SEARCH_OUTPUT = re.compile(r'<p class="did-you-mean">.*?</p>|<ol class="search-results".*?</ol>', re.S)


def _shown(path, html):
    return " ".join(SEARCH_OUTPUT.findall(html)) if path.startswith("/search") else html


def _threads(server):  # noqa: F811
    """The public thread and the one to be closed, before any socket joins."""
    from forum.services import posting, reading

    def make():
        writer, school = reading.get_user("sw_writer"), reading.get_sector("school")
        public = posting.create_thread(writer, school.id, f"Open {PUBLIC}", f"Open. {PUBLIC} @sw_member", "sweeptag")
        return public.id, posting.create_thread(writer, school.id, "Soon closed", "Nothing yet", "sweeptag").id
    return server.run(make)


def _plant(server, public_id, closed_id):  # noqa: F811
    """Write every word through the real services, each while its post or thread is restricted."""
    from forum.services import posting, reading
    from forum.services.moderation import close, hide, settings
    from models import Post, Thread, db

    def plant():
        boss, school = reading.get_user("sw_boss"), reading.get_sector("school")
        writer, newbie = reading.get_user("sw_writer"), reading.get_user("sw_newbie")
        public = db.session.get(Thread, public_id)
        settings.change_approval(boss, True, 5)
        posting.reply(newbie, public.id, f"Waiting {WORDS['pending post']} @sw_member")
        pending = posting.create_thread(newbie, school.id, f"Queued {WORDS['pending thread']}",
                                        f"Queued {WORDS['pending thread']} @sw_member", "sweeptag")
        settings.change_approval(boss, False, 5)
        hidden = posting.reply(writer, public.id, "To hide")
        hide.hide_post(boss, hidden.id, "Off topic")
        posting.edit_post(boss, hidden.id, f"Hidden {WORDS['hidden post']} @sw_member")
        gone = posting.reply(writer, public.id, "To delete")
        hide.hide_post(boss, gone.id, "Off topic")
        posting.edit_post(boss, gone.id, f"Gone {WORDS['deleted post']} @sw_member")
        hide.delete_post(boss, gone.id, "Spam")
        close.close_thread(boss, closed_id, reason="Spam")
        posting.reply(boss, closed_id, f"Closed {WORDS['closed thread']} @sw_member")
        return [public_id, pending.id, closed_id]
    return server.run(plant)


@pytest.fixture(scope="module")
def swept(server):  # noqa: F811
    """Sockets of an anonymous reader and a member (on the lists and threads before the words
    are written), then the words, then what each of them can fetch and what their sockets got."""
    server.app.config["SOCKETS_PER_ADDRESS"] = 100
    server.run(lambda: [quick_user("sw_boss", "admin"), quick_user("sw_writer"), quick_user("sw_newbie"),
                        quick_user("sw_member")])
    public_id, closed_id = _threads(server)
    readers = {"anonymous": None, "member": server.browser("sw_member")}
    sockets = {}
    for name, browser in readers.items():
        socket = server.live(browser)
        for target in ({"home": True}, {"sector": "school"}, {"thread": public_id}, {"thread": closed_id}):
            assert socket.call("join", target)["ok"]
        sockets[name] = socket
    thread_ids = _plant(server, public_id, closed_id)
    for socket in sockets.values():  # joins now (refused for restricted threads)
        for thread_id in thread_ids:
            socket.call("join", {"thread": thread_id})
    server.run(lambda: __import__("forum.adapters.search", fromlist=["wait"]).wait())
    seen = {}
    for name, browser in readers.items():
        http = browser.http if browser else server.browser().http
        pages = ["/", "/sectors/school", "/tags/sweeptag", "/notifications" if browser else "/"]
        pages += [f"/threads/{thread_id}" for thread_id in thread_ids]
        for word in [*WORDS.values(), PUBLIC]:
            pages += [f"/search?q={word}", f"/search?q={word[:-1]}", f"/search?q={word[:3]}*"]
        seen[name] = {path: _shown(path, http.get(server.base + path, timeout=10).text) for path in pages}
        seen[name]["live events"] = str(sockets[name].received(settle=1.0))
    return seen


@pytest.mark.parametrize("reader", ["anonymous", "member"])
def test_no_restricted_word_reaches_an_outsider_through_any_channel(swept, reader):
    leaks = [(state, word, channel) for state, word in WORDS.items()
             for channel, text in swept[reader].items() if word in text]
    assert leaks == []


@pytest.mark.parametrize("reader", ["anonymous", "member"])
def test_the_sweep_finds_the_public_word_where_it_looks(swept, reader):
    found = {channel for channel, text in swept[reader].items() if PUBLIC in text}
    assert {"/sectors/school", "/tags/sweeptag", f"/search?q={PUBLIC}", f"/search?q={PUBLIC[:-1]}",
            "live events"} <= found
    if reader == "member":
        assert "/notifications" in found
