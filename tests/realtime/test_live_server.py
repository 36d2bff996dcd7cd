"""A real python-socketio client against a real server: joins ask the permission policy,
events reach exactly the readers who may see them, catch-up and sign-out behave."""
import pytest
import socketio

from forum.core.transaction import transaction
from models import Post, db, utcnow


def hide(live, post_id, reason="Off topic"):
    """Hide a post through the moderation service (its live event goes out after commit)."""
    from forum.services import reading
    from forum.services.moderation.hide import hide_post

    if not live.run(reading.get_user, "moderator"):
        live.user("moderator", role="moderator")
    live.run(lambda: hide_post(reading.get_user("moderator"), post_id, reason))


def test_a_member_sees_a_reply_made_over_http_with_the_page_html(live):
    live.user("anna"), live.user("bruno", display_name="Bruno B.")
    thread_id = live.thread("anna")
    anna = live.live(live.browser("anna"))
    assert anna.call("join", {"thread": thread_id}) == {"ok": True, "reading": 1}

    live.browser("bruno").reply(thread_id, "Hello **Anna** <script>alert(1)</script>")

    event = anna.wait_for("post_created", thread_id=thread_id)
    assert event["author_name"] == "Bruno B."
    assert f'id="post-{event["post_id"]}"' in event["html"]
    assert "<strong>Anna</strong>" in event["html"]
    assert "<script>" not in event["html"]
    page = live.browser("anna").http.get(f"{live.base}/threads/{thread_id}").text
    assert event["html"].split('<div class="post-body"')[1].split("</div>")[0] in page


def test_an_anonymous_reader_may_join_public_rooms_but_not_missing_ones(live):
    live.user("carla")
    thread_id = live.thread("carla")
    reader = live.live()
    assert reader.call("join", {"thread": thread_id})["ok"] is True
    assert reader.call("join", {"sector": "school"}) == {"ok": True}
    assert reader.call("join", {"home": True}) == {"ok": True}
    assert reader.call("join", {"thread": 999999}) == {"ok": False, "error": "not found"}
    assert reader.call("join", {"sector": "nowhere"}) == {"ok": False, "error": "not found"}


def test_an_anonymous_reader_cannot_join_a_deleted_thread(live):
    from models import Thread

    live.user("dora")
    thread_id = live.thread("dora")

    def delete():
        with transaction():
            db.session.get(Thread, thread_id).deleted_at = utcnow()
    live.run(delete)
    assert live.live().call("join", {"thread": thread_id}) == {"ok": False, "error": "not found"}


def test_a_hidden_post_event_reaches_moderators_and_its_author_but_no_member(live):
    live.user("emil"), live.user("fanny"), live.user("gert", role="moderator")
    thread_id = live.thread("emil")
    post_id = live.reply("fanny", thread_id, "A secret remark")
    sockets = {name: live.live(live.browser(name)) for name in ("emil", "fanny", "gert")}
    sockets["anonymous"] = live.live()
    for client in sockets.values():
        assert client.call("join", {"thread": thread_id})["ok"]

    hide(live, post_id)

    for name in ("gert", "fanny"):
        event = sockets[name].wait_for("post_hidden", post_id=post_id)
        assert "A secret remark" in event["html"] and "Off topic" in event["html"]
    for name in ("emil", "anonymous"):
        received = sockets[name].received()
        assert [e for e, _ in received if e == "post_hidden"] == []
        assert all("A secret remark" not in str(data) for _, data in received)
        removed = [data for e, data in received if e == "post_removed"]
        assert removed and removed[0]["post_id"] == post_id and "post-body" not in removed[0]["html"]


