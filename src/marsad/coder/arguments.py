"""Stage 2: a trigger's frame → its source and target actors.

Arabic word orders handled (`_find_subject`, then `_named_target`, then the FALLBACKS registry of
constructions that supply a target the frame does not name): VSO (زار الرئيس التركي القاهرة), SVO (إسرائيل دعمت
أذربيجان), verbal nouns with a genitive agent (زيارة الرئيس الإسرائيلي لأذربيجان)
or a pronoun (زيارته إلى ...), adjectival agents (هجمات إيرانية ضد ...),
passives with من قبل/على يد, "بين X و Y" (both directions), coordination
(السعودية والإمارات ... قطر), dual group references (البلدين) and first-person
verbs in quoted speech (the speaker acts).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from marsad.coder.spans import WORD, conjuncts, conjuncts_back, words_between
from marsad.coder.state import ActorMention, Sentence, Trigger
from marsad.knowledge.base import active_kb
from marsad.knowledge.base import words as word_class
from marsad.knowledge.patterns import Pattern
from marsad.model import IGO_CODES
from marsad.text import normalize_form

# Nouns that may stand between a preposition and the state it introduces (إلى دولة أذربيجان).


@cache
def _agent_markers(phrases: frozenset[str]) -> frozenset[tuple[str, ...]]:
    """من قبل، على يد as word tuples."""
    return frozenset(tuple(m.split()) for m in phrases)


MAX_AFTER_WORDS = 12
CHAIN_WORDS = 2  # words that may stand between two actors of one run of the frame past MAX_AFTER_WORDS
MAX_BEFORE_WORDS = 14


@dataclass(slots=True)
class Context:
    """What the text before a trigger has established: the last acting parties and their target."""

    subjects: list[ActorMention] = field(default_factory=list)
    target: ActorMention | None = None
    start: int = -1  # the sentence where the subjects were named
    root: str = ""  # CAMEO root of the event that set this context
    end: int = -1  # where that event's target ends

    @property
    def subject(self) -> ActorMention | None:
        return self.subjects[0] if self.subjects else None


@dataclass(slots=True)
class DocMemory:
    """What the whole article has established so far."""

    # state → the last actor that accused or struck it: a bare denial ("نفت أديس أبابا أن ...") answers it
    accusers: dict[str, ActorMention] = field(default_factory=dict)
    # the article's two main states: a speaker's "you" (أدعوكم) is the other one
    main: list[ActorMention] = field(default_factory=list)
    # who carried out the attacks reported so far, by state: "the attack" is the most reported one's
    attackers: dict[str, list[ActorMention]] = field(default_factory=dict)
    # the parties of each agreement reported so far, in order: "the agreement" is the last one's
    agreements: list[list[ActorMention]] = field(default_factory=list)


@dataclass(slots=True)
class Arguments:
    source: ActorMention
    target: ActorMention
    how: str  # which rule filled the slots, for `marsad explain`
    cameo: str | None = None  # a code the construction decides instead of the pattern's


def _without_conjunction(word: str) -> str:
    """وفي → في، فمع → مع: a conjunction glued to a preposition."""
    return word[1:] if len(word) > 2 and word[0] in "وف" and word[1:] in word_class("prepositions") else word


OF_ADJECTIVE = "of-adjective"  # the actor completes an adjective (الموالية لإيران): no marker a frame allows
OF_NOUN = "of-noun"  # the actor completes a noun of relations (العلاقات مع مصر): no marker a frame allows


def marker(text: str, a: ActorMention, lo: int) -> str | None:
    """The preposition that introduces actor `a` (None for a bare noun phrase)."""
    # a preposition never governs across a sentence or line break (a headline's "إلى عدن" before "بدأت دولة قطر")
    near = max(lo, a.start - 160)  # a marker's phrase is short: look for a break only that far back
    lo = max(lo, *(text.rfind(c, near, a.start) + 1 for c in ".!?؟\n"))
    before = words_between(text, max(lo, a.start - 30), a.start)[-2:]
    if before and (before[-1] in word_class("relational_adjectives") or (len(before) == 2 and before[-1] in ("من", "مع") and before[0] in word_class("relational_adjectives"))):
        return OF_ADJECTIVE
    if len(before) == 2 and before[-1] == "مع" and before[0] in word_class("border_adjectives"):
        # قاعدة إنجرليك الجوية الحدودية مع سوريا: a place's border with a state (not الخلاف الحدودي مع إثيوبيا)
        head = words_between(text, max(lo, a.start - 60), a.start)[-5:-2]
        if any(w in word_class("place_nouns") or _bare_noun(w) in word_class("place_nouns") for w in head):
            return OF_ADJECTIVE
    if a.prefix:
        last = a.prefix[-1]
        core = [_without_conjunction(w) for w in words_between(text, lo, a.start - len(a.prefix))]
        if last == "ل" and core and core[-1] in word_class("site_nouns"):
            # على مواقع للحوثيين، دورية للشرطة العراقية: the sites are the owner's; what governs them aims at it
            return core[-2] if len(core) >= 2 and core[-2] in word_class("prepositions") else None
        if last in "بلك":
            return last
    gap = [_without_conjunction(w) for w in words_between(text, lo, a.start)]
    while gap and gap[-1] in word_class("state_heads"):
        gap.pop()
    if len(gap) >= 2 and gap[-1] == "من" and gap[-2] in word_class("place_nouns"):
        # إلى الشطر الشمالي من قبرص: a part of a place takes the preposition before the part
        i = len(gap) - 2
        while i >= 0 and (gap[i] in word_class("place_nouns") or gap[i] in word_class("state_heads")):
            i -= 1
        if i >= 0 and gap[i] in word_class("prepositions"):
            return gap[i]
    if len(gap) >= 2 and gap[-1] == "من" and gap[-2] in word_class("each_of"):
        # مع كل من X و Y، بكل من X و Y: the preposition is the one before كل.
        if len(gap) >= 3 and gap[-3] in word_class("prepositions"):
            return gap[-3]
        head = gap[-2]
        return head[0] if head[0] in "بل" else None
    if (len(gap) >= 2 and gap[-1] == "مع" and _bare_noun(gap[-2]) in word_class("relation_nouns")
            and (_prefixed_preposition(gap[-2]) or (len(gap) >= 3 and gap[-3] in word_class("prepositions")))):
        # تحدث عن العلاقات مع السعودية: the partner of relations a preposition governs, not of the talk
        # (أعاد العلاقات مع حماس keeps its partner: the relations are the verb's own object)
        return OF_NOUN
    if gap and _without_conjunction(gap[-1]) in word_class("among"):
        # دولا عدة، بينها تركيا: the states named among a plural noun stand where that noun stands (its object),
        # and take the preposition before it (من شركاء مهمين بينهم الاتحاد الأوروبي)
        head = gap[:-1][:-1] if gap[:-1][-1:] == ["من"] else gap[:-1]  # من بينها
        head = head[-(NP_WORDS + 1):]
        for w in reversed(head):
            if w in word_class("prepositions"):
                return w
            if _prefixed_preposition(w):
                return w[0]
            if w in word_class("relatives") or w in word_class("complementizers"):
                break
        return None
    if gap and gap[-1] in word_class("about_numbers") and any(c.isdigit() for c in text[text.rfind(gap[-1], lo, a.start):a.start]):
        return None  # نحو 20 مقدسيا: "about twenty", the verb's object
    if gap and gap[-1] in word_class("prepositions"):
        return gap[-1]
    stops = [w for w in gap if w not in word_class("adverbs")]
    if stops and stops[-1] in word_class("takes_in"):
        return "الي"  # جولة تشمل أيضا قطر: the states a tour takes in are where it goes
    if len(gap) >= 3 and gap[-2] in word_class("relatives"):
        # أثنى على المساعي التي بذلتها الكويت: the agent of the relative clause is what the preposition aims at.
        noun = gap[-3]
        if len(gap) >= 4 and gap[-4] in word_class("prepositions"):
            return gap[-4]
        if len(noun) > 3 and noun[0] in "بل" and noun[1:3] == "ال":
            return noun[0]
    if gap and len(gap[-1]) > 2 and gap[-1][0] in "بل" and gap[-1][1:] in word_class("state_heads"):
        return gap[-1][0]  # لدولة، بجمهورية
    # The actor qualifies the noun phrase a preposition governs (على صحفيين أتراك، في أنشطة إيران، بالدور المصري،
    # من التحركات العسكرية الأمريكية، بقرار السعودية): that preposition introduces it.
    if gap and _prefixed_preposition(gap[-1]):
        return gap[-1][0]
    if gap and gap[-1] in word_class("complementizers"):
        return None  # كشف عن أن الملك سلمان سيزور: أن opens a clause whose subject the preposition does not govern
    for i in range(len(gap) - 2, max(-1, len(gap) - 1 - NP_WORDS), -1):
        w = gap[i]
        if w in word_class("prepositions"):
            return w
        if (w in word_class("relatives") or w in word_class("light_verbs") or w in word_class("complementizers")
                or _prefixed_preposition(w)):
            break  # أشار إلى أن البضاعة الأردنية: أن opens a clause, the preposition before it governs no noun in it
        if a.kind != "nisba" and gap[i + 1].endswith(("ي", "يه")) and not gap[i + 1].startswith("ال"):
            break  # في تقرير سنوي تايلاند: an adjective closes the noun phrase; the name after it is not its genitive
    return None


NP_WORDS = 3  # nouns and adjectives a preposition's phrase may have before the actor that qualifies it


def _bare_noun(word: str) -> str:
    """بالعلاقات → العلاقات، لعلاقات → علاقات: the noun without a preposition glued before it."""
    if word.startswith("لل"):
        return "ال" + word[2:]
    return word[1:] if _prefixed_preposition(word) else word


def _prefixed_preposition(word: str) -> bool:
    """بالدور، للأزمة، بقرار، لمطالب، برعاية: a preposition glued to the noun it governs."""
    if len(word) <= 3 or word[0] not in "بل":
        return False
    if word[1:3] == "ال" or word[1] == "ل":
        return True
    return len(word) >= 5 and word not in word_class("native_bl_words") and word[1:] not in word_class("native_bl_words")


def _is_location(text: str, a: ActorMention, lo: int) -> bool:
    return marker(text, a, lo) == "في" or a.kind == "place"


FEMININE_ENDINGS = ("ه", "ات")


def can_be_subject(text: str, a: ActorMention, trig: Trigger) -> bool:
    """Case and agreement rule out some subjects after a verb.

    A dual or sound plural in -ين is accusative/genitive (حثت الجانبين: the object), a verb that carries a
    dual or plural subject has it already (وطالبا الأمم المتحدة), and a feminine verb does not take a man or a masculine noun as its subject (أعلنت ... الرئيس).
    """
    words = text[a.start:a.end].split()
    if trig.form.plural and trig.form.pos == "verb":
        return False  # وطالبا الأمم المتحدة: a verb before its subject is singular; its own dual or plural is the subject
    if words[0] in active_kb().cues["counterpart"]:
        return False  # سيلتقي نظراءه في دول الخليج: "his counterparts" are met by him, they are not the subject
    if a.kind in ("group_ref", "nisba", "role") and words[-1].endswith("ين"):
        # ... unless it is the genitive of a number that is the subject (تظاهر آلاف الباكستانيين)
        return words_between(text, max(0, a.start - 20), a.start)[-1:] in ([q] for q in word_class("quantities"))
    if trig.form.feminine:
        if a.person is not None:
            return False
        if a.kind.startswith("role") and not words[0].endswith(FEMININE_ENDINGS):
            return False
    return True


def _nearest_before(text: str, actors: list[ActorMention], pos: int, max_words: int) -> ActorMention | None:
    for a in reversed(actors):
        if a.end > pos:
            continue
        if len(words_between(text, a.end, pos)) > max_words:
            return None
        if a.kind == "place" or marker(text, a, max(0, a.start - 30)) is not None:
            continue  # inside a prepositional phrase: never the subject
        return a
    return None


BETWEEN_WORDS = 8  # words a verbal noun's "بين X و Y" may stand from it (تعاون عسكري مثمر بين البلدين)


def _between(text: str, after: list[ActorMention], lo: int) -> list[ActorMention]:
    """The parties of "بين X و Y" (or "بين الدول الثلاث"), each a state, near the trigger."""
    start = lo
    for i, a in enumerate(after):
        if len(words_between(text, start, a.start)) > BETWEEN_WORDS:
            return []  # التوتر في العلاقة بين موسكو وواشنطن: another noun's parties, far from the act
        if marker(text, a, lo) == "بين":
            if any(w.lstrip("وفلب") in word_class("between_nouns") for w in words_between(text, start, a.start)[1:][-3:]):
                return []  # التوتر في العلاقة بين موسكو وواشنطن: the relation's parties
            parties = [x for b in conjuncts(text, after, i) for x in _expand_group(b)]
            keys = list(dict.fromkeys(x.key for x in parties if x.key))
            return parties if len(keys) >= 2 else []
        lo = a.end
    return []


def _expand_group(a: ActorMention) -> list[ActorMention]:
    if a.kind != "group_ref" or len(a.members) < 2:
        return [a]
    if a.name:  # a named group of states: its members stay marked as one side (see _same_named_group)
        return [ActorMention(a.start, a.end, "member", k, None, None, k, name=a.name, prefix=a.prefix)
                for k in a.members]
    return [ActorMention(a.start, a.end, "igo" if k in IGO_CODES else "country", None if k in IGO_CODES else k,
                         k if k in IGO_CODES else None, None, k, prefix=a.prefix) for k in a.members]


def _pairs(sources: list[ActorMention], targets: list[ActorMention], how: str) -> list[Arguments]:
    out = []
    for s in sources:
        for t in targets:
            for ss in _expand_group(s):
                for tt in _expand_group(t):
                    if ss.key is not None and ss.key == tt.key:
                        continue
                    if _same_named_group(ss, tt):
                        continue  # اتفاق بين إيران ومجموعة 5+1: the group's members are one side, not each other's
                    out.append(Arguments(ss, tt, how))
    return out


def _same_named_group(a: ActorMention, b: ActorMention) -> bool:
    """Two members expanded from one mention of a named group of states (مجموعة 5+1)."""
    return bool(a.name) and a.name == b.name and (a.start, a.end) == (b.start, b.end) and a.kind == b.kind == "member"


OBJECT_PRONOUNS = frozenset({"ه", "ها", "هم", "هما"})
# pronouns a verbal noun takes as its agent (زيارته، لقائهم، دعمنا); the accusative alif (هجوما) is none
POSSESSIVE_SUFFIXES = frozenset({"ه", "ها", "هم", "هما", "هن", "نا", "ي", "ك", "كم"})




def _relative_antecedent(text: str, before: list[ActorMention], trig: Trigger) -> ActorMention | None:
    """In "حزب الله الذي تصنفه الرياض" the pronoun is the noun the relative clause hangs on."""
    gap = words_between(text, max(0, trig.start - 40), trig.start)[-3:]
    if not any(w in word_class("relatives") for w in gap):
        return None
    if not before:
        return None
    # the noun the clause hangs on stands right before the relative: التحقيق الذي فتحته السلطات is no actor's
    between = words_between(text, before[-1].end, trig.start)
    return before[-1] if between[:1] and between[0] in word_class("relatives") else None


ACCUSE_ROOT = "11"


def _accused_act(text: str, trig: Trigger, ctx: Context, sent: Sentence,
                 after: list[ActorMention]) -> list[Arguments] | None:
    """"اتهم الجيش السوداني نظيره الإثيوبي بإعدام جنود سودانيين": the accused is the agent of the act.

    The act is asserted through the accusation (and marked contested if the accused denies it).
    """
    if (trig.form.pos != "noun" or "ب" not in trig.match.prefix or ctx.root != ACCUSE_ROOT
            or ctx.start != sent.start or ctx.target is None or ctx.end > trig.start
            or len(words_between(text, ctx.end, trig.start)) > 2):
        return None
    victim = (after[0] if after and marker(text, after[0], trig.end) is None and after[0].resolved
              and not after[0].prefix.startswith("و") and len(words_between(text, trig.end, after[0].start)) <= 3
              else None)  # تتهم النظام السوري بشن هذه الهجمات وموسكو ...: موسكو opens the next clause
    return _pairs([ctx.target], [victim], "accused-act") if victim is not None else None




def _participants(text: str, sent: Sentence, trig: Trigger) -> list[ActorMention]:
    """The actors listed after بمشاركة/بحضور that follows a meeting word."""
    for m in WORD.finditer(text, trig.end, sent.end):
        if m.group() not in word_class("participation"):
            continue
        after = [a for a in sent.actors if a.start >= m.end() and a.resolved]
        if not after or len(words_between(text, m.end(), after[0].start)) > 3:
            return []
        out = [after[0]]
        for b in after[1:]:
            gap = words_between(text, out[-1].end, b.start)
            if len(gap) <= 4 and (b.prefix.startswith("و") or (gap and gap[0] == "و")) and "." not in text[out[-1].end:b.start]:
                out.append(b)
            else:
                break
        return out
    return []




def _noun_between(text: str, sent: Sentence, start: int, end: int) -> bool:
    """A verbal or common noun between a verb and an actor (not an adverb, a date or a title)."""
    known = [(c.start, c.end) for c in sent.cues]
    triggers = [(t.start, t.end) for t in sent.triggers if t.form.pos == "noun"]
    for m in WORD.finditer(text, start, end):
        if m.group() in word_class("adverbs") or any(s <= m.start() < e for s, e in known):
            continue
        if any(s <= m.start() < e for s, e in triggers):
            return True
    return False


def _previous_word_start(text: str, pos: int) -> int:
    words = list(WORD.finditer(text, max(0, pos - 30), pos))
    return words[-1].start() if words else pos


def _unknown_name_between(text: str, sent: Sentence, start: int, end: int) -> bool:
    """A word between a verb and the next actor that no lexicon knows and that looks like a name."""
    known = [(c.start, c.end) for c in sent.cues] + [(t.start, t.end) for t in sent.triggers]
    for m in WORD.finditer(text, start, end):
        w = m.group()
        if w in word_class("adverbs") or w.startswith(("ال", "لل", "بال", "وال")) or len(w) < 3 or w.endswith(("ا", "ه")):
            continue
        if any(s <= m.start() < e for s, e in known):
            continue
        return True
    return False




def _after_anna_pronoun(text: str, trig: Trigger) -> bool:
    """"أنه سيوفد": the subject is the pronoun on أنّ, the one speaking before."""
    return words_between(text, max(0, trig.start - 20), trig.start)[-1:] in ([a] for a in word_class("anna_pronouns"))


def _opens_relative_clause(text: str, trig: Trigger) -> bool:
    return words_between(text, max(0, trig.start - 20), trig.start)[-1:] in ([r] for r in word_class("relatives"))


RESUMPTIVES = frozenset({"ه", "ها", "هم", "هما"})


def _resumptive(f: Frame) -> bool:
    """"الاتفاقية التي وقع عليها زعماء الدول الثلاث": a pronoun on the verb or after it stands for the thing the
    relative clause describes, so the actor after the verb is its subject."""
    nxt = words_between(f.text, f.trig.match.word_end, f.trig.match.word_end + 12)[:1]
    resumed = f.trig.match.suffix in RESUMPTIVES or (bool(nxt) and nxt[0][-2:] in ("ها", "يه", "هم") and len(nxt[0]) <= 5)
    return resumed and bool(f.after) and marker(f.text, f.after[0], f.trig.match.word_end) is None


REACTION_ROOTS = frozenset({"01", "02", "10", "11", "12", "13", "14"})


def _attack_reference(text: str, sent: Sentence, trig: Trigger, subject: list[ActorMention],
                      doc: DocMemory) -> ActorMention | None:
    lo = max([trig.end, *(s.end for s in subject if s.start > trig.end)])
    pronoun = trig.match.suffix in OBJECT_PRONOUNS  # ودانته: "it", the attack named earlier in the sentence
    for c in sent.cues:
        if c.kind != "attack_refs":
            continue
        named_after = c.start >= lo and len(words_between(text, lo, c.start)) <= 2
        if named_after or (pronoun and c.end <= trig.start):
            keys = {s.key for s in subject}
            ranked = sorted(doc.attackers.items(), key=lambda kv: -len(kv[1]))
            return next((ms[0] for k, ms in ranked if k not in keys), None)
    return None


def _sentence_subject(text: str, sent: Sentence, trig: Trigger) -> ActorMention | None:
    """The sentence's first actor outside a prepositional phrase, before the trigger: its main subject."""
    lo = sent.start
    for a in sent.actors:
        if a.end > trig.start:
            return None
        if a.kind != "place" and marker(text, a, lo) is None and a.resolved:
            return a
        lo = a.end
    return None


