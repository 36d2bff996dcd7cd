"""Rules for the public text of a profile (display name, organisation, bio): the same limits as
posts, so a silenced member or a brand-new account cannot publish there what they may not post."""
from flask import current_app
from flask_babel import _

from forum.core import permissions
from forum.core.errors import ValidationError
from forum.adapters.text import count_links

PUBLIC_TEXT = {"display_name": "display_name", "organisation": "organisation", "bio_markdown": "bio"}


def check_public_text(user, values):
    """Refuse changes a member may not make: none to public text while silenced, and no more
    links in a new member's bio than in a new member's post. `values` are cleaned column values."""
    if permissions.is_silenced(user):
        for column, field in PUBLIC_TEXT.items():
            if column in values and (values[column] or None) != (getattr(user, column) or None):
                raise ValidationError(field, _(
                    "You are silenced: your display name, organisation and bio cannot change "
                    "until the silence ends. Your other settings can."))
    limit = current_app.config.get("NEW_MEMBER_MAX_LINKS", 2)
    if "bio_html" in values and permissions.is_new_member(user) and count_links(values["bio_html"]) > limit:
        raise ValidationError("bio", _("New members can include at most %(n)d links in their bio.", n=limit))
