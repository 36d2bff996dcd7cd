"""Live publishing: what the outbox drainer calls to reach Socket.IO rooms, and the `socketio`
object they emit through (realtime/ attaches it to the app and holds the handlers)."""
from flask_socketio import SocketIO

socketio = SocketIO()
