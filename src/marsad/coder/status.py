"""Stage 3: modality. Is the event asserted, planned, only feared or demanded, or denied?"""

from __future__ import annotations

from marsad.coder.mentions import words_between
from marsad.coder.state import Sentence, Trigger
from marsad.knowledge.base import words as word_class

# Which status each cue list gives to an event that follows it.
STATUS_OF = {
    "planned": "planned",
    "hypothetical": "hypothetical",
    "negated": "negated",
    "demand": "hypothetical",
    "threat": "hypothetical",
}
# Short function words bind only the word right after them (لم يلتق، قد يؤدي).
# Ambiguous words that are never cues on their own (ما = what; لا يزال = still).
WINDOW = 7


# Reactions whose object is an act that took place (condemning, criticising, complaining of it): a negation of
# the reaction (رفض إدانة) leaves that act as it was. An accusation's or a discussion's object is no such act.
PRESUPPOSING = frozenset({"110", "111", "114"})


def is_claim(text: str, trig: Trigger) -> bool:
    """Is the trigger a noun of claims already made (الاتهامات، انتقادات)? Refusing them does not unmake them."""
    if trig.form.pos != "noun":
        return False
    words = words_between(text, trig.start - len(trig.match.prefix), trig.end)
    if not words:
        return False
    w = words[0]
    claims = word_class("claims")
    return w in claims or (w[:1] in "وفبل" and w[1:] in claims) or (w[:2] in ("وب", "ول", "فب", "لل") and w[2:] in claims)


def in_future(sent: Sentence, trig: Trigger) -> bool:
    """سيزور الولايات المتحدة ويلتقي بالرئيس: a present verb joined by و to a future one shares its future."""
    if trig.form.tense == "future":
        return True
    return (trig.form.tense == "present" and trig.match.prefix.startswith("و")
            and any(t.form.tense == "future" and t.end <= trig.start for t in sent.triggers))


def status_of(text: str, sent: Sentence, trig: Trigger) -> tuple[str, str | None]:
    """(status, cue text): the nearest modal cue before the trigger in its clause decides."""
    future = in_future(sent, trig)
    if trig.form.pos == "passive_participle" and not future:
        return "occurred", None  # المدعوم من موسكو: an adjective of what holds; the clause's modals are not its
    best: tuple[int, str, str] | None = None
    for c in sent.cues:
        kind = STATUS_OF.get(c.kind)
        if kind is None or c.end > trig.start:
            continue
        cue = text[c.start:c.end]
        if cue in word_class("ignored_cues"):
            continue
        between = text[c.end:trig.start]
        gap = words_between(text, c.end, trig.start)
        limit = 1 if cue in word_class("negation_short") else WINDOW
        if len(gap) > limit or any(p in between for p in ".؟!\n"):
            continue
        if cue == "لا" and gap[:1] and gap[0] in word_class("still_words"):
            continue
        if cue == "قد" and (trig.form.tense == "past" or (gap and _past_form(gap[0]))):
            continue  # قد وقع، كانت قد وقعت الحرب: an accomplished past, not a possibility
        if kind == "negated" and ("،" in between or any(w in word_class("first_time") for w in gap[:3])):
            continue  # a denial stops at its clause; "ليست المرة الأولى" denies the novelty, not the act
        if kind == "negated" and any(c.end <= t.start and t.end <= trig.start and t.pattern.cameo[:3] in PRESUPPOSING
                                     for t in sent.triggers if t is not trig):
            continue  # رفض إدانة إسرائيل للعدوان: the refusal negates the condemnation, not the act it names
        if best is None or c.end > best[0]:
            best = (c.end, kind, cue)
    if best is not None and best[1] == "negated" and _exceptive(text, sent, trig):
        best = None  # لم تستأنف العلاقات إلا عام 1988: "not until" affirms the act, at the time after إلا
    if future:
        # أعتقد أن تركيا ستتحدى، لعلها ستكون: a future the writer only believes or fears is not announced
        return (best[1], best[2]) if best is not None and best[1] == "hypothetical" else ("planned", text[trig.start:trig.end])
    if best is None and trig.form.pos == "noun":
        after = _planned_adjective(text, sent, trig)
        if after is not None:
            return "planned", after
        cond = _depends_on(text, sent, trig) or _purpose_of_plan(text, sent, trig)
        if cond is not None:
            return "hypothetical", cond
    if best is None:
        demand = _governing_demand(text, sent, trig)
        if demand is not None:
            return "hypothetical", demand
        return "occurred", None
    return best[1], best[2]


