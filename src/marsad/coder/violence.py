"""Violence and protest: who attacked whom, who protested against whom, as a conflict analyst reads it.

The general argument rules (`coder.arguments`) read the word orders of diplomacy: a named subject acts on a
named object. Reports of violence are written otherwise: the attacker is often unnamed ("انفجرت سيارة
مفخخة"، "قُتل ثلاثة جنود"), the victim is the subject ("تعرضت خاركيف لقصف روسي"), a verbal noun's genitive is
the one attacked ("اغتيال الحريري"), an adjective names the attacker ("قصف روسي") and a place stands for the
party hit ("انفجار في بغداد"). `violent_arguments` takes the general rules' pairs for a trigger of roots 14
and 17–20 and returns the pairs this module's constructions choose, each named in `Arguments.how`:

- before the general rules, where the construction is more specific: an attack named only in an inquiry, a
  trial, a call to stop it or an anniversary is no new attack; a death that an attack in the same sentence
  explains is coded with that attack; a passive kill ("قتل 3 جنود برصاص قناص") hits the people after it;
  "تعرض X لـ" makes X the target; the genitive of an attack noun is its victim;
- after them, when they find no pair: an attack's attacker (an armed man, an adjective, an agent phrase,
  else an unknown one) and its target (a named party, the people it hit, else the place it hit); a protest's
  crowd and what it faces (an embassy, the object of احتجاجا على), else the government where it was held.

Parties the text does not resolve are emitted with `country` and `igo` null and a role code (UAF, INS, CVL):
the contract does not score them, an analyst reads them. Word lists come from the knowledge base
(`kb.grammar`, `kb.cues`), never from module globals.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from marsad.coder.arguments import ATTACK_ROOTS, Arguments, marker
from marsad.coder.spans import WORD, conjuncts, words_between
from marsad.coder.state import ActorMention, DocState, Sentence, Trigger
from marsad.coder.status import status_of
from marsad.knowledge.base import KnowledgeBase
from marsad.text import normalize_form

ROOTS = frozenset({"14", "15", "17", "18", "19", "20"})
POSTURE_ROOT = "15"
PROTEST_ROOT = "14"
COERCE_ROOT = "17"
NON_STATE = frozenset({"UAF", "INS", "REB", "RAD"})  # armed men who belong to no state until the text says so
FORCES = frozenset({"MIL", "COP", "SPY"})
ARMED = NON_STATE | FORCES
LOCAL = frozenset({"CVL", "COP", "EDU", "LAB", "REL", "MED", "HLH", "REF"})  # people of the place they are hit in
PLACE_KINDS = frozenset({"place", "metonym", "country"})
POSSESSIVE = frozenset({"ه", "ها", "هم", "هما", "هن"})  # pronouns a noun takes (not the accusative alif of هجوما)
# Patterns whose unvowelled past is most often passive in news: "قتل 3 جنود" is "3 soldiers were killed".
PASSIVE_PRONE = frozenset({"kill", "abduct", "kidnap", "assassinate", "execute", "torture", "lose_life"})
# Patterns that report a death, not the attack that caused it: beside an attack noun, the attack is coded.
DEATHS = frozenset({"kill_noun", "lose_life", "casualties_fall"})
# Patterns that assert an attack by their words alone, whoever did it to whomever (a bomb went off).
EXPLICIT_ATTACKS = frozenset({"explode", "explode_car", "explode_ied", "detonate", "suicide_self", "suicide_attack",
                              "suicide_bombing", "car_bombing", "ied_attack", "shells_fall", "open_fire", "fire_at",
                              "attack", "assassinate", "abduct", "kidnap", "air_raid_noun", "air_raids", "shell",
                              "clash", "kill_noun", "lose_life", "casualties_fall", "fire_missiles"})
# Verbal nouns whose genitive is the one attacked (اغتيال الحريري، احتلال العراق); هجوم إسرائيل is the attacker's.
GENITIVE_PATIENT = frozenset({"assassinate", "abduct", "kidnap", "execute", "torture", "target", "shell", "occupy",
                              "invade", "overrun", "raid", "kill_noun", "arrest", "detain", "capture", "hold_person",
                              "deport", "repress", "confiscate", "demolish", "forced_displacement"})
# Bombings: their words alone assert an attack, whoever did it to whomever.
BOMBS = frozenset({"explode", "explode_car", "explode_ied", "detonate", "suicide_self", "suicide_attack",
                   "suicide_bombing", "car_bombing", "ied_attack", "shells_fall"})
# Acts between states (a war, an occupation, a blockade): a place is where they happen, not whom they hit.
STATE_ACTS = frozenset({"war_on", "war_between", "wage_war", "aggression", "occupy", "invade", "overrun",
                        "take_control", "seize_territory", "besiege", "impose_blockade", "intervene_militarily",
                        "incursion", "breach_truce", "violate_truce", "launch_offensive", "battles", "atrocities",
                        "genocide", "practice_cleansing", "forced_displacement", "use_wmd", "use_chemical"})
# Acts of captors and courts: with no party of theirs resolved, a report of torture or an execution is an allegation.
CAPTORS = frozenset({"torture", "execute"})
# General rules that only read word order; a construction of this module is more specific than they are.
PLAIN = frozenset({"vso", "svo", "subject-before", "genitive", "genitive-on-subject", "clause-subject", "frame",
                   "carried", "pronoun", "relative", "participle", "object-pronoun", "participle-target"})
UNLESS_WINDOW = 2  # words between a trigger and the word after it that unmakes it (احتلت المملكة المركز)
NEEDS_WINDOW = 8  # words either side of a trigger where what it needs (a bomb) may stand
PLACE_WINDOW = 8  # words from an attack to the place it hit
DIGITS = re.compile(r"\d")
YEAR = re.compile(r"(?<!\d)(19|20)\d\d(?!\d)")
STRONG_PUNCT = ".؟!؛:\n"
COMMAS = "،,.:؛"


@dataclass(slots=True)
class Scene:
    """One trigger in its clause, with the words and parties around it."""

    text: str
    sent: Sentence
    trig: Trigger
    kb: KnowledgeBase
    lo: int  # the trigger's clause: victims and places are looked for between lo and hi
    hi: int
    actors: list[ActorMention]  # the sentence's actors inside [lo, hi)

    @property
    def root(self) -> str:
        return self.trig.pattern.cameo[:2]

    @property
    def noun(self) -> bool:
        return self.trig.form.pos == "noun" or _masdar(self)

    def words(self, key: str) -> frozenset[str]:
        return self.kb.grammar[key]

    def has(self, key: str, words: list[str]) -> bool:
        return any(_in(w, self.kb.grammar[key]) for w in words)

    def before(self, n: int) -> list[str]:
        start = self.trig.start - len(self.trig.match.prefix)  # لهجوم: the words before the whole word
        return words_between(self.text, max(self.sent.start, start - 12 * n), start)[-n:]

    def after(self, n: int) -> list[str]:
        end = self.trig.end + len(self.trig.match.suffix)
        return words_between(self.text, end, min(self.sent.end, end + 12 * n))[:n]

    def gap(self, a: int, b: int) -> int:
        """Words between two offsets, in either order."""
        return len(words_between(self.text, min(a, b), max(a, b)))


def _in(word: str, words: frozenset[str]) -> bool:
    """The word, or the word after a conjunction glued to it (وتعرضت، فيما), is one of `words`."""
    return word in words or (len(word) > 3 and word[0] in "وف" and word[1:] in words)


def _masdar(s: Scene) -> bool:
    """A bare past after a noun is its homograph verbal noun (عمليات خطف، موقع تجمع المتظاهرين، في قاطع المعارضة);
    after a conjunction, a particle or a relative (grammar `verb_openers`) it is a verb."""
    form = s.trig.form
    if form.pos != "verb" or form.tense != "past" or not s.trig.pattern.verbs:
        return False
    if form.text not in {past for past, _ in s.trig.pattern.verbs} or s.trig.match.suffix:
        return False
    if not _masdar_homograph(form.text):
        return False  # في عام 1990 غزا العراق الكويت: غزا، احتل، هاجم are never spelled as their verbal noun
    start = s.trig.start - len(s.trig.match.prefix)
    if s.trig.match.prefix == "و" and any(t.end <= start and s.gap(t.end, start) == 0 and t.form.pos == "noun"
                                          for t in s.sent.triggers):
        return True  # عمليات خطف وقتل: a list of verbal nouns
    if s.trig.match.prefix or not s.text[s.sent.start:start].strip():
        return False
    prev = words_between(s.text, max(s.sent.start, start - 20), start)[-1:]
    if prev and prev[0] in s.words("prepositions"):
        return True  # في «قاطع» المعارضة: no verb after a preposition
    if any(c in s.text[max(s.sent.start, start - 3):start] for c in "،,.:؛«\"()"):
        return False
    if not prev or prev[0] in s.words("verb_openers"):
        return False
    return not any(a.end <= start and s.gap(a.end, start) == 0 for a in s.sent.actors)


def _masdar_homograph(past: str) -> bool:
    """Can this bare past be read as its own verbal noun? Only a doubled (شن: the noun شن) or sound three-letter
    past (قتل، قصف، خطف: the noun قتل، قصف، خطف) or a form V/VI past (تجمع، تظاهر: the noun تجمع، تظاهر) is written as its noun; a
    defective or derived past is not (غزا/غزو، احتل/احتلال، هاجم/مهاجمة، اغتال/اغتيال)."""
    return len(past) == 2 or (len(past) == 3 and past[-1] not in "اي") or (past.startswith("ت") and len(past) in (4, 5))


def _implicit(trig: Trigger, role: str, country: str | None = None) -> ActorMention:
    """A party the text implies but does not name (the unknown bomber, the government protested against)."""
    return ActorMention(trig.start, trig.start, "implicit", country, None, role, (country or "") + role)


def _same(a: ActorMention, b: ActorMention | None) -> bool:
    """One mention, whatever copy of it a rule made (a country given, a focus taken away)."""
    return b is not None and (a.start, a.end) == (b.start, b.end)


def _with_country(a: ActorMention, country: str) -> ActorMention:
    return replace(a, country=country, code=country + (a.role or ""))


def _pair(source: ActorMention, target: ActorMention, how: str) -> list[Arguments]:
    """One pair; both of one state is a domestic event, kept for the analyst (the contract does not score it)."""
    if source is target or (source.start, source.end) == (target.start, target.end) != (source.start, source.start):
        return []
    return [Arguments(source, target, how)]


# -- the gate: what a pattern needs beside it ----------------------------------------------------------

def context_met(state: DocState, sent: Sentence, trig: Trigger) -> bool:
    """A pattern with `needs` stands only beside a word of one of those cue lists ("انفجرت" beside a bomb); one
    with `unless` falls when a word of those lists follows it closely (احتل المركز الأول: a rank, no occupation)."""
    text = state.text
    for c in sent.cues:
        # احتلت المملكة المركز الأول، دعم الطاقة: a rank or a commodity right after the verb makes it no act on a party
        if (c.kind in trig.pattern.unless and c.start >= trig.end
                and len(words_between(text, trig.end, c.start)) <= UNLESS_WINDOW
                and not any(p in text[trig.end:c.start] for p in STRONG_PUNCT + "،,")):
            return False
    needs = trig.pattern.needs
    if not needs:
        return True
    for c in sent.cues:
        if c.kind not in needs:
            continue
        lo, hi = (c.end, trig.start) if c.end <= trig.start else (trig.end, c.start)
        if len(words_between(text, lo, hi)) <= NEEDS_WINDOW and not any(p in text[lo:hi] for p in STRONG_PUNCT):
            return True
    return False


# -- the clause of a trigger ---------------------------------------------------------------------------

def _scene(state: DocState, sent: Sentence, trig: Trigger) -> Scene:
    """A trigger's clause ends at a clause break ("فيما"، "بينما") and, for an attack, at the next attack verb."""
    text, kb = state.text, state.kb
    breaks = kb.grammar["clause_breaks"]
    lo, hi = sent.start, sent.end
    for m in WORD.finditer(text, sent.start, sent.end):
        if _in(m.group(), breaks):
            if m.end() <= trig.start:
                lo = m.start()
            elif m.start() >= trig.end:
                hi = m.start()
                break
    if trig.pattern.cameo[:2] in ATTACK_ROOTS:
        for t in sent.triggers:
            if t is trig or t.pattern.cameo[:2] not in ATTACK_ROOTS or t.form.pos not in ("verb", "passive"):
                continue
            if t.pattern.id in PASSIVE_PRONE and t.end <= trig.start:
                continue  # قتل جنديان أمريكيان في هجوم: the deaths before are this attack's
            if t.end <= trig.start:
                lo = max(lo, t.end)
            elif t.start >= trig.end:
                hi = min(hi, t.start)
    i = text.rfind("؛", lo, trig.start)
    lo = i + 1 if i >= 0 else lo
    j = text.find("؛", trig.end, hi)
    hi = j if j >= 0 else hi
    actors = [a for a in sent.actors if a.start >= lo and a.end <= hi]
    return Scene(text, sent, trig, kb, lo, hi, actors)