def _relative_agent(text: str, after: list[ActorMention], trig: Trigger) -> ActorMention | None:
    """An event noun followed by "الذي/التي + verb + actor": that actor did it (الهجوم الذي شنته إيران)."""
    if not after:
        return None
    gap = words_between(text, trig.end, after[0].start)
    if 2 <= len(gap) <= 3 and gap[0] in word_class("relatives") and marker(text, after[0], trig.end) is None:
        return after[0]
    if len(gap) == 2 and gap[0] in word_class("conduct_verbs") and gap[1] in word_class("by_it"):
        return after[0]  # زيارة يقوم بها أمير قطر: the visit "carried out by" him
    return None


def _relative_subject(text: str, before: list[ActorMention], trig: Trigger) -> ActorMention | None:
    """"الكويت، التي دعت مجلس الأمن": a verb opening a relative clause has the noun before it as subject."""
    gap = words_between(text, before[-1].end, trig.start) if before else []
    if len(gap) == 1 and gap[0] in word_class("relatives") and not trig.match.suffix:
        return before[-1]
    return None


def _dual_antecedent(text: str, before: list[ActorMention], trig: Trigger) -> ActorMention | None:
    """"داعيا إياهما": a dual pronoun points at the pair named last (البلدين)."""
    tail = words_between(text, trig.end, min(len(text), trig.end + 20))[:1]
    if trig.match.suffix != "هما" and tail != ["اياهما"]:
        return None
    return next((a for a in reversed(before) if a.kind == "group_ref" and len(a.members) == 2), None)


