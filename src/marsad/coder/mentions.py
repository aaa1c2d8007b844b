"""Stage 1: text → sentences, and the actors, triggers and cues found in them.

One automaton pass gives every lexicon match; here they are split into layers
(actors, triggers, cues), overlaps are settled (longest first), and role
words are composed with the country that follows them
(وزير الخارجية + الإيراني → IRNGOV; رئيس + إسرائيل → ISRGOV).
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Callable, Iterable
from functools import cache

from marsad.coder.spans import WORD, WordIndex, conjuncts, conjuncts_back, words_between
from marsad.coder.state import ActorMention, Cue, DocState, Sentence, Trigger
from marsad.knowledge.actors import Person
from marsad.knowledge.base import KnowledgeBase, active_kb, default_kb
from marsad.knowledge.base import words as word_class
from marsad.knowledge.lexicon import ACTOR_KINDS, Entry, Match
from marsad.knowledge.patterns import Form, Pattern
from marsad.model import Document
from marsad.text import Normalized, normalize, normalize_form, paragraphs, split_sentences

_WORD = re.compile(r"[^\W\d_]+")
CUE_KINDS = frozenset({"cue", "month", "hijri", "weekday", "relative"})
# Which reading of an ambiguous form wins (a person's name over a place, a group over a country).
PRIORITY = {"nonactor": -1, "person": 0, "group": 1, "state_group": 1, "igo": 2, "country": 3, "metonym": 4, "place": 5,
            "nisba": 6, "role": 7, "surname": 8, "outlet": 9}
# Words that may stand between a role and its country: وزير الصحة في جمهورية أذربيجان.
TAIL_WORDS = 14
NOUN_TAIL_WORDS = 2
COUNTRY_KINDS = frozenset({"country", "nisba", "metonym", "place"})
INSTITUTIONS = frozenset({"GOV", "JUD", "LEG"})  # a state's bodies, named with في and the state they belong to
def _select(matches: Iterable[Match], size: int) -> list[Match]:
    """Non-overlapping matches, longest first, then leftmost (an occupancy map keeps it linear)."""
    taken = bytearray(size + 1)
    chosen: list[Match] = []
    spans = [(m.start - len(m.prefix), m.end + len(m.suffix), m) for m in matches]
    spans.sort(key=lambda x: (x[0] - x[1], x[2].start))
    for ws, we, m in spans:
        if taken.find(1, ws, we) != -1:
            continue
        chosen.append(m)
        taken[ws:we] = b"\x01" * (we - ws)
    return sorted(chosen, key=lambda m: m.start)


def _coverage(spans: Iterable[tuple[int, int]], size: int) -> bytearray:
    cov = bytearray(size + 1)
    for s, e in spans:
        cov[s:e] = b"\x01" * (e - s)
    return cov


_TAIL_PROCLITICS = ("و", "ب", "ل", "ف", "ال", "لل")  # what may be glued to a tail's first word


@cache
def _tail_index(tail: tuple[str, ...]) -> dict[str, list[tuple[int, tuple[str, ...]]]]:
    """A pattern's tail phrases split into words and filed, in order, under every way their first word may be
    written (as it is, with another pronoun, after a proclitic): compiled once per process."""
    index: dict[str, list[tuple[int, tuple[str, ...]]]] = {}
    for order, t in enumerate(tail):
        parts = tuple(t.split())
        for written in sorted({*_same_word_forms(parts[0]), *(p + parts[0] for p in _TAIL_PROCLITICS)}):
            index.setdefault(written, []).append((order, parts))
    return index


def _tail_span(tail: tuple[str, ...], text: str, end: int, limit: int, max_words: int) -> tuple[int, int] | None:
    """Where one of the tail phrases starts within `max_words` words after `end` (proclitics allowed)."""
    index = _tail_index(tail)
    spans, words = WordIndex.of(text).window(end, min(limit, end + 200), max_words + 4)
    for i in [i for i, w in enumerate(words[:max_words]) if w in index]:
        for _, parts in index[words[i]]:
            if i + len(parts) <= len(words) and all(_same_word(words[i + k], parts[k]) for k in range(1, len(parts))):
                return spans[i][0], spans[i + len(parts) - 1][1]
    return None


TAIL_PRONOUNS = ("هما", "هم", "ها", "ه", "نا", "كم")


def _same_word_forms(tail: str) -> set[str]:
    """Every word _same_word accepts for `tail`."""
    pron = next((p for p in TAIL_PRONOUNS if tail.endswith(p) and len(tail) - len(p) >= 3), None)
    return {tail} if pron is None else {tail} | {tail[:-len(pron)] + p for p in TAIL_PRONOUNS}


def _same_word(word: str, tail: str) -> bool:
    """A tail word with a pronoun stands for the same word with any pronoun (علاقاتها ~ علاقاتهما، علاقاتنا)."""
    if word == tail:
        return True
    pron = next((p for p in TAIL_PRONOUNS if tail.endswith(p) and len(tail) - len(p) >= 3), None)
    if pron is None:
        return False
    stem = tail[:-len(pron)]
    return word.startswith(stem) and word[len(stem):] in TAIL_PRONOUNS


_TAIL_FIRSTS: dict[int, tuple[dict[str, Pattern], frozenset[str]]] = {}  # by id of the pattern table (kept alive)


def _may_have_tail(patterns: dict[str, Pattern], text: str, end: int, limit: int) -> bool:
    """Is any word after `end` (as far as any tail is looked for) one that some pattern's tail starts with?"""
    known = _TAIL_FIRSTS.get(id(patterns))
    if known is None or known[0] is not patterns:
        firsts = frozenset(w for p in patterns.values() if p.tail for w in _tail_index(p.tail))
        known = _TAIL_FIRSTS[id(patterns)] = (patterns, firsts)
    # the window _tail_span reads for a verb (remembered, so it is not built twice); a tail starts in its first words
    longest = max(TAIL_WORDS, NOUN_TAIL_WORDS)
    _, words = WordIndex.of(text).window(end, min(limit, end + 200), longest + 4)
    return not known[1].isdisjoint(words[:longest])


def _antecedent(text: str, m: Match) -> str | None:
    """الصفقة التي أبرمتها: the noun a relative clause qualifies is its verb's object (the pronoun on the verb
    takes it up), so it may stand for the verb's tail. The noun without its article, or None."""
    if not m.suffix:
        return None
    idx = WordIndex.of(text)
    i = bisect.bisect_left(idx.starts, m.word_start)
    if i < 2 or idx.words[i - 1] not in word_class("singular_relatives") or not idx.words[i - 2].startswith("ال"):
        return None
    return idx.words[i - 2][2:]


def _tail_names(tail: tuple[str, ...], noun: str) -> bool:
    """Is `noun` (without its article) one of the one-word tails, in any case ending (اتفاقا ~ الاتفاق)?"""
    return any(" " not in t and noun in (t, t.removesuffix("ا")) for t in tail)


