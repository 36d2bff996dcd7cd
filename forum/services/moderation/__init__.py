"""Moderation use cases, one small verb module each (lock, pin, move, merge, split, hide, flags,
approval, users, settings). Every use case is one transaction that also writes its audit entry
(`audit.record`), is idempotent on a repeated submit, and queues its live and search effects
through `forum.services.events` after the commit."""
