"""Where the index lives on disk, its schema, and the one write lock.

Layout of SEARCH_INDEX_DIR:
    current -> index-<id>   symlink to the live Whoosh index (swapped atomically by a rebuild)
    index-<id>/             Whoosh index directories (the previous one is kept for open readers)
    write.lock              held by whoever writes the index: one writer at a time, across
                            processes; Whoosh's own lock inside the index is then never contended
"""
import fcntl
import os
import shutil
import threading
import time
import uuid
from contextlib import contextmanager
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.fields import BOOLEAN, ID, KEYWORD, NUMERIC, TEXT, Schema

from forum.adapters.search.whoosh.analysis import MultilingualAnalyzer, PairsAnalyzer, WordsAnalyzer

TITLE_BOOST = 2.5
# Bumped whenever the schema or the analysis changes: an index built by an older version is not
# "live" (`Store.exists`), so the next request rebuilds it, as for a missing index.
SCHEMA_VERSION = 5
VERSION_FILE = f"praxis-schema-{SCHEMA_VERSION}"


class LockTimeout(Exception):
    """Another process kept the write lock longer than we were willing to wait."""


def make_schema():
    """One document per post; the thread title is indexed on the thread's first post only."""
    multilingual = MultilingualAnalyzer()
    return Schema(
        post_id=ID(unique=True, stored=True),
        thread_id=ID(stored=True),
        sector=ID, sector_id=ID, author=ID, author_id=ID, thread_author_id=ID, lang=ID(stored=True),
        tags=KEYWORD(lowercase=True, commas=True),
        # 4 index terms a post instead of 16 (shift_step=4); ranges still read few terms.
        created=NUMERIC(int, bits=64, sortable=True, shift_step=16),  # (signed=False breaks ranges)
        # Flags are indexed only where set: a term on every post costs a posting each.
        first=BOOLEAN,  # a thread's first post (only True is indexed)
        # The post's and its thread's state when not the public one (documents.index_flags,
        # forum/visibility.py): "pending", "hidden"; "pending", "closed". Public: no term.
        post_state=ID,
        thread_state=ID,
        # Words without positions: a block of postings then reads 5x faster (phrases use pairs).
        title=TEXT(analyzer=multilingual, field_boost=TITLE_BOOST, phrase=False),
        body=TEXT(analyzer=multilingual, phrase=False),
        # Adjacent stem pairs of the same texts: a two-word phrase is one term; a longer one is a
        # phrase of consecutive pairs (positions kept here only: pair lists are short).
        title_pairs=TEXT(analyzer=PairsAnalyzer(), field_boost=TITLE_BOOST),
        body_pairs=TEXT(analyzer=PairsAnalyzer()),
        words=TEXT(analyzer=WordsAnalyzer(), phrase=False),
    )


class Store:
    """Paths, the cross-process write lock, and opening or replacing the live index."""

    def __init__(self, base):
        self.base = Path(base)
        self.queue_dir = self.base / "queue"
        self.current = self.base / "current"
        self._thread_lock = threading.RLock()

    def ensure_dirs(self):
        """Create the index folders on first use, so a fresh instance starts without setup."""
        self.queue_dir.mkdir(parents=True, exist_ok=True)

    def exists(self):
        """True when a complete index is live."""
        return ((self.current / VERSION_FILE).exists()
                and whoosh_index.exists_in(str(self.current)))

    def open(self):
        """Open the current index generation (a rebuild swaps generations atomically)."""
        return whoosh_index.open_dir(str(self.current))

    def live_path(self):
        """The real directory behind `current` (changes when a rebuild swaps the index)."""
        return os.path.realpath(self.current)

    @contextmanager
    def write_lock(self, timeout=10.0):
        """Exclusive across threads and processes; raises LockTimeout after `timeout` seconds."""
        self.ensure_dirs()
        deadline = time.monotonic() + timeout
        if not self._thread_lock.acquire(timeout=max(timeout, 0.001)):
            raise LockTimeout("search index write lock busy (thread)")
        try:
            with open(self.base / "write.lock", "a") as handle:
                while True:
                    try:
                        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                        break
                    except BlockingIOError:
                        if time.monotonic() >= deadline:
                            raise LockTimeout("search index write lock busy") from None
                        time.sleep(0.02)
                try:
                    yield
                finally:
                    fcntl.flock(handle, fcntl.LOCK_UN)
        finally:
            self._thread_lock.release()

    def new_index(self):
        """An empty index in a fresh directory (not live until `swap`)."""
        path = self.base / f"index-{uuid.uuid4().hex[:12]}"
        path.mkdir(parents=True)
        (path / VERSION_FILE).touch()
        return whoosh_index.create_in(str(path), make_schema())

    def swap(self, ix):
        """Make `ix` live atomically (symlink rename); delete all but the previous index."""
        previous = self.live_path() if self.current.is_symlink() else None
        link = self.base / f".current-{uuid.uuid4().hex[:8]}"
        os.symlink(os.path.basename(ix.storage.folder), link)
        os.replace(link, self.current)
        keep = {os.path.realpath(ix.storage.folder), previous}
        for path in self.base.glob("index-*"):
            if str(path.resolve()) not in keep:
                shutil.rmtree(path, ignore_errors=True)
