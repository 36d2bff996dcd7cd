"""Every use of whoosh-reloaded 2.7.5's private internals, behind the SEARCH_FAST_PATH switch.

With the switch on (the default), ranking and candidate sets read posting blocks directly
(`_read_ids`, `_read_weights`, `_ids`, `_weights`, `_next_block`), BM25F reads a segment's
length column in one go (`_lenfield`, `_perdoc._cached_reader`, `_fixedlen`, `_dbfile`,
`_basepos`, `_count`), and a rebuild forks writers that finish unlocked segments
(`SegmentWriter(_lk=False)`, `_finalize_segment`). With it off, nothing here is called:
searches take Whoosh's public searcher path (`BM25F`, matchers, collectors) and a rebuild
writes in one process. tests/forum/adapters/search/test_fast_path_oracle.py proves both give the same
totals and first pages; a Whoosh upgrade that changes these internals shows there first.
"""
from bisect import bisect_right

from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield
from whoosh.writing import SegmentWriter

WHOOSH_VERSION = (2, 7, 5)  # the version these internals were read from


def enabled(app):
    """Whether this app uses the fast path (`SEARCH_FAST_PATH`, default on)."""
    return bool(app.config.get("SEARCH_FAST_PATH", True))


def has_blocks(matcher):
    """Whether a (raw, unfiltered) posting matcher is block-based: short lists are inline."""
    return hasattr(matcher, "_read_ids") and hasattr(matcher, "_read_weights") and hasattr(matcher, "_next_block")


def block_items(matcher, first, among=None):
    """(docnum, weight) of a posting list from `first` on (in the sorted list `among`),
    reading only the blocks that may hold such documents."""
    wanted = None if among is None else set(among)
    if not has_blocks(matcher):
        items = []
        while matcher.is_active():
            doc = matcher.id()
            if doc >= first and (wanted is None or doc in wanted):
                items.append((doc, matcher.weight()))
            matcher.next()
        return items
    items, low = [], -1
    while matcher.is_active():
        high = matcher.block_max_id()
        if high >= first and (among is None or bisect_right(among, high) > bisect_right(among, low)):
            matcher._read_ids()
            matcher._read_weights()
            for doc, weight in zip(matcher._ids, matcher._weights):
                if doc >= first and (wanted is None or doc in wanted):
                    items.append((doc, weight))
        low = high
        matcher._next_block()
    return items


def block_ids(matcher, among):
    """The ids of a posting list (in `among` if given), reading only blocks that may hold one."""
    if not has_blocks(matcher):
        ids = matcher.all_ids()
        return set(ids) if among is None else set(ids).intersection(among)
    wanted = None if among is None else set(among)
    found, low = set(), -1
    while matcher.is_active():
        high = matcher.block_max_id()
        if wanted is None or bisect_right(among, high) > bisect_right(among, low):
            matcher._read_ids()
            found.update(matcher._ids if wanted is None else wanted.intersection(matcher._ids))
        low = high
        matcher._next_block()
    return found


def length_bytes(reader, fieldname):
    """The length byte of every document of a segment for `fieldname` (cached on the reader),
    or None when this reader does not keep lengths as Whoosh 3 segments do."""
    cache = reader.__dict__.setdefault("_praxis_lengths", {})
    if fieldname not in cache:
        try:
            column = reader._perdoc._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
            cache[fieldname] = (None if column is None or column._fixedlen != 1 else
                                bytes(column._dbfile.get(column._basepos, column._count)))
        except AttributeError:  # another codec or reader: keep Whoosh's lookup
            cache[fieldname] = None
    return cache[fieldname]


def unlocked_segment_writer(ix, limitmb):
    """A writer for a forked rebuild process: the parent holds the index lock."""
    return SegmentWriter(ix, _lk=False, limitmb=limitmb)


def finish_segment(writer):
    """The writer's segment, flushed but not committed (as whoosh.multiproc's sub-writers do)."""
    return writer._finalize_segment()