def _object_pronoun(text: str, trig: Trigger) -> bool:
    if trig.form.pos in ("verb", "participle") and trig.match.suffix in OBJECT_PRONOUNS:
        return True
    nxt = words_between(text, trig.end + len(trig.match.suffix), min(len(text), trig.end + 20))[:1]
    return bool(nxt) and nxt[0] in word_class("detached_pronouns")


def _opens_clause(text: str, trig: Trigger, t: Trigger) -> bool:
    """Does the later trigger `t` start a clause of its own (and so bound `trig`'s arguments)?

    A bare past form may be a verbal noun (خطة تعاون، قطع العلاقات); it opens a clause only after و/ف or a comma.
    """
    if t.form.pos in ("noun", "participle"):
        return False
    if t.form.tense != "past":
        return True
    return t.match.prefix[:1] in ("و", "ف") or any(c in text[trig.end:t.start] for c in "،,؛")


@dataclass(slots=True)
class Frame:
    """One trigger being filled: the actors around it and what the rules have decided so far."""

    text: str
    sent: Sentence
    trig: Trigger
    speaker: ActorMention | None
    ctx: Context
    doc: DocMemory
    after: list[ActorMention]
    before: list[ActorMention]
    subject: list[ActorMention] = field(default_factory=list)
    rest: list[ActorMention] = field(default_factory=list)  # the actors after the subject
    how: str = ""
    patient: list[ActorMention] = field(default_factory=list)  # a verbal noun's genitive that undergoes it

    @property
    def p(self) -> Pattern:
        return self.trig.pattern


