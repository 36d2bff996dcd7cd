"""Moderation pages: dashboard, queues, audit log (views), thread and post tools (actions),
member tools and site settings (people). Every page asks `forum.core.permissions`."""
