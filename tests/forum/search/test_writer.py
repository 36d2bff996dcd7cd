"""Index writes: outbox rows committed with the post, applied by one writer at a time across
processes, never failing the user's request, and repaired by a later drain when an update fails."""
import json
import subprocess
import sys
from datetime import timedelta

import pytest
from whoosh import query as Q

from config import ROOT
from forum.adapters import search
from forum.adapters.search import backend
from models import OutboxEntry, Post, db, utcnow


@pytest.fixture
def anna(make_user):
    return make_user("anna")


@pytest.fixture
def background(app):
    """Effects performed by the drainer's threads, as on a server (tests drain in the request)."""
    app.config["OUTBOX_SYNCHRONOUS"] = False
    yield backend(app)
    search.wait(10)
    app.extensions["outbox"].stop()
    app.config["OUTBOX_SYNCHRONOUS"] = True


def _waiting():
    db.session.rollback()
    return db.session.scalar(db.select(db.func.count(OutboxEntry.id)))


def _docs_with(service, field, text):
    with service.store.open().searcher() as searcher:
        return sorted(int(hit["post_id"]) for hit in searcher.search(Q.Term(field, text), limit=None))


def test_a_new_post_is_searchable_once_the_drainer_thread_took_its_row(background, anna, make_thread, found):
    thread = make_thread(anna, title="Background indexing", body="Dugongdiary intro.")
    assert search.wait(5)
    assert found("dugongdiary") == [thread.id]
    assert _waiting() == 0


def test_a_failed_update_keeps_its_row_and_a_later_drain_repairs_it(app, anna, make_thread, make_post, found,
                                                                   drain):
    service = backend(app)
    thread = make_thread(anna, title="Robust indexing", body="Intro.")
    lock = service.store.base / "write.lock"
    lock.unlink()
    lock.mkdir()  # the writer cannot take its lock: every index update fails
    post = make_post(anna, thread, body="Tapirtales survive a broken index.")
    assert db.session.get(Post, post.id).body_markdown.startswith("Tapirtales")
    row = db.session.scalar(db.select(OutboxEntry).where(OutboxEntry.kind == "search.update"))
    assert row.payload == {"post_ids": [post.id], "thread_ids": []} and row.attempts == 1
    assert row.leased_until is None and row.available_at > utcnow() and "IsADirectoryError" in row.last_error
    lock.rmdir()
    assert found("tapirtales") == []  # the index has not heard of it yet
    drain()
    assert found("tapirtales") == []  # still backing off
    drain(now=utcnow() + timedelta(seconds=3))
    assert found("tapirtales") == [post.id]
    assert _waiting() == 0


@pytest.mark.slow
def test_concurrent_writers_in_several_processes_lose_no_update(app, app_config, anna, make_user,
                                                                make_thread, make_post):
    editor = make_user("editor", role="moderator")
    thread = make_thread(anna, title="Busy thread", body="Intro.")
    shared = make_post(anna, thread, body="Shared post, first version.")
    processes, posts, edits = 3, 12, 8
    workers = []
    for proc in range(processes):
        options = {"config": app_config, "author_id": anna.id, "editor_id": editor.id,
                   "thread_id": thread.id, "shared_post_id": shared.id, "proc": proc,
                   "posts": posts, "edits": edits}
        workers.append(subprocess.Popen([sys.executable, "-m", "tests.forum.search.writer_worker",
                                         json.dumps(options)], cwd=ROOT, stderr=subprocess.PIPE))
    for worker in workers:
        _out, err = worker.communicate(timeout=240)
        assert worker.returncode == 0, err.decode()[-3000:]

    service = backend(app)
    db.session.rollback()  # end this process's read snapshot: see what the workers wrote
    assert db.session.scalars(db.select(OutboxEntry)).all() == []
    post_ids = sorted(db.session.scalars(db.select(Post.id)))
    with service.store.open().searcher() as searcher:
        indexed = sorted(int(fields["post_id"]) for fields in searcher.all_stored_fields())
    assert indexed == post_ids  # every post once: nothing lost, nothing duplicated
    for proc in range(processes):
        for n in range(posts):
            assert len(_docs_with(service, "words", f"p{proc}n{n}")) == 1
    final = db.session.get(Post, shared.id).body_markdown
    last_token = final.split("token ")[1].rstrip(".")
    assert _docs_with(service, "words", last_token) == [shared.id]  # the newest edit won
    stale = [f"e{p}n{n}" for p in range(processes) for n in range(edits) if f"e{p}n{n}" != last_token]
    assert all(_docs_with(service, "words", token) == [] for token in stale)


def test_rows_left_by_another_process_are_performed_after_the_first_request(
        app, background, anna, make_thread, client, found):
    thread = make_thread(anna, title="Written by a CLI job", body="Kiwikitchen notes.")
    search.wait(5)
    app.extensions["outbox"].stop()  # as if this process had just started
    with db.engine.begin() as connection:  # what a process killed before its drain left behind
        connection.execute(db.update(Post).where(Post.id == thread.id).values(body_html="<p>Kakapokitchen notes.</p>"))
        connection.execute(db.insert(OutboxEntry).values(
            kind="search.update", target=f"search:post:{thread.id}", payload={"post_ids": [thread.id]},
            created_at=utcnow(), available_at=utcnow(), attempts=1, lease_owner="gone:1:x",
            leased_until=utcnow() - timedelta(seconds=1), last_error=""))
    client.get("/")  # a server's first request starts the drainer
    assert search.wait(5) and found("kakapokitchen") == [thread.id]
    assert _waiting() == 0


def test_a_rebuild_in_several_processes_keeps_posts_in_order(app, anna, make_thread, make_post, found,
                                                             monkeypatch):
    from forum.adapters.search.whoosh import indexing

    monkeypatch.setattr(indexing, "MIN_POSTS_PER_PROCESS", 2)
    thread = make_thread(anna, title="Parallel rebuild", body="Okapiorder intro.")
    posts = [thread.id] + [make_post(anna, thread, body=f"Okapiorder reply {n}.").id for n in range(6)]
    assert search.rebuild(procs=3) == len(posts)
    service = backend(app)
    with service.store.open().searcher() as searcher:
        assert len(searcher.reader().leaf_readers()) == 3
    assert _post_ids_by_document_number(service) == posts  # newest last
    posts += [make_post(anna, thread, body=f"Okapiorder later {n}.").id for n in range(3)]
    assert _post_ids_by_document_number(service) == posts  # still, after incremental commits
    assert found("okapiorder", sort="newest") == posts[::-1][:20]


def _post_ids_by_document_number(service):
    with service.store.open().searcher() as searcher:
        return [int(searcher.stored_fields(n)["post_id"]) for n in range(searcher.doc_count_all())
                if not searcher.reader().is_deleted(n)]
