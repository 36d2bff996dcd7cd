"""Room names and the server-rendered fragments live events carry.

Audiences per thread: `thread:<id>` (anonymous readers and members), `thread:<id>:mod` (those
who may moderate it: they see hidden posts), `thread:<id>:members` (every signed-in socket),
`thread:<id>:user:<uid>` (one member's sockets on that thread: an author sees their own hidden
post). A socket on a thread page is in exactly one of the first two, members also in the last
two. forum/adapters/live/audiences.py derives both who joins what and where each event goes from the
visibility table.
"""
from contextlib import contextmanager

from flask import current_app, get_template_attribute, has_request_context, render_template
from flask_login import AnonymousUserMixin


def thread_room(thread_id):
    """The room of everyone allowed to read a thread's visible posts."""
    return f"thread:{thread_id}"


def moderators_room(thread_id):
    """The room of a thread's moderators, who also see hidden and pending posts."""
    return f"thread:{thread_id}:mod"


def members_room(thread_id):
    """The room of a thread's signed-in readers (members-only events go here)."""
    return f"thread:{thread_id}:members"


def author_room(thread_id, user_id):
    """One member's room within a thread: their own pending posts reach only them."""
    return f"thread:{thread_id}:user:{user_id}"


def sector_room(slug):
    """The room of a sector page's readers (new threads appear there)."""
    return f"sector:{slug}"


def user_room(user_id):
    """A member's own room, for their notifications and forced disconnects."""
    return f"user:{user_id}"


HOME_ROOM = "home"


@contextmanager
def neutral_context():
    """A fresh app and request context with nobody signed in: fragments never carry the
    poster's identity, and the database session reads what was committed."""
    app = current_app._get_current_object()
    with app.app_context(), app.test_request_context("/"):
        yield


class _Fragment:
    """What the post template asks while rendering an event's fragment: whether the body is
    readable is the publisher's answer from the table (the fragment is rendered once for an
    audience, not for one viewer), every per-viewer control (Quote, Edit) is off and the
    browser adds those it is entitled to."""

    def __init__(self, readable):
        self.readable = readable

    def can_view_post(self, _viewer, _post):
        return self.readable

    def can_post(self, _viewer, _thread):
        return False

    def can_edit_post(self, _viewer, _post):
        return False


def post_payload(post, readable):
    """The event body for one post: ids, author, and the fragment exactly as the page shows it."""
    html = render_template("threads/_post.html", post=post, viewer=AnonymousUserMixin(),
                           permissions=_Fragment(readable))
    return {
        "thread_id": post.thread_id, "post_id": post.id, "number": post.number,
        "author_id": post.author_id, "author_name": post.author.name,
        "hidden": post.is_hidden, "html": html.strip(),
    }


def thread_row(thread, show_sector):
    """The thread list row of sector and home pages (templates/_macros.html)."""
    assert has_request_context()
    return str(get_template_attribute("_macros.html", "thread_row")(thread, show_sector=show_sector)).strip()