def test_an_edit_of_a_hidden_post_reaches_only_moderators_and_its_author(live):
    from forum.services import posting, reading

    live.user("hana"), live.user("ivo"), live.user("jola", role="moderator")
    thread_id = live.thread("hana")
    post_id = live.reply("ivo", thread_id, "First words")
    hide(live, post_id)
    sockets = {name: live.live(live.browser(name)) for name in ("hana", "ivo", "jola")}
    for client in sockets.values():
        client.call("join", {"thread": thread_id})

    live.run(lambda: posting.edit_post(reading.get_user("jola"), post_id, "Second words"))

    assert "Second words" in sockets["ivo"].wait_for("post_edited", post_id=post_id)["html"]
    assert "Second words" in sockets["jola"].wait_for("post_edited", post_id=post_id)["html"]
    assert all("Second words" not in str(data) for _, data in sockets["hana"].received())


def test_catch_up_after_a_reconnect_returns_exactly_the_missed_visible_posts(live):
    live.user("karl"), live.user("lena")
    thread_id = live.thread("karl")
    seen = live.reply("lena", thread_id, "Seen before the laptop slept")
    browser = live.browser("karl")
    first = live.live(browser)
    first.call("join", {"thread": thread_id})
    first.close()

    missed = [live.reply("lena", thread_id, f"Missed {n}") for n in range(3)]
    hidden = live.reply("lena", thread_id, "Hidden meanwhile")
    hide(live, hidden)

    again = live.live(browser)
    again.call("join", {"thread": thread_id})
    answer = again.call("catch_up", {"thread": thread_id, "after": seen})
    assert answer["ok"] and answer["more"] is False
    assert [p["post_id"] for p in answer["posts"]] == missed
    assert "Missed 0" in answer["posts"][0]["html"]


def test_a_signed_out_cookie_is_refused_and_its_open_socket_disconnected(live):
    live.user("mara")
    thread_id = live.thread("mara")
    browser = live.browser("mara")
    old_cookie = browser.cookie
    socket_before = live.live(browser)
    socket_before.call("join", {"thread": thread_id})

    browser.logout()

    deadline = __import__("time").monotonic() + 5
    while not socket_before.disconnected and __import__("time").monotonic() < deadline:
        __import__("time").sleep(0.05)
    assert socket_before.disconnected
    with pytest.raises(socketio.exceptions.ConnectionError):
        live.live(type("Old", (), {"cookie": old_cookie})())
    # The same browser, now anonymous, connects as a reader.
    assert live.live(browser).call("join", {"thread": thread_id})["ok"]


@pytest.mark.parametrize("event,payload,error", [
    ("join", {"thread": "7"}, "thread must be a positive integer id"),
    ("join", {"thread": -1}, "thread must be a positive integer id"),
    ("join", {"thread": 2**40}, "thread must be a positive integer id"),
    ("join", {"thread": True}, "thread must be a positive integer id"),
    ("join", {"sector": "<script>"}, "sector must be a sector slug"),
    ("join", {"thread": 1, "sector": "vet"}, None),
    ("join", ["thread", 1], "expected one JSON object"),
    ("join", "thread:1", "expected one JSON object"),
    ("join", {"thread": 1, "pad": "x" * 5000}, "payload too large"),
    ("typing", {"thread": 1}, "join the thread first"),
    ("catch_up", {"thread": 1, "after": "x"}, None),
    ("leave", {}, None),
])
def test_malformed_payloads_get_an_error_ack_and_the_socket_stays_usable(live, event, payload, error):
    live.user("nina") if not live.run(lambda: __import__("forum.services.reading", fromlist=["x"]).get_user("nina")) else None
    thread_id = live.thread("nina")
    client = live.live(live.browser("nina"))
    answer = client.call(event, payload)
    assert answer["ok"] is False
    if error:
        assert answer["error"] == error
    assert client.call("join", {"thread": thread_id})["ok"] is True


def test_joins_are_capped_and_client_events_rate_limited(live):
    client = live.live()
    answers = [client.call("join", {"thread": 10_000 + n}) for n in range(19)]
    assert all(a == {"ok": False, "error": "not found"} for a in answers)
    answers = [client.call("join", {"home": True}) for _n in range(10)]
    assert {"ok": False, "error": "rate limited"} in answers


