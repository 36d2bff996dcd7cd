"""A post's earlier versions: only its author and moderators read them, and a moderator can purge
one for good (audited without the content, gone from the database and the search index)."""
import re
from pathlib import Path

import pytest

from forum.services import posting
from models import ModerationAction, Post, PostRevision, db
from tests.forum.moderation.support import quick_user

PHONE = "0171 5550123"


@pytest.fixture
def edited(app, make_thread):
    """Anna's post that once held her phone number; a School moderator, an admin, another member."""
    anna = quick_user("anna")
    for name, role, sectors in (("ben", "member", ()), ("mod", "moderator", ["school"]),
                                ("vetmod", "moderator", ["vet"]), ("ada", "admin", ())):
        quick_user(name, role=role, sectors=sectors)
    thread = make_thread(anna, sector="school", title="Tablets in class",
                         body=f"Call me on {PHONE} about the tablets.")
    post = db.session.scalar(db.select(Post).where(Post.thread_id == thread.id))
    posting.edit_post(anna, post.id, "Write to me here about the tablets.")
    return post


@pytest.fixture
def found(client):
    """found("q") -> ids of the posts the search page shows the signed-in client."""
    def run(q):
        response = client.get("/search", query_string={"q": q})
        assert response.status_code == 200
        return [int(n) for n in re.findall(r'data-post-id="(\d+)"', response.get_data(as_text=True))]
    return run


def _body(client, url):
    response = client.get(url)
    return response.status_code, response.get_data(as_text=True)


@pytest.mark.parametrize("reader", [None, "ben", "vetmod"])
def test_earlier_versions_are_not_public(client, edited, reader):
    if reader:
        client.login(reader)
    assert _body(client, f"/posts/{edited.id}/revisions")[0] == 404
    status, page = _body(client, f"/threads/{edited.thread_id}")
    assert status == 200 and "edited" in page and PHONE not in page
    assert f"/posts/{edited.id}/revisions" not in page


@pytest.mark.parametrize("reader", ["anna", "mod", "ada"])
def test_the_author_and_the_moderators_read_earlier_versions(client, edited, reader):
    client.login(reader)
    status, page = _body(client, f"/posts/{edited.id}/revisions")
    assert status == 200 and PHONE in page
    assert f'href="/posts/{edited.id}/revisions">edited</a>' in _body(client, f"/threads/{edited.thread_id}")[1]
    assert ("Remove this version for good" in page) == (reader != "anna")


def _everything_stored():
    rows = [(r.body_markdown, r.body_html, r.title) for r in db.session.scalars(db.select(PostRevision))]
    rows += [(e.reason, e.before, e.after, e.target_label) for e in db.session.scalars(db.select(ModerationAction))]
    rows += [(p.body_markdown, p.body_html) for p in db.session.scalars(db.select(Post))]
    return repr(rows)


def test_a_moderator_purges_a_version_for_good_and_the_log_says_who_when_why(client, edited, found):
    revision = db.session.scalar(db.select(PostRevision).where(PostRevision.post_id == edited.id))
    client.login("mod")
    assert found("5550123") == []  # the index held only the current text, and still does
    response = client.submit(f"/moderation/revisions/{revision.id}/purge", {"reason": ""})
    assert response.status_code == 422 and "Give a reason" in response.get_data(as_text=True)
    response = client.submit(f"/moderation/revisions/{revision.id}/purge", {"reason": "Personal data"})
    assert response.status_code == 302 and response.headers["Location"] == f"/posts/{edited.id}/revisions"
    db.session.expire_all()
    stored = _everything_stored()
    assert PHONE not in stored and "5550123" not in stored
    status, page = _body(client, f"/posts/{edited.id}/revisions")
    assert status == 200 and "This version was removed by a moderator." in page and PHONE not in page
    entry = db.session.scalar(db.select(ModerationAction).where(ModerationAction.action == "purge_revision"))
    assert entry.actor.username == "mod" and entry.reason == "Personal data" and entry.created_at
    assert '"version": 1' in entry.before and PHONE not in (entry.before + entry.after)
    log = _body(client, "/moderation/log?action=purge_revision")[1]
    assert "Personal data" in log and PHONE not in log
    assert found("5550123") == [] and found("tablets") == [edited.id]
    index = Path(client.application.config["SEARCH_INDEX_DIR"])
    assert not any(b"5550123" in f.read_bytes() for f in index.rglob("*") if f.is_file())


def test_purging_twice_changes_nothing_and_outsiders_cannot(client, edited):
    from forum.core.errors import PermissionDenied
    from forum.services.moderation import revisions
    from models import User

    revision = db.session.scalar(db.select(PostRevision).where(PostRevision.post_id == edited.id))
    by_name = {u.username: u for u in db.session.scalars(db.select(User))}
    with pytest.raises(PermissionDenied):
        revisions.purge_revision(by_name["vetmod"], revision.id, "Not my sector")
    client.login("anna")  # the author reads her versions but does not purge them
    assert client.submit(f"/moderation/revisions/{revision.id}/purge", {"reason": "x"},
                         token_from="/").status_code == 404
    revisions.purge_revision(by_name["mod"], revision.id, "Personal data")
    revisions.purge_revision(by_name["mod"], revision.id, "Personal data")
    actions = db.session.scalars(db.select(ModerationAction.action)).all()
    assert actions.count("purge_revision") == 1
    assert db.session.get(PostRevision, revision.id).body_markdown == ""
