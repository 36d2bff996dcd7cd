"""Search benchmark: Whoosh (as Praxis uses it) against SQLite FTS5 on the same corpus.

    .venv/bin/python bench/search.py [--posts 100000] [--queries 200] [--no-fast-path]

Builds a database of realistic multi-language posts, rebuilds the search index from it (the
`flask search reindex` path), runs mixed queries through the real search service (index query,
permission mask, database re-check, highlighted snippets of the top 20, result count), runs the
same queries through FTS5 (rank, snippet, count), and measures how fast a new post becomes
searchable and what queuing it costs the request. Prints the figures (README, Performance).
"""
import argparse
import html
import os
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# bench/ goes last (and run with `python -P`): its markdown.py must not shadow the library.
sys.path[:] = [str(ROOT)] + [path for path in sys.path if Path(path or ".").resolve() != ROOT / "bench"]
sys.path.append(str(ROOT / "bench"))

from search_corpus import DOMAIN, SECTORS, SHARED, Corpus  # noqa: E402


def build_database(app, corpus, posts, per_thread=10):
    """Bulk-insert users, threads and posts (Core executemany: seconds, not minutes)."""
    from forum.services.setup import ensure_sectors
    from models import Post, Sector, Tag, Thread, User, db, thread_tags

    db.create_all()
    ensure_sectors()
    sector_ids = {s.slug: s.id for s in db.session.scalars(db.select(Sector))}
    db.session.execute(db.insert(User), [
        {"id": n, "username": f"user{n}", "username_canonical": f"user{n}", "email": f"u{n}@example.eu",
         "password_hash": "x"} for n in range(1, 2001)])
    tag_names = sorted({t for t in "accessibility ai assessment inclusion erasmus moodle wellbeing policy "
                        "research apprenticeships maths languages stem citizenship climate".split()})
    db.session.execute(db.insert(Tag), [{"id": i + 1, "name": n} for i, n in enumerate(tag_names)])
    tag_ids = {n: i + 1 for i, n in enumerate(tag_names)}
    start = datetime(2024, 1, 1)
    threads, rows, links, thread_id = [], [], [], 0
    for number in range(posts):
        post = corpus.post(number)
        created = start + timedelta(minutes=10 * number)
        author = int(post["author"][4:])
        if number % per_thread == 0:
            thread_id += 1
            threads.append({"id": thread_id, "sector_id": sector_ids[post["sector"]], "author_id": author,
                            "title": post["title"], "slug": "t", "created_at": created,
                            "last_post_at": created, "post_count": per_thread, "last_number": per_thread})
            links += [{"thread_id": thread_id, "tag_id": tag_ids[t]} for t in post["tags"]]
        rows.append({"id": number + 1, "thread_id": thread_id, "author_id": author,
                     "number": number % per_thread + 1, "body_markdown": post["body"],
                     "body_html": f"<p>{html.escape(post['body'])}</p>", "language": post["language"],
                     "created_at": created})
        if len(rows) == 5000:
            _flush(db, Thread, Post, thread_tags, threads, rows, links)
            threads, rows, links = [], [], []
    _flush(db, Thread, Post, thread_tags, threads, rows, links)


def _flush(db, Thread, Post, thread_tags, threads, rows, links):
    if threads:
        db.session.execute(db.insert(Thread), threads)
    if links:
        db.session.execute(db.insert(thread_tags), links)
    if rows:
        db.session.execute(db.insert(Post), rows)
    db.session.commit()


def _cpu():
    import resource

    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def build_fts(db_path):
    """The same posts in an FTS5 table (unicode61 with diacritics removed: the fair equivalent)."""
    con = sqlite3.connect(db_path)
    con.execute("DROP TABLE IF EXISTS fts")
    started = time.perf_counter()
    con.execute("CREATE VIRTUAL TABLE fts USING fts5(title, body, sector, lang, author, tags, "
                "tokenize='unicode61 remove_diacritics 2')")
    con.execute("""INSERT INTO fts(rowid, title, body, sector, lang, author, tags)
        SELECT p.id, CASE WHEN p.number = 1 THEN t.title ELSE '' END, p.body_markdown, s.slug,
               p.language, u.username_canonical,
               (SELECT group_concat(g.name, ' ') FROM thread_tags tt JOIN tags g ON g.id = tt.tag_id
                WHERE tt.thread_id = t.id)
        FROM posts p JOIN threads t ON t.id = p.thread_id JOIN sectors s ON s.id = t.sector_id
        JOIN users u ON u.id = p.author_id""")
    con.commit()
    return con, time.perf_counter() - started