def test_a_page_of_another_site_cannot_open_a_socket(live):
    foreign = socketio.Client(reconnection=False)
    with pytest.raises(socketio.exceptions.ConnectionError):
        foreign.connect(live.base, headers={"Origin": "https://evil.example"}, transports=["websocket"],
                        wait_timeout=5)
    # websocket-client sends the server's own origin by default: accepted.
    assert live.live().call("join", {"home": True}) == {"ok": True}


@pytest.mark.parametrize("origins", ["*", [], ["*"]])
def test_the_app_refuses_to_start_with_an_open_origin_policy(origins, tmp_path):
    from forum import create_app

    with pytest.raises(RuntimeError):
        create_app("testing", SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path / 'x.db'}", SOCKETIO_ALLOWED_ORIGINS=origins)


def test_readers_of_a_closed_or_merged_thread_are_told_and_lists_drop_it(live):
    from forum.services import reading
    from forum.services.moderation.close import close_thread
    from forum.services.moderation.merge import merge_threads

    live.user("gustav"), live.user("modcloser", role="moderator")
    closing, merged, target = (live.thread("gustav", title=f"Thread {n} here") for n in ("one", "two", "three"))
    reader, sector_page = live.live(live.browser("gustav")), live.live()
    for thread_id in (closing, merged):
        assert reader.call("join", {"thread": thread_id})["ok"] is True
    assert sector_page.call("join", {"sector": "school"}) == {"ok": True}
    moderator = live.live(live.browser("modcloser"))
    assert moderator.call("join", {"thread": closing})["ok"] is True

    live.run(lambda: close_thread(reading.get_user("modcloser"), closing, "Duplicate"))
    assert reader.wait_for("thread_removed", thread_id=closing)["moved_to"] is None
    assert sector_page.wait_for("thread_removed", thread_id=closing)["sector"] == "school"
    assert moderator.wait_for("thread_updated", thread_id=closing)["thread_id"] == closing
    assert "thread_removed" not in [name for name, _data in moderator.received()]

    live.run(lambda: merge_threads(reading.get_user("modcloser"), merged, target))
    event = reader.wait_for("thread_removed", thread_id=merged)
    assert event["moved_to"].startswith(f"/threads/{target}")


def test_catch_up_returns_the_shown_posts_that_changed_or_went_away(live):
    import re

    from forum.services import posting, reading
    from models import Post

    live.user("marit"), live.user("nilsa")
    thread_id = live.thread("marit")
    kept, edited, hidden = (live.reply("nilsa", thread_id, f"Reply {n}") for n in ("kept", "edited", "hidden"))
    page = live.browser("marit").http.get(f"{live.base}/threads/{thread_id}").text
    shown = dict(re.findall(r'data-post-id="(\d+)" data-post-number="\d+" data-version="([0-9a-f]{8})"', page))
    assert set(shown) >= {str(kept), str(edited), str(hidden)}

    live.run(lambda: posting.edit_post(reading.get_user("nilsa"), edited, "Reply, edited"))
    hide(live, hidden)

    reader = live.live(live.browser("marit"))
    reader.call("join", {"thread": thread_id})
    answer = reader.call("catch_up", {"thread": thread_id, "after": max(map(int, shown)), "shown": shown})
    assert answer["ok"] and answer["posts"] == [] and answer["gone"] == []
    changed = {p["post_id"]: p for p in answer["changed"]}
    assert set(changed) == {edited, hidden}
    assert "Reply, edited" in changed[edited]["html"]
    assert changed[hidden]["hidden"] and "Reply hidden" not in changed[hidden]["html"]
    for bad in ({"1": "nothex!!"}, {"x": "0000abcd"}, {str(n): "0000abcd" for n in range(1, 60)}, []):
        refused = reader.call("catch_up", {"thread": thread_id, "after": 0, "shown": bad})
        assert refused["ok"] is False
