"""The viewer's visibility mask as index documents: what a search may not return."""
from dataclasses import dataclass

from whoosh import query as Q

from forum.core import visibility
from forum.core.permissions import ALL
from forum.adapters.search.whoosh.documents import STATE_FIELDS


@dataclass(frozen=True)
class Mask:
    """Whose exceptions apply: the audiences the viewer holds everywhere, their own posts and
    threads, the sectors they moderate."""

    member_id: int | None
    sectors: frozenset
    audiences: frozenset = frozenset({visibility.ANYONE})


def visibility_mask(seen):
    """What this viewer may not see, from `permissions.search_visibility` (None: everything).

    Derived from the table (forum/visibility.py): a document in a restricted state is masked
    unless the viewer holds one of its row's audiences everywhere, is its author, or moderates
    its sector. `mask_docs` turns it into document numbers.
    """
    sectors = seen["sectors"]
    mask = Mask(seen["member_id"], frozenset() if sectors == ALL else frozenset(sectors),
                frozenset(seen.get("audiences", {visibility.ANYONE})))
    return mask if _restricted_rows(mask) else None


# audience -> the document field and value that admit a viewer to a restricted row
_AUTHOR_FIELD = {visibility.POST: "author_id", visibility.THREAD: "thread_author_id"}
_MASKABLE = {visibility.AUTHOR, visibility.SECTOR_MODERATORS} | {
    visibility.MEMBERS, visibility.GLOBAL_MODERATORS, visibility.ADMINS}


def _restricted_rows(mask):
    """[(kind, state, audiences)] of the indexed states this viewer is not admitted to everywhere."""
    rows = []
    for kind, states in visibility.TABLE.items():
        for state, audiences in states.items():
            if not audiences or visibility.ANYONE in audiences:
                continue  # never indexed, or public (no flag)
            unknown = audiences - _MASKABLE
            if unknown:
                raise visibility.Unsupported(f"the search mask cannot express {sorted(unknown)}")
            if not audiences & mask.audiences:
                rows.append((kind, state, audiences))
    return rows


def mask_docs(searcher, mask):
    """The masked document numbers as a plain set, or None (cached per searcher).

    Built with set arithmetic on single-term posting lists, never with Whoosh's AndNot: its
    matcher keeps a document when the excluded list starts before it (whoosh-reloaded 2.7.5,
    AndNotMatcher._find_first), which hid an author's own hidden post from them. A plain set
    also keeps broad queries fast (Whoosh's BitSet truth test scans every byte, per match).
    """
    if mask is None:
        return None
    cache = searcher.__dict__.setdefault("_praxis_masks", {})
    if mask not in cache:
        def docs(field, text):
            return set(searcher.docs_for_query(Q.Term(field, text)))

        masked, sector_docs = set(), None
        for kind, state, audiences in _restricted_rows(mask):
            found = docs(STATE_FIELDS[kind], state)
            if found and visibility.AUTHOR in audiences and mask.member_id is not None:
                found -= docs(_AUTHOR_FIELD[kind], str(mask.member_id))
            if found and visibility.SECTOR_MODERATORS in audiences and mask.sectors:
                if sector_docs is None:
                    sector_docs = set().union(*(docs("sector_id", str(s)) for s in sorted(mask.sectors)))
                found -= sector_docs
            masked |= found
        cache[mask] = masked or None
    return cache[mask]


def has_hits(searcher, query, mask):
    """Whether `query` matches a document this viewer may see (stops at the first one: no
    scoring, no counting)."""
    if query is None:
        return False
    masked = mask_docs(searcher, mask) or ()
    return any(docnum not in masked for docnum in searcher.docs_for_query(query))