def make_queries(count, seed=11):
    """Mixed queries: one word, two words, phrase, filter plus word, prefix (Whoosh and FTS5 forms)."""
    rng = random.Random(seed)
    corpus = Corpus(seed=seed, tail_words=2000)
    words = [w.lower() for code in DOMAIN for w in DOMAIN[code]] + SHARED
    queries = []
    kinds = ["one", "two", "phrase", "filter", "prefix"]
    for n in range(count):
        kind = kinds[n % len(kinds)]
        word, other = rng.choice(words), rng.choice(words)
        if kind == "one":
            queries.append((kind, word, f'"{word}"'))
        elif kind == "two":
            queries.append((kind, f"{word} {other}", f'"{word}" "{other}"'))
        elif kind == "phrase":
            sentence = [w for w in corpus.sentence(rng.choice(list(DOMAIN))).rstrip(".").lower().split()]
            at = rng.randrange(max(1, len(sentence) - 1))
            phrase = " ".join(sentence[at:at + 2])
            queries.append((kind, f'"{phrase}"', f'"{phrase}"'))
        elif kind == "filter":
            sector = rng.choice(SECTORS)
            queries.append((kind, f"{word} sector:{sector}", f'"{word}" AND sector:"{sector}"'))
        else:
            prefix = rng.choice([w for w in words if len(w) >= 5])[:rng.randint(3, 5)]
            queries.append((kind, f"{prefix}*", f'"{prefix}"*'))
    return queries


def percentile(values, pct):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(pct / 100 * (len(ordered) - 1))))]


def run_whoosh(app, queries):
    from forum.services.search import search_posts

    timings, cpu, totals = {}, {}, []
    with app.test_request_context("/search"):
        search_posts(None, "warmup teachers")
        for kind, query, _fts in queries:
            started, cpu_started = time.perf_counter(), time.process_time()
            page = search_posts(None, query)
            timings.setdefault(kind, []).append((time.perf_counter() - started) * 1000)
            cpu.setdefault(kind, []).append((time.process_time() - cpu_started) * 1000)
            totals.append(page.total)
    return timings, cpu, totals


def run_fts(con, queries):
    timings, cpu = {}, {}
    for kind, _query, match in queries:
        started, cpu_started = time.perf_counter(), time.process_time()
        try:
            con.execute("SELECT rowid, snippet(fts, 1, '<mark>', '</mark>', '…', 24) FROM fts "
                        "WHERE fts MATCH ? ORDER BY rank LIMIT 20", (match,)).fetchall()
            con.execute("SELECT count(*) FROM fts WHERE fts MATCH ?", (match,)).fetchone()
        except sqlite3.OperationalError:
            pass
        timings.setdefault(kind, []).append((time.perf_counter() - started) * 1000)
        cpu.setdefault(kind, []).append((time.process_time() - cpu_started) * 1000)
    return timings, cpu


