"""Rate limits (429 with Retry-After and a page saying when to retry) and new members' links."""
import pytest

from models import Post, db


@pytest.fixture
def app_config(app_config):
    """Tight limits for these tests; every member counts as new until they wrote 5 posts."""
    return {**app_config, "RATELIMIT_POSTS": "3 per minute", "RATELIMIT_POSTS_NEW": "2 per minute",
            "RATELIMIT_THREADS": "2 per minute", "RATELIMIT_THREADS_NEW": "1 per minute",
            "RATELIMIT_LOGIN_ACCOUNT": "3 per minute", "RATELIMIT_LOGIN_IP": "5 per minute",
            "NEW_MEMBER_DAYS": 0, "NEW_MEMBER_POSTS": 5, "NEW_MEMBER_MAX_LINKS": 1}


def _reply(client, thread_id, n):
    return client.submit(f"/threads/{thread_id}/reply", {"body": f"Reply {n}", "language": "en",
                                                         "submission_key": f"k{n}"},
                         token_from=f"/threads/{thread_id}")


def test_new_members_hit_the_stricter_reply_limit_with_a_clear_429(client, cast, make_thread):
    thread = make_thread(cast["ben"], sector="school")
    client.login("anna")
    assert [_reply(client, thread.id, n).status_code for n in range(2)] == [302, 302]
    response = _reply(client, thread.id, 2)
    assert response.status_code == 429
    assert 0 < int(response.headers["Retry-After"]) <= 60
    assert "try again in" in response.get_data(as_text=True)
    assert db.session.scalar(db.select(db.func.count(Post.id))) == 3


def test_established_members_get_the_normal_limit(client, cast, make_thread, make_post):
    thread = make_thread(cast["ben"], sector="school")
    for _ in range(5):
        make_post(cast["anna"], thread)  # five posts: no longer new
    client.login("anna")
    assert [_reply(client, thread.id, n).status_code for n in range(4)] == [302, 302, 302, 429]


def test_previews_and_errors_do_not_count(client, cast, make_thread):
    thread = make_thread(cast["ben"], sector="school")
    client.login("anna")
    for _ in range(3):
        assert client.submit(f"/threads/{thread.id}/reply", {"body": "", "language": "en"},
                             token_from=f"/threads/{thread.id}").status_code == 422
    assert _reply(client, thread.id, 9).status_code == 302


def test_moderators_are_exempt(client, cast, make_thread):
    thread = make_thread(cast["ben"], sector="school")
    client.login("mod")
    assert all(_reply(client, thread.id, n).status_code == 302 for n in range(5))


def test_thread_creation_is_limited_per_member(client, cast):
    client.login("anna")
    codes = [client.submit("/sectors/school/new", {
        "sector": "school", "title": f"Thread title {n}", "body": "Body", "tags": "", "language": "en",
        "submission_key": f"t{n}"}).status_code for n in range(2)]
    assert codes == [302, 429]


def test_failed_sign_ins_are_limited_per_account(client, cast):
    codes = [client.submit("/login", {"login": "anna", "password": "wrong password!"}).status_code
             for _ in range(4)]
    assert codes == [422, 422, 422, 429]
    assert client.submit("/login", {"login": "ben", "password": "wrong password!"}).status_code == 422
    assert client.submit("/login", {"login": "glob", "password": "wrong password!"}).status_code == 429  # IP


def test_a_new_members_links_are_limited_and_nofollow(client, cast, make_thread):
    thread = make_thread(cast["ben"], sector="school")
    client.login("anna")
    response = client.submit(f"/threads/{thread.id}/reply", {
        "body": "See https://a.example.eu and https://b.example.eu", "language": "en"},
        token_from=f"/threads/{thread.id}")
    assert response.status_code == 422 and "at most 1 links" in response.get_data(as_text=True)
    assert _reply(client, thread.id, 1).status_code == 302
    response = client.submit(f"/threads/{thread.id}/reply", {
        "body": "See https://a.example.eu", "language": "en", "submission_key": "link"},
        token_from=f"/threads/{thread.id}")
    assert response.status_code == 302
    post = db.session.scalar(db.select(Post).where(Post.submission_key == "link"))
    assert 'rel="nofollow' in post.body_html


def test_who_counts_as_a_new_member(app, cast, make_thread, make_post):
    from datetime import timedelta

    from forum.core import permissions

    anna = cast["anna"]
    assert permissions.is_new_member(anna)  # no posts yet
    assert not permissions.is_new_member(cast["mod"]) and not permissions.is_new_member(None)
    thread = make_thread(cast["ben"], sector="school")
    for _ in range(5):
        make_post(anna, thread)
    assert not permissions.is_new_member(anna)
    app.config["NEW_MEMBER_DAYS"] = 3
    assert permissions.is_new_member(anna)  # a young account
    anna.created_at -= timedelta(days=4)
    assert not permissions.is_new_member(anna)