# -- who attacked -----------------------------------------------------------------------------------------

def _agent_marked(s: Scene, a: ActorMention) -> bool:
    """"برصاص قناص"، "على يد مسلحين"، "من قبل الجيش": the actor after is the one who attacked."""
    markers = s.words("attack_agent_markers")
    words = words_between(s.text, max(s.sent.start, a.start - 30), a.start)[-2:]
    if not words:
        return False
    return _in(words[-1], markers) or " ".join(words[-2:]) in markers


def _agent_phrase(s: Scene) -> ActorMention | None:
    """The attacker named by an agent phrase or a relative clause around the trigger (في هجوم شنه مسلحون)."""
    doers = s.words("attack_doers")
    for a in s.actors:
        if a.start < s.trig.end:
            continue
        gap = words_between(s.text, s.trig.end, a.start)
        if len(gap) > 8:
            break
        if _agent_marked(s, a) and a.role not in LOCAL - {"COP"}:
            return a
        if gap and len(gap) <= 3 and any(_in(w, doers) for w in gap) and marker(s.text, a, s.trig.end) is None:
            return a
    for a in reversed(s.actors):  # برصاص قناص قتل ...: the agent phrase may come first
        if a.end <= s.trig.start and _agent_marked(s, a) and s.gap(a.end, s.trig.start) <= 4:
            return a
    return None


