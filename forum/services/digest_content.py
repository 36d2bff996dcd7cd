"""What goes into one member's digest, built from a summary of the window shared by everyone.

The summary (threads with new visible posts between two instants, their first post and an excerpt)
is computed once per window and depends on the number of active threads, not on the number of
members: memory stays flat however many digests a run sends. Each member's items are then picked
from it by what they follow, and every item is re-checked with forum/permissions.py.
"""
from dataclasses import dataclass, field

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import selectinload

from forum.core import permissions
from forum.services.subscriptions import effective_level
from forum.adapters.text import plain_text
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
    public: bool = True  # its first and excerpt posts are readable by anyone (counted in "and N more")
    thread_id: int = 0   # plain copies of the ORM attributes, read per member by _left_out
    sector_id: int = 0

    @property
    def kind(self):
        """Which "and N more" count it belongs to."""
        return "new" if self.is_new else "active"


@dataclass
class Summary:
    start: object
    end: object
    activities: dict = field(default_factory=dict)   # thread_id -> Activity
    by_sector: dict = field(default_factory=dict)    # sector_id -> [Activity] most active first
    by_tag: dict = field(default_factory=dict)       # tag_id -> [Activity]
    top: list = field(default_factory=list)
    sectors: dict = field(default_factory=dict)      # sector_id -> Sector
    counts: dict = field(default_factory=dict)       # sector_id -> {"new": n, "active": n} of public threads


@dataclass
class Section:
    """One sector of a member's digest: its items and how many more the caps left out."""

    sector: Sector
    items: list
    more: dict | None  # {"new": n, "active": n}, None when nothing was left out


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
        if activity.public:
            summary.counts.setdefault(activity.thread.sector_id, {"new": 0, "active": 0})[activity.kind] += 1
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
            first_new_post_id=first_id, is_new=is_new, excerpt=plain_text(excerpt_post.body_html, 280),
            public=permissions.can_view_post(None, first) and permissions.can_view_post(None, excerpt_post),
            thread_id=thread.id, sector_id=thread.sector_id)


@dataclass
class Follows:
    """One member's subscriptions, split by kind: {target_id: level}."""

    threads: dict = field(default_factory=dict)
    sectors: dict = field(default_factory=dict)
    tags: dict = field(default_factory=dict)

    def add(self, kind, target_id, level):
        """Record one follow setting of the member."""
        {"thread": self.threads, "sector": self.sectors, "tag": self.tags}[kind][target_id] = level

    @property
    def anything(self):
        """Whether anything is followed at all (no digest is built otherwise)."""
        return any(lvl != "mute" for group in (self.threads, self.sectors, self.tags) for lvl in group.values())

    def level_of(self, thread):
        """The level that applies to a thread: its own, else its sector's or tags'."""
        others = [self.sectors[thread.sector_id]] if thread.sector_id in self.sectors else []
        others += [self.tags[t.id] for t in thread.tags if t.id in self.tags]
        return effective_level(self.threads.get(thread.id), others)


def _candidates(summary, follows):
    """Followed threads, then the new threads of every followed sector and tag, then their most
    active ones: a watched sector's new threads come before merely active threads elsewhere."""
    if not follows.anything:
        yield from summary.top[:TOP_WHEN_FOLLOWING_NOTHING * 2]
        return
    for thread_id, level in follows.threads.items():
        if level != "mute" and thread_id in summary.activities:
            yield summary.activities[thread_id]
    followed = [groups.get(target_id, []) for groups, targets in ((summary.by_sector, follows.sectors),
                                                                  (summary.by_tag, follows.tags))
                for target_id, level in targets.items() if level != "mute"]
    for activities in followed:
        yield from [a for a in activities if a.is_new][:NEW_PER_SECTOR]
    for activities in followed:
        yield from activities[:ACTIVE_PER_SECTOR]


def pick(user, summary, follows):
    """[Section, …] in sector order: what this member may read and wants, and what was left out."""
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
    if not chosen:
        return []
    groups = {}
    for activity in chosen.values():
        groups.setdefault(activity.thread.sector_id, []).append(activity)
    more = _left_out(summary, follows, chosen, groups)
    sectors = sorted((summary.sectors[sid] for sid in set(groups) | set(more)), key=lambda s: (s.position, s.id))
    return [Section(sector, sorted((_item(a) for a in groups.get(sector.id, [])),
                                   key=lambda i: (not i["is_new"], -i["new_posts"])),
                    more.get(sector.id)) for sector in sectors]


def _left_out(summary, follows, chosen, groups):
    """{sector_id: {"new": n, "active": n}} of the public threads the member's follows bring in
    that the caps left out. A followed sector (or, following nothing, a sector shown) counts from
    the summary's totals, less what is shown and what the member muted; other sections count the
    threads of followed tags. Only non-zero entries."""
    counted = set(groups) if not follows.anything else {sid for sid, lvl in follows.sectors.items() if lvl != "mute"}
    more = {}
    for sector_id in counted & set(summary.counts):
        left = dict(summary.counts[sector_id])
        for activity in groups.get(sector_id, []):
            left[activity.kind] -= activity.public
        for thread_id, level in follows.threads.items():
            activity = summary.activities.get(thread_id)
            if level == "mute" and activity and activity.public and activity.sector_id == sector_id:
                left[activity.kind] -= 1
        more[sector_id] = left
    seen = set()
    for tag_id, level in follows.tags.items():
        for activity in summary.by_tag.get(tag_id, []) if level != "mute" else ():
            thread_id = activity.thread_id  # followed through this tag: muted only by its own level
            if (activity.sector_id in counted or thread_id in chosen or thread_id in seen or not activity.public
                    or follows.threads.get(thread_id) == "mute"):
                continue
            seen.add(thread_id)
            more.setdefault(activity.sector_id, {"new": 0, "active": 0})[activity.kind] += 1
    return {sid: left for sid, left in more.items() if left["new"] > 0 or left["active"] > 0}


def _item(activity):
    thread, post = activity.thread, activity.excerpt_post
    return {"thread_id": thread.id, "title": thread.title, "excerpt": activity.excerpt,
            "author": post.author.name, "reply_count": thread.reply_count, "new_posts": activity.new_posts,
            "is_new": activity.is_new, "created_at": post.created_at,
            "url": f"/threads/{thread.id}/posts/{activity.first_new_post_id}"}