def freshness(app, samples=20):
    """Cost of recording an index update in the saving transaction (the outbox row), and time
    from the commit until the post is searchable (the drainer's search lane applies it)."""
    from forum.adapters import search
    from forum.services.search import search_posts
    from forum.core.transaction import transaction
    from models import Post, db

    queue_ms, visible_ms, plain_ms, with_row_ms = [], [], [], []
    app.config["OUTBOX_SYNCHRONOUS"] = False
    with app.test_request_context("/search"):
        for n in range(samples * 2):
            word, indexed = f"freshword{n}x", n % 2 == 1  # every other post without a row: the baseline
            started = time.perf_counter()
            with transaction():
                number = db.session.scalar(db.select(db.func.max(Post.number)).where(Post.thread_id == 1)) + 1
                post = Post(thread_id=1, author_id=1, number=number, body_markdown=word,
                            body_html=f"<p>{word}</p>", language="en")
                db.session.add(post)
                db.session.flush()
                if indexed:
                    call, cpu_started = time.perf_counter(), time.thread_time()
                    search.index_post(post.id)
                    queue_ms.append(((time.perf_counter() - call) * 1000, (time.thread_time() - cpu_started) * 1000))
            committed = time.perf_counter()
            (with_row_ms if indexed else plain_ms).append((committed - started) * 1000)
            if not indexed:
                continue
            while not search_posts(None, word).items:
                if time.perf_counter() - committed > 30:
                    break
                time.sleep(0.005)
            visible_ms.append((time.perf_counter() - committed) * 1000)
            time.sleep(0.2)
    extra = statistics.median(with_row_ms) - statistics.median(plain_ms)
    print(f"saving transaction p50: {statistics.median(plain_ms):.2f} ms without an index row, "
          f"{statistics.median(with_row_ms):.2f} ms with one ({extra:+.2f} ms)")
    return queue_ms, visible_ms


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--dir", default=None, help="work directory (default: a temporary one)")
    parser.add_argument("--reuse", action="store_true", help="keep the database built by a previous run")
    parser.add_argument("--procs", type=int, default=2, help="index build processes (as `search reindex`)")
    parser.add_argument("--freshness-only", action="store_true", help="skip the query comparison")
    parser.add_argument("--no-fast-path", action="store_true", help="SEARCH_FAST_PATH off: stock Whoosh")
    args = parser.parse_args()
    work = Path(args.dir or tempfile.mkdtemp(prefix="praxis-search-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    db_path = work / "bench.db"
    if db_path.exists() and not args.reuse:
        db_path.unlink()

    from forum import create_app
    from forum.adapters import search

    app = create_app("testing", SQLALCHEMY_DATABASE_URI=f"sqlite:///{db_path}",
                     SEARCH_INDEX_DIR=str(work / "index"), OUTBOX_SYNCHRONOUS=False,
                     SEARCH_FAST_PATH=not args.no_fast_path)
    with app.app_context():
        started = time.perf_counter()
        if not args.reuse:
            build_database(app, Corpus(), args.posts)
            print(f"database: {args.posts} posts in {time.perf_counter() - started:.1f} s")
        started, cpu = time.perf_counter(), _cpu()
        count = search.rebuild(procs=args.procs)
        build, cpu = time.perf_counter() - started, _cpu() - cpu
        live = Path(os.path.realpath(work / "index" / "current"))  # not the previous index kept
        size = sum(f.stat().st_size for f in live.rglob("*") if f.is_file())
        print(f"whoosh index: {count} posts in {build:.1f} s wall, {cpu:.1f} s CPU over {args.procs} "
              f"processes ({count / build:.0f} posts/s), {size / 1e6:.0f} MB; load average "
              f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
        if not args.freshness_only:
            compare_queries(app, db_path, args.queries)
        queue_ms, visible_ms = freshness(app)
        wall, cpu = [w for w, _c in queue_ms], [c for _w, c in queue_ms]
        print(f"new post: recording the update adds p50 {statistics.median(wall):.2f} ms wall "
              f"({statistics.median(cpu):.3f} ms CPU) / max {max(wall):.2f} ms to the transaction; "
              f"searchable after the commit p50 {statistics.median(visible_ms):.0f} ms / max {max(visible_ms):.0f} ms")


def compare_queries(app, db_path, count):
    con, fts_build = build_fts(db_path)
    print(f"fts5 index: built in {fts_build:.1f} s")
    queries = make_queries(count)
    whoosh, whoosh_cpu, totals = run_whoosh(app, queries)
    fts, fts_cpu = run_fts(con, queries)
    print("wall clock:")
    report(whoosh, fts, totals)
    print("CPU time (what an idle core would take):")
    report(whoosh_cpu, fts_cpu, totals)


def report(whoosh, fts, totals):
    print(f"{'kind':8} {'whoosh p50':>11} {'p95':>8} {'fts5 p50':>10} {'p95':>8}")
    for kind in whoosh:
        w, f = whoosh[kind], fts[kind]
        print(f"{kind:8} {statistics.median(w):9.1f}ms {percentile(w, 95):6.1f}ms "
              f"{statistics.median(f):8.1f}ms {percentile(f, 95):6.1f}ms")
    w_all = [v for values in whoosh.values() for v in values]
    f_all = [v for values in fts.values() for v in values]
    w95, f95 = percentile(w_all, 95), percentile(f_all, 95)
    print(f"{'all':8} {statistics.median(w_all):9.1f}ms {w95:6.1f}ms "
          f"{statistics.median(f_all):8.1f}ms {f95:6.1f}ms   (max whoosh {max(w_all):.1f} ms)")
    print(f"whoosh p95 / fts5 p95 = {w95 / f95:.2f}; median result count {statistics.median(totals):.0f}")


if __name__ == "__main__":
    os.environ.setdefault("PRAXIS_ENV", "testing")
    main()
