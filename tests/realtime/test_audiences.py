"""Socket audiences follow the thread: a move, merge or state change re-checks every socket on
it against the visibility table; and one client address cannot hold unlimited sockets or inflate
the anonymous "N reading now"."""
import time

import pytest
import socketio

from tests.forum.moderation.support import quick_user


def _moderator(live, name, *sectors):
    return live.run(lambda: quick_user(name, "moderator", sectors).id)


def _move(live, thread_id, slug, by="mover"):
    from forum.services import reading
    from forum.services.moderation.move import move_thread

    if not live.run(reading.get_user, by):
        _moderator(live, by)
    live.run(lambda: move_thread(reading.get_user(by), thread_id, slug, reason="Belongs there"))


def _hide(live, post_id, by="mover"):
    from forum.services import reading
    from forum.services.moderation.hide import hide_post

    if not live.run(reading.get_user, by):
        _moderator(live, by)
    live.run(lambda: hide_post(reading.get_user(by), post_id, "Off topic"))


def _hub(live):
    return live.app.extensions["praxis_realtime"]


def test_a_sector_moderator_stops_getting_hidden_bodies_once_the_thread_moves_away(live):
    live.user("hanna")
    _moderator(live, "school_mod", "school")
    thread_id = live.thread("hanna", sector="school")
    moderator = live.live(live.browser("school_mod"))
    assert moderator.call("join", {"thread": thread_id})["ok"]
    first = live.reply("hanna", thread_id, "Before the move: a remark to hide")
    _hide(live, first)
    assert "a remark to hide" in moderator.wait_for("post_hidden", post_id=first)["html"]

    _move(live, thread_id, "vet")
    moderator.wait_for("thread_updated", thread_id=thread_id)
    second = live.reply("hanna", thread_id, "After the move: a secret to hide")
    _hide(live, second)

    received = moderator.received()
    assert [e for e, data in received if e == "post_hidden" and data["post_id"] == second] == []
    assert all("a secret to hide" not in str(data) for e, data in received if e != "post_created")
    removed = [data for e, data in received if e == "post_removed" and data["post_id"] == second]
    assert removed, "as a plain reader of the thread now, the moderator gets the placeholder"
    assert moderator.call("typing", {"thread": thread_id})["ok"]  # still joined, as a reader


def test_readers_of_a_thread_moved_back_into_a_moderators_sector_get_hidden_bodies_again(live):
    live.user("ines")
    _moderator(live, "vet_mod", "vet")
    thread_id = live.thread("ines", sector="school")
    moderator = live.live(live.browser("vet_mod"))
    assert moderator.call("join", {"thread": thread_id})["ok"]

    _move(live, thread_id, "vet")
    moderator.wait_for("thread_updated", thread_id=thread_id)
    post_id = live.reply("ines", thread_id, "Now in VET: hidden but readable by its moderator")
    _hide(live, post_id)

    assert "hidden but readable" in moderator.wait_for("post_hidden", post_id=post_id)["html"]


def test_a_reader_of_a_thread_that_is_closed_leaves_its_rooms_and_is_told(live):
    from forum.services import reading
    from forum.services.moderation.close import close_thread

    live.user("jon")
    _moderator(live, "closer")
    thread_id = live.thread("jon")
    reader = live.live()
    assert reader.call("join", {"thread": thread_id})["ok"]

    live.run(lambda: close_thread(reading.get_user("closer"), thread_id, reason="Spam"))

    assert reader.wait_for("thread_removed", thread_id=thread_id)["moved_to"] is None
    assert reader.call("typing", {"thread": thread_id}) == {"ok": False, "error": "join the thread first"}


def test_sockets_per_client_address_are_capped(live, monkeypatch):
    time.sleep(0.5)  # sockets of earlier tests finish closing
    held = sum(1 for conn in list(_hub(live).conns.values()) if conn.address == "127.0.0.1")
    monkeypatch.setitem(live.app.config, "SOCKETS_PER_ADDRESS", held + 2)
    live.live(), live.live()
    third, answers = live.live(connect=False), []
    third.sio.on("connect_error", answers.append)
    with pytest.raises(socketio.exceptions.ConnectionError):
        third.connect()
    assert answers == [{"message": "too many connections from your address"}]


def test_anonymous_readers_of_one_address_count_at_most_the_cap_in_presence(live, monkeypatch):
    monkeypatch.setitem(live.app.config, "PRESENCE_ANONYMOUS_PER_ADDRESS", 2)
    live.user("kai")
    thread_id = live.thread("kai")
    acks = [live.live().call("join", {"thread": thread_id}) for _ in range(4)]
    assert [ack["reading"] for ack in acks] == [1, 2, 2, 2]
    member = live.live(live.browser("kai"))
    assert member.call("join", {"thread": thread_id})["reading"] == 3  # members always count


def test_a_moderator_whose_sectors_change_is_signed_out_and_rejoins_as_a_reader(live):
    from forum.services import reading
    from forum.services.moderation.users import appoint_moderator

    live.user("lena")
    moderator_id = _moderator(live, "scoped", "school")
    live.run(lambda: quick_user("appointer", "admin"))
    thread_id = live.thread("lena", sector="school")
    browser = live.browser("scoped")
    before = live.live(browser)
    assert before.call("join", {"thread": thread_id})["ok"]

    live.run(lambda: appoint_moderator(reading.get_user("appointer"), moderator_id, ["vet"]))

    deadline = time.monotonic() + 5
    while not before.disconnected and time.monotonic() < deadline:
        time.sleep(0.05)
    assert before.disconnected
    # An access change also ends the member's sessions (issue 11, item 4): they sign in again.
    assert live.browser("scoped").http.get(live.base + "/profile", allow_redirects=False, timeout=10).status_code == 200
    after = live.live(live.browser("scoped"))
    assert after.call("join", {"thread": thread_id})["ok"]
    post_id = live.reply("lena", thread_id, "Hidden from former moderators")
    _hide(live, post_id)
    assert after.wait_for("post_removed", post_id=post_id)
    assert [e for e, data in after.received() if e == "post_hidden"] == []