def _choose_form(forms: list[Form], patterns: dict[str, Pattern], text: str,
                 end: int, limit: int, antecedent: str | None = None) -> tuple[Form | None, tuple[int, int] | None]:
    """Of the patterns sharing a word, one whose tail follows it wins; a pattern without a tail is the fallback.

    A verbal noun takes its tail right after it (إعادة العلاقات); a verb may have its subject in between, or its
    object may be the noun its relative clause qualifies (الصفقة التي أبرمتها مصر).
    Of two tails that follow, the longer is the more specific (سيرت قافلة عسكرية is not سيرت قافلة).
    """
    if antecedent is not None:
        for f in forms:
            tail = patterns[f.pattern_id].tail
            if f.pos == "verb" and tail and _tail_names(tail, antecedent):
                return f, None
    if not _may_have_tail(patterns, text, end, limit):
        return next((f for f in forms if not patterns[f.pattern_id].tail), None), None
    fallback = None
    best: tuple[Form, tuple[int, int]] | None = None
    for f in forms:
        tail = patterns[f.pattern_id].tail
        if not tail:
            fallback = fallback or f
            continue
        span = _tail_span(tail, text, end, limit, NOUN_TAIL_WORDS if f.pos == "noun" else TAIL_WORDS)
        if span is not None and (best is None or _words(text, span) > _words(text, best[1])):
            best = (f, span)
    return best if best is not None else (fallback, None)


def _words(text: str, span: tuple[int, int]) -> int:
    return len(_WORD.findall(text, span[0], span[1]))


def _best_entry(m: Match) -> Entry:
    return min((e for e in m.entries if e.kind in ACTOR_KINDS), key=lambda e: PRIORITY[e.kind])


def _person_mention(m: Match, person: Person, year: int | None, kind: str) -> ActorMention:
    office = person.office_in(year)
    country = office.country if office else None
    igo = office.igo if office else None
    role = office.role if office else "GOV"
    return ActorMention(m.start, m.end, kind, country, igo, role, (country or "IGO") + (role if role != "IGO" else ""),
                        name=person.name_ar, person=person, prefix=m.prefix)


def _actor_from_match(m: Match, e: Entry, year: int | None, text: str) -> ActorMention | None:
    a = _actor_of_entry(m, e, year, text)
    if a is not None and e.lam_al:
        a.prefix += "ل"  # للسودان: the first ل of the لل-form is the preposition
    return a


def _actor_of_entry(m: Match, e: Entry, year: int | None, text: str) -> ActorMention | None:
    if e.kind in COUNTRY_KINDS:
        return ActorMention(m.start, m.end, e.kind, e.value, None, None, e.value, prefix=m.prefix)
    if e.kind == "igo":
        o = e.value
        return ActorMention(m.start, m.end, "igo", None, o.igo, "IGO", o.code, name=o.name_en, prefix=m.prefix)
    if e.kind == "state_group":  # مجموعة 5+1: its members, fixed by usage
        return ActorMention(m.start, m.end, "group_ref", None, None, None, "", name=e.value.name_en,
                            members=e.value.members, prefix=m.prefix)
    if e.kind == "group":
        o = e.value
        return ActorMention(m.start, m.end, "group", o.country, None, o.role, o.code, name=o.name_en, prefix=m.prefix)
    if e.kind == "role":
        r = e.value
        end = m.word_end if m.suffix == "ا" else m.end  # جنودا إسرائيليين: the accusative alif is the noun's own
        return ActorMention(m.start, end, "role", None, None, r.role, r.role, prefix=m.prefix,
                            name="counterpart" if r.kind == "counterpart" else None,
                            definite=m.form.startswith(("ال", "لل")) or " ال" in m.form,
                            title=r.kind in ("title", "counterpart"), home=r.home)
    if e.kind in ("person", "surname"):
        # one person listed under two forms that normalise alike is still one person
        people = list({x.value.person_id: x.value for x in m.entries if x.kind == e.kind}.values())
        current = [p for p in people if p.office_in(year) and any(o.holds(year) for o in p.offices)]
        pick = current[0] if len(current) == 1 else (people[0] if len(people) == 1 else None)
        if pick is None:
            return None
        return _person_mention(m, pick, year, e.kind)
    return None


def _nasab(words: list[str]) -> bool:
    """Nothing, or the rest of a lineage (بن عبدالعزيز، آل سعود) between a name and a title."""
    lineage = word_class("lineage_words")
    return len(words) <= 3 and all(w in lineage or w.startswith(("عبد", "ال")) for w in words)


def _compose(actors: list[ActorMention], text: str, apolitical: frozenset[str] = frozenset()) -> list[ActorMention]:
    """Merge a role with the country or person that follows it, and appositions of one actor."""
    out: list[ActorMention] = []
    for i, a in enumerate(actors):
        if out:
            prev = out[-1]
            gap = words_between(text, prev.end, a.start)
            punct = text[prev.end:a.start].strip(" ")
            tight = all(w in word_class("title_fillers") for w in gap) and "\n" not in punct and not any(c in punct for c in "،,.:؛")
            # قوات الاحتلال 3 فلسطينيين، قوات الاحتلال فلسطينيين: a number, or a bare nisba after a definite
            # genitive, begins the object; the adjective of "قوات الاحتلال" is definite (الإسرائيلي)
            tight = tight and not any(c.isdigit() for c in punct) and not (
                a.kind == "nisba" and any(w.startswith("ال") for w in gap) and not text.startswith("ال", a.start))
            # وزير الصحة في أذربيجان and وزارة الصحة فيها are that state's; مسلحين في كابل، الشركات في فرنسا، القوات
            # في سوريا are only where they are
            tight = tight and (prev.title or "في" not in gap or prev.role in INSTITUTIONS)
            tight = tight and not (prev.home and "في" in gap)  # الكونغرس في أنقرة: a visit, not Turkey's congress
            # وزير المياه والري الإثيوبي: a minister's portfolio stands between the title and the nisba.
            # ... but a club, a firm or a school is no portfolio (رئيس النادي اللبناني is no Lebanese official)
            portfolio = (prev.title and prev.kind == "role" and len(gap) <= 3 and a.kind in ("nisba", "person")
                         and not any(c in punct for c in "،,.:؛\n")
                         and not any(w in apolitical or _bare(w) in apolitical for w in gap))
            if prev.kind == "role" and tight and a.kind == "group_ref" and a.name:
                # نظراءه في دول مجلس التعاون: the office in each state of the group
                prev.end, prev.kind, prev.members, prev.name = a.end, "group_ref", a.members, a.name
                continue
            if prev.kind == "role" and (tight or portfolio) and a.kind in (
                    "country", "nisba", "metonym", "person", "surname", "group", "igo"):
                prev.end = a.end
                prev.country, prev.igo = a.country, a.igo
                prev.code = (a.country or "") + (prev.role or "")
                if a.person is not None:
                    prev.person, prev.name = a.person, a.name
                    prev.role = a.role or prev.role
                prev.kind = "person" if a.person else "role+" + a.kind
                if a.kind in ("group", "igo"):
                    prev.code, prev.name = a.code, a.name
                continue
            if prev.person is not None and a.kind == "nisba" and tight and not gap and a.country in (None, prev.country):
                prev.end = a.end  # إلهام علييف الأذري: an adjective of the person
                continue
            if (prev.person is not None and a.kind == "role" and a.key is None and a.name != "counterpart"
                    and a.definite and _nasab(gap) and not any(c in punct for c in "،,.:؛\n")
                    and not _other_state_follows(actors, i, text, prev.country)):
                prev.end = a.end  # الأمير محمد بن نايف بن عبدالعزيز ولي العهد: his title, not another actor
                continue
            if prev.kind.startswith(("role", "person")) and a.kind == "nisba" and tight and not gap and prev.country is None:
                prev.end, prev.country, prev.code = a.end, a.country, (a.country or "") + (prev.role or "")
                continue
            same = prev.key is not None and prev.key == a.key
            if same and not gap and not punct and (a.person is not None or prev.person is not None):
                prev.end = a.end  # ولي العهد السعودي الأمير محمد بن سلمان
                if a.person is not None and prev.person is None:
                    prev.person, prev.name = a.person, a.name
                continue
            apposition = not gap and punct in ("،", ",", "-", "–") and a.kind != "nisba"
            if same and apposition and (prev.person is not None or a.person is not None or a.kind.startswith("role")):
                prev.end = a.end
                if a.person is not None and prev.person is None:
                    prev.person, prev.name = a.person, a.name
                continue
        out.append(a)
    return _drawn_from(out, text)


