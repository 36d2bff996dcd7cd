"""The Praxis application factory."""
import logging
from pathlib import Path

from flask import Flask

from config import ROOT, config_class

BLUEPRINTS = (
    "forum.web.main.views",
    "forum.web.accounts.views",
    "forum.web.users.views",
    "forum.web.sectors.views",
    "forum.web.threads.views",
    "forum.web.search.views",
    "forum.web.moderation.views",
    "forum.web.mod_actions.views",
    "forum.web.mod_users.views",
    "forum.web.live.views",
    "forum.web.notifications.views",
    "forum.web.settings.views",
    "forum.web.languages.views",
    "forum.web.translations.views",
)


def create_app(config_name=None, **overrides):
    """Build the app: config, extensions, blueprints, CLI and realtime handlers."""
    app = Flask(
        __name__,
        template_folder=str(ROOT / "templates"),
        static_folder=str(Path(__file__).parent / "static"),
        instance_path=str(ROOT / "instance"),
    )
    config = config_class(config_name)
    app.config.from_object(config)
    app.config.update(overrides)
    config.finalize(app.config)
    logging.basicConfig(level=logging.INFO)

    _init_extensions(app)
    _register_blueprints(app)
    _register_cli(app)
    return app


def _init_extensions(app):
    from forum.web import auth, i18n, routing, security, templating
    from forum.web.errors import register_error_handlers
    from forum.web.extensions import csrf, limiter, migrate
    from forum.core.transaction import configure_sqlite
    from models import db

    routing.init_app(app)  # before any blueprint adds an `<int:…>` rule
    wire_transactions()
    db.init_app(app)
    with app.app_context():
        configure_sqlite(db.engine)
    migrate.init_app(app, db, directory=str(ROOT / "migrations"), render_as_batch=True)
    csrf.init_app(app)
    limiter.init_app(app)
    auth.init_app(app)
    i18n.init_app(app)
    security.init_app(app)
    templating.init_app(app)
    register_error_handlers(app)
    from forum.web import ratelimits

    ratelimits.init_app(app)

    @app.teardown_request
    def _wake_outbox(_exc):
        from forum.core import outbox

        outbox.after_outermost_commit()

    from forum.core import outbox

    outbox.init_app(app)

    from forum.adapters.search import init_app as init_search

    init_search(app)

    from realtime import init_app as init_realtime

    init_realtime(app)

    from forum.cli import scheduler

    scheduler.init_app(app)
    security.trust_proxies(app)


def session_listeners():
    """Every SQLAlchemy session listener, in one place: (event, function), run in this order."""
    from forum.adapters import page_cache
    from forum.core import outbox

    return (
        ("before_flush", page_cache.note_flush),  # public content changed: mark the transaction
        ("do_orm_execute", page_cache.note_bulk_write),
        ("before_commit", page_cache.bump_before_commit),  # ... and bump its version last
        ("after_commit", outbox.note_commit),  # outbox rows committed: wake the drainer after
        ("after_transaction_end", outbox.forget_after_rollback),  # rolled back: nothing to do
        ("after_transaction_end", page_cache.forget_on_rollback),
    )


def wire_transactions():
    """Register the session listeners and the outbox's wake-up once per process (every app
    shares SQLAlchemy's Session class and the transaction helper)."""
    from sqlalchemy import event
    from sqlalchemy.orm import Session

    from forum.core import outbox, transaction

    for name, function in session_listeners():
        if not event.contains(Session, name, function):
            event.listen(Session, name, function)
    transaction.call_after_outermost_commit(outbox.after_outermost_commit)


def _register_blueprints(app):
    from importlib import import_module

    for module_name in BLUEPRINTS:
        app.register_blueprint(import_module(module_name).bp)


def _register_cli(app):
    from forum.cli import register

    register(app)
