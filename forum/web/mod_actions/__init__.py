"""Moderators' thread and post tools."""
