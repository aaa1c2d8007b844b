"""Event patterns (events.yaml): lemmas with their CAMEO code and argument frame.

Inflected forms are generated here by rule from the lemma, never listed by
hand: a verb's past and present 3ms give its persons, numbers, future and
jussive; a verbal noun gives its ال and pronoun-suffixed forms.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import yaml

from marsad.knowledge.cues import LIST_KEYS as CUE_KEYS
from marsad.knowledge.errors import KnowledgeError
from marsad.knowledge.files import SafeLoader, data_path
from marsad.text import normalize_form

TARGET_MARKERS = frozenset(
    {"obj", "إلى", "ل", "مع", "على", "ضد", "من", "ب", "في", "عن", "تجاه", "بحق", "لدى", "بين"}
)
SOURCE_MARKERS = frozenset({"subj"}) | (TARGET_MARKERS - {"obj"})
# Normalised proclitic-free forms of the markers, as they appear in text.
_EXAMPLE_KEYS = {"text", "source", "target", "none", "xfail"}
GENITIVE_ROLES = ("agent", "patient", "state-patient")
PARTY_SOURCES = ("any", "phrase")
_ALLOWED_KEYS = {"id", "cameo", "verbs", "passive", "nouns", "participles", "passive_participles", "tail", "target",
                 "source", "symmetric",
                 "converse", "implicit_parties", "needs", "unless", "examples", "note", "genitive", "parties"}


@dataclass(frozen=True, slots=True)
class Example:
    text: str
    source: str | None
    target: str | None
    none: bool
    xfail: str | None = None  # why the coder does not code it as written yet (the test expects it to fail)


@dataclass(frozen=True, slots=True)
class Pattern:
    id: str
    cameo: str
    verbs: tuple[tuple[str, str], ...]
    passive: tuple[tuple[str, str], ...]
    nouns: tuple[str, ...]
    participles: tuple[str, ...]  # active participles the rule cannot derive (داع، واصف، محذر)
    tail: tuple[str, ...]  # normalised
    target: tuple[str, ...]
    source: str
    symmetric: bool
    converse: str | None  # the code of the reverse event the same words assert (host 043 → the guest's visit 042)
    implicit_parties: bool  # unnamed parties are the article's two main states (بوساطة أمريكية: between whom?)
    examples: tuple[Example, ...]
    line: int
    # What a noun actor right after the verbal noun is: its agent (زيارة الرئيس), its patient (اتهام أنقرة،
    # استدعاء السفير), or the patient when it is a state and the agent when it is a person (زيارة مصر).
    genitive: str = "agent"
    # "phrase": the parties must be named inside the noun phrase (الاتفاق النووي الأميركي الإيراني، معاهدة السلام
    # بين مصر وإسرائيل); a noun this common is never given the clause's subject as its agent
    parties: str = "any"
    needs: tuple[str, ...] = ()  # cue lists (cues.yaml) one of which must be near the trigger: انفجر needs a bomb
    unless: tuple[str, ...] = ()  # cue lists (cues.yaml) whose word right after the trigger unmakes it (احتل المركز)
    # passive participles that qualify the party acted on, their agent after من (الحوثيون المدعومون من إيران)
    passive_participles: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Form:
    """One generated surface form of a pattern (normalised)."""

    text: str
    pattern_id: str
    pos: str  # verb | passive | participle | passive_participle | noun
    tense: str  # past | present | future | jussive | noun
    needs_suffix: bool = False  # a construct form (زيارت) that only stands with a pronoun (زيارته)
    first_person: bool = False  # بدأنا، نعتزم: the speaker of a quote is the actor
    feminine: bool = False  # أعلنت، تعلن: the subject is feminine (a state, a ministry), not a man
    plural: bool = False  # طالبا، يلتقون: the verb carries a dual or plural subject; a noun after it is its object


@dataclass(slots=True)
class PatternSet:
    patterns: dict[str, Pattern]
    forms: list[Form] = field(default_factory=list)


def _past_forms(past: str) -> list[str]:
    if past.endswith(("ي", "ا")):  # defective: التقى، دعا
        stem = past[:-1]
        return [past, stem + "ت", stem + "وا", stem + "تا", past + "نا", stem + "يا" if past.endswith("ي") else stem + "وا"]
    return [past, past + "ت", past + "وا", past + "ا", past + "تا", past + "نا"]


def _present_forms(present: str) -> tuple[list[str], list[str]]:
    """Indicative/subjunctive forms and jussive forms of a present 3ms (يزور، يلتقي، يدعو)."""
    if not present or present[0] not in "يت":
        raise ValueError(f"present form must start with ي: {present!r}")
    stem = present[1:]
    defective = stem.endswith(("ي", "و"))
    forms: list[str] = []
    jussive: list[str] = []
    for pre in ("ي", "ت", "ن", "ا"):
        forms.append(pre + stem)
        forms.append(pre + stem + "ان")
        forms.append(pre + stem + "ا")
        if defective:
            forms.append(pre + stem[:-1] + "ون")
            forms.append(pre + stem[:-1] + "وا")
            jussive.append(pre + stem[:-1])
        else:
            forms.append(pre + stem + "ون")
            forms.append(pre + stem + "وا")
    return forms, jussive


def participle_forms(past: str, present: str) -> list[str]:
    """منتقد، منتقدا، منتقدة، منتقدين: the active participle of a derived verb (يـX → مـX).

    Only derived forms (II–X: a past of four letters or more, or one that starts with ا/ت) make
    their participle this way; a form I verb (يزور → زائر) does not.
    """
    if len(past) < 4 and not past.startswith(("ا", "ت")):
        return []
    stem = present[1:]
    if stem.endswith("ي"):  # داعيا is form I; مستدعي، ملتقي are rare as predicates
        return []
    return participle_endings("م" + stem)


# مدعوم، مدعومة، مدعومون، مدعومين، مدعومان، مدعومات (normalised: ة is ه)
PASSIVE_PARTICIPLE_ENDINGS = ("", "ه", "ون", "ين", "ان", "ات")


def participle_endings(base: str) -> list[str]:
    """منتقد → منتقدًا، منتقدةً (داعي → داعيًا، داعيةً).

    Only the accusative forms a circumstantial participle takes in news ("..., منتقدًا ما وصفه"); the bare and
    plural forms are mostly nouns (مصادر "sources", مطالب "demands", معارض "opponent").
    """
    return [base + "ا", base + "ه"]


def verb_forms(past: str, present: str, pattern_id: str, pos: str) -> list[Form]:
    out = [Form(f, pattern_id, pos, "past", first_person=f.endswith("نا"),
                feminine=(f != past and f.endswith(("ت", "تا"))),
                plural=(f != past and f.endswith(("ا", "وا")) and not f.endswith("نا"))) for f in _past_forms(past)]
    present_forms, jussive = _present_forms(present)
    singular = {pre + present[1:] for pre in ("ي", "ت", "ن", "ا")} | set(jussive)
    for tense, forms in (("present", present_forms), ("future", ["س" + f for f in present_forms]), ("jussive", jussive)):
        for f in forms:
            bare = f[1:] if tense == "future" else f
            first = bare[:1] in ("ن", "ا")
            out.append(Form(f, pattern_id, pos, tense, first_person=first, feminine=bare[:1] == "ت",
                            plural=bare not in singular))
    if pos == "verb":
        out += [Form(f, pattern_id, "participle", "present") for f in participle_forms(past, present)]
    return out


def noun_forms(noun: str, pattern_id: str) -> list[Form]:
    out = [Form(noun, pattern_id, "noun", "noun")]
    if not noun.startswith("ال"):
        out.append(Form("ال" + noun, pattern_id, "noun", "noun"))
    if noun.endswith("ه"):  # taa marbuta: the construct form takes the pronoun (زيارته)
        out.append(Form(noun[:-1] + "ت", pattern_id, "noun", "noun", needs_suffix=True))
    elif noun.endswith("اء"):  # a final hamza sits on ي or و before the pronoun (لقائه، لقاؤه)
        out += [Form(noun[:-1] + h, pattern_id, "noun", "noun", needs_suffix=True) for h in "ئؤ"]
    return out


def _split_multiword(entry: str) -> tuple[str, str]:
    """'أجرى محادثات' → ('أجرى', ' محادثات'): only the first word inflects."""
    head, _, rest = entry.partition(" ")
    return head, (" " + rest if rest else "")


def _expand(pattern: Pattern) -> list[Form]:
    forms: list[Form] = []
    for pos, pairs in (("verb", pattern.verbs), ("passive", pattern.passive)):
        for past, present in pairs:
            p_head, p_rest = _split_multiword(past)
            r_head, r_rest = _split_multiword(present)
            for f in verb_forms(p_head, r_head, pattern.id, pos):
                rest = p_rest if f.tense == "past" else r_rest
                if f.pos == "participle" and rest:
                    continue
                forms.append(Form(f.text + rest, f.pattern_id, f.pos, f.tense, first_person=f.first_person,
                                  feminine=f.feminine, plural=f.plural))
    for base in pattern.participles:
        forms += [Form(f, pattern.id, "participle", "present") for f in participle_endings(base)]
    for base in pattern.passive_participles:
        forms += [Form(al + base + end, pattern.id, "passive_participle", "present")
                  for al in ("", "ال") for end in PASSIVE_PARTICIPLE_ENDINGS]
    for noun in pattern.nouns:
        head, rest = _split_multiword(noun)
        for f in noun_forms(head, pattern.id):
            if f.needs_suffix and rest:
                continue
            forms.append(Form(f.text + rest, f.pattern_id, f.pos, f.tense, f.needs_suffix))
    # The same text from two rules (e.g. a dual that is also a plural) is one form.
    seen: dict[tuple[str, str], Form] = {}
    for f in forms:
        seen.setdefault((f.text, f.tense), f)
    return list(seen.values())


UNRESOLVED = "UNK"  # an example's party the text leaves unresolved (the contract's gold writes UNK)


def _party(value: Any) -> str | None:
    """An example's source or target: a scoring key, or None for UNK (an unknown bomber, a crowd)."""
    return None if value == UNRESOLVED else value


