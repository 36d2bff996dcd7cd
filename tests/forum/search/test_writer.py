"""Index writes: queued durably, applied by one writer at a time across processes, never failing
the user's request, and repaired on the next run when an update fails."""
import json
import os
import subprocess
import sys

import pytest
from whoosh import query as Q

from config import ROOT
from forum import search
from forum.search import queue
from forum.search.service import get_service
from models import Post, db


@pytest.fixture
def anna(make_user):
    return make_user("anna")


@pytest.fixture
def background(app):
    """Index in the writer thread, as a server does (tests default to indexing in the request)."""
    service = get_service(app)
    service.sync = False
    yield service
    service.wait(10)
    service.sync = True


def _docs_with(service, field, text):
    with service.store.open().searcher() as searcher:
        return sorted(int(hit["post_id"]) for hit in searcher.search(Q.Term(field, text), limit=None))


def test_a_new_post_is_searchable_once_the_writer_thread_drained(background, anna, make_thread, found):
    thread = make_thread(anna, title="Background indexing", body="Dugongdiary intro.")
    assert search.wait(5)
    assert found("dugongdiary") == [thread.id]
    assert queue.pending(background.store.queue_dir) == 0


def test_a_failed_update_keeps_the_post_and_is_repaired_on_the_next_run(app, anna, make_thread, make_post, found):
    service = get_service(app)
    thread = make_thread(anna, title="Robust indexing", body="Intro.")
    lock = service.store.base / "write.lock"
    lock.unlink()
    lock.mkdir()  # the writer cannot take its lock: every index update fails
    post = make_post(anna, thread, body="Tapirtales survive a broken index.")
    assert db.session.get(Post, post.id).body_markdown.startswith("Tapirtales")
    assert queue.pending(service.store.queue_dir) == 1  # the update waits, durably
    lock.rmdir()
    assert found("tapirtales") == []  # the index has not heard of it yet
    search.index_post(thread.id)  # any later update drains the queue, old entries included
    assert found("tapirtales") == [post.id]
    assert queue.pending(service.store.queue_dir) == 0


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

    service = get_service(app)
    assert queue.pending(service.store.queue_dir) == 0
    db.session.rollback()  # end this process's read snapshot: see what the workers wrote
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


def test_updates_left_queued_by_another_process_are_applied_on_the_first_request(
        app, background, anna, make_thread, client, found):
    thread = make_thread(anna, title="Written by a CLI job", body="Kiwikitchen notes.")
    search.wait(5)
    from forum.transaction import transaction

    with transaction():
        db.session.get(Post, thread.id).body_html = "<p>Kakapokitchen notes.</p>"
    queue.write_entry(background.store.queue_dir, "post", thread.id)  # as a finished CLI job left it
    client.get("/")  # a server's first request
    assert search.wait(5) and found("kakapokitchen") == [thread.id]


def test_a_rebuild_in_several_processes_keeps_posts_in_order(app, anna, make_thread, make_post, found,
                                                             monkeypatch):
    from forum.search import indexing

    monkeypatch.setattr(indexing, "MIN_POSTS_PER_PROCESS", 2)
    thread = make_thread(anna, title="Parallel rebuild", body="Okapiorder intro.")
    posts = [thread.id] + [make_post(anna, thread, body=f"Okapiorder reply {n}.").id for n in range(6)]
    assert search.rebuild(procs=3) == len(posts)
    service = get_service(app)
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
