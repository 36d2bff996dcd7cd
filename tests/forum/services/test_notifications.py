"""In-app notifications: who is told about what, re-checked with the permission policy."""
from forum.services import notifications, subscriptions
from forum.core.transaction import transaction
from models import Notification, Post, Subscription, db, utcnow


def kinds_for(user):
    return sorted(db.session.scalars(db.select(Notification.kind).where(Notification.user_id == user.id)))


def test_a_reply_notifies_the_thread_author_but_not_the_replier(verified_user, make_thread, make_post):
    anna, bob = verified_user("anna"), verified_user("bob")
    thread = make_thread(anna)
    make_post(bob, thread)
    assert kinds_for(anna) == ["reply"] and kinds_for(bob) == []


def test_a_mention_links_the_profile_and_notifies_once(verified_user, make_thread, make_post):
    anna, bob = verified_user("anna"), verified_user("bob")
    thread = make_thread(anna)
    post = make_post(bob, thread, body="Thanks @anna, and @nobody-here. `@anna` in code.")
    assert '<a href="/users/anna" rel="nofollow ugc noopener">@anna</a>' in post.body_html
    assert "@nobody-here" in post.body_html and "/users/nobody-here" not in post.body_html
    assert kinds_for(anna) == ["mention"]  # the most specific kind, not also "reply"


def test_a_quote_notifies_the_quoted_author(verified_user, make_thread, make_post):
    from forum.services.posting import quote_markdown

    anna, bob, cleo = verified_user("anna"), verified_user("bob"), verified_user("cleo")
    thread = make_thread(anna)
    quoted = make_post(cleo, thread, body="Worth quoting.")
    make_post(bob, thread, body=quote_markdown(quoted) + "Agreed.")
    assert kinds_for(cleo) == ["quote"]


def test_watchers_are_notified_and_muted_threads_stay_quiet(verified_user, make_thread, make_post):
    anna, bob, cleo = verified_user("anna"), verified_user("bob"), verified_user("cleo")
    thread = make_thread(anna, sector="vet")
    subscriptions.set_level(cleo, "sector", thread.sector_id, "watch")
    subscriptions.set_level(anna, "thread", thread.id, "mute")
    make_post(bob, thread)
    assert kinds_for(cleo) == ["watched"] and kinds_for(anna) == []


def test_starting_or_replying_tracks_the_thread_unless_turned_off(verified_user, make_thread, make_post):
    anna, bob = verified_user("anna"), verified_user("bob")
    subscriptions.save_preferences(bob, track_on_post=False)
    thread = make_thread(anna)
    make_post(bob, thread)
    assert subscriptions.level(anna, "thread", thread.id) == "track"
    assert subscriptions.level(bob, "thread", thread.id) is None


def test_a_mention_in_a_hidden_post_reaches_nobody_who_cannot_open_it(verified_user, make_thread, make_post):
    anna, bob = verified_user("anna"), verified_user("bob")
    thread = make_thread(anna)
    post = make_post(bob, thread, body="Hi @anna")
    with transaction():
        db.session.execute(db.delete(Notification))
        post.hidden_at = utcnow()
    with transaction():
        notifications.post_created(db.session.get(Post, post.id))
    assert kinds_for(anna) == []


def test_moderator_actions_and_approval_results_reach_the_author(verified_user, make_thread):
    anna = verified_user("anna")
    thread = make_thread(anna)
    first = thread.id and db.session.scalar(db.select(db.text("id")).select_from(db.table("posts")))
    with transaction():
        notifications.post_moderated(first, "hidden", "Off topic")
        notifications.approval_decided(first, False, "Spam")
    details = sorted(db.session.scalars(db.select(Notification.detail).where(Notification.user_id == anna.id)))
    assert details == ["hidden: Off topic", "rejected: Spam"]


def test_notification_rows_and_the_live_bell_are_written_with_the_reply(verified_user, make_thread,
                                                                        make_post, captured_effects):
    anna, bob = verified_user("anna"), verified_user("bob")
    thread = make_thread(anna)
    captured_effects.clear()
    post = make_post(bob, thread)
    (note,) = db.session.scalars(db.select(Notification)).all()  # committed with the post, not after it
    assert subscriptions.level(bob, "thread", thread.id) == "track"
    assert captured_effects.rows("live.notification_created") == [
        ("live.notification_created", f"live:user:{anna.id}", {"user_id": anna.id, "notification_id": note.id})]
    assert captured_effects.kinds() == ["search.update", "live.post_created", "live.notification_created"]
    assert captured_effects.rows("live.post_created")[0][2] == {"post_id": post.id}


def test_notifications_page_bell_and_mark_read(client, verified_user, make_thread, make_post):
    anna, bob = verified_user("anna"), verified_user("bob")
    thread = make_thread(anna, title="Anna asks about badges")
    make_post(bob, thread)
    make_post(bob, thread, body="Another")
    client.login("anna")
    page = client.get("/notifications").get_data(as_text=True)
    assert 'id="notification-count">2<' in page and "replied in your thread" in page
    note = db.session.scalars(db.select(Notification)).first()
    response = client.submit(f"/notifications/{note.id}/read", {"open": "1"}, token_from="/notifications")
    assert response.status_code == 302 and f"/threads/{thread.id}" in response.headers["Location"]
    assert notifications.unread_count(anna) == 1
    client.submit("/notifications/read-all", token_from="/notifications")
    assert notifications.unread_count(anna) == 0
    assert client.get("/notifications").status_code == 200


def test_follow_buttons_and_the_following_page(client, verified_user, make_thread):
    anna = verified_user("anna")
    thread = make_thread(anna, title="A thread to watch", tags="badges")
    client.login("anna")
    sector_page = client.get("/sectors/school").get_data(as_text=True)
    assert "Not following" in sector_page
    sector_id = thread.sector_id
    client.submit(f"/follow/sector/{sector_id}", {"level": "watch", "next": "/sectors/school"},
                  token_from="/sectors/school")
    client.submit(f"/follow/thread/{thread.id}", {"level": "mute"}, token_from=f"/threads/{thread.id}")
    tag_id = thread.tags[0].id
    client.submit(f"/follow/tag/{tag_id}", {"level": "track"}, token_from="/tags/badges")
    page = client.get("/following").get_data(as_text=True)
    assert "School education" in page and "A thread to watch" in page and "badges" in page
    assert "You watch this" in page and "You muted this" in page and "You track this" in page
    client.submit(f"/follow/thread/{thread.id}", {"level": "none"}, token_from="/following")
    assert db.session.scalar(db.select(db.func.count(Subscription.id))) == 2
    assert client.submit("/follow/thread/999", {"level": "watch"}, token_from="/following").status_code == 404
    assert client.submit(f"/follow/thread/{thread.id}", {"level": "shout"},
                         token_from="/following").status_code == 400


def test_settings_page_offers_the_email_digest_choice(client, verified_user):
    anna = verified_user("anna")
    client.login("anna")
    page = client.get("/settings").get_data(as_text=True)
    assert '<label for="digest_frequency">Email digest</label>' in page
    for option in (">Never<", ">Daily<", ">Weekly<"):
        assert option in page
    assert "Track threads I start or reply to" in page
    response = client.submit("/settings", {"digest_frequency": "daily", "digest_hour": "18"})
    assert response.status_code == 302
    prefs = subscriptions.preferences_of(anna.id)
    assert (prefs.digest_frequency, prefs.digest_hour, prefs.immediate_email, prefs.track_on_post) == (
        "daily", 18, False, False)
    assert client.submit("/settings", {"digest_frequency": "hourly", "digest_hour": "18"}).status_code == 422