def _adjective_agent(s: Scene) -> ActorMention | None:
    """A noun's nisba or armed genitive names its attacker: قصف روسي، غارات جوية أمريكية، هجوم انتحاري."""
    if not s.noun:
        return None
    for a in s.actors:
        if a.start < s.trig.end:
            continue
        gap = words_between(s.text, s.trig.end + len(s.trig.match.suffix), a.start)
        if a.prefix in ("ل", "لل") and (not gap or "".join(gap) == a.prefix) and (a.kind == "group" or a.role in NON_STATE):
            return a  # هجوم لحزب العمال الكردستاني، هجوم للمتشددين: the ل of the one it belongs to
        if len(gap) > 1 or DIGITS.search(s.text, s.trig.end, a.start) or marker(s.text, a, s.trig.end) is not None:
            return None
        if a.kind == "nisba":
            return a  # غارات جوية أمريكية: an adjective may come between
        if not gap and (a.kind == "group" or a.role in ARMED and a.kind.startswith("role")):
            return a  # هجوم طالبان، هجوم انتحاري (not معسكر قوات الأمن: the camp is the noun's object)
        return None
    return None


def _armed_subject(s: Scene) -> ActorMention | None:
    """A verb's armed subject: an armed man, a force, a group or a state before it, or right after it."""
    if s.noun:
        return None
    text, trig = s.text, s.trig
    before = _preceding(s)
    if before is not None:
        return before if _is_armed(before) else None
    for a in s.actors:
        if a.start < trig.end:
            continue
        if s.gap(trig.end, a.start) <= 3 and _member_of(s, a, "من"):
            return a  # فجر عنصر من حركة حماس عبوة
        if s.gap(trig.end, a.start) > 3 or marker(text, a, trig.end) is not None:
            return None
        return a if _is_armed(a) else None
    return None


def _member_of(s: Scene, a: ActorMention, prep: str) -> bool:
    """"عنصر من حركة حماس"، "قيادي في حركة حماس": the actor is the body the person before it belongs to."""
    words = words_between(s.text, max(s.sent.start, a.start - 30), a.start)[-2:]
    return len(words) == 2 and words[1] == prep and _in(words[0], s.words("members"))


def _preceding(s: Scene, ok: Callable[[ActorMention], bool] = lambda a: True) -> ActorMention | None:
    """The nearest actor before the trigger that can be its subject (no preposition, no comma, 4 words at
    most) and passes `ok`."""
    for a in reversed(s.actors):
        if a.end > s.trig.start:
            continue
        if s.gap(a.end, s.trig.start) > 4 or any(c in s.text[a.end:s.trig.start] for c in COMMAS):
            return None
        if marker(s.text, a, max(s.lo, a.start - 30)) is None and ok(a):
            return a
    return None


def _is_armed(a: ActorMention) -> bool:
    """Who can attack: armed men and forces, groups, and states named as such (not a nisba on a passer-by), and
    the civilians of one state who raid another's land (المستوطنون: roles.tsv gives them a home)."""
    return a.role in ARMED or a.kind in ("group", "country", "metonym") or (a.role == "CVL" and a.home is not None)


def _conductor(s: Scene) -> ActorMention | None:
    """"نفذ جنود أميركيون الغارة"، "الغارة التي شنتها": the subject of the verb that carries out an attack noun."""
    if not s.noun:
        return None
    verb = next((m for m in WORD.finditer(s.text, max(s.lo, s.trig.start - 40), s.trig.start)
                 if _in(m.group(), s.words("conducts"))), None)
    if verb is None or s.gap(verb.end(), s.trig.start) > 3:
        return None
    before = [a for a in s.actors if a.end <= verb.start() and s.gap(a.end, verb.start()) <= 3]
    after = [a for a in s.actors if verb.end() <= a.start < s.trig.start]
    for a in after[:1] + before[-1:]:
        if _is_armed(a) and marker(s.text, a, max(s.lo, a.start - 30)) is None:
            return a
    return None


def _attacker(s: Scene) -> tuple[ActorMention | None, str]:
    for rule, name in ((_agent_phrase, "agent"), (_adjective_agent, "adjective"), (_conductor, "conductor"),
                       (_armed_subject, "armed")):
        a = rule(s)
        if a is not None:
            return _belonging(s, a), name
    return None, "unknown"


def _belonging(s: Scene, a: ActorMention) -> ActorMention:
    """An unresolved party given its state by what follows it: the one leading it (طائرات التحالف بقيادة
    السعودية، التحالف الذي تقوده الرياض) or the body it belongs to (ضابطا في الشرطة العراقية)."""
    if a.kind == "role+focus" and s.has("multinational", words_between(s.text, a.start, a.end)):
        a = replace(a, country=None, code=a.role or "", kind="role")  # طائرات التحالف: not the article's state
    if a.key is not None or a.kind == "implicit":
        return a
    nxt = next((b for b in s.sent.actors if b.start >= a.end and b.key is not None and s.gap(a.end, b.start) <= 4), None)
    if nxt is None:
        return a
    words = words_between(s.text, a.end, nxt.start)
    led = s.has("led_by", words)
    member = words in (["في"], ["من"]) or (len(words) == 2 and words[0] in ("احد", "عناصر") and words[1] == "من")
    return _with_country(a, nxt.key) if (led or member) and nxt.key else a


# -- whom it hit ----------------------------------------------------------------------------------------

def _counted(s: Scene, a: ActorMention) -> bool:
    """A number or a word of casualties just before the people: "ثلاثة جنود"، "مقتل شرطي"، "28 متطوعا"."""
    words = words_between(s.text, max(s.sent.start, a.start - 40), a.start)[-2:]
    return bool(DIGITS.search(s.text, max(s.sent.start, a.start - 12), a.start)) or s.has("counts", words)


def _victims(s: Scene, agent: ActorMention | None) -> list[ActorMention]:
    """The people an attack hit: the counted people of its clause (مقتل 4 أشخاص، ثلاثة جنود أميركيين) and the
    people it hit in their midst (وسط جنود أمريكيين)."""
    def amid(a: ActorMention) -> bool:
        return s.has("amid", words_between(s.text, max(s.sent.start, a.start - 20), a.start)[-1:])
    return [a for a in s.actors if not _same(a, agent) and a.kind.startswith("role") and a.role not in NON_STATE
            and (_counted(s, a) or amid(a))]


