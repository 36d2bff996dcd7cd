"""Machine translation of posts, on request."""
