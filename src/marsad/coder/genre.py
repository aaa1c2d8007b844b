"""Is the article a sports, business or culture story? Then only acts between states code.

The press reports clubs that "meet", players who "sign" and firms that "agree"; states act in such stories too,
rarely (a minister at a final, a sovereign fund's purchase, which the contract leaves optional). An article whose
words are dense with one genre's vocabulary (cues.yaml `genre_sports`, `genre_business`, `genre_culture`, per
100 words) codes only events whose two parties are states, their offices or organisations of states.
"""

from __future__ import annotations

from marsad.coder.spans import WORD
from marsad.coder.state import ActorMention, DocState, Sentence

# Hits per 100 words above which an article is of a genre. Business words fill political economy stories too
# (oil diplomacy, sanctions), so that genre needs a denser text.
DENSITY = {"genre_sports": 3.0, "genre_culture": 2.5, "genre_business": 5.0}
MIN_WORDS = 60  # a genre is a property of an article, not of a sentence or a headline
STATE_KINDS = frozenset({"country", "metonym", "igo", "member", "person", "surname"})
STATE_ROLES = frozenset({"GOV", "MIL", "COP", "SPY", "LEG", "JUD", "IGO"})


def genre_of(state: DocState) -> str | None:
    """The non-political genre the article is written in, if its words say so (`genre_sports` ...), else None."""
    words = len(WORD.findall(state.text))
    if words < MIN_WORDS:
        return None
    hits = dict.fromkeys(DENSITY, 0)
    for s in state.sentences:
        for c in s.cues:
            if c.kind in hits:
                hits[c.kind] += 1
    dense = [(100 * n / words / DENSITY[k], k) for k, n in hits.items() if 100 * n / words >= DENSITY[k]]
    return max(dense)[1] if dense else None


def sport_pair(source: ActorMention, target: ActorMention) -> bool:
    """In a match report a state's name is its team (تونس، جنوب السودان): a pair counts only when one side is
    a person or an office, who may meet, visit or talk at a game."""
    return any(a.kind.startswith(("role", "person")) or a.kind == "surname" for a in (source, target))


def state_actor(a: ActorMention, sent: Sentence) -> bool:
    """A state, its capital, an office of it or an organisation of states; not a club, a firm, a nisba, nor one of
    "the two sides" of an unnamed reference (الطرفان in a transfer story are two clubs)."""
    if any(r.kind == "group_ref" and not r.name and (r.start, r.end) == (a.start, a.end) for r in sent.actors):
        return False
    if a.kind == "group_ref":
        return bool(a.members) and bool(a.name)
    if a.kind.startswith(("role", "person")):
        return a.key is not None and (a.role in STATE_ROLES or a.person is not None)
    return a.kind in STATE_KINDS and a.key is not None