def _listed_groups(actors: list[ActorMention], text: str, lo: int) -> list[ActorMention]:
    """الدول المشاركة، ومن بينها تركيا وروسيا ومصر، دولا عدة بينها تركيا والإمارات: a plural of states and the
    list that names some of them are one mention that stands for the states listed."""
    out: list[ActorMention] = []
    i = 0
    while i < len(actors):
        a = actors[i]
        start = out[-1].end if out else lo
        words = list(WORD.finditer(text, start, a.start))
        head = None
        if words and words[-1].group() in word_class("among") and "\n" not in text[start:a.start]:
            # the plural is among the five words before (ومن) بينها: الدول المشاركة في المؤتمر، ومن بينها
            before = [w for w in words[max(0, len(words) - 7):-1] if w.group() not in ("من", "ومن")][-5:]
            head = next((w for w in before if w.group() in word_class("open_groups")), None)
        if head is None:
            out.append(a)
            i += 1
            continue
        run = [x for x in conjuncts(text, actors, i) if x.key is not None and x.kind != "place"]
        if len(run) < 2 and not (len(run) == 1 and head.group().startswith("ال")):
            out.append(a)
            i += 1
            continue
        span = conjuncts(text, actors, i)
        out.append(ActorMention(head.start(), span[-1].end, "group_ref", None, None, None, "",
                                members=tuple(dict.fromkeys(x.key for x in run if x.key)), listed=True))
        i += len(span)
    return out


def _take_members(a: ActorMention, text: str) -> None:
    """معظم أعضاء مجلس الأمن، ممثلو الاتحاد الأوروبي: the members of a body acting as one are the body, so its
    mention begins with them (else the word stands between a verb and its subject)."""
    words = list(WORD.finditer(text, max(0, a.start - 25), a.start))[-2:]
    if not words or text[words[-1].end():a.start].strip():
        return
    last = words[-1]
    bare = last.group()[1:] if last.group()[:1] in "وف" and last.group()[1:] in word_class("body_members") else last.group()
    if bare not in word_class("body_members"):
        return
    start = last.end() - len(bare)
    if len(words) == 2 and not text[words[0].end():last.start()].strip():
        first = words[0].group()
        portion = first[1:] if first[:1] in "وف" and first[1:] in word_class("portions") else first
        if portion in word_class("portions"):
            start = words[0].end() - len(portion)
    a.start = start


def _after_circumstance(text: str, start: int) -> bool:
    """Is the word right before a circumstance word (أثناء، خلال، عقب، لدى)?"""
    prev = words_between(text, max(0, start - 14), start)[-1:]
    return bool(prev) and prev[0].lstrip("وف") in word_class("circumstantial")


def _without_clitic(word: str, titles: dict[str, frozenset[str]]) -> tuple[str, str]:
    """بالملك → (الملك, ب); وللملك → (الملك, ول); a word that is no title comes back as it is."""
    for n in range(0, 3):
        head, rest = word[:n], word[n:]
        if head and not all(c in "وفبل" for c in head):
            break
        if rest in titles:
            return rest, head
        if rest.startswith("ل") and "ا" + rest in titles:  # للملك: ل + الملك
            return "ا" + rest, head + "ل"
    return word, ""


def _rulers_by_title(actors: list[ActorMention], text: str, sent: Sentence, kb: KnowledgeBase,
                     year: int | None) -> list[ActorMention]:
    """الملك سلمان، الشيخ تميم، السلطان قابوس: a ruler's title and a first name no lexicon knows name the one
    person of that first name holding an office the title names in the article's year."""
    if year is None:
        return actors
    chunk = text[sent.start:sent.end]
    if not any(t in chunk for t in kb.grammar.ruler_titles):
        return actors  # most sentences name no ruler's title: skip the word-by-word scan
    found: list[ActorMention] = []
    words = list(WORD.finditer(text, sent.start, sent.end))
    for i, (w, nxt) in enumerate(zip(words, words[1:], strict=False)):
        title, prefix = _without_clitic(w.group(), kb.grammar.ruler_titles)
        offices = kb.grammar.ruler_titles.get(title)
        if offices is None or text[w.end():nxt.start()].strip():
            continue
        after = words[i + 2].group() if i + 2 < len(words) and not text[nxt.end():words[i + 2].start()].strip() else ""
        if after in word_class("lineage_words"):
            continue  # الأمير نواف بن سعد: a lineage the lexicon does not know is another man's
        if any(a.start <= nxt.start() < a.end and a.kind != "role" for a in actors):
            continue  # الملك سلمان بن عبد العزيز: the lexicon knows the whole name
        held = [p for p in kb.rulers_by_first_name.get(nxt.group(), ())
                if any(o.office in offices and o.holds(year) for o in p.offices)]
        if len(held) != 1:
            continue
        p = held[0]
        office = next(o for o in p.offices if o.office in offices and o.holds(year))
        start = w.start() + len(prefix)
        found.append(ActorMention(start, nxt.end(), "person", office.country, office.igo, office.role,
                                  (office.country or "IGO") + office.role, name=p.name_ar, person=p, prefix=prefix))
    if not found:
        return actors
    kept = [a for a in actors if not any(f.start <= a.start < f.end for f in found)]
    return sorted(kept + found, key=lambda a: a.start)


