"""Flask-SocketIO: attaching the `socketio` object (forum/adapters/live/) to the app, and its handlers.

The async mode follows the server (see README "Deploying"): under gunicorn's gevent worker
(the standard library monkey-patched) each websocket is a greenlet, elsewhere (`flask run`,
gunicorn's gthread worker, tests) threads carry them. simple-websocket serves both. With
REDIS_URL, Socket.IO uses Redis as its message queue so several processes and CLI jobs reach
each other's clients.
"""
from forum.adapters.live import socketio
from forum.adapters.live.managers import make_manager

# Client events are a few dozen bytes; anything near this size is refused by the transport.
MAX_MESSAGE_BYTES = 16 * 1024


def async_mode():
    """"gevent" when gevent has patched the standard library (gunicorn -k gevent), else
    "threading". Never gevent unpatched: Flask-SocketIO would pick it merely for being installed."""
    try:
        from gevent import monkey
    except ImportError:
        return "threading"
    return "gevent" if monkey.is_module_patched("socket") else "threading"


def init_app(app):
    """Attach Socket.IO to the app: same-origin only, small messages, our handlers."""
    from realtime import catch_up, handlers  # noqa: F401  (registers the event handlers)
    from realtime.state import Hub

    origins = app.config.get("SOCKETIO_ALLOWED_ORIGINS")
    if origins == "*" or origins == [] or (isinstance(origins, (list, tuple)) and "*" in origins):
        raise RuntimeError("SOCKETIO_ALLOWED_ORIGINS must name origins: '*' allows every site, [] disables the check")
    redis_url, channel = app.config.get("REDIS_URL"), app.config.get("SOCKETIO_CHANNEL", "praxis-socketio")
    app.extensions["praxis_realtime"] = Hub(redis_url, channel)
    socketio.init_app(
        app,
        async_mode=async_mode(),
        client_manager=make_manager(redis_url, channel),
        # None = same origin only (the Origin header must match the Host). Never "*"; [] disables it.
        cors_allowed_origins=origins,
        max_http_buffer_size=MAX_MESSAGE_BYTES,
        ping_interval=20,
        ping_timeout=20,
        logger=False,
        engineio_logger=False,
    )
    from realtime import recheck

    recheck.install(app, socketio)