def _death_genitive(s: Scene) -> ActorMention | None:
    """"مقتل محسن الفضلي ... بغارة أمريكية": the one a death noun before the attack names, even unknown to us."""
    for t in s.sent.triggers:
        if t.pattern.id not in DEATHS or t.form.pos != "noun" or t.end > s.trig.start or s.gap(t.end, s.trig.start) > 12:
            continue
        named = next((a for a in s.actors if a.start >= t.end and s.gap(t.end, a.start) == 0), None)
        if named is not None:
            return named
        words = list(WORD.finditer(s.text, t.end, s.trig.start))[:2]
        if words and not any(_in(w.group(), s.words("counts")) for w in words) and words[0].group()[:1] != "ب":
            return ActorMention(words[0].start(), words[-1].end(), "implicit", None, None, "", "")
    return None


def _predicate(s: Scene) -> Trigger | None:
    """"استهدف هجوم بسيارة مفخخة مقرا للشرطة": an attack verb right before an attack noun has it for subject."""
    if not s.noun:
        return None
    return next((t for t in s.sent.triggers if t.pattern.cameo[:2] in ATTACK_ROOTS and t.form.pos == "verb"
                 and t.end <= s.trig.start and s.gap(t.end, s.trig.start) == 0), None)


def _named_target(s: Scene, agent: ActorMention | None) -> ActorMention | None:
    """The party the pattern's own markers introduce after the trigger (على دورية بريطانية، استهدف الجيش), or
    the object of the attack verb the trigger is the subject of (استهدف هجوم ... مقرا للشرطة العراقية)."""
    targets = set(s.trig.pattern.target)
    verb = _predicate(s)
    if verb is not None:
        targets |= set(verb.pattern.target)
    allowed = {normalize_form(m) if m != "obj" else None for m in targets}
    limit = 4 if s.noun else 8
    lo = s.trig.end
    # the words of a subject after its verb (شنت طائرات التحالف العربي ...) do not count toward the reach
    reach = agent.end if agent is not None and agent.start >= s.trig.end and not s.noun else s.trig.end
    for a in s.actors:
        if a.start < s.trig.end or _same(a, agent):
            continue
        if s.gap(reach, a.start) > limit or any(c in s.text[s.trig.end:a.start] for c in COMMAS):
            break
        m = marker(s.text, a, lo)
        if m == "في" and _member_of(s, a, "في"):
            m = None  # اغتيال قيادي في حركة حماس: a member of Hamas, so Hamas
        if s.has("towards", words_between(s.text, max(lo, a.start - 20), a.start)[-1:]):
            m = "تجاه"  # أطلق صواريخ باتجاه إسرائيل
        if m in allowed and a.kind != "place" and not (m in (None, "في") and a.kind in PLACE_KINDS):
            return a
        lo = a.end
    return None


def _located(s: Scene, a: ActorMention) -> bool:
    """A place the attack happened in: a city, or a state after في, بـ or a word of place (وسط، قرب)."""
    if a.kind not in PLACE_KINDS and not (a.kind == "nisba" and a.key):
        return False
    words = words_between(s.text, max(s.sent.start, a.start - 30), a.start)[-2:]
    if a.kind == "place" or a.prefix.endswith("ب") or s.has("locatives", words):
        return True
    return marker(s.text, a, max(s.lo, a.start - 30)) == "في"


def _place(s: Scene) -> ActorMention | None:
    """The state whose place the trigger's clause names (في بغداد، وسط كابل)."""
    places = [a for a in s.actors if a.key is not None and _located(s, a)
              and (s.gap(s.trig.end, a.start - len(a.prefix)) if a.start > s.trig.end else s.gap(a.end, s.trig.start))
              <= PLACE_WINDOW]
    return min(places, key=lambda a: abs(a.start - s.trig.end)) if places else None


def _target(s: Scene, agent: ActorMention | None) -> tuple[ActorMention | None, str]:
    """Whom an attack hit: the party its words name, else the people it hit, else the place it hit."""
    hit, how = _hit(s, agent)
    return (_belonging(s, hit), how) if hit is not None else (hit, how)


def _hit(s: Scene, agent: ActorMention | None) -> tuple[ActorMention | None, str]:
    place = None if s.trig.pattern.id in STATE_ACTS else _place(s)
    named = _named_target(s, agent)
    victims = _victims(s, agent)
    hit, how = (named, "named") if named is not None else (victims[0], "victims") if victims else (None, "")
    if hit is None:
        hit, how = _death_genitive(s), "dead"
    if hit is not None and hit.key is None and place is not None and hit.role in LOCAL and not _same(hit, agent):
        return _with_country(hit, place.key or ""), how + "@place"  # سكان غوري، أربعة أشخاص وسط بغداد
    if hit is not None:
        return hit, how
    if place is not None and (agent is None or agent.key != place.key):
        return place, "place"
    return None, "unknown"


# -- constructions tried before the general rules ------------------------------------------------------

def _not_new(s: Scene) -> list[Arguments] | None:
    """An inquiry, trial or charge about an attack, a call to stop it, or its anniversary with no year, asserts no
    new attack; a death that an attack noun in the same sentence explains is coded with that attack."""
    if s.root not in ATTACK_ROOTS:
        return None
    before = s.before(3)
    if _inquired(s, before) or s.has("halt", before) or s.has("trial", _clause_before(s)):
        return []
    if s.noun and s.has("supposed", s.after(2)):
        return []  # هجمات انتحارية مفترضة، ضربة محتملة: supposed, not told
    if s.has("anniversary", before) and not YEAR.search(s.text, s.sent.start, s.sent.end):
        return []
    if s.trig.pattern.id in DEATHS and _explained(s):
        return []
    return None


def _inquired(s: Scene, before: list[str]) -> bool:
    """"التحقيق في اغتيال"، "لجنة التحقيق الدولية في اغتيال"، "بتهمة قتل"، "قضية اغتيال": an inquiry into it (not
    "كشفت التحقيقات عن محاولة", where the inquiry reveals it)."""
    into = ("في", "حول", "بشان")
    if before[-1:] and s.has("attack_inquiry", before[-1:]):
        return True
    return any(s.has("attack_inquiry", before[-k:-k + 1]) for k in (2, 3) if len(before) >= k) and before[-1] in into


def _clause_before(s: Scene) -> list[str]:
    return words_between(s.text, s.lo, s.trig.start)


def _explained(s: Scene) -> bool:
    """Another attack in the same sentence explains a death (قتل ... في هجوم، مقتل ... بانفجار، أسفر عن مقتل)."""
    for t in s.sent.triggers:
        if t is s.trig or t.pattern.cameo[:2] not in ATTACK_ROOTS or t.pattern.id in DEATHS:
            continue
        if s.gap(s.trig.end, t.start) <= 14 if t.start > s.trig.end else s.gap(t.end, s.trig.start) <= 10:
            return True
    return False


