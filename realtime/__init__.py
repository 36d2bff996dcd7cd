"""Flask-SocketIO: the `socketio` object and its setup (handlers come with live updates)."""
from flask_socketio import SocketIO

socketio = SocketIO()


def init_app(app):
    """Attach Socket.IO to the app; with REDIS_URL it uses Redis as the message queue."""
    socketio.init_app(app, async_mode="threading", message_queue=app.config.get("REDIS_URL"))