def _planned_adjective(text: str, sent: Sentence, trig: Trigger) -> str | None:
    """لقاءه المرتقب، الزيارة المقررة: an adjective of plan right after the verbal noun (Arabic adjectives follow)."""
    for c in sent.cues:
        if c.kind == "planned" and c.start >= trig.end and text.startswith("ال", c.start):
            gap = words_between(text, trig.match.word_end, c.start)
            if not gap and not text[trig.match.word_end:c.start].strip():
                return text[c.start:c.end]
    return None


DEPENDS_WINDOW = 6  # words between a verbal noun and the predicate that makes it wait on a condition


def _depends_on(text: str, sent: Sentence, trig: Trigger) -> str | None:
    """"عودة السفير إلى اليمن مرهونة بالوضع الأمني، تتوقف على": an act whose predicate makes it depend on a
    condition has not happened; the predicate follows its subject noun, in the same clause."""
    for c in sent.cues:
        if c.kind != "depends_on" or c.start < trig.end:
            continue
        if len(words_between(text, trig.end, c.start)) <= DEPENDS_WINDOW and not any(
                p in text[trig.end:c.start] for p in ".؟!\n،,:؛"):
            return text[c.start:c.end]
    return None


def _past_form(word: str) -> bool:
    """A verb in the past, not the present a possibility's قد takes (قد يزور، قد تكون): no present prefix, or a
    feminine past ت at its end (قد وقعت)."""
    return word[:1] not in "ينات" or (word[:1] == "ت" and word.endswith("ت"))


EXCEPTIVE_WINDOW = 8  # words from a negated verb to the إلا that restricts it


def _exceptive(text: str, sent: Sentence, trig: Trigger) -> bool:
    """لم ... إلا، ما ... إلا: a negation restricted by إلا in the same clause asserts the act (only then, only so)."""
    end = min([sent.end] + [i for i in (text.find(c, trig.end, sent.end) for c in "،,.:؛") if i != -1])
    words = words_between(text, trig.end, end)[:EXCEPTIVE_WINDOW]
    for i, w in enumerate(words):
        if w in word_class("exceptives"):
            # إلا أنها أقامت علاقات: "yet", a new clause, no exception
            return not (i + 1 < len(words) and words[i + 1] in word_class("anna_pronouns") | word_class("complementizers"))
        if w in word_class("clause_breaks"):
            return False
    return False


def _purpose_of_plan(text: str, sent: Sentence, trig: Trigger) -> str | None:
    """"خطة أميركية تركية لطرد تنظيم داعش": a verbal noun with ل after a plan (and its adjectives) is what the plan
    is for, not what was done."""
    if not trig.match.prefix.endswith("ل"):
        return None
    words = words_between(text, max(sent.start, trig.match.word_start - 60), trig.match.word_start)[-4:]
    for w in reversed(words):
        if w in word_class("plan_nouns"):
            return w
        if not (w.endswith(("يه", "ي", "يين", "يون")) or w in word_class("adverbs")):
            return None  # only the plan's adjectives (أميركية تركية، جديدة) may stand between
    return None


# Roots whose object is an act not (yet) done: appeals, demands, threats.
GOVERNING_ROOTS = frozenset({"02", "10", "13"})


def _governing_demand(text: str, sent: Sentence, trig: Trigger) -> str | None:
    """"يدعو الدول الثلاث إلى استئناف المفاوضات": the act demanded or threatened is not asserted."""
    for t in reversed(sent.triggers):
        if t.end > trig.start or t.pattern.cameo[:2] not in GOVERNING_ROOTS:
            continue
        between = text[t.end:trig.start]
        gap = words_between(text, t.end, trig.start)
        if any(w.lstrip("وف") in word_class("circumstantial") for w in gap[-2:]):
            return None  # دعا ... خلال لقائه: the meeting is where the appeal was made, not what it asks for
        if len(gap) <= WINDOW + 3 and not any(p in between for p in ".؟!\n،"):
            return text[t.start:t.end]
        return None
    return None
