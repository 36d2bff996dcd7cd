"""Move a thread to another sector (the moderator must moderate both)."""
from flask_babel import _

from forum.services import events
from forum.core.errors import Conflict, ValidationError
from forum.services.moderation.audit import record
from forum.services.moderation.common import (bump_sector, check_reason, load_sector, load_thread,
                                              require_moderator, tell_author, thread_state)
from forum.core.transaction import transaction


def move_thread(actor, thread_id, sector, reason="", expected_sector=None):
    """Move to `sector` (id, slug or Sector).

    `expected_sector` is the sector the moderator's page showed: when the thread already stands in
    the destination because this very form was submitted twice, the repeat changes nothing; when
    someone else moved it meanwhile, a 409 says so; a move to where it already is, is refused.
    """
    reason = check_reason(reason)
    with transaction() as session:
        thread = load_thread(session, thread_id)
        destination = load_sector(session, sector)
        require_moderator(actor, thread, "move_thread")
        require_moderator(actor, destination, "move_thread")
        expected = load_sector(session, expected_sector).id if expected_sector else None
        if thread.sector_id == destination.id:
            if expected is not None and expected != destination.id:
                return thread  # a repeated submit of a move that already happened
            raise ValidationError("sector", _("The thread is already in this sector."))
        if expected is not None and expected != thread.sector_id:
            raise Conflict(_("Someone moved this thread meanwhile: reload the page and check."))
        before = thread_state(thread)
        live_posts = thread.post_count if thread.deleted_at is None else 0
        live_threads = 1 if thread.deleted_at is None else 0
        bump_sector(session, thread.sector_id, threads=-live_threads, posts=-live_posts)
        bump_sector(session, destination.id, threads=live_threads, posts=live_posts)
        thread.sector_id = destination.id
        session.flush()
        session.refresh(thread, ["sector"])
        record(session, actor, "move_thread", thread, reason=reason, before=before, after=thread_state(thread))
        events.thread_updated(thread.id)
        tell_author(session, thread.id, "moved", reason)
    return thread
