"""Read queries for pages, each asking the permission policy for its filter.

Every list runs a fixed number of queries however long it is (eager loads, stored counters).
"""
from flask import current_app
from sqlalchemy import func, select
from sqlalchemy.orm import contains_eager, lazyload

from forum.core import permissions
from forum.core.pagination import Page, page_arg, paginate
from forum.services.languages import read_languages, threads_in_read_languages
from models import Post, Sector, Tag, Thread, User, db, thread_tags


def sectors_overview():
    """Sectors in order, each with its most recently active visible thread (two queries).

    A correlated LIMIT 1 per sector walks the (sector_id, last_post_at) index: the cost does not
    grow with the number of threads.
    """
    sectors = db.session.scalars(select(Sector).order_by(Sector.position)).all()
    latest_id = (select(Thread.id).where(Thread.sector_id == Sector.id, Thread.deleted_at.is_(None),
                                         Thread.pending_at.is_(None))
                 .order_by(Thread.last_post_at.desc()).limit(1).correlate(Sector).scalar_subquery())
    latest = db.session.scalars(
        select(Thread).where(Thread.id.in_(select(latest_id).select_from(Sector)))
        .options(lazyload(Thread.tags))).all()
    by_sector = {t.sector_id: t for t in latest}
    return [(sector, by_sector.get(sector.id)) for sector in sectors]


def latest_threads(user, limit=15):
    """The newest threads this reader may see, for the home page."""
    return db.session.scalars(
        select(Thread).where(permissions.visible_threads_filter(user), threads_in_read_languages(user))
        .order_by(Thread.last_post_at.desc()).limit(limit)).all()


def sector_threads(user, sector):
    """A page of the sector's threads: pinned first, then by last activity."""
    query = (select(Thread).where(Thread.sector_id == sector.id, permissions.visible_threads_filter(user),
                                  threads_in_read_languages(user))
             .order_by(Thread.is_pinned.desc(), Thread.last_post_at.desc(), Thread.id.desc()))
    stored = not permissions.can_moderate(user, sector) and not _reads_some_languages(user)
    count = sector.thread_count if stored else db.session.scalar(
        select(func.count()).select_from(query.order_by(None).subquery()))
    return paginate(query, db.session, current_app.config["THREADS_PER_PAGE"], count)


def tag_threads(user, tag):
    """The threads carrying a tag that this reader may see."""
    query = (select(Thread).join(thread_tags).where(
        thread_tags.c.tag_id == tag.id, permissions.visible_threads_filter(user), threads_in_read_languages(user))
        .order_by(Thread.last_post_at.desc(), Thread.id.desc()))
    count = db.session.scalar(select(func.count()).select_from(query.subquery()))
    return paginate(query, db.session, current_app.config["THREADS_PER_PAGE"], count)


def _reads_some_languages(user):
    return user is not None and user.is_authenticated and bool(read_languages(user))


def page_of(number, per_page=None):
    """The page on which post number `number` stands."""
    per_page = per_page or current_app.config["POSTS_PER_PAGE"]
    return (number - 1) // per_page + 1


def thread_for_page(thread_id):
    """A thread with what its page shows: sector and author joined, tags in a second query (a
    joined many-to-many makes SQLite materialise the whole tag table)."""
    return db.session.scalars(
        select(Thread).where(Thread.id == thread_id).options(lazyload(Thread.last_poster))).one_or_none()


def thread_posts(thread):
    """One page of posts by number range (index range scan: as fast on page 250 as on page 1).

    Deleted posts are left out; hidden ones stay as placeholders (the template asks the policy).
    """
    per_page = current_app.config["POSTS_PER_PAGE"]
    page = page_arg(page_of(max(thread.last_number, 1)))
    first = (page - 1) * per_page + 1
    posts = db.session.scalars(
        select(Post).where(Post.thread_id == thread.id, Post.number.between(first, first + per_page - 1),
                           Post.deleted_at.is_(None))
        .order_by(Post.number)).all()
    return Page(items=posts, page=page, per_page=per_page, total=thread.last_number)


def user_recent(viewer, user, limit=10):
    """A member's recent threads and posts, as the viewer may see them."""
    threads = db.session.scalars(
        select(Thread).where(Thread.author_id == user.id, permissions.visible_threads_filter(viewer))
        .order_by(Thread.created_at.desc()).limit(limit)).all()
    posts = db.session.scalars(
        select(Post).join(Post.thread).where(
            Post.author_id == user.id, Post.number > 1, permissions.visible_posts_filter(viewer),
            permissions.visible_threads_filter(viewer))
        .options(contains_eager(Post.thread))
        .order_by(Post.created_at.desc()).limit(limit)).all()
    return threads, posts


def get_user(username):
    """A member by username, case-insensitively (profile URLs use it)."""
    return db.session.scalar(select(User).where(User.username_canonical == username.lower()))


def get_sector(slug):
    """A sector by its URL slug."""
    return db.session.scalar(select(Sector).where(Sector.slug == slug))


def get_tag(name):
    """A tag by its name, case-insensitively."""
    return db.session.scalar(select(Tag).where(Tag.name == name.lower()))


def all_sectors():
    """Every sector in its display order, for menus and forms."""
    return db.session.scalars(select(Sector).order_by(Sector.position)).all()
