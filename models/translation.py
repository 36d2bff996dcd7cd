"""Machine translations of posts, cached per post version and target language."""
from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from models.base import db, utcnow


class PostTranslation(db.Model):
    """A provider's translation of one version of a post (`post_version` = the post's edit count):
    an edit makes a new version, so an old translation is never shown for new words. Kept out of
    the search index: it is not the author's text."""

    __tablename__ = "post_translations"
    __table_args__ = (UniqueConstraint("post_id", "post_version", "target_language",
                                       name="uq_post_translations_version_target"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"))
    post_version: Mapped[int]
    source_language: Mapped[str] = mapped_column(String(8))
    target_language: Mapped[str] = mapped_column(String(8))
    provider: Mapped[str] = mapped_column(String(40))
    body_html: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
