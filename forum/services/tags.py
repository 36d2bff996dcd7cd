"""Tag parsing and lookup."""
import re

from flask import current_app
from flask_babel import _
from sqlalchemy import select

from forum.core.errors import ValidationError
from models import Tag

TAG_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,29}$")


def parse_tags(raw):
    """'AI, accessibility  inclusion' -> ['ai', 'accessibility', 'inclusion'] (order kept, no repeats)."""
    names = []
    for part in re.split(r"[,\s]+", (raw or "").strip().lower()):
        part = part.strip().lstrip("#")
        if not part:
            continue
        if not TAG_RE.match(part):
            raise ValidationError("tags", _(
                "Tags use 1 to 30 lower-case letters, digits or hyphens: “%(tag)s” does not.",
                tag=part[:40]))
        if part not in names:
            names.append(part)
    limit = current_app.config["MAX_TAGS"]
    if len(names) > limit:
        raise ValidationError("tags", _("Use at most %(n)d tags.", n=limit))
    return names


def get_or_create_tags(session, names):
    """Tag rows for `names`, creating the missing ones in the current transaction."""
    if not names:
        return []
    existing = {t.name: t for t in session.scalars(select(Tag).where(Tag.name.in_(names)))}
    tags = []
    for name in names:
        tag = existing.get(name)
        if tag is None:
            tag = Tag(name=name)
            session.add(tag)
        tags.append(tag)
    return tags
