"""Demo data for `flask --app wsgi seed-demo`: a realistic, multilingual community.

Rows are written in bulk, in one transaction (about a second, against ~30 s through the posting
services one post at a time, each with its own commit and side effects), but every post is
rendered by the same `forum.adapters.text.render_markdown` and every counter (`post_count`,
`reply_count`, `last_number`, `last_post_at`, `last_poster_id`, the sectors' counts) is set
exactly as the services would have left it: `check_counters()` proves it. The search index is
rebuilt once after the commit instead of one update per post. Deterministic: a seeded random
generator picks authors, times and replies; only "now" moves.
"""
import logging
import random
from dataclasses import dataclass, field
from datetime import timedelta

from flask import current_app
from sqlalchemy import func, select
from werkzeug.security import generate_password_hash

from forum.core import outbox
from forum.services.demo.people import MEMBERS, STAFF
from forum.services.demo.replies import QUOTE_ATTRIBUTIONS, QUOTE_REPLIES, REPLIES
from forum.services.demo.threads import THREADS
from forum.services.tags import get_or_create_tags
from forum.adapters.text import render_markdown, slugify
from forum.core.transaction import transaction
from models import DigestWatermark, Post, PostRevision, Sector, Thread, User, utcnow

log = logging.getLogger(__name__)

DEMO_PASSWORD = "praxis-demo-2026"
SEED = 2026
# Threads that get long discussions (more than one page of 20 posts).
LONG_THREADS = {"Welcome! Introduce yourself here": None,
                "Students using AI chatbots for homework: what is your school policy?": 26}
PINNED = {"Welcome! Introduce yourself here", "Shared principles for assessment in the age of AI"}


@dataclass
class SeedResult:
    created: bool
    users: int = 0
    threads: int = 0
    posts: int = 0
    signins: list = field(default_factory=list)


def demo_usernames():
    """The demo's accounts, for tests and the README's sign-in list."""
    return [row[0] for row in STAFF] + [row[0] for row in MEMBERS]


def seed_demo(progress=None, now=None):
    """Create the demo community unless it exists; `progress(n)` is called as threads are built."""
    progress = progress or (lambda n: None)
    now = now or utcnow()
    rng = random.Random(SEED)
    with transaction() as session:
        if session.scalar(select(func.count(User.id)).where(User.username_canonical.in_(demo_usernames()))):
            return SeedResult(created=False, signins=sign_in_help())
        users = _create_users(session, rng, now)
        _mark_digests_covered(session, users, now)
        builder = _Builder(session, rng, now, users)
        for spec in THREADS:
            builder.add_thread(*spec)
            progress(1)
        builder.finish()
        outbox.enqueue("search.rebuild", "search:rebuild")  # bulk rows bypass the per-post events
    return SeedResult(created=True, users=len(users), threads=len(THREADS), posts=builder.post_total,
                      signins=sign_in_help())


def sign_in_help():
    """(username, role) pairs to print: every demo account uses DEMO_PASSWORD."""
    staff = [(row[0], row[-1]) for row in STAFF]
    return staff + [(MEMBERS[0][0], "member"), (MEMBERS[1][0], "member")]


def _create_users(session, rng, now):
    method = current_app.config.get("PASSWORD_HASH_METHOD", "scrypt")
    password_hash = generate_password_hash(DEMO_PASSWORD, method=method)  # one hash for every account
    users = []
    rows = [row[:8] + (row[8],) for row in STAFF] + [row + ("member",) for row in MEMBERS]
    for username, name, country, zone, language, organisation, sector, bio, role in rows:
        user = User(username=username, username_canonical=username.lower(), email=f"{username}@demo.praxis.eu",
                    password_hash=password_hash, role=role, display_name=name, country=country,
                    timezone=zone, language=language, organisation=organisation, sector_of_work=sector,
                    bio_markdown=bio, bio_html=render_markdown(bio).html,
                    created_at=now - timedelta(days=rng.randint(200, 420), minutes=rng.randint(0, 1440)),
                    email_verified_at=now - timedelta(days=199))
        users.append(user)
    session.add_all(users)
    session.flush()
    return users


def _mark_digests_covered(session, users, now):
    """The seeded history is backdated, not news: each demo account's digest watermark starts at
    the seed, so the first scheduler run sends them nothing, and later digests carry only what is
    really written afterwards (their email stays on: the demo shows digests working)."""
    session.add_all([DigestWatermark(user_id=user.id, covered_until=now) for user in users])


