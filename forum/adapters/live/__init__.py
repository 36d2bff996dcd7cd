"""Live publishing: what the outbox drainer calls to reach Socket.IO rooms."""
