"""Issue 11, item 5: throwaway accounts cannot auto-hide posts. Only established members' flags
count (verified address, FLAG_ESTABLISHED_DAYS old, FLAG_ESTABLISHED_POSTS posts), staff posts are
never hidden automatically, and flags and edits are rate-limited per member."""
from datetime import timedelta

import pytest

from forum.services.moderation import flags
from models import Flag, Post, db, utcnow


@pytest.fixture
def app_config(app_config):
    return {**app_config, "FLAG_ESTABLISHED_DAYS": 7, "FLAG_ESTABLISHED_POSTS": 2, "FLAG_AUTOHIDE_THRESHOLD": 3,
            "RATELIMIT_FLAGS": "2 per minute", "RATELIMIT_EDITS": "2 per minute"}


@pytest.fixture
def established(user, cast, make_thread, make_post):
    """Three members with verified addresses, a month old, with two posts each."""
    thread = make_thread(cast["ben"], sector="school", title="Where the old hands write")
    members = [user(f"old{n}", email_verified_at=utcnow(), created_at=utcnow() - timedelta(days=30))
               for n in range(3)]
    for member in members:
        make_post(member, thread)
        make_post(member, thread)
    return members


def _target(cast, make_thread, make_post, author="ben"):
    thread = make_thread(cast["anna"], sector="school")
    return make_post(cast[author], thread, body="Flag me")


def _hidden(post):
    return db.session.get(Post, post.id).hidden_at is not None


def test_three_throwaway_accounts_cannot_hide_a_post(cast, user, make_thread, make_post):
    post = _target(cast, make_thread, make_post)
    throwaways = [user(f"throw{n}") for n in range(3)]  # fresh, unverified, no posts
    fresh_verified = [user(f"fresh{n}", email_verified_at=utcnow()) for n in range(3)]  # verified but new
    for member in throwaways + fresh_verified:
        flags.flag_post(member, post.id, "spam")
    assert not _hidden(post)
    assert db.session.scalar(db.select(db.func.count(Flag.id))) == 6  # still in the moderators' queue


def test_three_established_members_hide_a_post(cast, established, make_thread, make_post):
    post = _target(cast, make_thread, make_post)
    for member in established:
        flags.flag_post(member, post.id, "spam")
    assert _hidden(post)


def test_an_established_member_without_enough_posts_does_not_count(cast, established, make_thread, make_post):
    post = _target(cast, make_thread, make_post)
    db.session.execute(db.update(Post).where(Post.author_id == established[2].id).values(deleted_at=utcnow()))
    db.session.commit()
    for member in established:
        flags.flag_post(member, post.id, "spam")
    assert not _hidden(post)


@pytest.mark.parametrize("author", ["ada", "mod"])
def test_staff_posts_are_never_hidden_automatically(cast, established, make_thread, make_post, author):
    post = _target(cast, make_thread, make_post, author=author)
    for member in established:
        flags.flag_post(member, post.id, "offensive")
    assert not _hidden(post)


def test_flags_are_rate_limited_per_member(client, cast, make_thread, make_post):
    thread = make_thread(cast["ben"], sector="school")
    posts = [make_post(cast["ben"], thread, body=f"Post {n}") for n in range(3)]
    client.login("anna")
    codes = [client.submit(f"/posts/{post.id}/flag", {"reason": "spam"}).status_code for post in posts]
    assert codes == [302, 302, 429]
    assert db.session.scalar(db.select(db.func.count(Flag.id))) == 2


def test_edits_are_rate_limited_per_member(client, cast, make_thread):
    thread = make_thread(cast["anna"], sector="school")
    post_id = db.session.scalar(db.select(Post.id).where(Post.thread_id == thread.id))
    client.login("anna")
    codes = [client.submit(f"/posts/{post_id}/edit", {"body": f"Edited {n}", "title": thread.title,
                                                      "language": "en"}).status_code for n in range(3)]
    assert codes == [302, 302, 429]
    assert db.session.get(Post, post_id).body_markdown == "Edited 1"
