"""Moderation pages: dashboard, queues, audit log; the guard and forms that the three moderator
blueprints (moderation, mod_actions, mod_users) share. Every page asks `forum.core.permissions`."""
