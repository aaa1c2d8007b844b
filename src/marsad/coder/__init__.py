"""The event coder: `code(document) -> list[Event]`, pure and deterministic.

Stages, each a function of the document state:
mentions (actors, triggers, cues) → arguments (source/target by frame) →
status → date → place → attribution → in-document dedup.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from marsad.coder.arguments import ATTACK_ROOTS, Arguments, Context, DocMemory, assign
from marsad.coder.attribution import attribution_of, speaker_of
from marsad.coder.dates import DateGuess, date_of, named_war, next_anchor
from marsad.coder.genre import genre_of, sport_pair, state_actor
from marsad.coder.mentions import build_state, ranked_states
from marsad.coder.spans import words_between
from marsad.coder.state import ActorMention, DocState, Sentence, Trigger
from marsad.coder.status import is_claim, status_of
from marsad.coder.violence import context_met, violent_arguments
from marsad.coder.where import locate
from marsad.knowledge.base import KnowledgeBase, default_kb
from marsad.model import Actor, Document, Event, Mention, make_event_id

log = logging.getLogger(__name__)

MAX_CHARS = 2_000_000  # longer texts are cut here: no news article is this long
STATUS_RANK = {"occurred": 0, "planned": 1, "negated": 2, "hypothetical": 3}


@dataclass(slots=True)
class Coded:
    """One event with the evidence `marsad explain` shows."""

    event: Event
    args: Arguments
    date: DateGuess
    status_cue: str | None


def _actor(state: DocState, a: ActorMention) -> Actor:
    s, e = state.norm.to_original_marks(a.start, a.end)
    return Actor(text=state.doc.text[s:e], code=a.code or (a.key or ""), country=a.country, igo=a.igo,
                 name=a.name if a.name != "counterpart" else None, span=(s, e))


def _event(state: DocState, sent: Sentence, trig: Trigger, args: Arguments, status: str, cue: str | None,
           date: DateGuess, attribution: str | None, cameo: str | None = None) -> Event:
    doc = state.doc
    ss, se = state.norm.to_original_marks(sent.start, sent.end)
    ts, te = state.norm.to_original_marks(trig.start, trig.end)
    code = state.kb.cameo[cameo or trig.pattern.cameo]
    source, target = _actor(state, args.source), _actor(state, args.target)
    location, place_rule = locate(state, sent, trig)
    return Event(
        doc_id=doc.id,
        event_id=make_event_id(doc.id, source.key or source.code, target.key or target.code, code.code, date.value),
        source=source,
        target=target,
        cameo=code.code,
        quad_class=code.quad_class,
        goldstein=code.goldstein,
        plover=code.plover,
        status=status,
        date=date.value,
        date_basis=date.basis,
        sentence=doc.text[ss:se],
        sentence_span=(ss, se),
        trigger=doc.text[ts:te],
        attribution=attribution,
        trigger_span=(ts, te),
        pattern_id=trig.pattern.id,
        status_cue=cue,
        date_text=date.text,
        rule=f"{trig.pattern.id}/{args.how}/{date.rule}/{place_rule}",
        location=location,
    )


def _dedup(coded: list[Coded]) -> list[Coded]:
    """One record per (source, target, code, date); later mentions become evidence."""
    kept: dict[str, Coded] = {}
    for c in coded:
        e = c.event
        first = kept.get(e.event_id)
        if first is None:
            kept[e.event_id] = c
            continue
        first.event.mentions.append(
            Mention(e.sentence, e.sentence_span, e.trigger, e.trigger_span or (0, 0), e.pattern_id or "")
        )
        if STATUS_RANK[e.status] < STATUS_RANK[first.event.status]:
            first.event.status, first.event.status_cue = e.status, e.status_cue
    return list(kept.values())


# Rules that find the grammatical subject of a clause: only those carry it on to the next clause.
SUBJECT_RULES = frozenset({"vso", "svo", "relative-vso", "subject-before", "relative", "carried", "genitive", "pronoun", "speaker",
                           "participle", "passive-agent", "clause-subject", "frame"})
DENIAL_ROOT = "12"
CONTESTABLE_ROOTS = frozenset({"11", "14", "15", "16", "17", "18", "19", "20"})


def _mark_contested(coded: list[Coded]) -> None:
    """A claim one party denies keeps its record, pointing at the denial (its own event, root 12).

    "اتهم الجيش السوداني نظيره الإثيوبي بإعدام جنود ... نفت أديس أبابا": the accusation (SDN→ETH)
    and the act it asserts (ETH→SDN) are both contested by Ethiopia's denial.
    """
    denials = [c.event for c in coded if c.event.root == DENIAL_ROOT and (c.event.pattern_id or "").startswith("deny")]
    for d in denials:
        for c in coded:
            e = c.event
            if e is d or e.root not in CONTESTABLE_ROOTS or e.contested_by:
                continue
            same = (e.source.key, e.target.key) == (d.source.key, d.target.key)  # ETH did it, ETH denies
            claim = (e.source.key, e.target.key) == (d.target.key, d.source.key)  # SDN accuses, ETH denies
            if d.source.key and (same or claim) and e.sentence_span[0] <= d.sentence_span[0]:
                e.contested_by = d.event_id


def _after_publication(date: DateGuess, published: str | None) -> bool:
    """A day the text dates after the publication day has not happened yet (a relative date: غدا، الخميس المقبل)."""
    if date.basis != "relative" or published is None or date.value is None or len(date.value) not in (7, 10):
        return False
    return date.value > published[:len(date.value)]  # a day after it, or a month after its month (أغسطس المقبل)


# More parties than this to one symmetric act make a forum (trade talks, a conference), not bilateral acts;
# the contract makes participant-to-participant pairs optional at most.
FORUM_SIZE = 6


def _forum(found: list[Arguments]) -> bool:
    """Many parties each paired with all the others: one list of members, not one side facing another
    (إيران ومجموعة 5+1 pairs Iran with each member, and the members not with each other)."""
    partners: dict[str | None, set[str | None]] = {}
    for a in found:
        partners.setdefault(a.source.key, set()).add(a.target.key)
        partners.setdefault(a.target.key, set()).add(a.source.key)
    return len(partners) > FORUM_SIZE and all(len(p) > 2 for p in partners.values())


def _both_ways(found: list[Arguments], trig: Trigger) -> list[Arguments]:
    """A symmetric act (meet, call, sign, fight each other) is one record each way, whatever rule found it."""
    if not trig.pattern.symmetric:
        return found
    if _forum(found):
        return []  # الدول المشاركة في المفاوضات: أ و ب و ج ...: a forum's members are no pairs of partners
    have = {(id(a.source), id(a.target)) for a in found}
    back = [Arguments(a.target, a.source, a.how.split("+")[0] + "+symmetric") for a in found
            if (id(a.target), id(a.source)) not in have and a.source.key != a.target.key]
    return found + back


def _negates_next(text: str, sent: Sentence, trig: Trigger) -> bool:
    """A refusal followed at once by a verbal noun (رفض إدانة، امتنع عن التصويت) refuses that act."""
    if trig.pattern.cameo[:2] != "12":
        return False
    nxt = next((t for t in sent.triggers if t.start > trig.end), None)
    if nxt is None or nxt.form.pos != "noun" or len(words_between(text, trig.end, nxt.start)) > 2:
        return False
    return not is_claim(text, nxt)  # رفضت إيران الاتهامات السعودية: a reaction to claims made, coded itself


def code_detailed(doc: Document, kb: KnowledgeBase | None = None) -> list[Coded]:
    """Every event of `doc` with the evidence `marsad explain` shows, coded with `kb` (the package's by default)."""
    kb = kb or default_kb()
    with kb.use():
        return _code_detailed(doc, kb)


def _code_detailed(doc: Document, kb: KnowledgeBase) -> list[Coded]:
    if len(doc.text) > MAX_CHARS:
        log.warning("document %s: %d characters, coding the first %d", doc.id, len(doc.text), MAX_CHARS)
        doc = Document(doc.id, doc.text[:MAX_CHARS], doc.published, doc.source, doc.extra)
    state = build_state(doc, kb)
    text = state.text
    out: list[Coded] = []
    ctx = Context()
    paragraph = -1
    anchor: DateGuess | None = None
    memory = DocMemory(main=ranked_states(state.sentences)[:2])
    genre = genre_of(state)
    for sent in state.sentences:
        if sent.paragraph != paragraph:
            paragraph, ctx, anchor = sent.paragraph, Context(), None
        speaker = speaker_of(text, sent)
        attribution = attribution_of(text, sent, speaker, doc.text, state.norm.to_original_marks)
        resolved = [a for a in sent.actors if a.key is not None]
        # a match report: teams meet and "attack"; only a state's officials at the game may act toward another state
        sport = genre == "genre_sports" or any(c.kind == "off_topic" for c in sent.cues)
        sporty = genre is not None or sport
        for trig in sent.triggers:
            if _negates_next(text, sent, trig):
                continue  # رفض إدانة إسرائيل: the refusal is the negation of the next act, coded there
            if not context_met(state, sent, trig):
                continue  # انفجرت الأوضاع: a pattern's needed word (a bomb) is not beside it
            found = _both_ways(violent_arguments(state, sent, trig, assign(text, sent, trig, speaker, ctx, memory)), trig)
            if sport:
                found = [a for a in found if sport_pair(a.source, a.target)]
            if sporty:
                # a sports, business or culture story: clubs meet and firms agree; only states' acts are events
                found = [a for a in found if state_actor(a.source, sent) and state_actor(a.target, sent)]
            if trig.pattern.cameo[:2] in ATTACK_ROOTS:
                for a in found:
                    if a.source.key and a.how != "attack-reference":
                        memory.attackers.setdefault(a.source.key, []).append(a.source)
            if trig.pattern.cameo == "057":
                parties = {a.key: a for x in found for a in (x.source, x.target) if a.key}
                if parties:
                    memory.agreements.append(list(parties.values()))
            if trig.pattern.cameo[:2] in CONTESTABLE_ROOTS:
                memory.accusers.update((a.target.key, a.source) for a in found if a.target.key and a.source.key)
            for args in found:
                status, cue = status_of(text, sent, trig)
                date = date_of(text, sent, trig, doc.published, anchor, planned=status == "planned")
                if args.how.endswith("+paired") and args.source.key and args.target.key:
                    date = named_war(date, kb.wars.get(frozenset({args.source.key, args.target.key})), doc.published)
                if status == "occurred" and _after_publication(date, doc.published):
                    status, cue = "planned", date.text  # يزور الرئيس الرياض الخميس المقبل
                out.append(Coded(_event(state, sent, trig, args, status, cue, date, attribution, args.cameo), args, date, cue))
                if trig.pattern.converse and args.cameo is None:  # an undirected visit has no converse
                    back = Arguments(args.target, args.source, args.how + "+converse")
                    out.append(Coded(_event(state, sent, trig, back, status, cue, date, attribution,
                                            trig.pattern.converse), back, date, cue))
            # the two sides of a noun's adjectives (الحرب العراقية الإيرانية) are no subject the next verb carries
            paired = found and found[0].how.startswith("genitive") and len({a.source.key for a in found}) > 1
            if found and found[0].source.key is not None and found[0].how.split("+")[0] in SUBJECT_RULES and not paired:
                sources = list({id(a.source): a.source for a in found}.values())
                ctx = Context(sources, found[0].target, sent.start, trig.pattern.cameo[:2], found[0].target.end)
        anchor = next_anchor(text, sent, anchor, doc.published)
        if resolved and ctx.start < sent.start:
            ctx = Context([resolved[0]], None, sent.start)
    kept = _dedup(out)
    _mark_contested(kept)
    return kept


def code(doc: Document, kb: KnowledgeBase | None = None) -> list[Event]:
    """All events of one document, in text order, deduplicated within it.

    `kb` is the knowledge to code with (default: the package's, loaded once per process).
    """
    return [c.event for c in code_detailed(doc, kb)]


def code_text(text: str, published: str | None = None, doc_id: str = "text",
              kb: KnowledgeBase | None = None) -> list[Event]:
    return code(Document(id=doc_id, text=text, published=published), kb)


__all__ = ["code", "code_text", "code_detailed", "Coded", "MAX_CHARS"]