def _other_state_follows(actors: list[ActorMention], i: int, text: str, country: str | None) -> bool:
    """أوباما الرئيس الفرنسي: a title whose own adjective names another state is another person's."""
    if i + 1 >= len(actors):
        return False
    nxt = actors[i + 1]
    return (nxt.kind == "nisba" and nxt.country is not None and nxt.country != country
            and not words_between(text, actors[i].end, nxt.start))


def _from_gap(text: str, start: int, end: int) -> bool:
    """من or من أعضاء / من ممثلي between a group of people and the body they come from."""
    gap = words_between(text, start, end)
    return (bool(gap) and gap[0] == "من" and len(gap) <= 2 and all(w in word_class("members") for w in gap[1:])
            and not any(c in text[start:end] for c in "،,.:؛\n"))


def _drawn_from(actors: list[ActorMention], text: str) -> list[ActorMention]:
    """وفد من الكونغرس الأمريكي، مسؤولون من الاتحاد الأوروبي: people drawn from a body are that body's."""
    out: list[ActorMention] = []
    for a in actors:
        if a.igo and not a.prefix:
            _take_members(a, text)
        if a.kind == "role" and a.key is None and a.home:  # الكنيست is Israel's whatever the story's focus
            a.country, a.code, a.kind = a.home, a.home + (a.role or ""), "role+home"
        prev = out[-1] if out else None
        if (prev is not None and prev.kind == "role" and prev.key is None and not prev.definite and not prev.title
                and a.key is not None and a.kind != "place" and _from_gap(text, prev.end, a.start)):
            prev.end, prev.country, prev.igo, prev.kind = a.end, a.country, a.igo, "role+from"
            prev.code = a.code if a.kind in ("group", "igo") or a.role else (a.country or "") + (prev.role or "")
            prev.person, prev.name = a.person, a.name
            continue
        out.append(a)
    return out






def group_size(form: str) -> int:
    """البلدين → 2, الدول الأربع → 4 (duals end in ين/ان)."""
    for word in reversed(form.split()):
        if word in active_kb().grammar.group_sizes:
            return active_kb().grammar.group_sizes[word]
    return 2


def _distinct_before(actors: list[ActorMention]) -> list[str]:
    """The states named before a reference in its sentence, each once, the last named last."""
    keys: list[str] = []
    for a in actors:
        if a.country and a.kind not in ("group_ref", "place"):
            if a.country in keys:
                keys.remove(a.country)
            keys.append(a.country)
    return keys


def _side_of_many(a: ActorMention) -> bool:
    """A named group of states (دول مجلس التعاون) or an organisation: one side, though no one state."""
    return (a.kind == "group_ref" and bool(a.name)) or (a.kind == "igo" and a.igo is not None)


def resolve_groups(sentences: list[Sentence], text: str) -> None:
    """A group reference stands for the last list of that many states, else (duals) the two most named."""
    lists: list[tuple[str, ...]] = []
    seen: Counter[str] = Counter()
    groups_seen: Counter[str] = Counter()  # named groups of states and organisations, which no dual guess may skip
    recent: list[str] = []  # keys by last mention
    for s in sentences:
        actors = s.actors
        i = 0
        while i < len(actors):
            a = actors[i]
            if a.kind == "group_ref" and (a.name or a.listed):  # a named or listed group keeps its members
                i += 1
                continue
            if a.kind == "group_ref":
                form = text[a.start:a.end]
                n = group_size(form)
                match: tuple[str, ...] | None = next((m for m in reversed(lists) if len(m) == n), None)
                # الحديث بين الولايات المتحدة ودول مجلس التعاون ... بين الجانبين: a party that is a group of states
                # or an organisation may be one of the two; the two single states named are then no safe guess
                sides = any(_side_of_many(x) for x in actors[:i])
                if n == 2 and len(here := _distinct_before(actors[:i])) >= 2 and not sides:
                    match = tuple(here[-2:])  # لقاء وزير خارجية مصر مع ولي العهد السعودي ... بين البلدين
                if form.startswith(tuple(word_class("person_duals"))) and len(recent) >= 2:
                    match = tuple(recent[-2:])  # الرجلان، الزعيمان: the two people named last
                groups = sum(groups_seen.values())
                if match is None and n == 2 and len(seen) >= 2 and not sides and groups < seen.most_common(2)[1][1]:
                    match = tuple(k for k, _ in seen.most_common(2))  # the article's two main states
                a.members = match or ()
                i += 1
                continue
            run = conjuncts(text, actors, i)
            keys = tuple(dict.fromkeys(x.country for x in run if x.country and x.kind not in ("group_ref", "place")))
            if len(keys) >= 2:
                lists.append(keys)
            for x in run:
                if x.country:
                    seen[x.country] += 1
                elif _side_of_many(x):
                    groups_seen[x.name or x.igo or ""] += 1
                if x.key and x.kind != "group_ref":
                    if x.key in recent:
                        recent.remove(x.key)
                    recent.append(x.key)
            i += len(run)


# Roles that, named bare (الجيش، الحكومة، رئيس الوزراء), belong to the state the article is about.
DOMESTIC_ROLES = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "OPP", "SPY"})


def ranked_states(sentences: list[Sentence]) -> list[ActorMention]:
    """The first mention of each state, the most named state first (earliest on ties)."""
    counts: Counter[str] = Counter()
    first: dict[str, ActorMention] = {}
    for s in sentences:
        for a in s.actors:
            if a.country and a.kind != "place":
                counts[a.country] += 1
                first.setdefault(a.country, a)
    return [first[k] for k in sorted(counts, key=lambda k: (-counts[k], first[k].start))]


# Words that end a personal name written after a title (وزير الخارجية الإيراني حسين أمير عبد اللهيان، ...).
MAX_NAME_WORDS = 4
NOT_NAME_STARTS = ("ال", "بال", "لل", "وال", "با", "لا", "و", "ل")


def _verbal_noun_shape(word: str) -> bool:
    """احتجاجا، انسحابا (a derived verbal noun in the accusative: long ا before the last radical, then ا) or
    استعداده (a form X verbal noun): shapes of common nouns, not of names (ماريا، بوكوفا، ستيفان)."""
    return (len(word) >= 6 and word.endswith("ا") and word[-3] == "ا") or (len(word) >= 6 and word.startswith("است"))


def _governs_actor(text: str, end: int, known: bytearray) -> bool:
    """Does the word after `end` (one space on) start a known actor (a noun's genitive, not a name's next part)?"""
    nxt = end + 1
    return nxt < len(text) and text[end] == " " and known.find(1, nxt, nxt + 1) != -1