def _passive_kill(s: Scene) -> list[Arguments] | None:
    """"قتل ثلاثة جنود أميركيين برصاص قناص": an unvowelled past of a killing verb followed by a number or an
    indefinite victim is passive; the people after it were hit, the agent phrase (if any) hit them."""
    trig = s.trig
    if trig.pattern.id not in PASSIVE_PRONE or trig.form.pos not in ("verb", "passive") or trig.form.tense != "past":
        return None
    victim = _passive_victim(s)
    if victim is None:
        return None
    if _explained(s):
        return []  # "قتل 3 جنود في هجوم انتحاري": the attack's own trigger codes it, with these victims
    if s.has("relatives", s.before(1)) and not _asserted(s):
        return []  # الصحافي الذي اختطف في باكستان: a person described by what befell them once
    agent = _agent_phrase(s)
    if agent is None and trig.pattern.id in ("kill", "lose_life") and not _violent(s):
        return []  # "قتل 10 أشخاص في حادث سير": a death, not an attack
    place = _place(s)
    if victim.key is None and place is not None and victim.role in LOCAL:
        victim = _with_country(victim, place.key or "")
    return _pair(agent or _implicit(trig, "UAF"), victim, f"passive-{'agent' if agent else 'unknown'}")


def _passive_victim(s: Scene) -> ActorMention | None:
    """Who a passive killing verb says was hit; None when the verb reads active (قتلت القوات ... مسلحين)."""
    trig, text = s.trig, s.text
    after = [a for a in s.actors if a.start >= trig.end and s.gap(trig.end, a.start) <= 5]
    first = after[0] if after and marker(text, after[0], trig.end) is None else None
    if trig.form.pos == "passive":
        return first or _subject_before(s)
    if s.has("anna_pronouns", s.before(1)):
        return None  # أكد الحلف أنه قتل نحو 150 متمردا: the pronoun is the subject
    nxt = s.after(1)
    number = bool(DIGITS.search(text, trig.end, min(s.sent.end, trig.end + 6))) or s.has("counts", nxt)
    plural = trig.form.text.endswith(("وا", "ا", "تا")) and trig.form.text != trig.pattern.verbs[0][0]
    if first is not None and not plural and (number or s.gap(trig.end, first.start) == 0):
        if number or (first.role not in NON_STATE and not text.startswith(("ال", "لل"), first.start)
                      and (first.kind.startswith("role") and not first.definite or first.kind == "nisba")):
            return first  # قتل 3 جنود، قتل جندي إسرائيلي، قتل فلسطيني، قتل مدنيان
        return None
    # no object after it: the unarmed people right before were hit ("ان 60 شخصا قتلوا"، "امرأة فرنسية كانت خطفت")
    quiet = not nxt or nxt[0] in s.words("after_passive") or s.has(
        "attack_agent_markers", nxt)
    victim = _subject_before(s)
    if quiet and (first is None or s.gap(trig.end, first.start) > 1) and victim is not None and not _is_armed(victim):
        return victim
    return None


def _subject_before(s: Scene) -> ActorMention | None:
    """"ان 60 شخصا قتلوا"، "امرأة فرنسية كانت خطفت": the people right before a passive."""
    for a in reversed(s.actors):
        if a.end <= s.trig.start:
            near = s.gap(a.end, s.trig.start) <= 2 and not any(c in s.text[a.end:s.trig.start] for c in COMMAS)
            return a if near and marker(s.text, a, max(s.lo, a.start - 30)) is None else None
    return None


def _violent(s: Scene) -> bool:
    """Arms or an armed man beside a death: it was an attack."""
    if any(c.kind in ("gunfire", "explosives", "projectiles") and s.lo <= c.start < s.hi for c in s.sent.cues):
        return True
    return any(a.role in NON_STATE for a in s.actors)


def _last_word_before(s: Scene, word_class_name: str) -> re.Match[str] | None:
    """The last word of a class in the 80 characters of the sentence before the trigger (تعرضت، أصيب)."""
    found = None
    for m in WORD.finditer(s.text, max(s.sent.start, s.trig.start - 80), s.trig.start):
        if _in(m.group(), s.words(word_class_name)):
            found = m
    return found


def _undergo(s: Scene) -> list[Arguments] | None:
    """"تعرضت مدينة خاركيف لقصف روسي": the subject of تعرض suffers the attack the noun names."""
    if s.root not in ATTACK_ROOTS or not s.noun or "ل" not in s.trig.match.prefix:
        return None
    verb = _last_word_before(s, "undergo")
    if verb is None or s.gap(verb.end(), s.trig.start) > 5:
        return None
    victim = next((a for a in s.actors if verb.end() <= a.start < s.trig.start and a.resolved), None)
    if victim is None:
        victim = next((a for a in reversed(s.actors) if a.end <= verb.start() and s.gap(a.end, verb.start()) <= 3), None)
    if victim is None:
        victim = _implicit(s.trig, "")  # تعرضت لهجوم: whoever was attacked, the attack happened
    agent, how = _attacker(s)
    if agent is None:
        lo = s.trig.end
        for a in s.actors:
            if a.start < s.trig.end:
                continue
            if s.gap(s.trig.end, a.start) > 5:
                break
            if marker(s.text, a, lo) == "من":  # لهجوم من فصائل عراقية
                agent, how = a, "from"
                break
            lo = a.end
    if agent is victim:
        agent, how = None, "unknown"
    return _pair(agent or _implicit(s.trig, "UAF"), victim, f"undergo-{how}")


def _hurt_in(s: Scene) -> list[Arguments] | None:
    """"أصيب ثلاثة جنود إسرائيليين بجروح في هجوم قرب رام الله": the people a casualty word names before the
    attack noun it happened in (في هجوم، بهجوم، جراء هجوم) are the ones it hit, never its authors."""
    if s.root not in ATTACK_ROOTS or not s.noun or s.trig.pattern.symmetric:
        return None  # قتل ستة في اشتباكات بين قوات الأمن والمقاتلين: a fight's sides are its parties
    prev = s.before(1)
    if "ب" not in s.trig.match.prefix and not (prev and _in(prev[0].lstrip("و"), s.words("hurt_in"))):
        return None
    hurt = _last_word_before(s, "casualties")
    if hurt is None or s.gap(hurt.end(), s.trig.start) > 7:
        return None
    first = next((i for i, a in enumerate(s.actors) if hurt.end() <= a.start and a.end <= s.trig.start), None)
    if first is None or not s.actors[first].kind.startswith(("role", "person", "group", "nisba")):
        return None  # مقتل 390 «إرهابيا» في تركيا جراء القصف: a place is where, not whom
    victims = [a for a in conjuncts(s.text, s.actors, first) if a.end <= s.trig.start]
    agent, how = _attacker(s)
    if agent is not None and any(_same(agent, v) for v in victims):
        agent, how = None, "unknown"
    place = _place(s)
    out: list[Arguments] = []
    for v in victims:
        if v.key is None and place is not None and v.role in LOCAL:
            v = _with_country(v, place.key or "")  # مصرع شخصين في هجوم على متجر بالسويد
        elif v.key is None and place is not None and v.role in NON_STATE and (agent is None or agent.key != place.key):
            v = place  # مقتل العشرات من داعش في غارات قرب الموصل: men of no state, hit in that state
        out += _pair(agent or _implicit(s.trig, "UAF"), v, f"hurt-in-{how}")
    return out


