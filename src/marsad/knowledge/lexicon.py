"""All knowledge compiled into one Aho–Corasick automaton over normalised forms.

One pass over a document's normalised text finds every actor, trigger and cue.
Clitics are handled at the word edges: a match may be preceded by proclitics
(و ف ب ل ك, with ل+ال written لل) and, where the entry allows it, followed by
a pronoun suffix; anything else glued to a match means it is part of another
word and the match is dropped.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from typing import Any

import ahocorasick
import numpy as np

from marsad.knowledge.actors import (
    load_countries,
    load_groups,
    load_igos,
    load_outlets,
    load_people,
    load_places,
    load_roles,
    load_state_groups,
)
from marsad.knowledge.cues import LIST_KEYS, load_cues
from marsad.knowledge.errors import KnowledgeError
from marsad.knowledge.files import read_tsv
from marsad.knowledge.patterns import load_patterns
from marsad.text import normalize_form

ACTOR_KINDS = frozenset({"country", "nisba", "metonym", "place", "igo", "group", "state_group", "outlet", "role",
                         "person", "surname",
                         "nonactor"})
PROCLITICS = frozenset({"", "و", "ف", "ب", "ل", "ك", "وب", "ول", "فب", "فل", "وك", "فك", "لب"})
PROCLITICS_AL = frozenset({"", "و", "ف", "ب", "ك", "وب", "فب", "وك", "فك"})
# Pronoun suffixes, and the accusative alif of an indefinite noun (ضباطا، جنودا).
ENCLITICS = frozenset({"", "ه", "ها", "هم", "هما", "هن", "ي", "نا", "ك", "كم", "كما", "ني", "ا"})


@dataclass(frozen=True, slots=True)
class Entry:
    kind: str
    value: Any
    allow_suffix: bool = False
    needs_suffix: bool = False
    lam_al: bool = False  # the key is the لل-form of an ال-form


@dataclass(frozen=True, slots=True)
class Match:
    start: int  # normalised offsets of the matched form (without clitics)
    end: int
    form: str
    entries: tuple[Entry, ...]
    prefix: str
    suffix: str

    @property
    def word_start(self) -> int:
        return self.start - len(self.prefix)

    @property
    def word_end(self) -> int:
        return self.end + len(self.suffix)


def _nisba_forms(base: str) -> list[str]:
    """أمريكي → أمريكية، أمريكيون، أمريكيين، أمريكيان، أمريكيتان، أمريكيات, each with and without ال."""
    forms = [base, base + "ه", base + "ون", base + "ين", base + "ان", base + "تان", base + "تين", base + "ات"]
    # the indefinite accusative (مواطنا فرنسيا، جنودا أمريكيين) has no ال form
    return forms + ["ال" + f for f in forms] + [base + "ا"]


class Lexicon:
    def __init__(self) -> None:
        self._table: dict[str, list[Entry]] = defaultdict(list)
        self.stoplist: frozenset[str] = frozenset()
        self.whole_words: frozenset[str] = frozenset()
        self.automaton = ahocorasick.Automaton()

    def add(self, form: str, entry: Entry) -> None:
        key = normalize_form(form).strip()
        if len(key) < 2 or key in self.stoplist:
            return
        self._table[key].append(entry)
        if entry.kind in ACTOR_KINDS and JOINED.search(key):
            self._table[JOINED.sub(r"\1", key)].append(entry)  # عبدالعزيز، ابوظبي: written as one word too
        if key.startswith("ال") and len(key) > 3:
            self._table["لل" + key[2:]].append(
                Entry(entry.kind, entry.value, entry.allow_suffix, entry.needs_suffix, lam_al=True)
            )

    def compile(self) -> None:
        for key, entries in self._table.items():
            self.automaton.add_word(key, (key, tuple(entries)))
        self.automaton.make_automaton()

    @property
    def size(self) -> int:
        return len(self._table)

    def lookup(self, form: str) -> tuple[Entry, ...]:
        return tuple(self._table.get(normalize_form(form), ()))

    def find(self, text: str) -> list[Match]:
        """All word-aligned matches in normalised `text` (overlaps kept; the coder chooses)."""
        out: list[Match] = []
        n = len(text)
        near_start, near_end = _word_edges(text)
        for end_idx, (key, entries) in self.automaton.iter(text):
            start, end = end_idx - len(key) + 1, end_idx + 1
            if not (near_start[start] and near_end[end]):
                continue  # deep inside a word: no clitic is that long
            ps = start
            while ps > 0 and text[ps - 1].isalpha() and start - ps <= 3:
                ps -= 1
            if ps > 0 and text[ps - 1].isalpha():
                continue
            prefix = text[ps:start]
            se = end
            while se < n and text[se].isalpha() and se - end <= 3:
                se += 1
            if se < n and text[se].isalpha():
                continue
            suffix = text[end:se]
            if (prefix or suffix or key.startswith("لل")) and text[ps:se] in self.whole_words:
                continue  # وزارة is not و + زار + ه
            kept = tuple(e for e in entries if _fits(e, key, prefix, suffix))
            if kept:
                out.append(Match(start, end, key, kept, prefix, suffix))
        out.sort(key=lambda m: (m.start, -(m.end - m.start)))
        return out


JOINED = re.compile(r"\b(عبد|ابو) (?=\S)")
_WORD = re.compile(r"[^\W_]+")  # letters and digits: outlet names like فرانس 24 end in a number
_EDGE = 4  # the longest proclitic or enclitic run we accept is shorter than this
_CLOSERS = np.array([ord(c) for c in ")]»"], dtype=np.uint32)


def _word_edges(text: str) -> tuple[np.ndarray, np.ndarray]:
    """Positions a match may start at (a word start plus up to 3 clitic letters) and end at."""
    near_start = np.zeros(len(text) + 1, dtype=bool)
    near_end = np.zeros(len(text) + 1, dtype=bool)
    spans = np.array([m.span() for m in _WORD.finditer(text)], dtype=np.int64).reshape(-1, 2)
    starts, ends = spans[:, 0], spans[:, 1]
    for k in range(_EDGE):
        near_start[np.minimum(starts + k, ends)] = True
        near_end[np.maximum(ends - k, starts)] = True
    # a key may close a bracket it opened (مجموعة (5+1)): the position after it is an end too
    closing = ends[ends < len(text)]
    closing = closing[np.isin(np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)[closing], _CLOSERS)]
    near_end[closing + 1] = True
    return near_start, near_end


def _fits(e: Entry, key: str, prefix: str, suffix: str) -> bool:
    allowed = PROCLITICS_AL if (key.startswith("ال") or e.lam_al) else PROCLITICS
    if prefix not in allowed:
        return False
    if e.needs_suffix:
        return suffix in ENCLITICS and suffix != ""
    if suffix:
        # A definite noun takes no pronoun (الدبلوماسية is not الدبلوماسي + ه).
        definite = key.startswith("ال") or e.lam_al
        return e.allow_suffix and suffix in ENCLITICS and not definite
    return True


def _load_stoplist() -> dict[str, frozenset[str]]:
    """Forms by scope: name (never matched alone), word (never split into clitics), phrase (hides names)."""
    scopes: dict[str, set[str]] = {"name": set(), "word": set(), "phrase": set()}
    for r in read_tsv("stoplist.tsv", ("form", "scope", "reason")):
        scope = r.get("scope")
        if scope not in scopes:
            raise r.error(f"scope must be one of {sorted(scopes)}, not {scope!r}")
        scopes[scope].add(normalize_form(r.get("form")))
    return {k: frozenset(v) for k, v in scopes.items()}


@cache
def build_lexicon() -> Lexicon:
    lex = Lexicon()
    stop = _load_stoplist()
    lex.stoplist, lex.whole_words = stop["name"], stop["word"]
    for phrase in stop["phrase"]:
        lex.add(phrase, Entry("nonactor", None))
    for c in load_countries():
        for name in c.variants:
            lex.add(name, Entry("country", c.iso3))
        for base in c.nisba:
            for f in _nisba_forms(normalize_form(base)):
                lex.add(f, Entry("nisba", c.iso3))
        for m in c.metonyms:
            lex.add(m, Entry("metonym", c.iso3))
    for p in load_places():
        for name in p.variants:
            lex.add(name, Entry("place", p.iso3))
    for o in load_igos():
        for name in o.variants:
            lex.add(name, Entry("igo", o))
    for o in load_groups():
        for name in o.variants:
            lex.add(name, Entry("group", o))
    for sg in load_state_groups():
        for name in sg.variants:
            lex.add(name, Entry("state_group", sg))
    for o in load_outlets():
        for name in o.variants:
            lex.add(name, Entry("outlet", o))
    for r in load_roles():
        lex.add(r.form, Entry("role", r, allow_suffix=True))
    for person in load_people().values():
        for name in person.names:
            lex.add(name, Entry("person", person))
        for s in person.surnames:
            lex.add(s, Entry("surname", person))
    for f in load_patterns().forms:
        # a verbal noun takes a pronoun as its agent or object (دعمه، اتصاله، زيارته), never after ال
        lex.add(f.text, Entry("trigger", f, allow_suffix=True, needs_suffix=f.needs_suffix))
    cues = load_cues()
    for key in LIST_KEYS:
        for phrase in cues[key]:
            lex.add(phrase, Entry("cue", key, allow_suffix=key in ("speech", "counterpart", "group_refs")))
    for name, table in (("month", cues.months), ("hijri", cues.hijri_months), ("weekday", cues.weekdays)):
        for phrase, num in table.items():
            lex.add(phrase, Entry(name, num))
    for phrase, rel in cues.relative.items():
        lex.add(phrase, Entry("relative", rel))
    if lex.size == 0:
        raise KnowledgeError("data", None, "no knowledge loaded")
    lex.compile()
    return lex