def _learn_names(sentences: list[Sentence], text: str, known: bytearray) -> dict[str, ActorMention]:
    """Unknown names written right after a resolved title: their last word names the same actor later.

    "نظيرته السودانية مريم الصادق المهدي" teaches the article that "المهدي" is Sudan's minister.
    """
    names: dict[str, ActorMention] = {}
    for s in sentences:
        for a in s.actors:
            if a.person is not None or a.key is None or not a.kind.startswith("role+") or not a.title:
                continue
            words = []
            for m in _WORD.finditer(text, a.end, min(s.end, a.end + 80)):
                between = text[(words[-1].end() if words else a.end):m.start()]
                w = m.group()
                if between.strip() or w in word_class("name_stops") or known.find(1, m.start(), m.end()) != -1:
                    break
                if w in word_class("honorifics") and not words:
                    continue  # الشيخ، الأمير: a title before the name, not part of it
                if not words and (w.startswith(NOT_NAME_STARTS) or _verbal_noun_shape(w)):
                    break  # المغادرة، بأسلحة، احتجاجا، استعداده: a common noun, not a name
                if not words and w[0] in "بل" and _governs_actor(text, m.end(), known):
                    break  # أشاد الرئيس الأمريكي بجهود مصر: a preposition's noun whose genitive is an actor
                words.append(m)
                if len(words) == MAX_NAME_WORDS:
                    break
            if not words or len(words) == MAX_NAME_WORDS:
                continue
            a.end = words[-1].end()
            a.name = text[words[0].start():a.end]
            last = words[-1].group()
            if len(last) >= 4:
                names[last] = a
    names.update(_apposed_names(sentences, text, known))
    for name, a in _royal_first_names(sentences).items():
        names.setdefault(name, a)
    return names


def _royal_first_names(sentences: list[Sentence]) -> dict[str, ActorMention]:
    """أمير قطر الشيخ تميم بن حمد ... في أول زيارة يقوم بها تميم: a ruler named in full is then called by his
    first name alone."""
    names: dict[str, ActorMention] = {}
    for s in sentences:
        for a in s.actors:
            p = a.person
            if p is None or not any(o.office in word_class("first_name_offices") for o in p.offices):
                continue
            first = normalize_form(p.name_ar.split()[0])
            if len(first) >= 4 and first not in word_class("honorifics"):
                names.setdefault(first, a)
    return names


def _apposed_names(sentences: list[Sentence], text: str, known: bytearray) -> dict[str, ActorMention]:
    """قال طارق فاتيمي، المساعد الخاص لرئيس الوزراء الباكستاني: a name a speech verb introduces, set off by a
    comma before a resolved title, is that title's holder; its last word names him later (وأضاف فاتيمي)."""
    names: dict[str, ActorMention] = {}
    for s in sentences:
        for c in s.cues:
            if c.kind != "speech":
                continue
            words = []
            for m in _WORD.finditer(text, c.end, min(s.end, c.end + 60)):
                between = text[(words[-1].end() if words else c.end):m.start()]
                if between.strip():
                    break
                words.append(m)
                if len(words) > 3:
                    break
            if not 2 <= len(words) <= 3:
                continue
            rest = text[words[-1].end():words[-1].end() + 3]
            if not rest.lstrip().startswith(("،", ",")):
                continue
            if any(w.group() in word_class("name_stops") or w.group().startswith(NOT_NAME_STARTS)
                   or known.find(1, w.start(), w.end()) != -1 for w in words):
                continue
            comma = words[-1].end() + rest.index(rest.lstrip()[0])
            # the title may be an office's (المساعد الخاص لرئيس الوزراء الباكستاني): his state is its state
            title = next((a for a in s.actors if a.start > comma and len(words_between(text, comma + 1, a.start)) <= 3
                          and not any(ch in text[comma + 1:a.start] for ch in "،,.:؛")), None)
            if title is None or title.key is None or not title.kind.startswith(("role", "person")):
                continue
            last = words[-1].group()
            if len(last) >= 4:
                names.setdefault(last, title)
    return names


def _alias_mentions(sentences: list[Sentence], text: str, names: dict[str, ActorMention],
                    taken: bytearray) -> None:
    """Later mentions of a learned name become mentions of its actor."""
    if not names:
        return
    rx = re.compile(r"(?<![^\W\d_])([وفبلك]{0,2})(" + "|".join(map(re.escape, names)) + r")(?![^\W\d_])")
    starts = [s.start for s in sentences]
    for m in rx.finditer(text):
        if taken.find(1, m.start(2), m.end(2)) != -1:
            continue
        src = names[m.group(2)]
        if m.start(2) < src.end:
            continue
        i = bisect.bisect_right(starts, m.start()) - 1
        if i < 0:
            continue
        mention = ActorMention(m.start(2), m.end(2), "surname", src.country, src.igo, src.role, src.code,
                               name=src.name, prefix=m.group(1))
        bisect.insort(sentences[i].actors, mention, key=lambda x: x.start)




# a head noun written alone or after one of و ف ب ل, as a word of the text
ORGANISATION_HEAD_WORDS = word_class("organisation_heads") | {p + h for h in word_class("organisation_heads") for p in "وفبل"}


def _words_by_sentence(sentences: list[Sentence], text: str, wanted: Callable[[str], bool]
                       ) -> dict[int, list[tuple[int, str]]]:
    """(start, word) of the document's words that `wanted` accepts, by the index of the sentence holding them."""
    index = WordIndex.of(text)
    starts = [s.start for s in sentences]
    out: dict[int, list[tuple[int, str]]] = {}
    for k in [k for k, w in enumerate(index.words) if wanted(w)]:
        i = bisect.bisect_right(starts, index.starts[k]) - 1
        if i >= 0 and index.ends[k] <= sentences[i].end:
            out.setdefault(i, []).append((index.starts[k], index.words[k]))
    return out


# المملكة، والمملكة، بالمملكة، للمملكة (ل + المملكة is written لل: the span starts at the second ل)
KINGDOM = re.compile(r"(?<![^\W\d_])([وف]?[بل]?)(ال?مملكه)(?![^\W\d_])")
KINGDOM_WORDS = frozenset(a + b + c for a in ("", "و", "ف") for b in ("", "ب", "ل") for c in ("امملكه", "المملكه"))