def _genitive_patient(s: Scene) -> list[Arguments] | None:
    """"اغتيال الحريري"، "اختطاف صحفي ألماني"، "اعتقال 20 فلسطينيا": the genitive of a transitive attack noun
    is the one attacked, unless a target of its own follows (احتلال العراق للكويت: then it is the agent)."""
    trig, text = s.trig, s.text
    if not s.noun or trig.pattern.id not in GENITIVE_PATIENT or trig.match.suffix:
        return None
    after = [a for a in s.actors if a.start >= trig.end]
    if not after:
        return None
    first = after[0]
    gap = words_between(text, trig.end, first.start)
    counted = bool(DIGITS.search(text, trig.end, first.start)) or bool(gap and all(_in(w, s.words("counts")) for w in gap))
    # اغتيال عالم إيراني (not قصف جوي روسي, nor مداهمات لمنازل فلسطينية)
    person = first.kind == "nisba" and len(gap) == 1 and not gap[0].endswith("ي") and gap[0][:1] not in "لب"
    member = len(gap) == 2 and _member_of(s, first, "في")  # اغتيال قيادي في حركة حماس
    if not (person or member) and ((gap and not counted) or first.kind == "nisba" or marker(text, first, trig.end)):
        return None
    if first.kind == "group" or (first.role in ARMED and first.definite and not counted):
        return None  # هجوم طالبان، قصف الجيش: an armed genitive is the attacker
    allowed = {normalize_form(m) for m in trig.pattern.target if m != "obj"}
    if words_between(text, first.end, min(s.sent.end, first.end + 12))[:1] in ([m] for m in allowed):
        return None  # قصف إسرائيل لغزة، هجوم إسرائيل على قرية: a target of its own, the genitive is the agent
    lo = first.end
    for a in after[1:]:
        if s.gap(first.end, a.start) > 6:
            break
        if marker(text, a, lo) in allowed and a.kind != "place":
            return None  # a target of its own: the genitive is the agent (the general rules read it)
        lo = a.end
    agent = _agent_phrase(s) or _conductor(s)
    if agent is None and s.root == COERCE_ROOT:
        agent = _announcing_force(s)
        if agent is None:
            return None
    if agent is None and not _asserted(s):
        return []  # بعد اغتيال الحريري: an attack recalled, not reported
    return _pair(agent or _implicit(trig, "UAF"), first, f"genitive-patient-{'agent' if agent else 'unknown'}")


def _announcing_force(s: Scene) -> ActorMention | None:
    """"أعلنت الشرطة اعتقال 5 مسلحين": the force that announces an arrest made it."""
    for a in s.sent.actors:
        if a.end > s.trig.start:
            return None
        if a.role in FORCES | {"GOV"} and a.key is not None and marker(s.text, a, s.sent.start) is None:
            return a
    return None


# -- constructions tried when the general rules find nothing -------------------------------------------

def _sides_between(s: Scene) -> list[Arguments]:
    """"اشتباكات بين الجيش اللبناني ومسلحين": fighting between two sides, named or not, both ways."""
    if not s.trig.pattern.symmetric:
        return []
    after = [a for a in s.actors if a.start >= s.trig.end and s.gap(s.trig.end, a.start) <= 6]
    for i, a in enumerate(after):
        if marker(s.text, a, s.trig.end if i == 0 else after[i - 1].end) != "بين":
            continue
        nxt = after[i + 1] if i + 1 < len(after) else None
        if nxt is None or words_between(s.text, a.end, nxt.start - len(nxt.prefix)) or not nxt.prefix.startswith("و"):
            return []
        one, two = _belonging(s, a), _belonging(s, nxt)
        return _pair(one, two, "sides") + _pair(two, one, "sides+symmetric")
    return []


def _attack(s: Scene) -> list[Arguments]:
    """An attack with a party unnamed: the attacker (else an unknown one) and its target (else its victims, else
    the place it hit). An attack with neither party known must be told by its words alone (a bomb went off)."""
    if (sides := _sides_between(s)) and any(p.source.key for p in sides):
        return sides
    if s.trig.pattern.id in STATE_ACTS | CAPTORS or _manner(s) or _describes_noun(s) or _has_attack_subject(s):
        return []
    if not s.noun and any(w in s.words("anna_pronouns") or w[:1] == "ل" and w[1:] in s.words("anna_pronouns")
                          for w in s.before(1)):
        return []  # لأنه هاجم التنظيم في خطبه: the pronoun is someone the general rules resolve, not an unknown attacker
    agent, how_s = _attacker(s)
    if agent is None and s.noun and s.trig.match.suffix in POSSESSIVE:
        agent, how_s = _antecedent(s), "pronoun"  # اعتداءاتها: the attacks of the state named before
        if agent is None:
            return []
    target, how_t = _target(s, agent)
    if agent is None and target is None:
        told = s.trig.pattern.id in BOMBS or (not s.noun and s.trig.pattern.id in EXPLICIT_ATTACKS)
        if not told:
            return []
    out = _pair(agent or _implicit(s.trig, "UAF"), target or _implicit(s.trig, ""), f"{how_s}+{how_t}")
    return out if all(_evident(s, p) for p in out) else []


def _evident(s: Scene, p: Arguments) -> bool:
    """An attack is reported, not merely named, when its words give both parties (a noun) or one (a verb or a
    noun a verb carries out: نفذت القوات الأميركية ضربة), when a verb has armed men for subject (خطف مسلحون), or
    when its clause tells its casualties or its weapons (هجوم انتحاري، ضربة إسرائيلية مسبقة are not)."""
    known = (p.source.key is not None) + (p.target.key is not None)
    if p.source.kind == "implicit" and s.has("charge", _clause_before(s)):
        return False  # اتهم الأربعة بأنهم ... استهدفت موكب الوزير: a charge, with nobody named as attacker
    # a verb in the past tells an act; a present one may tell a habit or an aim (عادة ما تستهدف الحكومة ...)
    verbal = (not s.noun and s.trig.form.tense == "past") or p.how.startswith("conductor")
    armed = not s.noun and p.source.role in ARMED and p.source.kind != "implicit"
    return known >= (1 if verbal else 2) or armed or _asserted(s)


def _antecedent(s: Scene) -> ActorMention | None:
    """The party a pronoun on the trigger points back to: the nearest actor before it outside a preposition."""
    for a in reversed(s.sent.actors):
        if a.end > s.trig.start:
            continue
        if s.gap(a.end, s.trig.start) > 14:
            return None
        if a.kind != "place" and marker(s.text, a, max(s.sent.start, a.start - 30)) is None:
            return a
    return None


