"""The search index's write queue is the outbox: this module is its consumer.

Saving a post writes an outbox row `search.update {"post_ids": [12]}` in the post's own
transaction (a few tens of microseconds, no system call). The drainer's search lane claims every
due row at once and calls `apply` with their payloads, which hands them to the backend's
`index`: one writer, under the cross-process write lock, re-reads those posts from the database, updates the index and commits; only then are the
rows deleted. So:
- no LockError reaches a user: requests never open an index writer;
- no update is lost: the row is committed with the post; a process killed before or during the
  index commit leaves it leased, and another drain (any process) applies it once the lease expired;
- rows are idempotent ("make the index agree with the database for post 12"), and the database
  is read after the lock is taken, so the last writer always writes the newest committed state.
"""
from forum.core import outbox


def enqueue(post_ids=(), thread_ids=()):
    """Record, in the current transaction, that the index must catch up with these ids."""
    post_ids, thread_ids = sorted({int(i) for i in post_ids}), sorted({int(i) for i in thread_ids})
    first = f"post:{post_ids[0]}" if post_ids else f"thread:{thread_ids[0]}" if thread_ids else "rebuild"
    outbox.enqueue("search.update", f"search:{first}", post_ids=post_ids, thread_ids=thread_ids)


def apply(payloads):
    """Outbox handler: bring the index in line with the database for every payload at once
    (a missing index is rebuilt first, which covers them all)."""
    from forum.adapters.search import backend

    post_ids = {int(i) for payload in payloads for i in payload.get("post_ids", ())}
    thread_ids = {int(i) for payload in payloads for i in payload.get("thread_ids", ())}
    backend().index(post_ids, thread_ids)
