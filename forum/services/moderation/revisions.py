"""Earlier versions of a post: who may read them, and purging one for good.

An edit that takes a phone number or an address out of a post must take it out of view: the
earlier versions are for the author and the post's moderators, and a moderator can purge one.
"""
from flask_babel import _

from forum.core import permissions
from forum.adapters import search
from forum.core.errors import NotFound
from forum.services.moderation.audit import record
from forum.services.moderation.common import check_reason, ident, load_post, require_moderator
from forum.core.transaction import transaction
from models import PostRevision, db


def is_purged(revision):
    """A purged version keeps its number, date and editor; its text is gone (no saved version
    is ever empty: posts need a body)."""
    return not revision.body_markdown


def for_post(viewer, post):
    """The earlier versions of `post`, newest first, when `viewer` may read them (else None)."""
    if not permissions.can_view_revisions(viewer, post):
        return None
    return db.session.scalars(db.select(PostRevision).where(PostRevision.post_id == post.id)
                              .order_by(PostRevision.number.desc())).all()


def get_revision(revision_id):
    """A revision by id, or None (the moderation gate resolves its post from it)."""
    return db.session.get(PostRevision, revision_id)


def purge_revision(actor, revision_id, reason):
    """Remove an earlier version's text for good. The audit entry says who, when and why, and
    never what; the search index is refreshed from the post as it now stands."""
    reason = check_reason(reason, required=True)
    with transaction() as session:
        revision = session.get(PostRevision, ident(revision_id))
        if revision is None:
            raise NotFound(_("This version does not exist (any more)."))
        post = load_post(session, revision.post_id)
        require_moderator(actor, post, "purge_revision")
        if is_purged(revision):
            return revision
        before = {"version": revision.number, "length": len(revision.body_markdown)}
        revision.body_markdown = revision.body_html = ""
        revision.title = None
        record(session, actor, "purge_revision", post, reason=reason, before=before,
               after={"version": revision.number, "purged": True})
        search.index_post(post.id)
    return revision
