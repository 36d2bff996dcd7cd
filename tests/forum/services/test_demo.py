"""`flask seed-demo`: a realistic community, consistent counters, idempotent, pages that serve it."""
from sqlalchemy import distinct, func, select

from forum.services import demo
from models import Post, PostRevision, Sector, Tag, Thread, User, db


def test_seed_demo_builds_a_consistent_community_once(app, client):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    assert "praxis-demo-2026" in result.output and "admin" in result.output

    count = lambda column, *where: db.session.scalar(select(func.count(column)).where(*where))  # noqa: E731
    assert count(User.id, User.role == "member") >= 30
    assert count(User.id, User.role == "moderator") == 2 and count(User.id, User.role == "admin") == 1
    assert db.session.scalar(select(func.count(distinct(User.country)))) >= 12
    assert count(Thread.id) >= 80 and count(Post.id) >= 300
    assert db.session.scalar(select(func.count(distinct(Post.language)))) >= 8
    assert all(s.thread_count >= 5 for s in db.session.scalars(select(Sector)))
    tags = set(db.session.scalars(select(Tag.name)))
    assert {"interoperability", "accessibility", "inclusion", "assessment", "ai",
            "quality-assurance", "sustainability"} <= tags
    assert count(PostRevision.id) >= 1
    assert demo.check_counters(db.session) == []
    assert max(db.session.scalars(select(Thread.post_count))) > 20  # a thread with two pages

    before = (count(User.id), count(Thread.id), count(Post.id))
    again = runner.invoke(args=["seed-demo"])
    assert again.exit_code == 0 and "nothing changed" in again.output
    assert (count(User.id), count(Thread.id), count(Post.id)) == before

    long_thread = db.session.scalar(select(Thread).order_by(Thread.post_count.desc()).limit(1))
    for url in ("/", "/sectors/vet", "/tags/accessibility", f"/threads/{long_thread.id}",
                f"/threads/{long_thread.id}?page=2", "/users/anna_k"):
        assert client.get(url).status_code == 200, url
    client.login("anna_k", demo.DEMO_PASSWORD)


def test_the_demo_is_deterministic_apart_from_the_clock(app):
    from models import utcnow

    now = utcnow()
    demo.seed_demo(now=now)
    first = db.session.execute(select(Post.author_id, Post.number, Post.body_markdown, Post.created_at)
                               .order_by(Post.id)).all()
    db.session.remove()
    db.drop_all()
    db.create_all()
    from forum.services.setup import ensure_sectors

    ensure_sectors()
    demo.seed_demo(now=now)
    second = db.session.execute(select(Post.author_id, Post.number, Post.body_markdown, Post.created_at)
                                .order_by(Post.id)).all()
    assert first == second


def test_demo_quotes_are_attributed_in_the_language_of_their_reply(app):
    demo.seed_demo()
    quotes = db.session.execute(select(Post.language, Post.body_markdown).where(Post.body_markdown.contains(":\n> "))).all()
    assert {"de", "fr", "es"} & {language for language, _body in quotes}
    for language, body in quotes:
        attribution = body.split("\n", 1)[0]
        expected = {"de": " schrieb:", "fr": " a écrit :", "es": " escribió:"}.get(language, " wrote:")
        assert attribution.endswith(expected), (language, attribution)