def _frame(text: str, sent: Sentence, trig: Trigger, speaker: ActorMention | None, ctx: Context,
           doc: DocMemory) -> Frame:
    following = [t.start for t in sent.triggers if t.start > trig.end and _opens_clause(text, trig, t)]
    openers = word_class("clause_openers")
    following += [m.start() for m in WORD.finditer(text, trig.end, sent.end) if m.group() in openers][:1]
    right = min([sent.end, *following])
    after: list[ActorMention] = []
    for a in sent.actors:
        if a.start < trig.end or a.end > right:
            continue
        # a long subject (وزراء خارجية دول مجلس التعاون ... والأمين العام) carries the reach on past its end
        # (... مع وزير خارجية الولايات المتحدة): what follows the last actor closely is still the verb's
        if (len(words_between(text, trig.end, a.start)) <= MAX_AFTER_WORDS
                or (after and len(words_between(text, after[-1].end, a.start)) <= CHAIN_WORDS)):
            after.append(a)
        else:
            break
    before = [a for a in sent.actors if a.end <= trig.start]
    return Frame(text, sent, trig, speaker, ctx, doc, after, before, rest=after)


STATE_KINDS = frozenset({"country", "metonym", "place"})


ATTACK_ROOTS = frozenset({"18", "19", "20"})  # assault, fight, mass violence: the roots of attacks


def _genitive_is_patient(f: Frame, run: list[ActorMention]) -> bool:
    """Is the noun right after a verbal noun what the act is done to (اتهام أنقرة، زيارة مصر)?

    An adjective is always the agent (الغارات الإسرائيلية); an object with ل after the genitive makes the
    genitive the agent (زيارة الرئيس لمصر، إدانة السعودية للهجوم); otherwise the pattern says.
    """
    first, role = run[0], f.p.genitive
    head = _bare_noun(f.text[first.start:first.end].split()[0]).removeprefix("ال")
    if f.p.cameo[:2] in ATTACK_ROOTS and head in word_class("attacked_buildings"):
        return True  # تفجيرات السفارة الأميركية: a building is what is bombed, never the bomber
    nxt = next((a for a in f.after if a.start >= run[-1].end), None)
    if nxt is not None and marker(f.text, nxt, run[-1].end) == "ل":
        return False
    if (f.p.cameo[:2] in ATTACK_ROOTS | {"17"} and first.kind == "nisba" and head.endswith(("يين", "يون"))
            and not words_between(f.text, f.trig.end, first.start)):
        return True  # قتل اليمنيين، اعتقال الفلسطينيين: people (no adjective of an act) are who it is done to
    if role == "agent" or (first.kind == "nisba" and not words_between(f.text, f.trig.end, first.start)):
        return False
    return role == "patient" or first.kind in STATE_KINDS


def _object_of_reaction(f: Frame) -> bool:
    """"دانت مصر الهجوم، رحبت بالاتفاق": a verbal noun a reaction verb takes as its object is an act of
    others; the reacting subject is not its agent."""
    for t in reversed(f.sent.triggers):
        if t.end > f.trig.start:
            continue
        gap = [m for m in WORD.finditer(f.text, t.end, f.trig.start)
               if not any(a.start < m.end() <= a.end for a in f.sent.actors)]  # the subject may stand between
        return (t.form.pos != "noun" and t.pattern.cameo[:2] in REACTION_ROOTS | {"05"} and len(gap) <= 3
                and not any(c in f.text[t.end:f.trig.start] for c in "،,.:؛"))
    return False


def _content_words(f: Frame, start: int, end: int) -> int:
    """Words between two offsets that are not adverbs or date words (لقائه اليوم مبعوث: one)."""
    cues = [(c.start, c.end) for c in f.sent.cues]
    return sum(1 for m in WORD.finditer(f.text, start, end)
               if m.group() not in word_class("adverbs") and not any(s <= m.start() < e for s, e in cues))


def _nisba_run(text: str, after: list[ActorMention]) -> list[ActorMention]:
    """"الاتفاق النووي الأميركي الإيراني، التقارب المصري–التركي": adjectives of two states in a row name the
    event's two parties."""
    if not after or after[0].kind != "nisba":
        return []
    run = [after[0]]
    for b in after[1:]:
        if b.kind != "nisba" or b.prefix or text[run[-1].end:b.start].strip(" -–—") or b.key == run[-1].key:
            break
        run.append(b)
    return run if len(run) >= 2 else []




def _destination(f: Frame, a: ActorMention, lo: int) -> bool:
    """After إلى/ل, the place itself or place nouns before it (إلى مطار عدن، إلى الشطر الشمالي من قبرص), not
    another noun's qualifier (الوصول إلى تشكيل حكومة ليبية)."""
    cues = [(c.start, c.end) for c in f.sent.cues]
    gap = [m.group() for m in WORD.finditer(f.text, lo, a.start - len(a.prefix))
           if m.group() not in word_class("adverbs") and not any(s <= m.start() < e for s, e in cues)]
    if not a.prefix.endswith("ل"):
        last = max((i for i, w in enumerate(gap) if (_without_conjunction(w) in word_class("prepositions") and w != "من")
                    or w in word_class("takes_in")), default=-1)
        gap = gap[last + 1:]
    words = [w.lstrip("وفبل") if w not in word_class("place_nouns") else w for w in gap if w not in word_class("state_heads") and w != "من"]
    return len(words) <= 3 and all(w in word_class("place_nouns") for w in words)


def _genitive_gap(f: Frame, a: ActorMention) -> bool:
    """Is `a` the genitive of the verbal noun: right after it, or after an adjective of it (زيارة رسمية
    إيرانية)? After another noun (وصول طائرات أميركية، اجتماعات الحوار السوداني) it qualifies that noun;
    only a patient genitive takes it then (اعتقال صحفي فرنسي)."""
    gap = words_between(f.text, f.trig.end, a.start)
    if not gap:
        return True
    if len(gap) > 1 or marker(f.text, a, f.trig.end) is not None:
        return False
    return gap[0].endswith(("يه", "ي")) or gap[0] in word_class("adverbs") or f.p.genitive == "patient"




def _his_own(f: Frame) -> bool:
    """"زيارة له إلى إندونيسيا": له after a verbal noun names its agent as a pronoun would."""
    return words_between(f.text, f.trig.match.word_end, f.trig.match.word_end + 8)[:1] in ([h] for h in word_class("his"))


def _in_circumstance(f: Frame, *, direct: bool = False) -> bool:
    """Is the verbal noun a circumstance of its clause (خلال زيارة، أثناء توجهه، عقب لقائه)?

    `direct`: the circumstantial word governs the noun itself. After "بعد انتهاء المفاوضات", "منذ توقيع الاتفاقية" the
    act is the genitive of another noun, a landmark in time whose doer the clause's subject need not be.
    """
    before = words_between(f.text, max(f.sent.start, f.trig.match.word_start - 20), f.trig.match.word_start)[-2:]
    if direct:
        before = before[-1:]
    return any(w.lstrip("وف") in word_class("circumstantial") for w in before) or f.trig.match.prefix.endswith("ب")




def _light_verb_subject(f: Frame) -> ActorMention | None:
    """"بدأ الوزير جولة، قام بزيارة، أجرت مصر محادثات": the subject of the verb that carries the verbal noun."""
    words = list(WORD.finditer(f.text, max(f.sent.start, f.trig.match.word_start - 80), f.trig.match.word_start))
    verb = next((m for m in reversed(words[-6:]) if m.group().lstrip("وف") in word_class("light_verbs")), None)
    if verb is None:
        return None
    between = [a for a in f.before if a.start >= verb.end()]
    if between and marker(f.text, between[0], verb.end()) is None:
        return between[0]  # VSO: the subject stands between the verb and its noun
    if len(words) - words.index(verb) > 3:
        return None
    return _nearest_before(f.text, f.before, verb.start(), 2) or (
        f.ctx.subject if f.ctx.start == f.sent.start else None)