def _resolve_organisation_heads(sentences: list[Sentence], text: str) -> None:
    """"مجلس الأمن ... ودعا الوزير أعضاء المجلس": a bare definite head noun names the last organisation
    mentioned with that noun in its name."""
    last: dict[str, ActorMention] = {}
    heads = _words_by_sentence(sentences, text, ORGANISATION_HEAD_WORDS.__contains__)
    for i, s in enumerate(sentences):
        found = []
        for at, word in heads.get(i, ()):
            head = word[1:] if word[:1] in "وفبل" and word[1:] in word_class("organisation_heads") else word
            start = at + len(word) - len(head)
            if any(a.start <= start < a.end for a in s.actors):
                continue
            org = last.get(head)
            if org is not None and org.start < start:
                found.append(ActorMention(start, at + len(word), "igo", None, org.igo, org.role, org.code,
                                          name=org.name, prefix=word[:len(word) - len(head)]))
        for a in s.actors:
            if a.igo:
                for w in text[a.start:a.end].split():
                    key = w if w.startswith("ال") else "ال" + w
                    if key in word_class("organisation_heads"):
                        last[key] = a
        for a in found:
            if not a.prefix:
                _take_members(a, text)
        if found:
            s.actors = sorted(s.actors + found, key=lambda a: a.start)


def _resolve_kingdom(sentences: list[Sentence], text: str, kingdoms: frozenset[str], home: str | None) -> None:
    """A bare "المملكة" names the kingdom the article is about (its most named kingdom), else the kingdom its
    outlet is at home in (a Saudi daily's "المملكة" is Saudi Arabia)."""
    kingdom = next((a.country for a in ranked_states(sentences) if a.country in kingdoms), None)
    kingdom = kingdom or (home if home in kingdoms else None)
    if kingdom is None:
        return
    words = _words_by_sentence(sentences, text, KINGDOM_WORDS.__contains__)
    for i, s in enumerate(sentences):
        found = []
        for at, word in words.get(i, ()):
            m = KINGDOM.fullmatch(word)
            if m is not None and not any(a.start <= at + m.start(2) < a.end for a in s.actors):
                found.append(ActorMention(at + m.start(2), at + m.end(2), "metonym", kingdom, None, None,
                                          kingdom, prefix=m.group(1)))
        if found:
            s.actors = sorted(s.actors + found, key=lambda a: a.start)


def _resolve_occupier(sentences: list[Sentence], text: str) -> None:
    """"قوات الاحتلال الإسرائيلي ... وأكد شهود أن قوات الاحتلال اعتدت": a force or an authority "of the
    occupation" with no state named is the occupier the article named before (grammar `occupier`)."""
    occupier_words = word_class("occupier")
    last: str | None = None
    for s in sentences:
        for a in s.actors:
            inside = words_between(text, a.start, a.end)
            if a.country and a.kind != "role+occupier" and any(w in occupier_words for w in inside):
                last = a.country
                continue
            if a.kind != "role" or a.key is not None or a.role not in DOMESTIC_ROLES or last is None:
                continue
            m = WORD.search(text, a.end)
            if m is None or text[a.end:m.start()].strip() or m.group(0) not in occupier_words:
                continue
            a.end, a.country, a.code, a.kind = m.end(), last, last + (a.role or ""), "role+occupier"


def _resolve_bare_roles(sentences: list[Sentence], text: str) -> None:
    ranked = ranked_states(sentences)
    if not ranked:
        return
    focus = ranked[0].country
    assert focus is not None
    for s in sentences:
        for a in s.actors:
            if (a.kind == "role" and a.key is None and a.role in DOMESTIC_ROLES and a.name != "counterpart"
                    and a.definite and not text.startswith(tuple(word_class("foreign")), a.end + 1)):
                a.country, a.code, a.kind = focus, focus + a.role, "role+focus"


POSSESSIVE = frozenset({"ه", "ها", "هم", "هما"})


def _resolve_possessives(actors: list[ActorMention], text: str) -> None:
    """A role with a pronoun (سفيرها، قواتها) belongs to the nearest state named before it."""
    for i, a in enumerate(actors):
        if a.kind != "role" or a.key is not None:
            continue
        j = a.end
        while j < len(text) and text[j].isalpha():
            j += 1
        if text[a.end:j] not in POSSESSIVE:
            continue
        idx = next((k for k in range(i - 1, -1, -1) if actors[k].country), None)
        if idx is None:
            continue
        owner = actors[idx]
        run = conjuncts_back(text, actors, idx)
        a.end = j
        if text[a.end - 2:a.end] in ("هم", "ما") and len(run) >= 2:
            # سفيريهما، قواتهم: the role of each of the states named together before
            a.kind, a.members = "group_ref", tuple(dict.fromkeys(x.key for x in run if x.key))
        else:
            a.country, a.code, a.kind = owner.country, owner.country + (a.role or ""), "role+possessive"


def _head_words(text: str, a: ActorMention, covered: bytearray) -> list[str]:
    """The (up to three) words before a lone nisba that may be the noun it qualifies; another actor or an
    event word in between ends the search (الجامعة العربية الغارات الإسرائيلية: the raids are Israeli)."""
    words = []
    for m in reversed(list(WORD.finditer(text, max(0, a.start - 40), a.start))):
        if covered.find(1, m.start(), m.end()) != -1 or len(words) == 3:
            break
        words.append(m.group())
    return words




def _nom_de_guerre(a: ActorMention, text: str) -> bool:
    """أبو خليل السوداني، أبو قتادة المغربي: a state's adjective after a kunya is part of a name, no party."""
    before = words_between(text, max(0, a.start - 30), a.start)[-2:]
    return a.kind == "nisba" and len(before) == 2 and before[0].lstrip("وبل") in word_class("kunya")


def _first_name(a: ActorMention, text: str) -> bool:
    """تركي بن سعود، تركي آل الشيخ: an adjective without ال right before بن / آل is a man's first name."""
    nxt = words_between(text, a.end, min(len(text), a.end + 12))[:1]
    own = words_between(text, a.start, a.end)
    return (a.kind == "nisba" and len(own) == 1 and not own[0].startswith("ال") and bool(nxt)
            and nxt[0] in word_class("lineage_words") and not text[a.end:a.end + 2].strip(" ").startswith(("،", ",")))


def _topic(a: ActorMention, text: str) -> bool:
    """بحث الشأن السوري، موضوع العراق، الأوضاع في اليمن: a state named as what is talked about is no party."""
    if a.kind not in ("country", "nisba", "metonym") or a.prefix:
        return False
    # (بشأن ليبيا is "about Libya" in a title or a mandate: not a subject of talks, left alone)
    before = [(w[1:] if w[0] in "وف" and len(w) > 3 else w).removeprefix("ال")
              for w in words_between(text, max(0, a.start - 30), a.start)[-2:]]
    if before and before[-1] == "في":
        before = before[:-1]
    return bool(before) and before[-1] in word_class("topic_nouns")


def _topics(actors: list[ActorMention], text: str) -> set[int]:
    """The starts of topic states (`_topic`) and of the states و joins to them (الأوضاع في اليمن وسوريا)."""
    out: set[int] = set()
    for i, a in enumerate(actors):
        if _topic(a, text):
            out.add(a.start)
        elif (i and actors[i - 1].start in out and a.kind in ("country", "nisba", "metonym")
              and text[actors[i - 1].end:a.start].strip() == "و"):
            out.add(a.start)
    return out


