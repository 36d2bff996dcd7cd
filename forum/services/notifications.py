"""In-app notifications (mentions, replies, quotes), filled in with subscriptions and digests."""


def post_created(post_id):
    """Notify the members a new post concerns."""