def _noun_subject(f: Frame, parties: list[ActorMention]) -> None:
    text, trig, after, before = f.text, f.trig, f.after, f.before
    genitive = bool(after) and _genitive_gap(f, after[0]) and marker(text, after[0], trig.end) is None
    if trig.form.needs_suffix or trig.match.suffix in POSSESSIVE_SUFFIXES or _his_own(f):
        ante = _nearest_before(text, before, trig.start, MAX_BEFORE_WORDS) or f.ctx.subject
        if ante is None and _in_circumstance(f):
            # نقلت الصحيفة عن أردوغان قوله ... أثناء توجهه: the one whose words are reported
            ante = f.speaker if f.speaker is not None and f.speaker.end <= trig.start else _sentence_subject(text, f.sent, trig)
        if ante is not None:
            f.subject, f.how = [ante], "pronoun"
    elif genitive and _genitive_is_patient(f, run := conjuncts(text, after, 0)):
        f.patient, f.rest = run, after[len(run):]
        near = _nearest_before(text, before, trig.start, 6)
        if near is not None and not _object_of_reaction(f):  # أدانت مصر اعتقال الفلسطينيين: Egypt arrests nobody
            f.subject, f.how = [near], "patient-genitive"
    elif genitive and after[0].kind in ("metonym", "place") and (
            f.p.parties == "phrase" or (f.p.symmetric and len(conjuncts(text, after, 0)) == 1)):
        # اتفاق فيينا، اتفاقية كامب ديفيد، مفاوضات جنيف: one city names the agreement or the talks by where they
        # were held, it is no party (محادثات واشنطن وطهران: two are the parties)
        f.rest = after[1:]
    elif genitive:
        f.subject, f.how = _nisba_run(text, after) or conjuncts(text, after, 0), "genitive"
        f.rest = after[len(f.subject):]
    elif (agent := _relative_agent(text, after, trig)) is not None:
        f.subject, f.how = [agent], "relative-agent"  # الهجوم الذي تبنته جماعة الحوثي على ...
        f.rest = [a for a in after if a.start > agent.end]
    elif (agent := _light_verb_subject(f)) is not None:
        f.subject, f.how = [agent], "light-verb"  # بدأ وزير الخارجية السعودي جولة في إيطاليا ...
    elif not parties and not _object_of_reaction(f):
        near = _nearest_before(text, before, trig.start, 6)
        if near is not None:
            f.subject, f.how = [near], "clause-subject"
        elif f.p.cameo[:2] == "04" and _in_circumstance(f, direct=True) and (
                lead := _sentence_subject(text, f.sent, trig)) is not None:
            # قال الرئيس التركي، في تصريحات أذيعت ...، خلال زيارة إلى قبرص: the speaker is the visitor
            f.subject, f.how = [lead], "circumstance"




def _continues(text: str, trig: Trigger) -> bool:
    """A verb right after حيث، ثم، كما goes on with the subject of the clause before it."""
    return words_between(text, max(0, trig.match.word_start - 12), trig.match.word_start)[-1:] in (
        [w] for w in word_class("continuers"))


def _verb_subject(f: Frame) -> bool:
    """VSO, SVO, a subject further back or carried from the clause before; False when it is no actor."""
    text, sent, trig, after, before, ctx = f.text, f.sent, f.trig, f.after, f.before, f.ctx
    coordinated = trig.match.prefix.startswith(("و", "ف"))
    if any(o.start >= trig.end and len(words_between(text, trig.match.word_end, o.start)) <= 1 for o in sent.outlets):
        return False  # وناشدت صحيفة واشنطن بوست: an outlet is the subject, and an outlet is never an actor
    nxt = words_between(text, trig.end, trig.end + 12)[:1]
    if ctx.subjects and ctx.start == sent.start and nxt and nxt[0] in word_class("in_it"):
        f.subject, f.how = list(ctx.subjects), "carried"  # بعث برسالة ... دان فيها الهجوم: the writer condemns
        return True
    near = _nearest_before(text, before, trig.start, 2)
    # a verb with و/ف opens a new clause: the noun right before it is the last clause's, not its subject
    if near is not None and not coordinated and not any(c in text[near.end:trig.start] for c in "،,:؛\""):
        f.subject, f.how = conjuncts_back(text, before, before.index(near)), "svo"
    elif (after and marker(text, after[0], trig.end) is None and can_be_subject(text, after[0], trig)
          and len(words_between(text, trig.end, after[0].start)) <= 3):
        # a noun right before a nisba is the head it qualifies (تظاهر طلاب إيرانيون), not a name
        head_end = after[0].start if after[0].kind != "nisba" else _previous_word_start(text, after[0].start)
        if (trig.tail_end is not None and after[0].start >= trig.tail_end
                and not text[trig.tail_end:after[0].start].strip() and after[0].kind != "nisba"):
            # يعقد لقاء الجبير مع نظيره الروسي: the genitive of the event noun the verb carries does that event
            f.subject, f.how = conjuncts(text, after, 0), "tail-agent"
            f.rest = after[len(f.subject):]
            return True
        if _unknown_name_between(text, sent, trig.end, head_end):
            return False  # شكر شقير الوسيط الأمريكي: a name we do not know is the subject; the actor is the object
        if _noun_between(text, sent, trig.end, after[0].start):
            # ودان بشدة سيطرة الجيش: the actor belongs to the object noun; the subject is the one before
            near = _nearest_before(text, before, trig.start, MAX_BEFORE_WORDS)
            if ctx.subjects and ctx.start == sent.start and coordinated:
                f.subject, f.how = list(ctx.subjects), "carried"  # قرر المجلس ... ودان بشدة
            elif near is not None:
                f.subject, f.how = conjuncts_back(text, before, before.index(near)), "subject-before"
        else:
            f.subject, f.how = conjuncts(text, after, 0), "vso"
            f.rest = after[len(f.subject):]
    elif (vps := _subject_after_prepositional(f)) is not None:
        # وصل إلى القاهرة أمس أمير الكويت: the verb's prepositional phrase comes first, its subject after it
        f.subject, f.how = conjuncts(text, after, vps), "vpso"
        f.rest = after[:vps] + after[vps + len(f.subject):]
    else:
        near = _nearest_before(text, before, trig.start, MAX_BEFORE_WORDS)
        if coordinated and ctx.subjects and ctx.start == sent.start and (near is None or near.start < ctx.end):
            # دعمت إسرائيل أذربيجان ... وساعدتها: the subject of the first verb goes on, its object does not act
            f.subject, f.how = list(ctx.subjects), "carried"
        elif near is not None and sum(text.count(c, near.end, trig.start) for c in "،,") <= 1:
            f.subject, f.how = conjuncts_back(text, before, before.index(near)), "subject-before"
        elif ctx.subjects and (coordinated or (ctx.start == sent.start and _continues(text, trig))):
            f.subject, f.how = list(ctx.subjects), "carried"  # سينتقل كيري إلى الدوحة، حيث سيلتقي نظراءه
        elif coordinated and (lead := _sentence_subject(text, sent, trig)) is not None:
            f.subject, f.how = [lead], "carried"  # أعربت السعودية، اليوم، عن أملها ...، وحثت الجانبين
    return True


def _subject_after_prepositional(f: Frame) -> int | None:
    """The index in f.after of a subject that follows the verb's first prepositional phrase (وصل إلى القاهرة
    مساء أمس أمير الكويت), or None. The phrase is one actor, right after the verb, with a preposition; the subject
    follows it with nothing between but time words, and no noun before it that it could be the genitive of."""
    text, sent, trig, after = f.text, f.sent, f.trig, f.after
    if len(after) < 2 or not after[0].prefix and marker(text, after[0], trig.end) is None:
        return None
    if marker(text, after[0], trig.end) is None or len(words_between(text, trig.end, after[0].start)) > 1:
        return None
    subj = after[1]
    if subj.start < after[0].end or any(c in text[trig.end:subj.start] for c in "،,:؛\".!?؟\n"):
        return None
    if subj.prefix.startswith("و") or text[trig.start:trig.end].endswith(("وا", "ون")):
        return None  # التقوا بالوزير ووكيل الوزارة: a plural verb has its subject, and و goes on with the list
    dates = [(c.start, c.end) for c in sent.cues if c.kind in ("date", "relative", "weekday", "month")]
    for m in WORD.finditer(text, after[0].end, subj.start):
        if m.group() not in word_class("adverbs") and not any(s <= m.start() < e for s, e in dates):
            return None
    if marker(text, subj, after[0].end) is not None or not can_be_subject(text, subj, trig):
        return None
    return 1


