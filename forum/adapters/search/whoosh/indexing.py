"""Building a whole index from the database, in one process or in several.

With several processes, each builds one segment from a contiguous range of posts (reading the
database itself), and the segments are committed in post order. Document numbers then rise
with post ids, which the ranking window (`ranking.RecentCollector`) and newest-first listings
rely on. (Whoosh's own multiprocessing writer deals out batches of 100 documents to whichever
process is free, so its segments interleave old and new posts.)
"""
import multiprocessing
import queue as queues

from sqlalchemy import select
from sqlalchemy.orm import Session

from forum.adapters.search.whoosh import documents, fastpath
from models import Post, db

MIN_POSTS_PER_PROCESS = 1000  # below this a process costs more than it saves
LIMIT_MB = 256
MERGE_SMALL, MERGE_MAX = 1_000, 20_000  # segments merged by the incremental writer (merge_tail)  # posting buffer of each writing process before it spills sorted runs to disk


def build(app, ix, procs=1, progress=None):
    """Index every post into the empty index `ix` and commit it; returns the post count.

    `procs` > 1 forks worker processes (the CLI; never inside a server with threads).
    """
    with Session(db.engine) as session:
        ranges = id_ranges(session, procs)
    workers, results = _start_workers(app, ix, ranges[:-1])
    writer = ix.writer(limitmb=LIMIT_MB)
    try:
        count = _index_range(writer, ranges[-1], progress)
        segments, worker_count = _collect(workers, results)
    except BaseException:
        writer.cancel()
        for worker in workers:
            worker.terminate()
        raise
    if progress and worker_count:
        progress(worker_count)
    # The merge policy hook puts the workers' segments, in range order, before this writer's own.
    writer.commit(mergetype=lambda _writer, existing: list(existing) + segments)
    return count + worker_count


def id_ranges(session, procs):
    """(after_id, up_to_id) ranges holding about equally many posts; None means no bound."""
    total = documents.count_posts(session)
    procs = max(1, min(procs, total // MIN_POSTS_PER_PROCESS or 1))
    bounds = [session.scalar(select(Post.id).order_by(Post.id).offset(total * n // procs).limit(1))
              for n in range(1, procs)]
    edges = [0] + bounds + [None]
    return list(zip(edges[:-1], edges[1:]))


def _index_range(writer, id_range, progress=None):
    count = 0
    with Session(db.engine) as session:
        for doc in documents.all_documents(session, *id_range):
            writer.add_document(**doc)
            count += 1
            if progress:
                progress(1)
    return count


def _start_workers(app, ix, ranges):
    if not ranges:
        return [], None
    context = multiprocessing.get_context("fork")
    results = context.Queue()
    workers = [context.Process(target=_worker, args=(app, ix, number, id_range, results), daemon=True)
               for number, id_range in enumerate(ranges)]
    for worker in workers:
        worker.start()
    return workers, results


def _worker(app, ix, number, id_range, results):
    """One forked process: index a range of posts into a segment of its own (not committed)."""
    try:
        with app.app_context():
            db.engine.dispose(close=False)  # never share the parent's database connections
            # No lock: the parent holds it. Finishing a segment without committing it is what
            # Whoosh's own sub-writers (whoosh.multiproc.SubWriterTask) do.
            writer = fastpath.unlocked_segment_writer(ix, LIMIT_MB)
            count = _index_range(writer, id_range)
            segment = fastpath.finish_segment(writer)
        results.put((number, count, segment, None))
    except BaseException as error:  # reported to the parent, which cancels the rebuild
        results.put((number, 0, None, repr(error)))


def _collect(workers, results):
    """The workers' segments in range order and their post count; raises if one failed."""
    if not workers:
        return [], 0
    found, gone = {}, 0
    while len(found) < len(workers):
        try:
            number, count, segment, error = results.get(timeout=1.0)
        except queues.Empty:
            if any(worker.exitcode is not None for number, worker in enumerate(workers)
                   if number not in found):
                gone += 1  # exited without a word (killed?): allow a last second for its result
                if gone > 1:
                    raise RuntimeError("search rebuild: a worker process died") from None
            continue
        if error:
            raise RuntimeError(f"search rebuild: worker {number} failed: {error}")
        found[number] = (segment, count)
    for worker in workers:
        worker.join()
    ordered = [found[number] for number in sorted(found)]
    return [segment for segment, _count in ordered], sum(count for _segment, count in ordered)


def merge_tail(writer):
    """Copy the newest small segments into `writer` and return the segments to keep, in order.

    Call it after the writer's deletions and before its additions, then commit with
    `mergetype=lambda _writer, _segments: kept`. Whoosh's default policy (MERGE_SMALL) lists the
    segments it keeps by size, which puts small recent segments before old large ones; here
    document numbers keep rising with post age. A segment is merged while it is small next to
    the merged tail (so there are few segments) and never when it is large (a server's writer
    must stay quick; `flask search reindex` consolidates).
    """
    from whoosh.reading import SegmentReader

    kept, tail = list(writer.segments), 0
    merged = []
    while kept:
        count = kept[-1].doc_count_all()
        if count >= MERGE_MAX or (count >= MERGE_SMALL and count > 2 * tail):
            break
        merged.insert(0, kept.pop())
        tail += count
    if len(merged) < 2 and not (merged and merged[0].deleted_count()):
        return list(writer.segments)  # nothing worth rewriting
    for segment in merged:
        reader = SegmentReader(writer.storage, writer.schema, segment)
        writer.add_reader(reader)
        reader.close()
    return kept
