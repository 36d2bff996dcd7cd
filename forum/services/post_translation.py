"""Translate a post for a reader: from the cache, else from the provider, then cached."""
from functools import partial

import bleach
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from forum.core import permissions
from forum.adapters.text import ALLOWED_ATTRIBUTES, ALLOWED_PROTOCOLS, ALLOWED_TAGS
from forum.core.transaction import transaction
from forum.adapters.translation.providers import Unavailable, configured_provider
from models import Post, PostTranslation, db

__all__ = ["Unavailable", "enabled", "translatable", "translate_post"]

_clean = partial(bleach.clean, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES,
                 protocols=ALLOWED_PROTOCOLS, strip=True, strip_comments=True)


def enabled():
    """Whether any provider is configured (the Translate control shows only then)."""
    return configured_provider() is not None


def translatable(viewer, post_id):
    """The post, when this reader may read it and it is a plain visible post; else None."""
    post = db.session.get(Post, post_id)
    if post is None or not permissions.can_view_post(viewer, post):
        return None
    if post.hidden_at is not None or post.pending_at is not None or not post.body_html:
        return None
    return post


def translate_post(post, target):
    """The PostTranslation of this version of `post` into `target`; raises Unavailable."""
    cached = _cached(post, target)
    if cached is not None:
        return cached
    provider = configured_provider()
    if provider is None:
        raise Unavailable("no provider configured")
    html = _clean(provider.translate(post.body_html, post.language, target))
    try:
        with transaction() as session:
            row = PostTranslation(post_id=post.id, post_version=post.edit_count, source_language=post.language,
                                  target_language=target, provider=provider.name, body_html=html)
            session.add(row)
    except IntegrityError:  # another reader's request stored it first
        db.session.rollback()
        return _cached(post, target)
    return row


def _cached(post, target):
    return db.session.scalar(select(PostTranslation).where(
        PostTranslation.post_id == post.id, PostTranslation.post_version == post.edit_count,
        PostTranslation.target_language == target))