def _find_subject(f: Frame, parties: list[ActorMention]) -> bool:
    """Fill f.subject (and f.rest, f.how); False when the grammar says the subject is not an actor."""
    text, sent, trig, ctx = f.text, f.sent, f.trig, f.ctx
    if trig.form.first_person and f.speaker is not None:
        f.subject, f.how = [f.speaker], "speaker"
    elif trig.form.pos == "noun":
        _noun_subject(f, parties)
    elif trig.form.pos == "participle":
        # منتقدا، معربا: a circumstantial participle shares the subject of the clause it follows.
        if ctx.subjects and ctx.start == sent.start:
            f.subject, f.how = list(ctx.subjects), "participle"
        elif f.speaker is not None and f.speaker.end <= trig.start and trig.match.prefix in ("", "و", "ف"):
            # وأضاف فاتيمي ...، مؤكدا ...، ومشيدا بـ: the participles of a report are its speaker's
            f.subject, f.how = [f.speaker], "participle-speaker"
        elif (ante := _nearest_before(text, f.before, trig.start, MAX_BEFORE_WORDS)) is not None:
            f.subject, f.how = [ante], "participle"
    elif trig.form.pos == "passive":
        for a in f.after:
            if tuple(words_between(text, trig.end, a.start)[-2:]) in _agent_markers(word_class("agent_markers")):
                f.subject, f.how = [a], "passive-agent"
                f.rest = [b for b in f.after if b is not a]
                break
    elif (rel := _relative_subject(text, f.before, trig)) is not None:
        # التي/الذي is one noun's; الذين/اللذين may be a list's
        plural = not set(words_between(text, rel.end, trig.start)[-1:]) & word_class("singular_relatives")
        f.subject = conjuncts_back(text, f.before, f.before.index(rel)) if plural else [rel]
        f.how = "relative"
    elif _after_anna_pronoun(text, trig) and ctx.subjects and ctx.start == sent.start:
        f.subject, f.how = list(ctx.subjects), "carried"  # أعلن المجلس ... أنه سيوفد بعثة
    elif _opens_relative_clause(text, trig):
        if not _resumptive(f):
            return False  # "على بيان العلا الذي ينهي المقاطعة": the subject is a thing, not an actor
        # الاتفاقية التي وقع عليها زعماء الدول الثلاث، حزب الله الذي تصنفه الرياض: the subject follows the verb
        f.subject, f.how = conjuncts(text, f.after, 0), "relative-vso"
        f.rest = f.after[len(f.subject):]
    else:
        return _verb_subject(f)
    return True


def _named_target(f: Frame) -> list[Arguments] | None:
    """The target the pattern's frame introduces after the subject (obj or a preposition)."""
    text, p, subject, rest = f.text, f.p, f.subject, f.rest
    allowed = {normalize_form(m) if m != "obj" else None for m in p.target}
    lo = subject[-1].end if subject[-1].start >= f.trig.end and f.how != "vpso" else f.trig.match.word_end
    anchor = lo
    unresolved: list[ActorMention] | None = None
    skip_to = -1
    for i, a in enumerate(rest):
        if a in subject or a.start < skip_to:
            continue
        m = marker(text, a, lo)
        if (m == "ب" and a.kind in ("metonym", "place") and p.cameo[:2] == "04"
                and text[a.start:a.end] not in word_class("ruler_metonyms")):
            lo = a.end  # اجتماعهم بالدوحة: where they met, not whom
            continue
        if m is None and f.trig.form.pos == "noun" and _content_words(f, anchor, a.start - len(a.prefix)) > 1:
            lo = a.end  # a verbal noun's object is its genitive or comes with ل, not a noun further on
            continue
        if p.converse == "043" and m is not None and not _destination(f, a, lo):
            lo = a.end  # الوصول إلى تشكيل حكومة ليبية: a goal, not a place one goes to
            continue
        if unresolved is not None and (m == "في" or len(words_between(text, unresolved[-1].end, a.start)) > 4):
            break  # after an unnamed object, only a party close behind it may be the one aimed at
        if m in allowed and not (m is None and a.kind == "place" and None not in allowed):
            if any(a.key is not None and a.key == s.key for s in subject):
                if p.converse == "043" and m is not None:
                    return []  # a visit to one's own country (في زيارة إلى عدن): the plane's flag is no host
                if i + 1 < len(rest):
                    # جماعة الحوثي اليمنية على ...: the subject's own qualifier, the target comes next; a list it
                    # opens (خلاف بين تونس والجزائر) goes with it
                    lo = skip_to = conjuncts(text, rest, i)[-1].end
                    continue
            targets = conjuncts(text, rest, i)
            if not any(t.resolved for t in targets):
                if (answer := _denial_answers(f)):
                    return answer
                owner = rest[i + len(targets)] if i + len(targets) < len(rest) else None
                if (owner is not None and owner.resolved and owner.prefix.endswith("ل")
                        and not words_between(text, targets[-1].end, owner.start - len(owner.prefix))):
                    return _frame_pairs(f, [owner])  # دورية للشرطة العراقية: the patrol is the Iraqi police's
                if unresolved is None:
                    # باعت فرنسا مقاتلات رافال إلى مصر، غارات على مواقع للحوثيين: an unnamed object may be a thing or a
                    # place; a named party may follow it
                    unresolved, lo = targets, targets[-1].end
                    continue
            return _frame_pairs(f, targets)
        lo = skip_to = conjuncts(text, rest, i)[-1].end  # a list shares its first member's preposition
    return _frame_pairs(f, unresolved) if unresolved else None


def _frame_pairs(f: Frame, targets: list[ActorMention]) -> list[Arguments]:
    out = _pairs(f.subject, targets, f.how or "frame")
    if f.p.symmetric:
        out += _pairs(targets, f.subject, (f.how or "frame") + "+symmetric")
    return out


# -- when the frame names no target: rules tried in order, each for one construction ---------------

def _attack_target(f: Frame) -> list[Arguments]:
    """"دانت مصر الهجوم": a reaction to "the attack" aims at the one the article reports attacking most."""
    if f.p.cameo[:2] not in REACTION_ROOTS or not f.doc.attackers:
        return []
    ref = _attack_reference(f.text, f.sent, f.trig, f.subject, f.doc)
    return _pairs(f.subject, [ref], "attack-reference") if ref is not None else []


# Reactions that may aim at an agreement's parties: welcoming, praising, criticising or rejecting it.
AGREEMENT_REACTION_ROOTS = frozenset({"01", "05", "11", "12"})


def _agreement_target(f: Frame) -> list[Arguments]:
    """"رحب بايدن بدخول الاتفاق حيز التنفيذ": a reaction to "the agreement" aims at the two parties of the last
    agreement the article reports (each of them, the reacting state itself left out)."""
    if f.p.cameo[:2] not in AGREEMENT_REACTION_ROOTS or not f.doc.agreements:
        return []
    lo = max([f.trig.match.word_end] + [s.end for s in f.subject if s.start >= f.trig.end])  # past a VSO subject
    after = words_between(f.text, lo, min(f.sent.end, lo + 40))[:3]
    nouns = word_class("agreement_nouns")
    if not any(w in nouns or w[2:] in nouns or w[3:] in nouns for w in after):  # الاتفاق، بالاتفاق، للاتفاق
        return []
    parties = f.doc.agreements[-1]
    if len(parties) != 2:
        return []  # a deal of many (إيران ومجموعة 5+1): which of them a reaction aims at, the text must say
    own = {s.key for s in f.subject}
    return _pairs(f.subject, [p for p in parties if p.key not in own], "agreement-reference")


def _participle_target(f: Frame) -> list[Arguments]:
    """A participle goes on with the target of the clause it follows (اتهم ... متوعدا برد)."""
    if f.trig.form.pos == "participle" and f.how == "participle" and f.ctx.target is not None:
        return _pairs(f.subject, [f.ctx.target], "participle-target")
    return []


