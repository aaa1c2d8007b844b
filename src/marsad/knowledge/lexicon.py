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
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from itertools import chain
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
from marsad.text.chars import CharClasses, char_classes, runs

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
    hamza_al: bool = False  # the key's ال is a hamza and a lam of the word (ألمانيا), not the article


@dataclass(frozen=True, slots=True)
class Match:
    start: int  # normalised offsets of the matched form (without clitics)
    end: int
    form: str
    entries: tuple[Entry, ...]
    prefix: str
    suffix: str
    kinds: frozenset[str] = frozenset()  # the kinds of its entries, to sort matches into layers at once

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
        # By automaton value (a key's number): the key, its entries, its length, whether it is a لل-form.
        self._keys: list[str] = []
        self._entries: list[tuple[Entry, ...]] = []
        self._key_len = np.zeros(0, dtype=np.int64)
        self._lam_al = np.zeros(0, dtype=bool)
        self._fitting: dict[int, tuple[tuple[Entry, ...], frozenset[str]]] = {}

    def add(self, form: str, entry: Entry) -> None:
        key = normalize_form(form).strip()
        if len(key) < 2 or key in self.stoplist:
            return
        if form.strip().startswith(("أل", "إل")) and key.startswith("ال"):
            # ألمانيا، ألبانيا: the first two letters are no article, so لألمانيا is ل + the name (not لل-)
            entry = Entry(entry.kind, entry.value, entry.allow_suffix, entry.needs_suffix, hamza_al=True)
            self._table[key].append(entry)
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
            self.automaton.add_word(key, len(self._keys))
            self._keys.append(key)
            self._entries.append(tuple(entries))
        self._key_len = np.array([len(k) for k in self._keys], dtype=np.int64)
        self._lam_al = np.array([k.startswith("لل") for k in self._keys], dtype=bool)
        self.automaton.make_automaton()

    @property
    def size(self) -> int:
        return len(self._table)

    def lookup(self, form: str) -> tuple[Entry, ...]:
        return tuple(self._table.get(normalize_form(form), ()))

    def find(self, text: str) -> list[Match]:
        """All word-aligned matches in normalised `text` (overlaps kept; the coder chooses), by start, longest first.

        One automaton pass; where each hit sits in its word is judged for all hits at once (numpy): it
        starts within the first letters of a word after at most MAX_PROCLITIC letters, and ends at most
        MAX_ENCLITIC letters before the word does. Only the hits that pass are looked at one by one.
        """
        hits = np.fromiter(chain.from_iterable(self.automaton.iter(text)), dtype=np.int64)
        if not len(hits):
            return []
        last, ids = hits[0::2], hits[1::2]
        start = last - self._key_len[ids] + 1
        end = last + 1
        classes = char_classes(text)
        cps, alpha = classes.codes, classes.alpha
        near_start, near_end = _word_edges(classes)
        before, after = _letters_before(alpha), _letters_after(alpha)
        ok = near_start[start] & near_end[end] & (before[start] <= MAX_PROCLITIC) & (after[end] <= MAX_ENCLITIC)
        order = np.flatnonzero(ok)
        # the letters before and after must be clitics at all (which ones the entry allows is asked below)
        pre, suf = before[start[order]], after[end[order]]
        pre_at = _position(_packed(cps, start[order] - pre, pre), _CLITIC_PACKS[0])
        suf_at = _position(_packed(cps, end[order], suf), _CLITIC_PACKS[1])
        clitics = (pre_at >= 0) & (suf_at >= 0)
        order, pre_at, suf_at = order[clitics], pre_at[clitics], suf_at[clitics]
        ranked = np.lexsort((start[order] - end[order], start[order]))  # by start, then longest first
        order, pre_at, suf_at = order[ranked], pre_at[ranked], suf_at[ranked]
        start, end, ids = start[order], end[order], ids[order]
        # one integer names the key and its clitics: the entries that fit them are worked out once
        fit_keys = (ids * len(_CLITICS[0]) + pre_at) * len(_CLITICS[1]) + suf_at
        out: list[Match] = []
        for s, e, kid, lam_al, p, q, fk in zip(start.tolist(), end.tolist(), ids.tolist(), self._lam_al[ids].tolist(),
                                                pre_at.tolist(), suf_at.tolist(), fit_keys.tolist(), strict=True):
            prefix, suffix = _CLITICS[0][p], _CLITICS[1][q]
            if (prefix or suffix or lam_al) and text[s - len(prefix):e + len(suffix)] in self.whole_words:
                continue  # وزارة is not و + زار + ه
            fitting = self._fitting.get(fk)
            if fitting is None:
                key = self._keys[kid]
                kept = tuple(x for x in self._entries[kid] if _fits(x, key, prefix, suffix))
                fitting = kept, frozenset(x.kind for x in kept)
                if len(self._fitting) < _FITTING_CACHE:
                    self._fitting[fk] = fitting
            if fitting[0]:
                out.append(Match(s, e, self._keys[kid], fitting[0], prefix, suffix, fitting[1]))
        return out


