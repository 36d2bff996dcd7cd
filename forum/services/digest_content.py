"""What goes into one member's digest, built from a summary of the window shared by everyone.

The summary (threads with new visible posts between two instants, their first post and an excerpt)
is computed once per window and depends on the number of active threads, not on the number of
members: memory stays flat however many digests a run sends. Each member's items are then picked
from it by what they follow, and every item is re-checked with forum/permissions.py.
"""
from dataclasses import dataclass, field

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import selectinload

from forum import permissions
from forum.services.subscriptions import effective_level
from forum.text import plain_text
from models import LatePublication, Post, Sector, Thread

NEW_PER_SECTOR = 5
ACTIVE_PER_SECTOR = 5
TOP_WHEN_FOLLOWING_NOTHING = 10
MAX_ITEMS = 25


@dataclass
class Activity:
    """One thread's activity in the window."""

    thread: Thread
    first_post: Post
    excerpt_post: Post
    new_posts: int
    first_new_post_id: int
    is_new: bool
    excerpt: str = ""


@dataclass
class Summary:
    start: object
    end: object
    activities: dict = field(default_factory=dict)   # thread_id -> Activity
    by_sector: dict = field(default_factory=dict)    # sector_id -> [Activity] most active first
    by_tag: dict = field(default_factory=dict)       # tag_id -> [Activity]
    top: list = field(default_factory=list)
    sectors: dict = field(default_factory=dict)      # sector_id -> Sector


def summarize(session, start, end):
    """Threads with new posts in (start, end] that anyone may read, with their excerpts."""
    rows = session.execute(
        select(Post.thread_id, func.count(Post.id), func.min(Post.id), func.max(Post.id))
        .outerjoin(LatePublication, LatePublication.post_id == Post.id)
        .where(_published_between(start, end), permissions.visible_posts_filter(None))
        .group_by(Post.thread_id)).all()
    summary = Summary(start, end, sectors={s.id: s for s in session.scalars(select(Sector))})
    stats = {tid: (count, first_id, last_id) for tid, count, first_id, last_id in rows}
    ids = list(stats)
    for offset in range(0, len(ids), 500):
        _add_threads(session, summary, ids[offset:offset + 500], stats)
    ranked = sorted(summary.activities.values(), key=lambda a: (-a.new_posts, -a.thread.id))
    summary.top = ranked
    for activity in ranked:
        summary.by_sector.setdefault(activity.thread.sector_id, []).append(activity)
        for tag in activity.thread.tags:
            summary.by_tag.setdefault(tag.id, []).append(activity)
    return summary


def _published_between(start, end):
    """Written in the window (and not approved after it), or approved in the window."""
    late = LatePublication.published_at
    written = and_(Post.created_at > start, Post.created_at <= end, or_(late.is_(None), late <= end))
    return or_(written, and_(late > start, late <= end))


def _add_threads(session, summary, ids, stats):
    threads = session.scalars(select(Thread).where(
        Thread.id.in_(ids), permissions.visible_threads_filter(None))
        .options(selectinload(Thread.tags))).unique().all()
    firsts = {p.thread_id: p for p in session.scalars(
        select(Post).where(Post.thread_id.in_(ids), Post.number == 1))}
    lasts = {p.id: p for p in session.scalars(
        select(Post).where(Post.id.in_([stats[t][2] for t in ids])))}
    for thread in threads:
        count, first_id, last_id = stats[thread.id]
        first = firsts.get(thread.id)
        if first is None:
            continue
        is_new = thread.created_at > summary.start
        excerpt_post = first if is_new else lasts.get(last_id, first)
        summary.activities[thread.id] = Activity(
            thread=thread, first_post=first, excerpt_post=excerpt_post, new_posts=count,
            first_new_post_id=first_id, is_new=is_new, excerpt=plain_text(excerpt_post.body_html, 280))


@dataclass
class Follows:
    """One member's subscriptions, split by kind: {target_id: level}."""

    threads: dict = field(default_factory=dict)
    sectors: dict = field(default_factory=dict)
    tags: dict = field(default_factory=dict)

    def add(self, kind, target_id, level):
        {"thread": self.threads, "sector": self.sectors, "tag": self.tags}[kind][target_id] = level

    @property
    def anything(self):
        return any(lvl != "mute" for group in (self.threads, self.sectors, self.tags) for lvl in group.values())

    def level_of(self, thread):
        others = [self.sectors[thread.sector_id]] if thread.sector_id in self.sectors else []
        others += [self.tags[t.id] for t in thread.tags if t.id in self.tags]
        return effective_level(self.threads.get(thread.id), others)


def _candidates(summary, follows):
    if not follows.anything:
        yield from summary.top[:TOP_WHEN_FOLLOWING_NOTHING * 2]
        return
    for thread_id, level in follows.threads.items():
        if level != "mute" and thread_id in summary.activities:
            yield summary.activities[thread_id]
    for groups, followed in ((summary.by_sector, follows.sectors), (summary.by_tag, follows.tags)):
        for target_id, level in followed.items():
            if level == "mute":
                continue
            activities = groups.get(target_id, [])
            yield from [a for a in activities if a.is_new][:NEW_PER_SECTOR]
            yield from activities[:ACTIVE_PER_SECTOR]


def pick(user, summary, follows):
    """[(sector, [item, …]), …] in sector order: what this member may read and wants."""
    chosen, limit = {}, MAX_ITEMS if follows.anything else TOP_WHEN_FOLLOWING_NOTHING
    for activity in _candidates(summary, follows):
        thread = activity.thread
        if thread.id in chosen or follows.level_of(thread) == "mute":
            continue
        if not (permissions.can_view_thread(user, thread) and permissions.can_view_post(user, activity.first_post)
                and permissions.can_view_post(user, activity.excerpt_post)):
            continue
        chosen[thread.id] = activity
        if len(chosen) >= limit:
            break
    groups = {}
    for activity in chosen.values():
        groups.setdefault(activity.thread.sector_id, []).append(_item(activity))
    sectors = sorted((summary.sectors[sid] for sid in groups), key=lambda s: (s.position, s.id))
    return [(sector, sorted(groups[sector.id], key=lambda i: (not i["is_new"], -i["new_posts"])))
            for sector in sectors]


def _item(activity):
    thread, post = activity.thread, activity.excerpt_post
    return {"thread_id": thread.id, "title": thread.title, "excerpt": activity.excerpt,
            "author": post.author.name, "reply_count": thread.reply_count, "new_posts": activity.new_posts,
            "is_new": activity.is_new, "created_at": post.created_at,
            "url": f"/threads/{thread.id}/posts/{activity.first_new_post_id}"}
