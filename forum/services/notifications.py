"""In-app notifications (mentions, replies, quotes), filled in with subscriptions and digests."""


def post_created(post_id):
    """Notify the members a new post concerns."""


def post_moderated(post_id, action, reason=None):
    """Tell a post's author what a moderator did to it (hidden, restored, edited, moved…)."""


def approval_decided(post_id, approved, reason=None):
    """Tell a new member whether their pending post was approved or rejected (and why)."""
