"""Error pages: a friendly page for every error a user can meet, and a domain error's message."""
from flask import render_template
from flask_babel import _, lazy_gettext as _l
from flask_wtf.csrf import CSRFError

from forum.core.errors import DomainError


def _page(status, title, message):
    return render_template("error.html", status=status, title=title, message=message), status


def _forget_failed_transaction():
    """After a crash the session may hold a failed transaction (PostgreSQL then refuses every
    query): roll it back so the error page itself can render."""
    from models import db

    try:
        db.session.rollback()
    except Exception:  # the page must render even when the database is gone
        pass


def register_error_handlers(app):
    """Friendly pages for every error a user can meet: never a bare 500."""

    @app.errorhandler(CSRFError)
    def csrf_error(error):
        return _page(400, _("Form expired"), _(
            "The form was missing its security token or the token was wrong. "
            "Go back, reload the page and try again."))

    @app.errorhandler(DomainError)
    def domain_error(error):
        title = titles.get(error.status, (_l("Request refused"),))[0]
        return _page(error.status, title, error.message)

    titles = {
        400: (_l("Bad request"), _l("The request could not be understood.")),
        403: (_l("Not allowed"), _l("You do not have permission to open this page.")),
        404: (_l("Page not found"), _l("There is nothing here. It may have been moved or removed.")),
        405: (_l("Method not allowed"), _l("This address does not accept that kind of request.")),
        409: (_l("Conflict"), _l("The item changed while you were working on it.")),
        413: (_l("Too large"), _l("What you sent is larger than the forum accepts.")),
        429: (_l("Too many requests"), _l("You are going too fast. Please wait a moment and try again.")),
        500: (_l("Something went wrong"), _l("An unexpected error happened. It has been logged.")),
    }
    for status in titles:
        def handler(error, status=status):
            if status == 500:
                _forget_failed_transaction()
            title, default = titles[status]
            description = getattr(error, "description", None)
            message = description if status in (409, 429) and isinstance(description, str) else default
            body, code = _page(status, title, message)
            allow = error.get_headers() if status == 405 and hasattr(error, "get_headers") else []
            return body, code, [(k, v) for k, v in allow if k.lower() == "allow"]
        app.register_error_handler(status, handler)