JOINED = re.compile(r"\b(عبد|ابو) (?=\S)")
_EDGE = 4  # a match starts at most 3 letters into its word (clitics) and ends at most 3 before its end
MAX_PROCLITIC = max(map(len, PROCLITICS | PROCLITICS_AL))  # more letters before a hit: it is inside a word
MAX_ENCLITIC = max(map(len, ENCLITICS))
_FITTING_CACHE = 1 << 18  # (key, proclitic, enclitic) → the entries that fit them, remembered up to this many
_CLOSERS = np.sort(np.array([ord(c) for c in ")]»"], dtype=np.int64))


def _packed(cps: np.ndarray, at: np.ndarray, length: np.ndarray) -> np.ndarray:
    """Runs of up to 3 letters (cps[at:at + length]) as one integer each, 21 bits a letter from the top.

    Letters are never NUL, so the integer tells the run's length too.
    """
    out = np.zeros(len(at), dtype=np.int64)
    padded = np.append(cps.astype(np.int64), 0)
    for k in range(int(length.max(initial=0))):
        out |= np.where(k < length, padded[np.minimum(at + k, len(cps))], 0) << (21 * (2 - k))
    return out


def _packs(forms: Iterable[str]) -> np.ndarray:
    return np.array([sum(ord(c) << (21 * (2 - k)) for k, c in enumerate(f)) for f in forms], dtype=np.int64)


def _position(values: np.ndarray, allowed: np.ndarray) -> np.ndarray:
    """Where each value is in the sorted array `allowed`, or -1 (np.isin without its set-up, and the index)."""
    at = np.minimum(np.searchsorted(allowed, values), len(allowed) - 1)
    return np.where(allowed[at] == values, at, -1)


def _among(values: np.ndarray, allowed: np.ndarray) -> np.ndarray:
    """values in the sorted array `allowed`."""
    return _position(values, allowed) >= 0


# The proclitic and enclitic runs a match may have, sorted by their packed letters (see _packed).
_CLITICS = tuple(tuple(sorted(forms, key=lambda f: int(_packs([f])[0]))) for forms in (PROCLITICS | PROCLITICS_AL, ENCLITICS))
_CLITIC_PACKS = tuple(_packs(forms) for forms in _CLITICS)


def _letters_before(alpha: np.ndarray) -> np.ndarray:
    """For each position 0..n, the length of the run of letters that ends right before it."""
    n = len(alpha)
    last_other = np.maximum.accumulate(np.where(alpha, -1, np.arange(n)))  # the last non-letter at or before i
    out = np.zeros(n + 1, dtype=np.int64)
    out[1:] = np.arange(n) - last_other
    return out


def _letters_after(alpha: np.ndarray) -> np.ndarray:
    """For each position 0..n, the length of the run of letters that starts there."""
    n = len(alpha)
    next_other = np.minimum.accumulate(np.where(alpha, n, np.arange(n))[::-1])[::-1]  # the first non-letter at or after i
    out = np.zeros(n + 1, dtype=np.int64)
    out[:n] = next_other - np.arange(n)
    return out


def _word_edges(classes: CharClasses) -> tuple[np.ndarray, np.ndarray]:
    """Positions a match may start at (a word start plus up to 3 clitic letters) and end at."""
    n = len(classes.alnum)
    near_start = np.zeros(n + 1, dtype=bool)
    near_end = np.zeros(n + 1, dtype=bool)
    starts, ends = runs(classes.alnum)  # the words: runs of letters and digits
    for k in range(_EDGE):
        near_start[np.minimum(starts + k, ends)] = True
        near_end[np.maximum(ends - k, starts)] = True
    # a key may close a bracket it opened (مجموعة (5+1)): the position after it is an end too
    closing = ends[ends < n]
    closing = closing[_among(classes.codes[closing].astype(np.int64), _CLOSERS)]
    near_end[closing + 1] = True
    return near_start, near_end


def _fits(e: Entry, key: str, prefix: str, suffix: str) -> bool:
    allowed = PROCLITICS_AL if ((key.startswith("ال") and not e.hamza_al) or e.lam_al) else PROCLITICS
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
