"""Optional in-process scheduler (DIGEST_SCHEDULER=1, on for `make run`): every minute it sends
due immediate emails and the digests of members whose preferred hour has come, so the embedded
default needs no cron. It starts with the first request, never in CLI commands; several server
processes may each run one, as the send log makes every digest exactly-once anyway."""
import logging
import threading

log = logging.getLogger(__name__)


def init_app(app):
    """Run digests and immediate email on a timer inside the web process when configured."""
    if not app.config.get("DIGEST_SCHEDULER"):
        return
    started = threading.Event()

    @app.before_request
    def _start_scheduler():
        if not started.is_set():
            started.set()
            threading.Thread(target=_loop, args=(app,), name="digest-scheduler", daemon=True).start()


def _loop(app):
    interval = app.config.get("DIGEST_SCHEDULER_INTERVAL", 60)
    stop = threading.Event()
    while not stop.wait(interval):
        run_once(app)


def run_once(app, now=None):
    """One tick: immediate email, then the daily and weekly digests that are due (`now` for tests)."""
    from forum.services import digests, immediate
    from models import db

    with app.app_context():
        for job, args in ((immediate.send_due, ()), (digests.send_digests, ("daily",)),
                          (digests.send_digests, ("weekly",))):
            try:
                job(*args, now=now, **({"only_due_hour": True} if args else {}))
            except Exception:
                log.exception("scheduled %s failed", job.__name__)
                db.session.rollback()
        db.session.remove()
