"""Rate limits (Flask-Limiter) for writing and signing in, every limit a config value.

Posting and thread creation are limited per member, more strictly for new members; moderators
and admins are exempt. Only successful writes count (a preview or a form error does not);
previews (live or by the form's button) have a budget of their own.
Failed sign-ins are limited per (account, address) pair, per address, and by a looser cap per
account: a stranger on one address runs out of their own budget long before the member's, so
they cannot lock the member out. Registration and password-reset requests are limited per
address, flags and edits per member. Addresses are the client's, behind `PROXY_FIX_X_FOR`
trusted proxies (forum/security.py).
A hit limit answers 429 with a Retry-After header and a page saying when to try again.
"""
import math
import time

from flask import current_app, g, render_template, request
from flask_babel import _
from flask_limiter import RateLimitExceeded
from flask_login import current_user

from forum.core import permissions
from forum.web.extensions import limiter


def _config(name):
    return lambda: current_app.config[name]


def _by_new_member(normal, new):
    return lambda: current_app.config[new if permissions.is_new_member(current_user) else normal]


def _member_key():
    return f"member:{current_user.get_id().split(':')[0]}" if current_user.is_authenticated else \
        f"ip:{request.remote_addr}"


def _exempt():
    return permissions.can_moderate(current_user)


def _succeeded(response):
    return response.status_code in (301, 302, 303)


def _failed(response):
    return response.status_code not in (301, 302, 303)


def _account():
    """The account the typed login names (username or email: one budget), else the typed text."""
    if "login_account" not in g:
        from forum.services.accounts import find_by_login

        typed = (request.form.get("login") or "").strip().lower()[:254]
        user = find_by_login(typed)
        g.login_account = f"user:{user.id}" if user is not None else f"typed:{typed}"
    return g.login_account


def _login_pair_key():
    return f"login:{_account()}:{request.remote_addr}"


def _login_account_key():
    return f"login:{_account()}"


def _address_key():
    return f"ip:{request.remote_addr}"


posting = limiter.limit(_by_new_member("RATELIMIT_POSTS", "RATELIMIT_POSTS_NEW"), key_func=_member_key,
                        methods=["POST"], exempt_when=_exempt, deduct_when=_succeeded)
thread_creation = limiter.limit(_by_new_member("RATELIMIT_THREADS", "RATELIMIT_THREADS_NEW"),
                                key_func=_member_key, methods=["POST"], exempt_when=_exempt,
                                deduct_when=_succeeded)
sign_in_pair = limiter.limit(_config("RATELIMIT_LOGIN_ACCOUNT"), key_func=_login_pair_key, methods=["POST"],
                             deduct_when=_failed)
sign_in_cap = limiter.limit(_config("RATELIMIT_LOGIN_ACCOUNT_CAP"), key_func=_login_account_key,
                            methods=["POST"], deduct_when=_failed)
sign_in_ip = limiter.limit(_config("RATELIMIT_LOGIN_IP"), key_func=_address_key, methods=["POST"],
                           deduct_when=_failed)
registration = limiter.limit(_config("RATELIMIT_REGISTER"), key_func=_address_key, methods=["POST"])
reset_request = limiter.limit(_config("RATELIMIT_RESET_REQUEST"), key_func=_address_key, methods=["POST"])
flagging = limiter.limit(_config("RATELIMIT_FLAGS"), key_func=_member_key, methods=["POST"],
                         exempt_when=_exempt, deduct_when=_succeeded)
editing = limiter.limit(_config("RATELIMIT_EDITS"), key_func=_member_key, methods=["POST"],
                        exempt_when=_exempt, deduct_when=_succeeded)


def _not_a_preview():
    return _exempt() or (request.endpoint != "threads.preview" and not request.form.get("preview"))


# Every preview renders a body as costly as a post: live and form previews share one budget.
preview = limiter.shared_limit(_by_new_member("RATELIMIT_PREVIEWS", "RATELIMIT_PREVIEWS_NEW"),
                               scope="preview", key_func=_member_key, methods=["POST"],
                               exempt_when=_not_a_preview)


def sign_in(view):
    """The three sign-in limits on one view."""
    return sign_in_pair(sign_in_cap(sign_in_ip(view)))


def init_app(app):
    """The 429 page: what happened and when to try again (the header carries Retry-After)."""

    @app.errorhandler(RateLimitExceeded)
    def too_many(error):
        limit = limiter.current_limit
        wait = max(1, math.ceil(limit.reset_at - time.time())) if limit else 60
        message = _("You are going too fast. Please try again in %(n)d seconds.", n=wait)
        response = current_app.make_response((render_template(
            "error.html", status=429, title=_("Too many requests"), message=message), 429))
        response.headers["Retry-After"] = str(wait)
        return response
