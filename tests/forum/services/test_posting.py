"""Posting use cases: counters, numbers, revisions, validation, permissions, deduplication."""
import threading

import pytest

from forum.core.errors import PermissionDenied, ValidationError
from forum.services import posting, reading
from models import Post, PostRevision, Sector, Thread, User, db


def _fresh(model, id_):
    """The row as committed now (ends the test's read snapshot first)."""
    db.session.commit()
    return db.session.get(model, id_)


def test_starting_a_thread_counts_it_in_its_sector(make_user, make_thread):
    anna = make_user("anna")
    thread = make_thread(anna, sector="vet", title="Work-based learning online", tags="VET, ai, vet")
    sector = _fresh(Sector, thread.sector_id)
    assert (sector.slug, sector.thread_count, sector.post_count) == ("vet", 1, 1)
    assert sector.last_post_at == thread.last_post_at
    assert [t.name for t in thread.tags] == ["ai", "vet"]
    assert (thread.post_count, thread.reply_count, thread.last_number) == (1, 0, 1)


def test_replies_are_numbered_in_order_and_update_every_counter(make_user, make_thread, make_post):
    anna, ben = make_user("anna"), make_user("ben")
    thread = make_thread(anna)
    posts = [make_post(ben, thread, body=f"Reply {i}") for i in range(3)]
    assert [p.number for p in posts] == [2, 3, 4]
    thread = _fresh(Thread, thread.id)
    assert (thread.post_count, thread.reply_count, thread.last_number) == (4, 3, 4)
    assert thread.last_poster_id == ben.id and thread.last_post_at == posts[-1].created_at
    assert _fresh(Sector, thread.sector_id).post_count == 4


def test_a_title_must_have_5_to_150_characters(make_user, make_thread):
    anna = make_user("anna")
    for title in ("Hey", "x" * 151, "   \n  "):
        with pytest.raises(ValidationError) as error:
            make_thread(anna, title=title)
        assert error.value.field == "title"
    assert make_thread(anna, title="x" * 150).title == "x" * 150


def test_a_message_over_50000_characters_is_refused(make_user, make_thread):
    anna = make_user("anna")
    with pytest.raises(ValidationError) as error:
        make_thread(anna, body="a" * 50_001)
    assert error.value.field == "body"
    assert db.session.scalar(db.select(db.func.count(Post.id))) == 0


def test_more_than_five_tags_are_refused(make_user, make_thread):
    with pytest.raises(ValidationError) as error:
        make_thread(make_user("anna"), tags="a, b, c, d, e, f")
    assert error.value.field == "tags"


def test_a_tag_with_markup_is_refused(make_user, make_thread):
    with pytest.raises(ValidationError) as error:
        make_thread(make_user("anna"), tags="<script>alert(1)</script>")
    assert error.value.field == "tags"


def test_the_same_submission_key_makes_one_post(make_user, make_thread, make_post):
    anna = make_user("anna")
    thread = make_thread(anna, submission_key="k-thread")
    again = make_thread(anna, submission_key="k-thread")
    assert again.id == thread.id
    first = make_post(anna, thread, submission_key="k-reply")
    second = make_post(anna, thread, body="changed", submission_key="k-reply")
    assert first.id == second.id
    assert _fresh(Thread, thread.id).post_count == 2
    assert db.session.scalar(db.select(db.func.count(Thread.id))) == 1


