"""SQLAlchemy models and the `db` object. Imports nothing from `forum/` or `realtime/`."""
from sqlalchemy import select
from sqlalchemy.orm import column_property

from models.base import db, utcnow
from models.mail import (DIGEST_FREQUENCIES, AccountToken, DigestSend, DigestWatermark, EmailPreference,
                         ImmediateEmail, LatePublication)
from models.moderation import (FLAG_REASONS, Flag, ModerationAction, ModeratorSector, SiteSetting,
                               ThreadRedirect)
from models.notification import Notification, ThreadRead
from models.outbox import OutboxEntry
from models.post import Post, PostRevision
from models.public_version import PublicVersion
from models.sector import SECTORS, Sector
from models.subscription import LEVELS, TARGETS, Subscription
from models.thread import Tag, Thread, thread_tags
from models.translation import PostTranslation
from models.user import COUNTRIES, ROLES, User

# A thread's language is its first post's: read with the thread in the same query (an indexed
# correlated lookup), so lists can show and filter it without a column to keep in step.
Thread.language = column_property(
    select(Post.language).where(Post.thread_id == Thread.id, Post.number == 1)
    .correlate_except(Post).scalar_subquery())

__all__ = [
    "db", "utcnow", "User", "ROLES", "COUNTRIES", "Sector", "SECTORS",
    "Thread", "Tag", "thread_tags", "Post", "PostRevision", "PostTranslation", "PublicVersion",
    "Subscription", "LEVELS", "TARGETS", "Notification", "ThreadRead", "EmailPreference",
    "DigestWatermark", "DigestSend", "ImmediateEmail", "AccountToken", "DIGEST_FREQUENCIES",
    "LatePublication", "OutboxEntry",
    "ModeratorSector", "Flag", "FLAG_REASONS", "ModerationAction", "ThreadRedirect", "SiteSetting",
]
