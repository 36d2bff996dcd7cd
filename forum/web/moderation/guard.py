"""The gate in front of every moderation route.

Each route of a moderation blueprint declares how its target is resolved and who may use it.
A `before_request` runs that check first, on GET and POST alike, and answers 404 to anyone who
may not moderate the target; only then is the CSRF token checked and the form parsed, so no
error page or re-rendered form ever reaches someone who may not see the moderator's page. A
route that declares no gate does not exist for anyone (closed by default).
"""
from flask import abort, current_app, g, request
from flask_login import current_user

from forum.core import permissions
from forum.web.extensions import csrf
from forum.services.moderation.audit import log_refusal
from models import Post, Thread, db

MEMBER = object()  # a route that lives beside the tools but is for members (flagging a post)


class Gate:
    """The gates of one blueprint: `@gate(resolver)` on each view, checked before the view runs."""

    def __init__(self, blueprint):
        self.blueprint = blueprint
        self.resolvers = {}
        csrf.exempt(blueprint)  # checked in `check`, after the permission, never skipped
        blueprint.before_request(self.check)

    def __call__(self, resolver):
        """Declare the resolver of a view: called with the URL arguments, it returns the target
        the viewer may moderate, or None (404). `MEMBER` marks a route for signed-in members."""
        def register(view):
            self.resolvers[view.__name__] = resolver
            return view
        return register

    def declares(self, endpoint):
        """Does `endpoint` (blueprint.view) have a gate? The url_map test asks for every route."""
        return endpoint.rpartition(".")[2] in self.resolvers

    def check(self):
        """Resolve the target and ask `permissions` before anything reads the form."""
        resolver = self.resolvers.get((request.endpoint or "").rpartition(".")[2])
        if resolver is None:
            abort(404)
        if resolver is not MEMBER:
            target = resolver(**(request.view_args or {}))
            if target is None or target is False:
                if request.method != "GET":  # a forged or stale form: logged, nothing read
                    log_refusal(current_user, request.endpoint, request.view_args)
                abort(404)
            g.moderation_target = target
        if current_app.config["WTF_CSRF_ENABLED"]:
            csrf.protect()  # only the methods it guards (POST…)


def target():
    """What the gate resolved for this request (a thread, post, member or True)."""
    return g.moderation_target


def any_moderator(**_args):
    """Dashboard, queues, log: anyone who moderates something (lists are filtered to their scope)."""
    return permissions.can_moderate(current_user) or None


def admin(**_args):
    """Site settings: admins."""
    return permissions.can_appoint(current_user) or None


def thread(thread_id, **_args):
    """A thread the viewer moderates."""
    found = db.session.get(Thread, thread_id)
    return found if permissions.can_moderate(current_user, found) else None


def post(post_id, **_args):
    """A post the viewer moderates (its sector in scope, its author within reach)."""
    found = db.session.get(Post, post_id)
    return found if permissions.can_moderate(current_user, found) else None