def _document_name(a: ActorMention, text: str) -> bool:
    """إعلان القاهرة، اتفاق فيينا، اتفاقية باريس: a capital that names a text or a meeting is no party to it."""
    before = words_between(text, max(0, a.start - 20), a.start)[-1:]
    return (a.kind in ("metonym", "place") and not a.prefix and len(before) == 1 and text[a.start - 1:a.start] == " "
            and _bare(before[0]) in word_class("document_nouns"))


def _bare(word: str) -> str:
    """لطلاب → طلاب، وللاجئين → اللاجئين: the noun without the و/ف/ب/ل glued before it."""
    if word.startswith(("لل", "ولل", "فلل")):
        return "ال" + word[word.index("لل") + 2:]
    stripped = word.lstrip("وف")
    return stripped[1:] if len(stripped) > 3 and stripped[0] in "بل" else stripped


def _apolitical(a: ActorMention, text: str, heads: frozenset[str], covered: bytearray) -> bool:
    """A lone nisba after a non-political noun (المدرب الروماني، مدينة ميلان الإيطالية) names no actor."""
    return a.kind == "nisba" and any(w in heads or _bare(w) in heads for w in _head_words(text, a, covered))


def _marked_passive(norm: Normalized, start: int) -> bool:
    """A damma on the first letter of a past verb (رُفعت) marks the passive voice."""
    a, b = norm.offsets[start], norm.offsets[start + 1]
    return "\u064f" in norm.original[a:b]


DATELINE = re.compile(r"\s*[–—-]")


def _dateline(a: ActorMention, s: Sentence, text: str) -> bool:
    """"أبوظبي – تتواصل ...": the city a report is filed from opens the sentence; it is not an actor."""
    return a.start - s.start <= 2 and a.kind in ("metonym", "place", "country") and bool(DATELINE.match(text, a.end))


CIVILIAN_ROLES = frozenset({"CVL", "REF", "BUS"})  # private people and firms (roles.tsv)


def _adjective_follows(text: str, end: int, actors: list[ActorMention]) -> bool:
    """Is the next word a state's singular adjective without the article (سعودي، أمريكية)? A verb takes no
    adjective, so a bare past before one is its homograph verbal noun (دعم سعودي، تأييد أمريكي)."""
    nxt = min((a for a in actors if a.start >= end), key=lambda a: a.start, default=None)
    if nxt is None or nxt.kind != "nisba" or nxt.prefix or words_between(text, end, nxt.start):
        return False
    word = text[nxt.start:nxt.end].split()[0]
    return not word.startswith("ال") and word.endswith(("ي", "يه", "يا"))


def _after_verb(text: str, start: int, verb_ends: list[int]) -> bool:
    """Does a verb end right before `start` (only فيه/فيها between)? Two finite verbs do not follow each other
    without a conjunction, so the second word is a verbal noun."""
    return any(0 <= start - e <= 12 and all(w in word_class("in_it") for w in words_between(text, e, start)) and
               "،" not in text[e:start] for e in verb_ends)


def _form_three(form: str) -> bool:
    """مساعده، مطالبه: the feminine participle of a form III verb is spelled as its verbal noun (مفاعلة)."""
    return len(form) == 6 and form[0] == "م" and form[2] == "ا" and form.endswith("ه")


def _circumstantial(norm: Normalized, m: Match) -> bool:
    """A participle read as a circumstance of the clause (..., مطالبةً): a comma before it or tanween on it."""
    o = norm.original
    end = norm.offsets[m.end] if m.end < len(norm.offsets) else len(o)
    start = norm.offsets[m.word_start]
    return "\u064b" in o[end:end + 2] or o[max(0, start - 3):start].strip().endswith(("،", ","))


def _taa_marbuta_suffix(m: Match, norm: Normalized) -> bool:
    return m.suffix == "ه" and norm.original[norm.offsets[m.end]] == "ة"


def _year_of(doc: Document) -> int | None:
    return int(doc.published[:4]) if doc.published and doc.published[:4].isdigit() else None


@cache
def _lemma_pasts(kb: KnowledgeBase) -> frozenset[str]:
    """The past forms the patterns are written with (once per knowledge base)."""
    return frozenset(past for p in kb.patterns.patterns.values() for past, _ in p.verbs)