def _instrument_target(f: Frame) -> list[Arguments]:
    """"مقتل قائد فيلق القدس بغارة أمريكية": the attack noun after ب strikes the one named before it."""
    if f.trig.form.pos == "noun" and f.how == "genitive" and "ب" in f.trig.match.prefix and f.before:
        victim = f.before[-1]
        if len(words_between(f.text, victim.end, f.trig.start)) <= 4:
            return _pairs(f.subject, [victim], "instrument")
    return []


def _genitive_on_subject(f: Frame) -> list[Arguments]:
    """A verbal noun with its agent but no target acts on the clause's subject (رغم اعتراض القاهرة)."""
    if (f.trig.form.pos == "noun" and f.how == "genitive" and f.p.cameo[:2] not in ATTACK_ROOTS
            and not _object_of_reaction(f)):
        # an attack, a war or an occupation hits whom its own words name, never the one who speaks of it
        # (دان سوليفان الهجوم الإيراني، أشاد بدور المملكة في الخلاص من احتلال الحوثيين)
        near = _nearest_before(f.text, f.before, f.trig.start, MAX_BEFORE_WORDS)
        if near is not None:
            return _pairs(f.subject, [near], "genitive-on-subject")
    return []


def _after_bare_noun(f: Frame) -> bool:
    """Does the verb follow a noun directly (an indefinite noun's describing clause: مليون لاجئ سوري تستضيفهم)?"""
    start = f.trig.match.word_start
    prev = list(WORD.finditer(f.text, max(f.sent.start, start - 30), start))[-1:]
    if not prev or f.text[prev[0].end():start].strip():
        return False
    w = prev[0].group()
    in_actor = next((a for a in f.before if a.start <= prev[0].start() < a.end), None)
    if in_actor is not None:
        return in_actor.civilian  # a state's adjective on private people: still no party
    return w not in word_class("prepositions") and w not in word_class("adverbs") and w not in word_class("relatives") and len(w) > 2 and not w.startswith("و")


def _pronoun_target(f: Frame) -> list[Arguments]:
    """An object pronoun (نفته الدوحة، متهمة إياها، تصنفه الرياض) points back at a party named before."""
    if not _object_pronoun(f.text, f.trig):
        return []
    antecedent = _relative_antecedent(f.text, f.before, f.trig) or _dual_antecedent(f.text, f.before, f.trig)
    if antecedent is not None and (out := _pairs(f.subject, [antecedent], "relative-pronoun")):
        return out
    if _opens_relative_clause(f.text, f.trig):
        return []  # التحقيق الذي فتحته السلطات: the pronoun is the thing the clause describes
    if _after_bare_noun(f):
        return []  # لاجئ سوري تستضيفهم تركيا: the pronoun is the noun the clause describes, no party named before
    same = {s.key for s in f.subject} == {s.key for s in f.ctx.subjects}
    back = [f.ctx.target] if same and f.ctx.target is not None else f.ctx.subjects
    return _pairs(f.subject, back, "object-pronoun")


def _denial_answers(f: Frame) -> list[Arguments]:
    """A bare denial ("نفت أديس أبابا أن ...") answers whoever accused or struck the denier."""
    accusers = f.doc.accusers
    if f.p.id.startswith("deny") and len(f.subject) == 1 and f.subject[0].key in accusers:
        return _pairs(f.subject, [accusers[f.subject[0].key]], "denial-answers")
    return []


def _coordinated_target(f: Frame) -> list[Arguments]:
    """"طلبت المنامة من السفير اللبناني المغادرة، واستدعت الكويت سفيرها": a coordinated act of the same
    kind with no target of its own aims where the act before it in the sentence did."""
    ctx = f.ctx
    if (f.trig.form.pos == "verb" and f.trig.match.prefix.startswith("و") and ctx.start == f.sent.start
            and ctx.target is not None and ctx.root == f.p.cameo[:2]):
        return _pairs(f.subject, [ctx.target], "coordinated-target")
    return []


def _same_parties_target(f: Frame) -> list[Arguments]:
    """The same parties acting again in the paragraph act on the same target
    (قطعت الدول الأربع علاقاتها مع قطر ... ثم قدمت الدول الأربع قائمة مطالب)."""
    acting = {x.key for s in f.subject for x in _expand_group(s)}
    if f.ctx.target is not None and len(acting) > 1 and acting == {s.key for s in f.ctx.subjects}:
        return _pairs(f.subject, [f.ctx.target], "same-parties")
    return []


def _addressee_target(f: Frame) -> list[Arguments]:
    """A speaker's first-person act aimed at "you" (أدعوكم) or at "the two countries" aims at the
    article's other main state."""
    if f.how != "speaker" or not f.doc.main:
        return []
    second = f.trig.match.suffix in ("ك", "كم", "كما")
    ours = any(a.kind == "group_ref" for a in f.rest)
    other = next((m for m in f.doc.main if m.key != f.subject[0].key), None)
    return _pairs(f.subject, [other], "addressee") if other is not None and (second or ours) else []


def _implicit_parties(f: Frame) -> list[Arguments]:
    """A mediator whose parties the sentence does not name mediates between the article's two main states."""
    if not f.p.implicit_parties or len(f.doc.main) != 2:
        return []
    keys = {s.key for s in f.subject}
    parties = [m for m in f.doc.main if m.key not in keys]
    return _pairs(f.subject, parties, "implicit-parties") if len(parties) == 2 else []


def _participant_sources(f: Frame) -> list[Arguments]:
    """A meeting "بمشاركة X و Y": each participant consults the one who holds it."""
    if f.p.cameo[:2] != "04":
        return []
    return [a for g in _participants(f.text, f.sent, f.trig) for a in _pairs([g], f.subject[:1], "participant")]


def _symmetric_parties(f: Frame) -> list[Arguments]:
    """Conjoined or grouped parties of a symmetric event act on each other (اتفقت مصر والأردن، وقع البلدان).

    A group named as such (دول مجلس التعاون) acting together is no event among its members."""
    if not f.p.symmetric or (len(f.subject) == 1 and f.subject[0].kind == "group_ref" and f.subject[0].name):
        return []  # اجتمعت مجموعة 5+1: a named group alone is one side (with إيران it is the other)
    parties = [x for s in f.subject for x in _expand_group(s)]
    if len(parties) == 1 and f.how == "vso":
        # وقع الرئيس التركي ورئيس المجلس الرئاسي لحكومة الوفاق مذكرتي تفاهم: a second party joined by و
        lo = parties[0].end
        for a in f.rest:
            gap = words_between(f.text, lo, a.start)
            if (gap and gap[0].startswith("و") and len(gap) <= 5 and not any(c in f.text[lo:a.start] for c in "،,.:؛")
                    and not any(w in word_class("prepositions") for w in gap[1:])):
                parties.append(a)
                break
            lo = a.end
    if len(parties) < 2:
        return []
    return [a for x in parties for y in parties if x is not y for a in _pairs([x], [y], "parties")]


FALLBACKS = (
    _attack_target, _agreement_target, _participle_target, _instrument_target, _genitive_on_subject, _pronoun_target,
    _denial_answers, _coordinated_target, _same_parties_target, _addressee_target, _implicit_parties,
    _participant_sources, _symmetric_parties,
)


# Roots of acts private people may do (protest, violence) and may undergo for their state's key.
CIVILIAN_SOURCE_ROOTS = frozenset({"14", "18", "19", "20"})
CIVILIAN_TARGET_ROOTS = frozenset(f"{r:02d}" for r in range(1, 21)) - {"01", "03", "04", "06"}
# Roots of acts goods and arms may stand in for their state in: all but statements, intent, meetings and visits,
# and diplomatic cooperation (استقبال معدات أميركية is no visit; اعترضت الصين على صفقة الأسلحة الأمريكية is).
THING_ROOTS = frozenset(f"{r:02d}" for r in range(1, 21)) - {"01", "03", "04", "05"}
# The rules that find parties inside a noun phrase (for patterns with `parties: phrase`).
PHRASE_RULES = frozenset({"genitive", "between", "relative-agent", "parties", "pronoun", "light-verb"})


