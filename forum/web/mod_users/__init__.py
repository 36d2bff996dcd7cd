"""Moderators' member tools and site settings."""
