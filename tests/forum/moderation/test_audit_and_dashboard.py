"""The audit log (browsable, filterable, append-only) and the dashboard."""
import pytest

from forum.services.moderation import flags, hide, lock, pin
from models import ModerationAction, db


def test_the_log_cannot_be_edited_or_deleted(cast, make_thread):
    thread = make_thread(cast["anna"], sector="school")
    lock.lock_thread(cast["mod"], thread.id, "Done")
    entry = db.session.scalar(db.select(ModerationAction))
    entry.reason = "Rewritten history"
    with pytest.raises(PermissionError):
        db.session.commit()
    db.session.rollback()
    db.session.delete(db.session.scalar(db.select(ModerationAction)))
    with pytest.raises(PermissionError):
        db.session.commit()
    db.session.rollback()
    assert db.session.scalar(db.select(ModerationAction)).reason == "Done"


def test_the_log_is_filtered_by_action_sector_and_people(client, cast, make_thread):
    school, vet = make_thread(cast["anna"], sector="school", title="School thread"), \
        make_thread(cast["ben"], sector="vet", title="VET thread")
    lock.lock_thread(cast["mod"], school.id, "School reason")
    pin.pin_thread(cast["glob"], vet.id, "VET reason")
    client.login("glob")
    page = client.get("/moderation/log").get_data(as_text=True)
    assert "School reason" in page and "VET reason" in page
    page = client.get("/moderation/log?action=pin_thread").get_data(as_text=True)
    assert "VET reason" in page and "School reason" not in page
    page = client.get("/moderation/log?sector=school").get_data(as_text=True)
    assert "School reason" in page and "VET reason" not in page
    page = client.get("/moderation/log?actor=mod").get_data(as_text=True)
    assert "School reason" in page and "VET reason" not in page
    page = client.get("/moderation/log?member=ben").get_data(as_text=True)
    assert "VET reason" in page and "School reason" not in page
    assert client.get("/moderation/log?action=bogus").status_code == 404
    assert client.get("/moderation/log?actor=nobody").status_code == 404
    assert client.get("/moderation/log?page=x").status_code == 404
    client.logout()
    client.login("mod")  # a School moderator reads School entries only
    page = client.get("/moderation/log").get_data(as_text=True)
    assert "School reason" in page and "VET reason" not in page
    client.logout()
    client.login("anna")
    assert client.get("/moderation/log").status_code == 404


def test_the_dashboard_shows_queues_recent_actions_and_busy_threads(client, cast, make_thread, make_post, user):
    busy = make_thread(cast["anna"], sector="school", title="A very busy thread")
    for _ in range(3):
        make_post(cast["ben"], busy)
    quiet = make_post(cast["anna"], make_thread(cast["ben"], sector="school", title="A quiet thread"))
    flags.flag_post(user("reporter"), quiet.id, "spam")
    hide.hide_post(cast["mod"], busy.id and make_post(cast["ben"], busy).id, "Off topic")
    client.login("mod")
    page = client.get("/moderation").get_data(as_text=True)
    assert "1 flagged post" in page and "0 posts waiting for approval" in page
    assert "A very busy thread" in page and page.index("A very busy thread") < page.index("A quiet thread")
    assert "Off topic" in page and "hide_post" in page
    assert "Vocational education and training" not in page.split("Busiest threads")[1]
    assert "Moderation" in client.get("/").get_data(as_text=True)
    client.logout()
    client.login("anna")
    assert client.get("/moderation").status_code == 404
    client.logout()
    assert client.get("/moderation").status_code == 404  # not even a sign-in prompt: the page does not exist
