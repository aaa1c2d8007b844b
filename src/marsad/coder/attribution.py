"""Stage 5: who reports it. Outlets (بحسب صحيفة ...) and quoted speakers (وقال ...:)."""

from __future__ import annotations

from collections.abc import Callable

from marsad.coder.spans import words_between
from marsad.coder.state import ActorMention, Sentence


def speaker_of(text: str, sent: Sentence) -> ActorMention | None:
    """The actor who speaks in this sentence: the subject of its first speech verb."""
    for c in sent.cues:
        if c.kind != "speech":
            continue
        after = [a for a in sent.actors if a.start >= c.end and len(words_between(text, c.end, a.start)) <= 2]
        if after:
            return after[0]
        before = [a for a in sent.actors if a.end <= c.start and len(words_between(text, a.end, c.start)) <= 2]
        if before:
            return before[-1]
    return None


def attribution_of(text: str, sent: Sentence, speaker: ActorMention | None, original: str,
                   to_original: Callable[[int, int], tuple[int, int]]) -> str | None:
    """The outlet the sentence cites, else the quoted speaker's words."""
    if sent.outlets:
        m = sent.outlets[0]
        s, e = to_original(m.start, m.end)
        return original[s:e]
    if speaker is not None:
        s, e = to_original(speaker.start, speaker.end)
        return original[s:e]
    return None
