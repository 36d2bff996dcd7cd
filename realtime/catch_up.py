"""The `catch_up` event: what a page missed while its socket was away (split from handlers.py).

{"thread": id, "after": last seen post id, "shown": {post id: data-version}}: the visible posts
written since, and the shown posts that changed or that the reader may no longer see. Each
post is filtered by the SQL filter and the predicates derived from the visibility table.
"""
import re

from sqlalchemy import select

from forum.core import permissions
from models import Post, db
from realtime import socketio
from realtime.handlers import MAX_ID, BadRequest, _guarded, _thread_id, _visible_thread
from forum.adapters.live.rooms import post_payload

CATCH_UP_LIMIT = 50     # more missed posts than this: the page offers a reload instead


@socketio.on("catch_up")
@_guarded
def on_catch_up(hub, conn, user, payload):
    """{"thread": id, "after": last seen post id, "shown": {post id: data-version}} -> the
    visible posts written since, in order; with `shown`, also the shown posts that changed
    (edited, hidden, restored) and those the reader may no longer see."""
    if not {"thread", "after"} <= set(payload) <= {"thread", "after", "shown"}:
        raise BadRequest("expected {\"thread\": id, \"after\": post id, \"shown\": {id: version}}")
    thread = _visible_thread(user, _thread_id(payload["thread"]))
    shown = _shown(payload.get("shown", {}))
    after = payload["after"]
    if type(after) is not int or not 0 <= after <= MAX_ID:
        raise BadRequest("after must be a post id")
    posts = db.session.scalars(
        select(Post).where(Post.thread_id == thread.id, Post.id > after,
                           permissions.visible_posts_filter(user))
        .order_by(Post.number).limit(CATCH_UP_LIMIT + 1)).all()
    more = len(posts) > CATCH_UP_LIMIT
    items = [post_payload(p, permissions.can_view_post(user, p)) for p in posts[:CATCH_UP_LIMIT]]
    changed, gone = _changed(user, thread, shown)
    return {"ok": True, "posts": items, "more": more, "changed": changed, "gone": gone}


def _shown(value):
    """{"<post id>": "<8 hex digits>"} for at most one page of posts."""
    if not isinstance(value, dict) or len(value) > CATCH_UP_LIMIT:
        raise BadRequest("shown must map at most 50 post ids to versions")
    shown = {}
    for key, version in value.items():
        if not (isinstance(key, str) and key.isdigit() and 0 < int(key) <= MAX_ID
                and isinstance(version, str) and re.fullmatch(r"[0-9a-f]{8}", version)):
            raise BadRequest("shown must map post ids to versions")
        shown[int(key)] = version
    return shown


def _changed(user, thread, shown):
    """(payloads of shown posts whose version moved, ids of shown posts this reader lost)."""
    if not shown:
        return [], []
    posts = {p.id: p for p in db.session.scalars(select(Post).where(
        Post.id.in_(sorted(shown)), Post.thread_id == thread.id, Post.deleted_at.is_(None)))}
    changed, gone = [], []
    for post_id, version in shown.items():
        post = posts.get(post_id)
        readable = post is not None and permissions.can_view_post(user, post)
        if post is None or (post.is_pending and not readable):
            gone.append(post_id)
        elif post.state_version != version:
            changed.append(post_payload(post, readable))
    return changed, gone


