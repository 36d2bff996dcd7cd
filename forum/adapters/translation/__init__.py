"""Machine translation of posts: the provider chosen by settings (see `providers`)."""