def _str_list(raw: Any, where: str, path: str, line: int) -> list[str]:
    if raw is None:
        return []
    if isinstance(raw, str):
        raw = [raw]
    if not isinstance(raw, list) or not all(isinstance(x, str) and x.strip() for x in raw):
        raise KnowledgeError(path, line, f"{where} must be a list of non-empty strings")
    return [x.strip() for x in raw]


def _pairs(raw: Any, where: str, path: str, line: int) -> tuple[tuple[str, str], ...]:
    out = []
    for entry in _str_list(raw, where, path, line):
        if entry.count("/") != 1:
            raise KnowledgeError(path, line, f"{where}: {entry!r} must be 'past/present'")
        past, present = (normalize_form(x.strip()) for x in entry.split("/"))
        if not present.startswith(("ي", "ت")):
            raise KnowledgeError(path, line, f"{where}: present {present!r} must start with ي")
        out.append((past, present))
    return tuple(out)


def _parse_pattern(raw: Any, path: str, line: int, cameo_codes: frozenset[str]) -> Pattern:
    if not isinstance(raw, dict):
        raise KnowledgeError(path, line, "a pattern must be a mapping")
    unknown = set(raw) - _ALLOWED_KEYS
    if unknown:
        raise KnowledgeError(path, line, f"unknown keys {sorted(unknown)}")
    pid = raw.get("id")
    if not isinstance(pid, str) or not re.match(r"^[a-z0-9_]+$", pid):
        raise KnowledgeError(path, line, f"bad id {pid!r}")
    cameo = str(raw.get("cameo", ""))
    if not re.match(r"^\d{2,4}$", cameo) or (cameo_codes and cameo not in cameo_codes):
        raise KnowledgeError(path, line, f"{pid}: unknown CAMEO code {cameo!r}")
    target = tuple(_str_list(raw.get("target", ["obj"]), "target", path, line)) or ("obj",)
    for t in target:
        if t not in TARGET_MARKERS:
            raise KnowledgeError(path, line, f"{pid}: unknown target marker {t!r}")
    converse = str(raw["converse"]) if raw.get("converse") else None
    if converse is not None and cameo_codes and converse not in cameo_codes:
        raise KnowledgeError(path, line, f"{pid}: unknown converse CAMEO code {converse!r}")
    source = str(raw.get("source", "subj"))
    if source not in SOURCE_MARKERS:
        raise KnowledgeError(path, line, f"{pid}: unknown source marker {source!r}")
    genitive = str(raw.get("genitive", "agent"))
    if genitive not in GENITIVE_ROLES:
        raise KnowledgeError(path, line, f"{pid}: genitive must be one of {GENITIVE_ROLES}, not {genitive!r}")
    parties = str(raw.get("parties", "any"))
    if parties not in PARTY_SOURCES:
        raise KnowledgeError(path, line, f"{pid}: parties must be one of {PARTY_SOURCES}, not {parties!r}")
    verbs = _pairs(raw.get("verbs"), "verbs", path, line)
    passive = _pairs(raw.get("passive"), "passive", path, line)
    nouns = tuple(normalize_form(n) for n in _str_list(raw.get("nouns"), "nouns", path, line))
    participles = tuple(normalize_form(n) for n in _str_list(raw.get("participles"), "participles", path, line))
    passive_participles = tuple(normalize_form(n) for n in
                                _str_list(raw.get("passive_participles"), "passive_participles", path, line))
    if not (verbs or passive or nouns or participles or passive_participles):
        raise KnowledgeError(path, line, f"{pid}: no verbs, passive or nouns")
    needs = tuple(_str_list(raw.get("needs"), "needs", path, line))
    for key in needs:
        if key not in CUE_KEYS:
            raise KnowledgeError(path, line, f"{pid}: needs {key!r}, which is not a cue list of cues.yaml")
    unless = tuple(_str_list(raw.get("unless"), "unless", path, line))
    for key in unless:
        if key not in CUE_KEYS:
            raise KnowledgeError(path, line, f"{pid}: unless {key!r}, which is not a cue list of cues.yaml")
    examples = []
    for ex in raw.get("examples") or []:
        if not isinstance(ex, dict) or not isinstance(ex.get("text"), str):
            raise KnowledgeError(path, line, f"{pid}: example must have a text")
        if set(ex) - _EXAMPLE_KEYS:
            raise KnowledgeError(path, line, f"{pid}: unknown example keys {sorted(set(ex) - _EXAMPLE_KEYS)}")
        none = bool(ex.get("none"))
        if none == bool(ex.get("source") and ex.get("target")):
            raise KnowledgeError(path, line, f"{pid}: an example gives source and target, or none: true")
        xfail = ex.get("xfail")
        if xfail is not None and (not isinstance(xfail, str) or not xfail.strip()):
            raise KnowledgeError(path, line, f"{pid}: xfail must be the reason, in words")
        examples.append(Example(ex["text"], _party(ex.get("source")), _party(ex.get("target")), none, xfail))
    return Pattern(
        id=pid,
        cameo=cameo,
        verbs=verbs,
        passive=passive,
        nouns=nouns,
        participles=participles,
        tail=tuple(normalize_form(t) for t in _str_list(raw.get("tail"), "tail", path, line)),
        target=target,
        source=source,
        symmetric=bool(raw.get("symmetric", False)),
        converse=converse,
        implicit_parties=bool(raw.get("implicit_parties", False)),
        examples=tuple(examples),
        line=line,
        genitive=genitive,
        parties=parties,
        needs=needs,
        unless=unless,
        passive_participles=passive_participles,
    )


def _line_numbers(text: str) -> list[int]:
    """Line of each top-level list item ('- ' at column 0), in order."""
    return [i for i, ln in enumerate(text.splitlines(), start=1) if ln.startswith("- ")]


@cache
def load_patterns(name: str = "events.yaml") -> PatternSet:
    from marsad.knowledge.cameo import load_cameo

    path = data_path(name)
    text = path.read_text(encoding="utf-8")
    try:
        raw = yaml.load(text, Loader=SafeLoader)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        raise KnowledgeError(name, mark.line + 1 if mark else None, f"YAML error: {e}") from e
    if not isinstance(raw, list):
        raise KnowledgeError(name, 1, "events.yaml must be a list of patterns")
    lines = _line_numbers(text)
    codes = frozenset(load_cameo())
    patterns: dict[str, Pattern] = {}
    for i, item in enumerate(raw):
        line = lines[i] if i < len(lines) else 0
        p = _parse_pattern(item, name, line, codes)
        if p.id in patterns:
            raise KnowledgeError(name, line, f"duplicate pattern id {p.id!r}")
        patterns[p.id] = p
    ps = PatternSet(patterns)
    for p in patterns.values():
        ps.forms.extend(_expand(p))
    return ps
