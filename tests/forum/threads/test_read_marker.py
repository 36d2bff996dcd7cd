"""The thread page records how far a member has read (immediate email skips what they have seen)."""
from models import ThreadRead, db


def _marker(user, thread):
    row = db.session.get(ThreadRead, (user.id, thread.id))
    return None if row is None else row.last_number


def test_opening_a_thread_records_its_last_post_as_read(app, client, make_user, make_thread, make_post):
    anna, ben = make_user("anna"), make_user("ben")
    thread = make_thread(ben)
    make_post(ben, thread)
    client.login("anna")
    assert client.get(f"/threads/{thread.id}").status_code == 200
    assert _marker(anna, thread) == 2


def test_an_early_page_records_only_the_posts_it_shows(app, client, make_user, make_thread, make_post):
    app.config["POSTS_PER_PAGE"] = 2
    anna, ben = make_user("anna"), make_user("ben")
    thread = make_thread(ben)
    for _ in range(4):
        make_post(ben, thread)
    client.login("anna")
    assert client.get(f"/threads/{thread.id}?page=1").status_code == 200
    assert _marker(anna, thread) == 2
    client.get(f"/threads/{thread.id}?page=2")
    assert _marker(anna, thread) == 4


def test_a_refused_thread_page_records_nothing(app, client, make_user):
    anna = make_user("anna")
    client.login("anna")
    assert client.get("/threads/999999").status_code == 404
    assert db.session.query(ThreadRead).filter_by(user_id=anna.id).count() == 0


def test_anonymous_readers_leave_no_marker(app, client, make_user, make_thread):
    thread = make_thread(make_user("ben"))
    assert client.get(f"/threads/{thread.id}").status_code == 200
    assert db.session.query(ThreadRead).count() == 0