def _asserted(s: Scene) -> bool:
    """Does the clause report an attack with an unknown attacker as news? Its casualties, its weapons or its day
    say so; a noun after بعد، منذ، إثر recalls an earlier one."""
    if s.has("anniversary", s.before(3)):
        return bool(YEAR.search(s.text, s.sent.start, s.sent.end))  # ذكرى اغتيال فلان عام 2005: told, and dated
    if s.has("background", s.before(2)) or s.has("charge", _clause_before(s)) or _reacted_to(s):
        return False
    if s.has("earlier", s.after(6)):
        return False  # اختطفتا في مأرب في وقت سابق، هجوما سابقا: an earlier one, recalled
    if any(c.kind in ("gunfire", "explosives", "projectiles", "relative", "weekday") and s.lo <= c.start < s.hi
           for c in s.sent.cues):
        return True
    if not s.noun and any(_counted(s, a) for a in s.actors if a.kind.startswith("role")):
        return True  # قتل 3 جنود
    return s.has("casualties", words_between(s.text, s.lo, s.hi))


REACTIONS = frozenset({"01", "02", "10", "11", "12", "14"})


def _reacted_to(s: Scene) -> bool:
    """"استنكر علاوي تفجيرات مدينة الصدر": an attack a reaction names was reported before; this is the reaction."""
    return any(t.pattern.cameo[:2] in REACTIONS and t.end <= s.trig.start and s.gap(t.end, s.trig.start) <= 3
               for t in s.sent.triggers)


def _has_attack_subject(s: Scene) -> bool:
    """The verb whose subject is an attack noun right after it (see _predicate), or a bomb right before it
    (عبوة ناسفة استهدفت دوريتهما): the noun or the explosion codes the attack."""
    if s.noun:
        return False
    start = s.trig.start - len(s.trig.match.prefix)
    if s.trig.pattern.id not in BOMBS and any(c.kind in ("explosives", "projectiles") and c.end <= start and s.gap(c.end, start) == 0 for c in s.sent.cues):
        return True
    return any(t.form.pos == "noun" and t.pattern.cameo[:2] in ATTACK_ROOTS and t.start >= s.trig.end
               and s.gap(s.trig.end, t.start) == 0 for t in s.sent.triggers)


def _describes_noun(s: Scene) -> bool:
    """"الهجوم الذي استهدف حامية": a verb opening a relative clause tells of the noun before it, not of a new act."""
    if s.noun:
        return False
    before = s.before(2)
    if not before or before[-1] not in s.words("relatives"):
        return False
    return not any(a.end <= s.trig.start and s.gap(a.end, s.trig.start) <= 1 for a in s.actors)


def _manner(s: Scene) -> bool:
    """"قتلت قوات الأمن ستة متشددين في غارة": the noun says how the attack verb before it was done, by the
    attacker that verb names (not "قتل جنديان في هجوم", where the noun is the attack itself)."""
    if not s.noun or not ("ب" in s.trig.match.prefix or s.before(1) == ["في"]):
        return False
    for t in s.sent.triggers:
        if t.pattern.cameo[:2] in ATTACK_ROOTS and t.form.pos == "verb" and t.end <= s.trig.start \
                and s.gap(t.end, s.trig.start) <= 10:
            verb = replace(s, trig=t)
            if _armed_subject(verb) is not None and _passive_victim(verb) is None:
                return True
    return False


# Protests whose words mean other things too (قاطع: boycotted, interrupted; تقاطع: an intersection): only with
# the parties the general rules name.
NAMED_PROTESTS = frozenset({"boycott"})
# Verbs of going out and gathering: a protest only when told as one, in the past (خرج الآلاف في مسيرات)
MOVEMENTS = frozenset({"rally_out", "gather_protest"})
OUTBREAKS = frozenset({"protest_outbreak"})  # اندلعت مظاهرات: the protest noun is the verb's subject
RIOTS = frozenset({"riot_acts"})  # رشق، أحرق، أغلق: a riot only when protesters do it


def _protest_told(s: Scene) -> bool:
    """A protest the sentence reports: not a participle (متظاهرا is "a protester", مقاطعة "a county"), not a
    relative clause describing a crowd (المتظاهرين الذين يحتجون، حيث يتجمع المتظاهرون), not a noun nothing makes
    happen, and a verb of going out or gathering only in the past."""
    form = s.trig.form
    if form.pos == "participle" or _masdar(s) and s.trig.pattern.id in MOVEMENTS:
        return False
    if s.noun:
        return _protest_happens(s)
    subordinate = s.has("relatives", s.before(2)) or any(w in s.words("where_words") for w in s.before(2))
    if s.trig.pattern.id in RIOTS:
        crowd = _crowd(s)
        if crowd is None or s.has("symbols", words_between(s.text, crowd.end, min(s.hi, crowd.end + 40))[:3]):
            return False  # أحرق المتظاهرون الأعلام: a sign, not a riot
        return any(_in(w, s.words("protesters")) for w in words_between(s.text, crowd.start, crowd.end))
    if s.trig.pattern.id in MOVEMENTS:
        return form.tense == "past" and not subordinate and (_crowd(s) is not None or s.has("protest_words", s.after(14)))
    if s.trig.pattern.id in OUTBREAKS:
        return form.tense == "past" and s.has("protest_words", s.after(4))
    return form.tense == "past" or not subordinate


def _protest(s: Scene) -> list[Arguments]:
    """A protest's crowd (else the people of where it was held) and what it faced: the actor after ضد،
    احتجاجا على، تنديدا بـ، أمام (an embassy), else the government of the place it was held."""
    crowd = _crowd(s)
    faced = _protest_target(s, crowd)
    place = _place(s)
    if crowd is None:
        crowd = _implicit(s.trig, "CVL", place.key if place is not None else None)
    elif crowd.key is None and crowd.role in LOCAL and place is not None and place.key:
        crowd = _with_country(crowd, place.key)  # عشرات العمال ... في تونس
    if faced is not None and not (faced.key == crowd.key and faced.kind in PLACE_KINDS):
        return _pair(crowd, faced, "protest-faced")
    home = crowd.key or (place.key if place is not None else None)
    if crowd.key is not None and place is not None and place.key != crowd.key:
        home = None  # Pakistanis protesting in London: against whom, the text does not say
    return _pair(crowd, _implicit(s.trig, "GOV", home), "protest-government")


def _protest_happens(s: Scene) -> bool:
    """A protest noun is an event when a verb makes it happen (اندلعت مظاهرات، خرجوا في مسيرة، نظموا اعتصاما)
    or a relative clause does (مظاهرة نظمها حزب البعث)."""
    return s.has("protest_happen", s.before(4)) or s.has("protest_happen", s.after(2))


def _crowd(s: Scene) -> ActorMention | None:
    """Who protested: the subject before the verb, the crowd after it (تظاهر آلاف الأتراك), or the noun's genitive."""
    text, trig = s.text, s.trig
    before = _preceding(s, lambda a: a.kind != "place" and _people(s, a))
    if before is not None:
        return before
    for a in s.actors:
        if a.start < trig.end:
            continue
        counted = marker(text, a, trig.end) == "من" and _counted(s, a)  # عدد من أنصار الحريري، مئات من المتظاهرين
        if s.gap(trig.end, a.start) > 4 or marker(text, a, trig.end) is not None and not counted:
            break
        if a.kind not in PLACE_KINDS and _people(s, a):
            return a
    return None


