"""Flask-Login wiring: the user loader checks the session version on every request."""
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from forum.web.extensions import login_manager
from models import User, db, utcnow


def init_app(app):
    """Wire Flask-Login: where to send guests, and how to load the member."""
    login_manager.init_app(app)
    login_manager.login_view = "accounts.login"
    login_manager.login_message = _l("Please sign in to continue.")
    login_manager.localize_callback = str  # the flash (session storage) gets text, not a lazy string
    login_manager.login_message_category = "info"
    login_manager.session_protection = "basic"


@login_manager.user_loader
def load_user(user_id):
    """Accept `id:version` only while the version matches: sign-out and password changes
    bump it, so a copied cookie stops working at once."""
    try:
        raw_id, raw_version = str(user_id).split(":", 1)
        uid, version = int(raw_id), int(raw_version)
    except (TypeError, ValueError):
        return None
    user = db.session.get(User, uid)
    if user is None or user.session_version != version:
        return None
    if user.suspended_until is not None and user.suspended_until > utcnow():
        return None  # suspended: signed out everywhere, even with a session from before
    return user


def actor():
    """The signed-in member as the User row services take (not Flask-Login's request proxy)."""
    return current_user._get_current_object()
