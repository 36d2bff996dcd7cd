"""SQLAlchemy models and the `db` object. Imports nothing from `forum/` or `realtime/`."""
from models.base import db, utcnow
from models.moderation import (FLAG_REASONS, Flag, ModerationAction, ModeratorSector, SiteSetting,
                               ThreadRedirect)
from models.post import Post, PostRevision
from models.sector import SECTORS, Sector
from models.thread import Tag, Thread, thread_tags
from models.user import COUNTRIES, ROLES, User

__all__ = [
    "db", "utcnow", "User", "ROLES", "COUNTRIES", "Sector", "SECTORS",
    "Thread", "Tag", "thread_tags", "Post", "PostRevision",
    "ModeratorSector", "Flag", "FLAG_REASONS", "ModerationAction", "ThreadRedirect", "SiteSetting",
]