def assign(text: str, sent: Sentence, trig: Trigger, speaker: ActorMention | None,
           ctx: Context, doc: DocMemory | None = None) -> list[Arguments]:
    """Source/target pairs for one trigger; empty when the frame is not filled."""
    found = _assign(text, sent, trig, speaker, ctx, doc)
    if trig.pattern.parties == "phrase":
        found = [a for a in found if a.how.split("+")[0] in PHRASE_RULES]
    root = trig.pattern.cameo[:2]
    # private people and firms do not visit, negotiate or threaten for their state (لاجئ سوري، شركات تركية);
    # they may protest, and a state may pardon, aid, arrest or strike them (عفا عن سجناء بريطانيين)
    found = [a for a in found if not (a.source.civilian and root not in CIVILIAN_SOURCE_ROOTS)
             and not (a.target.civilian and root not in CIVILIAN_TARGET_ROOTS)
             and not ((a.source.thing or a.target.thing) and root not in THING_ROOTS)]
    if trig.pattern.cameo in VISIT_CODES:
        # وصلت قوات أمريكية إلى العراق، تستضيف قطر جنودا أمريكيين: a deployment, not a diplomatic visit
        found = [a for a in found if not (_troops(text, a.source) or _troops(text, a.target))]
    return found


VISIT_CODES = frozenset({"042", "043"})


def _troops(text: str, a: ActorMention) -> bool:
    return a.role in ("MIL", "COP") and words_between(text, a.start, a.end)[:1] in ([w] for w in word_class("troops"))


MATERIAL_BACKING = "070"
UNDIRECTED_VISIT = "040"


def _passive_participle(f: Frame) -> list[Arguments]:
    """الحوثيون المدعومون من إيران، طلب إيران المدعوم من موسكو: the agent after من acts on the party the
    participle qualifies, named right before it (a head noun may stand between: طلب إيران)."""
    text, trig = f.text, f.trig
    head = _nearest_before(text, f.before, trig.start, 2)
    if head is None or any(c in text[head.end:trig.start] for c in "،,.:؛()\"«»"):
        return []
    lo = trig.match.word_end
    for a in f.after:
        if len(words_between(text, lo, a.start)) > 3:
            break
        if marker(text, a, lo) == "من":
            if not a.resolved:
                return []
            out = _pairs([a], [head], "passive-participle")
            if head.kind == "group" and trig.pattern.cameo[:2] == "05":
                # الحوثيون المدعومون من إيران: backing an armed or political group is aid to it, not words
                out = [Arguments(x.source, x.target, x.how + "+group", MATERIAL_BACKING) for x in out]
            return out
        lo = a.end
    return []


def _tail_genitive(f: Frame) -> list[Arguments] | None:
    """تعهدت تركيا بدعم ليبيا، طالبت مصر بمحاسبة إسرائيل: a party right after the verbal noun that ends the tail
    is that noun's object, so the act's target."""
    end = f.trig.tail_end
    if end is None or f.trig.form.pos == "noun":
        return None
    last = words_between(f.text, max(f.trig.end, end - 20), end)[-1:]
    if not last or last[0][:1] not in "بل":
        return None  # the genitive of a verbal noun the verb governs (بدعم، لمحاسبة), not of a document (على معاهدة)
    a = next((x for x in f.rest if x.start >= end), None)
    if a is None or a.prefix or not a.resolved or a.kind == "place" or words_between(f.text, end, a.start):
        return None
    if any(c in f.text[end:a.start] for c in "،,.:؛()\"«»\n"):
        return None
    return _pairs(f.subject, [a], "tail-genitive") or None


def _relations_carried(f: Frame) -> list[Arguments]:
    """قطع المغرب علاقاته مع الجزائر ...، ولم تستأنف العلاقات إلا عام 1988: relations with no party of their own
    are those of the two the sentence has just named."""
    ctx, trig = f.ctx, f.trig
    if not (f.p.symmetric and trig.tail_end is not None and ctx.subjects and ctx.target is not None
            and ctx.start == f.sent.start):
        return []
    tail = words_between(f.text, trig.end, trig.tail_end)
    if not tail or tail[-1] not in word_class("relation_nouns"):
        return []
    return _pairs(list(ctx.subjects), [ctx.target], "carried-relations")


def _adjective_agents(f: Frame) -> list[ActorMention]:
    """The state adjectives right after an inverse verb's noun (حظي بدعم أمريكي، لقي ترحيبا مصريا سعوديا): each
    one's state did the act the subject received."""
    out: list[ActorMention] = []
    lo = max([f.trig.end] + [a.end for a in f.subject if a.start > f.trig.end])  # VSO: from after the subject
    for a in f.rest:
        if a.kind != "nisba" or not a.resolved or a.start < lo:
            break
        if len(words_between(f.text, lo, a.start)) > (1 if not out else 0) or any(c in f.text[lo:a.start] for c in "،,.:؛"):
            break
        out.append(a)
        lo = a.end
    return out


def _assign(text: str, sent: Sentence, trig: Trigger, speaker: ActorMention | None,
            ctx: Context, doc: DocMemory | None = None) -> list[Arguments]:
    f = _frame(text, sent, trig, speaker, ctx, doc or DocMemory())
    accused = _accused_act(text, trig, ctx, sent, f.after)
    if accused is not None:
        return accused
    if trig.form.pos == "passive_participle":
        return _passive_participle(f)
    parties = _between(text, f.after, trig.end)  # "بين X و Y": with no agent of its own, both directions
    if not _find_subject(f, parties):
        return []
    if parties and not f.subject:
        out = [x for a in parties for b in parties if a is not b for x in _pairs([a], [b], "between")]
        if f.p.converse:
            # a visit between two states (الاستقبال ... بين البلدين) names no visitor: they consulted, each way
            out = [Arguments(x.source, x.target, x.how + "+undirected", UNDIRECTED_VISIT) for x in out]
        return out
    if f.p.source != "subj":
        # Inverse frames: the actor after the source marker acts on the subject (تلقى اتصالا من).
        source_marker, lo = normalize_form(f.p.source), trig.end
        sources = []
        for a in f.rest:
            if marker(text, a, lo) == source_marker:
                sources.append(a)
            lo = a.end
        # أول دفعة من مقاتلات رافال من فرنسا: of the phrases with من, the named party is the source
        source = next((a for a in sources if a.resolved), sources[0] if sources else None)
        if source is None and f.subject:
            agents = _adjective_agents(f)  # تحظى بدعم سعودي – أميركي: the adjectives of the received act give
            return _pairs(agents, f.subject, "inverse-adjective") if agents else []
        return _pairs([source], f.subject, "inverse") if source is not None and f.subject else []
    if not f.subject or not any(a.resolved for a in f.subject):
        # an unnamed subject (جبهة البوليساريو named in a relative clause before) leaves relations to the two named
        carried = _relations_carried(f)
        if carried or not f.subject:
            return carried
    if f.patient:
        return _pairs(f.subject, f.patient, f.how)
    fight = (f.trig.form.pos == "noun" and f.trig.form.text.removeprefix("ال") in word_class("mutual_nouns")
             and all(x.kind == "nisba" for x in f.subject))  # not a list after a colon (تأثرت بالحرب: العراق وليبيا)
    if (f.p.symmetric or fight) and f.how == "genitive" and len({s.key for s in f.subject}) >= 2:
        # المفاوضات الفلسطينية الإسرائيلية، الحرب العراقية الإيرانية: the two states named with the act are its
        # parties (a war so named may be one whose year the name fixes: see dates.named_war)
        how = "genitive+paired" if fight else "genitive"
        return [a for x in f.subject for y in f.subject if x.key != y.key for a in _pairs([x], [y], how)]
    named = _named_target(f)
    if named is None:
        named = _tail_genitive(f)
    if named is not None:
        return named
    for rule in FALLBACKS:
        out = rule(f)
        if out:
            return out
    return []