def test_concurrent_double_submits_make_one_post(app, make_user, make_thread):
    anna = make_user("anna")
    anna_id, thread_id = anna.id, make_thread(anna).id
    barrier, results = threading.Barrier(2), []

    def submit():
        with app.app_context():
            author, thread = db.session.get(User, anna_id), db.session.get(Thread, thread_id)
            barrier.wait()
            results.append(posting.reply(author, thread.id, "Twice?", submission_key="same-key").id)
            db.session.remove()

    workers = [threading.Thread(target=submit) for _ in range(2)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    assert len(results) == 2 and results[0] == results[1]
    thread = _fresh(Thread, thread_id)
    assert (thread.post_count, thread.last_number) == (2, 2)


def test_editing_keeps_every_earlier_version(make_user, make_thread):
    anna = make_user("anna")
    thread = make_thread(anna, title="First title here", body="Version one")
    post = thread_post = db.session.scalar(db.select(Post).where(Post.thread_id == thread.id))
    posting.edit_post(anna, post.id, "Version two", title="Second title here")
    posting.edit_post(anna, thread_post.id, "Version three")
    post = _fresh(Post, post.id)
    assert post.body_markdown == "Version three" and post.edit_count == 2 and post.edited_at
    revisions = db.session.scalars(db.select(PostRevision).order_by(PostRevision.number)).all()
    assert [(r.number, r.body_markdown, r.title) for r in revisions] == [
        (1, "Version one", "First title here"), (2, "Version two", "Second title here")]
    assert _fresh(Thread, thread.id).title == "Second title here"


def test_an_unchanged_edit_adds_no_revision(make_user, make_thread):
    anna = make_user("anna")
    post = db.session.scalar(db.select(Post).where(Post.thread_id == make_thread(anna).id))
    posting.edit_post(anna, post.id, post.body_markdown)
    assert _fresh(Post, post.id).edit_count == 0


def test_a_failed_edit_leaves_the_saved_post_unchanged(make_user, make_thread):
    anna = make_user("anna")
    post = db.session.scalar(db.select(Post).where(Post.thread_id == make_thread(anna, body="Kept").id))
    with pytest.raises(ValidationError):
        posting.edit_post(anna, post.id, "x" * 50_001)
    with pytest.raises(ValidationError):
        posting.edit_post(anna, post.id, "New text", title="no")
    post = _fresh(Post, post.id)
    assert (post.body_markdown, post.edit_count, post.edited_at) == ("Kept", 0, None)
    assert db.session.scalar(db.select(db.func.count(PostRevision.id))) == 0


def test_a_member_cannot_edit_another_members_post(make_user, make_thread):
    anna, ben = make_user("anna"), make_user("ben")
    post = db.session.scalar(db.select(Post).where(Post.thread_id == make_thread(anna).id))
    with pytest.raises(PermissionDenied):
        posting.edit_post(ben, post.id, "Hijacked")
    assert _fresh(Post, post.id).body_markdown == "First post."


def test_a_moderator_may_edit_any_post(make_user, make_thread):
    anna, mod = make_user("anna"), make_user("mia", role="moderator")
    post = db.session.scalar(db.select(Post).where(Post.thread_id == make_thread(anna).id))
    posting.edit_post(mod, post.id, "Tidied by a moderator")
    revision = db.session.scalar(db.select(PostRevision))
    assert revision.editor_id == mod.id and revision.body_markdown == "First post."


def test_nobody_replies_to_a_locked_thread_except_moderators(make_user, make_thread, make_post):
    anna, mod = make_user("anna"), make_user("mia", role="moderator")
    thread = make_thread(anna)
    with db.session.begin_nested():
        thread.is_locked = True
    db.session.commit()
    with pytest.raises(PermissionDenied):
        make_post(anna, thread)
    assert make_post(mod, thread).number == 2


def test_a_quote_attributes_and_links_the_quoted_post(make_user, make_thread):
    anna = make_user("anna", display_name="Anna K.")
    thread = make_thread(anna, body="Line one\n\nLine two")
    post = db.session.scalar(db.select(Post).where(Post.thread_id == thread.id))
    quote = posting.quote_markdown(post)
    assert quote.startswith(f"Anna K. [wrote](/threads/{thread.id}/posts/{post.id}):\n")
    assert "> Line one\n>\n> Line two" in quote


def test_a_reply_lands_on_the_page_that_shows_its_number(app):
    assert [reading.page_of(n, 20) for n in (1, 20, 21, 40, 41)] == [1, 1, 2, 2, 3]