def _people(s: Scene, a: ActorMention) -> bool:
    """Who protests, not what it faces (أمام السفارة الإسرائيلية، ضد الحكومة)."""
    return not s.has("protest_targets", words_between(s.text, max(s.sent.start, a.start - 20), a.start)[-1:])


def _protest_target(s: Scene, crowd: ActorMention | None) -> ActorMention | None:
    """The first actor within a few words after ضد، احتجاجا على، تنديدا بـ، أمام or the pattern's own
    preposition (احتجت الصين على زيارة مسؤولين أمريكيين)."""
    marks = s.words("protest_targets") | {normalize_form(m) for m in s.trig.pattern.target if m != "obj"}
    for a in s.actors:
        if a.start < s.trig.end or a is crowd or not a.resolved:
            continue
        words = words_between(s.text, max(s.trig.end, a.start - 50), a.start)[-4:]
        if any(_in(w, marks) or w[:1] in "بل" and _in(w[1:], marks) for w in words):
            return a
    return None


# -- the domestic case ----------------------------------------------------------------------------------

def _domestic(s: Scene, pairs: list[Arguments]) -> list[Arguments]:
    """A state's forces acting on armed men at home (قتلت قوات الأمن الباكستانية ستة متشددين): the armed men are
    that state's (PAKCOP → PAKINS), a domestic event the contract does not score. Gunmen nobody identified,
    and fighters abroad, stay unresolved."""
    place = _place(s)
    out = []
    for p in pairs:
        force, other = p.source, p.target
        if (force.role in FORCES and force.key is not None and other.key is None and other.role in ("INS", "REB", "RAD")
                and other.kind.startswith("role")):
            home = place.key if place is not None else (force.key if force.role == "COP" else None)
            if home == force.key:
                p = Arguments(force, _with_country(other, force.key), p.how + "+domestic")
        out.append(p)
    return out


def _localised(s: Scene, p: Arguments) -> Arguments:
    """"فتحت دبابات روسية النار على سكان ... في مدينة غوري الجورجية": people hit where they live are of that state;
    a place the general rules took for the target gives way to the people the attack hit there; an officer in
    the Iraqi police is Iraqi."""
    source, target = _belonging(s, p.source), _belonging(s, p.target)
    if (source, target) != (p.source, p.target):
        p = Arguments(source, target, p.how + "@belonging")
    t = p.target
    if _located(s, t) and t.kind in PLACE_KINDS and s.trig.pattern.id not in STATE_ACTS:
        people = [v for v in _victims(s, p.source) if v is not t]
        if people:
            v = people[0]
            t = v if v.key is not None or v.role not in LOCAL else _with_country(v, t.key or "")
            return Arguments(p.source, t, p.how + "@victims")
    if t.key is not None or t.role not in LOCAL or not t.kind.startswith("role") or s.trig.pattern.id in STATE_ACTS:
        return p
    if p.how.split("+")[0] not in ("vso", "svo", "frame", "subject-before", "relative-agent", "passive-agent"):
        return p
    place = _place(s)
    if place is None or place.key is None or place.key == p.source.key:
        return p
    return Arguments(p.source, _with_country(t, place.key), p.how + "@place")


def _sender(s: Scene, p: Arguments) -> Arguments:
    """"وافق البرلمان التركي على إرسال قوات إلى ليبيا": the forces after إرسال are what is sent; the sender is
    the clause's subject."""
    if not (s.noun and p.how == "genitive" and p.source.key is None and p.source.role in FORCES):
        return p
    subject = next((a for a in s.sent.actors if a.end <= s.trig.start and a.key is not None
                    and marker(s.text, a, s.sent.start) is None), None)
    return Arguments(subject, p.target, "sender") if subject is not None and subject.key != p.target.key else p


def _protest_refined(s: Scene, p: Arguments) -> Arguments:
    """A protest the general rules aimed at the place it was held in is aimed at that state's government; a
    crowd of unnamed people in a place is of that place (أحرق المتظاهرون الإطارات في شوارع كراتشي)."""
    source, target = p.source, p.target
    place = _place(s)
    if target.kind in PLACE_KINDS and _located(s, target):
        target = _implicit(s.trig, "GOV", target.key)
    if source.key is None and source.role in LOCAL and place is not None and place.key:
        source = _with_country(source, place.key)
    return p if (source, target) == (p.source, p.target) else Arguments(source, target, p.how + "@place")


def _sides(pairs: list[Arguments], text: str) -> list[Arguments]:
    """"معارك بين الطرفين": fighting sides are factions, not the article's two main states."""
    return [p for p in pairs if not (p.source.start == p.target.start and text.startswith(("الطرف", "الجانب"),
                                                                                           p.source.start))]


BEFORE: tuple[Callable[[Scene], list[Arguments] | None], ...] = (_not_new, _passive_kill, _undergo, _hurt_in,
                                                                 _genitive_patient)


def violent_arguments(state: DocState, sent: Sentence, trig: Trigger, general: list[Arguments]) -> list[Arguments]:
    """The source/target pairs of a violent or protest trigger, given what the general rules found."""
    if trig.pattern.cameo[:2] not in ROOTS:
        return general
    s = _scene(state, sent, trig)
    if s.root == POSTURE_ROOT:
        return [] if _masdar(s) else [_sender(s, p) for p in general]  # وسط حشد من الجنود: a crowd, no buildup
    out = _arguments(s, _sides(general, s.text))
    if trig.pattern.id in CAPTORS and not any(p.source.key or p.target.key for p in out):
        return []  # تعرض للتعذيب، أعدم 13 شخصا شنقا: no torturer, executing state or victim's state named
    return out


def _arguments(s: Scene, general: list[Arguments]) -> list[Arguments]:
    if _reacted_to(s):  # تنديدا بالعدوان الإسرائيلي: not the place of the protest that denounces it
        general = [p for p in general if not p.how.startswith("instrument")]
    if general and s.root in ATTACK_ROOTS and not all(_evident(s, p) for p in general):
        general = []  # ضحايا الهجمات الانتحارية، هجوم انتحاري محتمل: a party unknown, nothing says it just happened
    plain = not general or all(p.how.split("+")[0] in PLAIN for p in general)
    if s.root in ATTACK_ROOTS or s.root == COERCE_ROOT:
        for rule in BEFORE:
            if rule is not _not_new and not plain:
                break
            out = rule(s)
            if out is not None:
                return _domestic(s, out)
    if s.root == PROTEST_ROOT and not _protest_told(s):
        return []
    if general and s.root == PROTEST_ROOT:
        return [_protest_refined(s, p) for p in general]
    if general:
        return _domestic(s, [_localised(s, p) for p in general] if s.root in ATTACK_ROOTS else general)
    if status_of(s.text, s.sent, s.trig)[0] != "occurred":
        return []  # a feared or denied act with an unnamed party is nobody's record
    if s.root == PROTEST_ROOT:
        return [] if s.trig.pattern.id in NAMED_PROTESTS else _protest(s)
    if s.root in ATTACK_ROOTS:
        return _domestic(s, _attack(s))
    return []
