"""The web floor: one blueprint per folder, and the HTTP plumbing they share."""