class _Builder:
    """Builds threads and replies in memory, keeping counters the way the services do."""

    def __init__(self, session, rng, now, users):
        self.session, self.rng, self.now = session, rng, now
        self.users = users
        self.members = [u for u in users if u.role == "member"]
        self.staff = [u for u in users if u.role != "member"]
        self.sectors = {s.slug: s for s in session.scalars(select(Sector))}
        self.html_cache = {}
        self.post_total = 0
        self.sector_posts = {}

    def render(self, source):
        if source not in self.html_cache:
            self.html_cache[source] = render_markdown(source).html
        return self.html_cache[source]

    def author_for(self, language):
        speakers = [u for u in self.members if u.language == language]
        if speakers and self.rng.random() < 0.8:
            return self.rng.choice(speakers)
        return self.rng.choice(self.members)

    def add_thread(self, sector_slug, language, tags, title, body):
        rng = self.rng
        created = self.now - timedelta(days=rng.uniform(3, 200))
        author = self.author_for(language)
        thread = Thread(sector_id=self.sectors[sector_slug].id, author_id=author.id, title=title,
                        slug=slugify(title), created_at=created, is_pinned=title in PINNED)
        thread.tags = get_or_create_tags(self.session, [t.strip() for t in tags.split(",")])
        self.session.add(thread)
        posts = [Post(thread=thread, author_id=author.id, number=1, body_markdown=body,
                      body_html=self.render(body), language=language, created_at=created)]
        for number, (when, replier, text, lang) in enumerate(self.replies(title, language, created, author,
                                                                          body), start=2):
            posts.append(Post(thread=thread, author_id=replier.id, number=number, body_markdown=text,
                              body_html=self.render(text), language=lang, created_at=when))
        self.session.add_all(posts)
        last = posts[-1]
        thread.post_count = thread.last_number = len(posts)
        thread.reply_count = len(posts) - 1
        thread.last_post_at, thread.last_poster_id = last.created_at, last.author_id
        self.post_total += len(posts)
        counts = self.sector_posts.setdefault(sector_slug, [0, 0, None])
        counts[0] += 1
        counts[1] += len(posts)
        counts[2] = max(filter(None, (counts[2], last.created_at)))
        if rng.random() < 0.08:
            self.edit(posts[0], author)

    def replies(self, title, language, created, author, opener):
        """(time, author, Markdown, language) of each reply, in order."""
        rng = self.rng
        if title.startswith("Welcome!"):
            return self.introductions(created)
        count = LONG_THREADS.get(title) or rng.choice((0, 1, 2, 2, 3, 3, 4, 4, 5, 6, 7, 9, 12))
        pool = REPLIES.get(language) or REPLIES["en"]
        when, previous, out = created, author, []
        for _ in range(count):
            when += timedelta(hours=rng.expovariate(1 / 20))
            if when >= self.now:
                break
            choices = [u for u in self.users if u.id != previous.id and u.role == "member"]
            replier = rng.choice(self.staff) if rng.random() < 0.06 else rng.choice(choices)
            text = rng.choice(pool).replace("{title}", f"“{title}”")
            if rng.random() < 0.1:
                text = self.quote(author, opener, language) + text
            lang = language if language in REPLIES else "en"
            out.append((when, replier, text, lang))
            previous = replier
        return out

    def quote(self, author, opener, language):
        first = opener.split("\n\n")[0]
        lead = self.rng.choice(QUOTE_REPLIES.get(language, QUOTE_REPLIES["en"]))
        wrote = QUOTE_ATTRIBUTIONS[language if language in QUOTE_REPLIES else "en"].format(name=author.name)
        return f"{wrote}\n> {first}\n\n{lead} "

    def introductions(self, created):
        out, when = [], created
        for user in self.rng.sample(self.members, 24):
            when += timedelta(hours=self.rng.uniform(2, 60))
            if when >= self.now:
                break
            sector = self.sectors[user.sector_of_work].name.lower()
            text = (f"Hi everyone! I'm {user.name}, working at {user.organisation} "
                    f"({user.country_name}). My field is {sector}. I'm here to learn from colleagues "
                    f"and share what we do.")
            out.append((when, user, text, "en"))
        return out

    def edit(self, post, author):
        """A few opening posts were edited: keep the earlier version, as edit_post does."""
        self.session.flush()
        earlier = post.body_markdown
        post.body_markdown = earlier + "\n\n*Edit: added a question at the end. Thanks for the replies!*"
        post.body_html = self.render(post.body_markdown)
        post.edit_count, post.edited_at = 1, post.created_at + timedelta(hours=3)
        self.session.add(PostRevision(post_id=post.id, editor_id=author.id, number=1,
                                      title=post.thread.title, body_markdown=earlier,
                                      body_html=self.render(earlier), created_at=post.edited_at))

    def finish(self):
        for slug, (threads, posts, last) in self.sector_posts.items():
            sector = self.sectors[slug]
            sector.thread_count += threads
            sector.post_count += posts
            if sector.last_post_at is None or last > sector.last_post_at:
                sector.last_post_at = last
        self.session.flush()


def check_counters(session):
    """Differences between stored counters and the rows (empty when consistent)."""
    problems = []
    rows = session.execute(select(
        Thread.id, Thread.post_count, Thread.reply_count, Thread.last_number, Thread.last_post_at,
        Thread.last_poster_id, func.count(Post.id), func.max(Post.number), func.max(Post.created_at))
        .join(Post, Post.thread_id == Thread.id).group_by(Thread.id)).all()
    for tid, posts, replies, last_number, last_at, last_poster, n, max_number, max_at in rows:
        if (posts, replies, last_number, last_at) != (n, n - 1, max_number, max_at):
            problems.append(f"thread {tid}: {(posts, replies, last_number, last_at)} != {(n, n - 1, max_number, max_at)}")
        poster = session.scalar(select(Post.author_id).where(Post.thread_id == tid, Post.number == max_number))
        if poster != last_poster:
            problems.append(f"thread {tid}: last poster {last_poster} != {poster}")
    for sector in session.scalars(select(Sector)):
        threads = session.scalar(select(func.count(Thread.id)).where(Thread.sector_id == sector.id))
        posts, last = session.execute(select(func.count(Post.id), func.max(Post.created_at)).join(Thread)
                                      .where(Thread.sector_id == sector.id)).one()
        if (sector.thread_count, sector.post_count, sector.last_post_at) != (threads, posts, last):
            problems.append(f"sector {sector.slug}: {(sector.thread_count, sector.post_count)} != {(threads, posts)}")
    return problems
