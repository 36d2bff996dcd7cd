"""A profile's public text follows the posting rules: nothing new while silenced, and a new
member's bio holds no more links than a new member's post."""
from datetime import timedelta

import pytest

from forum.core.errors import ValidationError
from forum.services import accounts
from forum.services.moderation import users
from models import User, db, utcnow
from tests.forum.moderation.support import quick_user

BIO_LINKS = "See https://a.example.eu/x, https://b.example.org and [c](https://c.example.com)."


def _form(user, **changes):
    data = {"display_name": user.display_name or "", "country": "", "organisation": user.organisation or "",
            "sector_of_work": "", "bio": user.bio_markdown or "", "language": "en", "timezone": "UTC"}
    data.update(changes)
    return data


@pytest.fixture
def silenced(app):
    """Anna, an established member with a profile, silenced by a global moderator."""
    anna = quick_user("anna", created_at=utcnow() - timedelta(days=400), display_name="Anna K.",
                      organisation="Uni Wien", bio_markdown="Teacher trainer.", bio_html="<p>Teacher trainer.</p>")
    users.silence_user(quick_user("glob", role="moderator"), anna.id, 3, "Cool down")
    return db.session.get(User, anna.id)


@pytest.mark.parametrize("field, value", [("display_name", "Buy pills"), ("organisation", "pills.example"),
                                          ("bio", "Cheap pills at https://pills.example")])
def test_a_silenced_member_cannot_change_public_profile_text(client, silenced, field, value):
    client.login("anna")
    assert "You are silenced" in client.get("/profile").get_data(as_text=True)
    response = client.submit("/profile", _form(silenced, **{field: value}))
    page = response.get_data(as_text=True)
    assert response.status_code == 422 and "You are silenced" in page and f'id="{field}-error"' in page
    db.session.expire_all()
    anna = db.session.get(User, silenced.id)
    assert (anna.display_name, anna.organisation, anna.bio_markdown) == ("Anna K.", "Uni Wien", "Teacher trainer.")
    assert value not in client.get("/users/anna").get_data(as_text=True)


def test_a_silenced_member_still_changes_private_settings_and_public_text_after_the_silence(client, silenced):
    client.login("anna")
    response = client.submit("/profile", _form(silenced, timezone="Europe/Vienna", language="de"))
    assert response.status_code == 302
    assert db.session.get(User, silenced.id).timezone == "Europe/Vienna"
    users.lift_silence(db.session.scalar(db.select(User).where(User.username == "glob")), silenced.id)
    response = client.submit("/profile", _form(silenced, bio="Back again."))
    assert response.status_code == 302 and db.session.get(User, silenced.id).bio_markdown == "Back again."


def test_a_new_members_bio_is_held_to_the_new_member_link_limit(client, app):
    app.config["NEW_MEMBER_DAYS"] = 3  # the testing config switches new-member limits off
    new = quick_user("newbie")
    with pytest.raises(ValidationError, match="at most 2 links in their bio") as error:
        accounts.update_profile(new, bio=BIO_LINKS)
    assert error.value.field == "bio" and db.session.get(User, new.id).bio_markdown in (None, "")
    client.login("newbie")
    response = client.submit("/profile", _form(new, bio=BIO_LINKS))
    assert response.status_code == 422 and "at most 2 links in their bio" in response.get_data(as_text=True)
    accounts.update_profile(new, bio="See https://a.example.eu and [b](https://b.example.org).")
    assert db.session.get(User, new.id).bio_html.count("<a ") == 2


def test_an_established_members_bio_may_hold_more_links(app):
    app.config.update(NEW_MEMBER_DAYS=3, NEW_MEMBER_POSTS=0)
    old = quick_user("old", created_at=utcnow() - timedelta(days=400))
    accounts.update_profile(old, bio=BIO_LINKS)
    assert db.session.get(User, old.id).bio_html.count("<a ") == 3
