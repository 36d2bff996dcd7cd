"""How much the moderation policy costs a reader: thread page, sector page and dashboard times
for each role on a temporary SQLite database. Prints figures; asserts nothing.

    .venv/bin/python bench/moderation.py [threads=200] [posts_per_thread=40]
"""
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from forum import create_app  # noqa: E402
from tests.support import FormClient  # noqa: E402


def _seed(threads, posts):
    from forum.services.moderation import flags, hide
    from forum.services.setup import ensure_sectors
    from models import Post, Thread, db, utcnow
    from tests.forum.moderation.support import quick_user

    ensure_sectors()
    members = [quick_user(f"member{n}") for n in range(20)]
    quick_user("modschool", "moderator", ["school"])
    quick_user("global", "moderator")
    sectors = db.session.scalars(db.select(db.text("id")).select_from(db.text("sectors"))).all()
    now = utcnow()
    for t in range(threads):
        thread = Thread(sector_id=sectors[t % len(sectors)], author_id=members[t % 20].id, title=f"Thread {t}",
                        slug=f"thread-{t}", created_at=now, last_post_at=now, post_count=posts,
                        reply_count=posts - 1, last_number=posts)
        db.session.add(thread)
        db.session.flush()
        db.session.add_all(Post(thread_id=thread.id, author_id=members[(t + n) % 20].id, number=n + 1,
                                body_markdown="text", body_html="<p>text</p>", created_at=now)
                           for n in range(posts))
    db.session.commit()
    first_school = db.session.scalar(db.select(Thread.id).where(Thread.sector_id == sectors[1]))
    victims = db.session.scalars(db.select(Post.id).where(Post.thread_id == first_school).limit(6)).all()
    admin = quick_user("admin", "admin")
    for post_id in victims[1:4]:
        hide.hide_post(admin, post_id, "bench")
    for post_id in victims[4:6]:
        flags.flag_post(members[0], post_id, "spam")
    return first_school


def _time(client, url, rounds=20):
    client.get(url)
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        assert client.get(url).status_code == 200, url
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def main(threads=200, posts=40):
    with tempfile.TemporaryDirectory() as tmp:
        app = create_app("testing", SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp}/bench.db",
                         SEARCH_INDEX_DIR=f"{tmp}/index", MAIL_OUTBOX_DIR=f"{tmp}/outbox")
        app.test_client_class = FormClient
        with app.app_context():
            from models import db
            db.create_all()
            thread_id = _seed(threads, posts)
            print(f"{threads} threads × {posts} posts; median of 20 requests, ms")
            for role in ("anonymous", "member1", "modschool", "global"):
                client = app.test_client()
                if role != "anonymous":
                    client.login(role)
                figures = [f"thread page {_time(client, f'/threads/{thread_id}?page=2'):6.1f}",
                           f"sector page {_time(client, '/sectors/school'):6.1f}"]
                if role in ("modschool", "global"):
                    figures.append(f"dashboard {_time(client, '/moderation'):6.1f}")
                    figures.append(f"flag queue {_time(client, '/moderation/flags'):6.1f}")
                print(f"  {role:10} " + "   ".join(figures))


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:3]))
