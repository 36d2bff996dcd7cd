"""Side-effect adapters: text rendering, search, live publishing, mail, page cache."""