def build_state(doc: Document, kb: KnowledgeBase | None = None) -> DocState:
    kb = kb or default_kb()
    lex = kb.lexicon
    patterns = kb.patterns.patterns
    norm = normalize(doc.text)
    text = norm.text
    offsets = norm.offsets

    def to_norm(i: int) -> int:
        return bisect.bisect_left(offsets, i)

    para_starts = [to_norm(s) for s, _ in paragraphs(doc.text)]
    sentences = []
    for i, (s, e) in enumerate(split_sentences(doc.text)):
        ns, ne = to_norm(s), to_norm(e)
        sentences.append(Sentence(i, ns, ne, max(0, bisect.bisect_right(para_starts, ns) - 1)))
    year = _year_of(doc)

    # ة and ه are one letter after normalisation; the original tells a noun (رحلة) from a verb + pronoun (رحله).
    matches = [m for m in lex.find(text) if not _taa_marbuta_suffix(m, norm)]
    n = len(text)
    actor_ms = _select((m for m in matches if not ACTOR_KINDS.isdisjoint(m.kinds)), n)
    trigger_ms = _select((m for m in matches if "trigger" in m.kinds), n)
    cue_ms = _select((m for m in matches if not CUE_KINDS.isdisjoint(m.kinds)), n)
    in_actor = _coverage(((m.start, m.end) for m in actor_ms), n)
    actors: list[ActorMention] = []
    outlets: list[Match] = []
    people_seen: dict[str, Person] = {}
    for m in actor_ms:
        e = _best_entry(m)
        before = words_between(text, max(0, m.word_start - 12), m.word_start)[-1:]
        outlet_word = bool(before) and before[0] in word_class("outlet_words")
        if any(x.kind == "outlet" for x in m.entries) and (outlet_word or e.kind == "outlet"):
            out_entry = next(x for x in m.entries if x.kind == "outlet")
            if outlet_word or not out_entry.value.needs_prefix:
                outlets.append(m)
                continue
        if e.kind in ("outlet", "nonactor"):
            continue
        if e.kind == "surname":
            # A surname names the person met in full earlier in the article, if any.
            known = [x.value for x in m.entries if x.kind == "surname" and x.value.person_id in people_seen]
            if known:
                actors.append(_person_mention(m, known[0], year, "surname"))
                continue
        a = _actor_from_match(m, e, year, text)
        if a is not None:
            if a.person is not None:
                people_seen[a.person.person_id] = a.person
            actors.append(a)

    starts = [s.start for s in sentences]

    def sentence_of(pos: int) -> Sentence | None:
        i = bisect.bisect_right(starts, pos) - 1
        return sentences[i] if i >= 0 and pos < sentences[i].end else None

    lemma_pasts = _lemma_pasts(kb)
    consumed = bytearray(n + 1)
    triggers: list[Trigger] = []
    # where a verb ends: a bare past right after one is its object, the verbal noun (أكدا فيه رفض البلدين)
    verb_ends = [m.word_end for m in cue_ms if any(e.kind == "cue" and e.value == "speech" for e in m.entries)]
    for m in trigger_ms:
        if in_actor.find(1, m.start, m.end) != -1:
            continue  # a trigger word inside a name (وزارة الدفاع، مجلس التعاون)
        if consumed.find(1, m.start, m.end) != -1:
            continue  # the tail of an idiom already read (أجرى محادثات: محادثات is not a second event)
        here = sentence_of(m.start)
        f, tail = _choose_form([e.value for e in m.entries if e.kind == "trigger"], patterns, text, m.end,
                               here.end if here is not None else n, _antecedent(text, m))
        if tail is not None:
            consumed[tail[0]:tail[1]] = b"\x01" * (tail[1] - tail[0])
        if f is not None and f.pos == "verb" and any(c in m.prefix for c in "بلك"):
            # بدعم، لقطع: a preposition never takes a verb; a bare past is the homograph masdar (دعم، قطع), but not
            # a defective one (بنفي: exile as much as denial; نفى and نفي are one spelling once ى is ي); anything else
            # (بدأنا read as ب + دانا) is no trigger at all.
            if f.tense != "past" or f.text not in lemma_pasts or f.text.endswith("ي"):
                continue
            f = Form(f.text, f.pattern_id, "noun", "noun")
        if (f is not None and f.pos == "participle" and _form_three(f.text) and not m.prefix
                and not _circumstantial(norm, m)):
            # مساعدة، مطالبة، مساندة without tanween or a comma before them: the verbal noun of a form III verb
            f = Form(f.text, f.pattern_id, "noun", "noun")
        if (f is not None and f.pos in ("verb", "passive")
                and words_between(text, m.word_end, min(n, m.word_end + 12))[:1] in ([w] for w in word_class("supplication_subjects"))):
            continue  # أيده الله، وفقه الله: a prayer for the man, whose subject is God, is no act of his
        if f is not None and f.pos != "noun" and not m.prefix and not m.suffix and f.text in word_class("function_homographs"):
            continue  # قبل: "before", not "accepted"; مجتمعة: "together", not "meeting"
        if (f is not None and f.pos == "verb" and f.text in lemma_pasts and not m.prefix
                and _after_verb(text, m.word_start, verb_ends)):
            f = Form(f.text, f.pattern_id, "noun", "noun")
        if (f is not None and f.pos == "verb" and f.text in lemma_pasts and not m.prefix
                and m.suffix in ("ه", "ها", "هم", "هما") and _after_circumstance(text, m.word_start)):
            f = Form(f.text, f.pattern_id, "noun", "noun")  # أثناء توجهه، عقب وصوله: his heading, not "he headed"
        if (f is not None and f.pos == "verb" and f.tense == "past" and f.text in lemma_pasts and not m.suffix
                and patterns[f.pattern_id].cameo[:2] <= "08" and _adjective_follows(text, m.word_end, actors)):
            # دعم سعودي أمريكي للمبادرة: a state's adjective qualifies a noun. Only for acts of cooperation: after a
            # verb of harm the adjective is the passive's subject, a person (قُتل فلسطيني، اعتُقل بريطاني)
            f = Form(f.text, f.pattern_id, "noun", "noun")
        if f is not None and f.pos == "verb" and f.tense == "past" and _marked_passive(norm, m.start):
            f = Form(f.text, f.pattern_id, "passive", f.tense)  # رُفعت، وُقِّع: the writer marked the passive
        if f is not None:
            triggers.append(Trigger(m.start, m.end, f, patterns[f.pattern_id], m, tail[1] if tail else None))
            if f.pos in ("verb", "participle"):
                verb_ends.append(m.word_end)

    cues: list[Cue] = []
    for m in cue_ms:
        for e in m.entries:
            if e.kind not in CUE_KINDS:
                continue
            if e.kind == "cue" and e.value == "group_refs":
                if in_actor.find(1, m.start, m.end) == -1:
                    actors.append(ActorMention(m.start, m.end, "group_ref", None, None, None, "", prefix=m.prefix))
            else:
                cues.append(Cue(m.start, m.end, e.kind if e.kind != "cue" else str(e.value), e.value))

    actors.sort(key=lambda a: a.start)

    for a in actors:
        s = sentence_of(a.start)
        if s is not None:
            s.actors.append(a)
    apolitical = frozenset(kb.cues["apolitical_heads"])
    civilian = frozenset(kb.cues["civilian_heads"])
    things = frozenset(kb.cues["thing_heads"])
    covered = _coverage([(a.start, a.end) for a in actors] + [(t.start, t.end) for t in triggers], n)
    for s in sentences:
        s.actors = _rulers_by_title(s.actors, text, s, kb, year)
        topics = _topics(s.actors, text)
        s.actors = [a for a in _compose([a for a in s.actors if not _first_name(a, text)], text, apolitical)
                    if not _apolitical(a, text, apolitical, covered) and not _dateline(a, s, text)
                    and not _nom_de_guerre(a, text) and not _document_name(a, text) and a.start not in topics]
        for a in s.actors:
            heads = _head_words(text, a, covered) if a.kind == "nisba" else []
            a.civilian = a.role in CIVILIAN_ROLES or any(w in civilian or _bare(w) in civilian for w in heads)
            a.thing = any(w in things or _bare(w) in things for w in heads)
        _resolve_possessives(s.actors, text)
        s.actors = _listed_groups(s.actors, text, s.start)
    _resolve_organisation_heads(sentences, text)
    _resolve_kingdom(sentences, text, kb.kingdoms, kb.home_of(doc.source, doc.extra.get("url")))
    spans = [(m.start, m.end) for m in matches] + [(a.start, a.end) for s in sentences for a in s.actors]
    known = _coverage(spans, n)
    for c in cues:
        s = sentence_of(c.start)
        if s is not None:
            s.cues.append(c)
    _alias_mentions(sentences, text, _learn_names(sentences, text, known), known)
    resolve_groups(sentences, text)
    _resolve_occupier(sentences, text)
    _resolve_bare_roles(sentences, text)
    occupiers = [(a.start, a.end) for s in sentences for a in s.actors if a.kind == "role+occupier"]
    for t in triggers:
        if any(lo <= t.start and t.end <= hi for lo, hi in occupiers):
            continue  # قوات الاحتلال: the word names the force, it is no act of its own here
        s = sentence_of(t.start)
        if s is not None:
            s.triggers.append(t)
    for m in outlets:
        s = sentence_of(m.start)
        if s is not None:
            s.outlets.append(m)
    return DocState(doc, norm, sentences, kb)
