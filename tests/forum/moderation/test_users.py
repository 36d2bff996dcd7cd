"""Suspend, silence, lift, warn, appoint: effects on sign-in, posting, pages and the log."""
import pytest

from forum.core import permissions
from forum.core.errors import PermissionDenied, ValidationError
from forum.services.moderation import users
from models import ModerationAction, User, db


def test_a_suspended_member_is_signed_out_and_reads_the_reason_at_sign_in(client, cast, effects):
    client.login("anna")
    users.suspend_user(cast["glob"], cast["anna"].id, 7, "Repeated insults")
    assert ("user_access_changed", cast["anna"].id) in effects
    page = client.get("/").get_data(as_text=True)
    assert "Sign in" in page  # the old session no longer works
    response = client.submit("/login", {"login": "anna", "password": "correct horse battery"})
    text = response.get_data(as_text=True)
    assert response.status_code == 403 and "suspended until" in text and "Repeated insults" in text


def test_a_permanent_suspension_says_so_and_lifting_lets_the_member_back(client, cast):
    users.suspend_user(cast["glob"], cast["anna"].id, None, "Spam account")
    response = client.submit("/login", {"login": "anna", "password": "correct horse battery"})
    assert "suspended permanently" in response.get_data(as_text=True)
    users.lift_suspension(cast["glob"], cast["anna"].id, "Appeal accepted")
    client.login("anna")
    actions = [e.action for e in db.session.scalars(db.select(ModerationAction).order_by(ModerationAction.id))]
    assert actions == ["suspend_user", "lift_suspension"]


def test_a_silenced_member_reads_but_cannot_post(client, cast, make_thread):
    thread = make_thread(cast["ben"], sector="school")
    users.silence_user(cast["glob"], cast["anna"].id, 3, "Cool down")
    client.login("anna")
    page = client.get(f"/threads/{thread.id}")
    assert page.status_code == 200 and 'name="body"' not in page.get_data(as_text=True)
    assert client.submit(f"/threads/{thread.id}/reply", {"body": "x", "language": "en"},
                         token_from=f"/threads/{thread.id}").status_code == 403
    users.lift_silence(cast["glob"], cast["anna"].id)
    assert 'name="body"' in client.get(f"/threads/{thread.id}").get_data(as_text=True)


def test_suspending_oneself_is_refused(cast):
    with pytest.raises(ValidationError, match="yourself"):
        users.suspend_user(cast["glob"], cast["glob"].id, 1, "Holiday")


def test_nobody_but_an_admin_acts_on_admins_and_moderators(cast):
    with pytest.raises(PermissionDenied):
        users.suspend_user(cast["glob"], cast["ada"].id, 1, "Coup")
    with pytest.raises(PermissionDenied):
        users.silence_user(cast["glob"], cast["mod"].id, 1, "Rival")
    with pytest.raises(PermissionDenied):
        users.suspend_user(cast["mod"], cast["anna"].id, 1, "Sector moderators do not suspend")
    users.silence_user(cast["ada"], cast["mod"].id, 1, "Admins may")
    assert permissions.is_silenced(db.session.get(User, cast["mod"].id))


def test_repeated_suspension_is_idempotent(cast):
    users.suspend_user(cast["glob"], cast["anna"].id, 7, "Spam")
    users.suspend_user(cast["glob"], cast["anna"].id, 7, "Spam")
    assert db.session.scalar(db.select(db.func.count(ModerationAction.id))) == 1


def test_the_period_is_checked(cast):
    with pytest.raises(ValidationError):
        users.suspend_user(cast["glob"], cast["anna"].id, -3, "Spam")
    with pytest.raises(ValidationError):
        users.suspend_user(cast["glob"], cast["anna"].id, "soon", "Spam")


def test_admins_appoint_sector_moderators_who_then_act_only_there(client, cast, make_thread):
    client.login("ada")
    response = client.submit("/moderation/users/anna/appoint", {"appoint-sectors": ["vet"], "appoint-reason": ""},
                             token_from="/moderation/users/anna")
    assert response.status_code == 302
    anna = db.session.get(User, cast["anna"].id)
    assert anna.role == "moderator" and permissions.moderated_sectors(anna) == {anna.moderator_sectors[0].sector_id}
    assert permissions.can_moderate(anna, make_thread(cast["ben"], sector="vet"))
    assert not permissions.can_moderate(anna, make_thread(cast["ben"], sector="school"))
    users.remove_moderator(cast["ada"], anna.id)
    assert db.session.get(User, anna.id).role == "member"
    with pytest.raises(PermissionDenied):
        users.appoint_moderator(cast["glob"], cast["ben"].id)


def test_the_member_page_shows_history_and_only_allowed_actions(client, cast):
    users.warn_user(cast["glob"], cast["anna"].id, "Mind your tone")
    client.login("mod")
    page = client.get("/moderation/users/anna").get_data(as_text=True)
    assert "Mind your tone" in page and "Moderation history" in page and "Suspend member" not in page
    client.logout()
    client.login("glob")
    page = client.get("/moderation/users/anna").get_data(as_text=True)
    assert "Suspend member" in page and "Appoint moderator" not in page
    response = client.submit("/moderation/users/anna/suspend", {"suspend-days": "-1", "suspend-reason": "x"},
                             token_from="/moderation/users/anna")
    assert response.status_code == 422
    response = client.submit("/moderation/users/anna/suspend", {"suspend-days": "", "suspend-reason": ""},
                             token_from="/moderation/users/anna")
    assert response.status_code == 422 and "Give a reason" in response.get_data(as_text=True)
    client.logout()
    client.login("ben")
    assert client.get("/moderation/users/anna").status_code == 404
    assert client.submit("/moderation/users/anna/suspend", {"suspend-reason": "forged"},
                         token_from="/").status_code == 404
    assert not permissions.is_suspended(db.session.get(User, cast["anna"].id))


def test_the_profile_links_moderators_to_the_members_history(client, cast):
    client.login("anna")
    assert "Moderation history" not in client.get("/users/ben").get_data(as_text=True)
    client.logout()
    client.login("mod")
    assert "/moderation/users/ben" in client.get("/users/ben").get_data(as_text=True)


def test_a_session_from_before_a_suspension_stops_working(client, cast):
    from datetime import timedelta

    from models import utcnow

    client.login("anna")
    anna = db.session.get(User, cast["anna"].id)
    anna.suspended_until = utcnow() + timedelta(days=1)  # e.g. written by another process
    db.session.commit()
    assert client.get("/profile").status_code == 302
