"""Index documents built from committed database rows (the database is the source of truth)."""
from datetime import timezone

from sqlalchemy import select

from forum.core import visibility
from forum.adapters.search.whoosh.analysis import normalise_text, tag_value
from forum.adapters.text import html_to_text
from models import Post, Sector, Tag, Thread, ThreadRedirect, User, db, thread_tags  # noqa: F401

def post_text(body_html):
    """A post's text as the index and the snippets read it (normalised, no hidden characters)."""
    return normalise_text(html_to_text(body_html))


def _columns():
    return (Post.id, Post.thread_id, Post.number, Post.author_id, Post.body_html, Post.language,
            Post.created_at, Post.hidden_at, Post.pending_at, Post.deleted_at, Thread.title,
            Thread.deleted_at, Thread.pending_at, Thread.author_id, Sector.id, Sector.slug,
            User.username_canonical, ThreadRedirect.old_thread_id)


def _base_query():
    return (select(*_columns()).join(Thread, Thread.id == Post.thread_id)
            .join(Sector, Sector.id == Thread.sector_id).join(User, User.id == Post.author_id)
            .outerjoin(ThreadRedirect, ThreadRedirect.old_thread_id == Thread.id))


def _tags_for(session, thread_ids):
    """thread id -> "tag1,tag2" for the given threads (one query)."""
    rows = session.execute(
        select(thread_tags.c.thread_id, Tag.name).join(Tag, Tag.id == thread_tags.c.tag_id)
        .where(thread_tags.c.thread_id.in_(thread_ids)))
    tags = {}
    for thread_id, name in rows:
        tags.setdefault(thread_id, []).append(name)
    return {key: ",".join(sorted(value)) for key, value in tags.items()}


def to_document(row, tags):
    """The index document of one post row, or None when nobody may ever see it (deleted)."""
    (post_id, thread_id, number, author_id, body_html, language, created_at, hidden_at, pending_at,
     deleted_at, title, thread_deleted_at, thread_pending_at, thread_author_id, sector_id, sector,
     author, merged_from) = row
    flags = index_flags(
        visibility.post_state(deleted_at, pending_at, hidden_at),
        visibility.thread_state(thread_deleted_at, thread_pending_at, merged_from is not None))
    if flags is None:
        return None
    text = post_text(body_html)
    first = number == 1
    doc = {
        "post_id": str(post_id), "thread_id": str(thread_id), "sector": sector, "author": author,
        "author_id": str(author_id), "lang": (language or "en").lower()[:8], "tags": tags,
        "created": int(created_at.replace(tzinfo=timezone.utc).timestamp() * 1000),  # ms: sorts ties
        "sector_id": str(sector_id), "thread_author_id": str(thread_author_id),
        "body": tag_value(language, text),
        "body_pairs": tag_value(language, text),
        "words": tag_value(language, f"{title} {text}" if first else text),
    }
    # Flags only where set (see store.make_schema): most posts are first=False, open, visible.
    if first:
        doc["title"] = doc["title_pairs"] = tag_value(language, normalise_text(title))
        doc["first"] = True
    doc.update(flags)
    return doc


STATE_FIELDS = {visibility.POST: "post_state", visibility.THREAD: "thread_state"}


def index_flags(post_state, thread_state):
    """The visibility fields of a post's document, from the table: the state of the post and of
    its thread, each written only when it is not the public one (the query mask in
    ranking.mask_docs reads them); None when nobody may see the post (never indexed)."""
    flags = {}
    for kind, state in ((visibility.POST, post_state), (visibility.THREAD, thread_state)):
        if visibility.is_invisible(kind, state):
            return None
        if state != visibility.PUBLIC_STATE[kind]:
            flags[STATE_FIELDS[kind]] = state
    return flags


def documents_for(session, post_ids=(), thread_ids=()):
    """(documents, ids of posts to drop) for these posts and every post of these threads."""
    post_ids, thread_ids = set(post_ids), set(thread_ids)
    rows = []
    for chunk in _chunks(sorted(post_ids), 500):
        rows += session.execute(_base_query().where(Post.id.in_(chunk))).all()
    for chunk in _chunks(sorted(thread_ids), 200):
        rows += session.execute(_base_query().where(Post.thread_id.in_(chunk))).all()
    tags = _tags_for(session, {row.thread_id for row in rows}) if rows else {}
    docs, seen = [], set()
    for row in rows:
        if row.id in seen:
            continue
        seen.add(row.id)
        doc = to_document(row, tags.get(row.thread_id, ""))
        if doc is not None:
            docs.append(doc)
    found = {int(doc["post_id"]) for doc in docs}
    return docs, (post_ids | seen) - found


def all_documents(session, after_id=0, up_to_id=None, batch=2000):
    """Every indexable post (with an id in the range), streamed in id order (for a rebuild)."""
    last_id = after_id
    while True:
        query = _base_query().where(Post.id > last_id)
        if up_to_id is not None:
            query = query.where(Post.id <= up_to_id)
        rows = session.execute(query.order_by(Post.id).limit(batch)).all()
        if not rows:
            return
        tags = _tags_for(session, {row.thread_id for row in rows})
        for row in rows:
            doc = to_document(row, tags.get(row.thread_id, ""))
            if doc is not None:
                yield doc
        last_id = rows[-1].id


def count_posts(session):
    """How many posts the database holds, to compare with the index after a rebuild."""
    return session.scalar(select(db.func.count(Post.id)))


def _chunks(items, size):
    for start in range(0, len(items), size):
        yield items[start:start + size]
