"""Small helpers over the normalised text shared by the coder's stages."""

from __future__ import annotations

import re

from marsad.coder.state import ActorMention
from marsad.knowledge.grammar import load_grammar

WORD = re.compile(r"[^\W\d_]+")  # a run of letters
LIST_JOINERS = load_grammar()["list_joiners"]


def words_between(text: str, start: int, end: int) -> list[str]:
    return WORD.findall(text, start, end) if end > start else []


def joined(text: str, a: ActorMention, b: ActorMention) -> bool:
    """b follows a joined by و (السعودية والإمارات), أو, وحتى, وكذلك ... (grammar.yaml list_joiners)."""
    gap = words_between(text, a.end, b.start)
    if b.prefix.startswith("و") and not gap:
        return True
    return len(gap) == 1 and gap[0] in LIST_JOINERS and not any(c in text[a.end:b.start] for c in ".؛:")


def conjuncts(text: str, actors: list[ActorMention], first: int) -> list[ActorMention]:
    """actors[first] and those joined after it by و."""
    out = [actors[first]]
    for b in actors[first + 1:]:
        if not joined(text, out[-1], b):
            break
        out.append(b)
    return out


def conjuncts_back(text: str, actors: list[ActorMention], last: int) -> list[ActorMention]:
    """actors[last] and those joined before it by و: السعودية والإمارات ومصر قطعت ..."""
    out = [actors[last]]
    for b in reversed(actors[:last]):
        if not joined(text, b, out[0]):
            break
        out.insert(0, b)
    return out
