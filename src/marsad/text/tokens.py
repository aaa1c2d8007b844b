"""Tokenisation and light clitic segmentation.

Arabic attaches conjunctions, prepositions and the article to the next word and
pronouns to the end of it.  Without a dictionary this is ambiguous (و+زير vs وزير),
and the cost of a wrong split is asymmetric: a destroyed proper noun loses an actor,
a missed split only loses recall.  So segmentation is conservative:

1. If ``known`` (or the small built-in guard list below) accepts the whole word, keep
   it.  Otherwise accept the analysis with the *shortest* proclitic whose stem (or
   stem minus an enclitic) is known -- e.g. و + الجزائر when ``known('الجزائر')``.
2. Otherwise fall back to rules: an article-bearing proclitic (ال، وال، بال، لل...)
   with a stem of >= 2 letters, reported as ``'وال' + 'جيش'``; else و with a stem of
   >= 3 letters, ف/ب/ل/ك with a stem of >= 4 letters (>= 3 when the stem starts with
   a hamza in the original), stacked و/ف + ب/ل/ك only before an alef-initial stem
   (وبأرمينيا).  The future prefix س and the enclitic ك are only split off when
   ``known`` confirms the stem; ي only from a known particle (مني), never from a
   nisba adjective (لبناني).
3. An enclitic pronoun is split off only when the stem keeps >= 3 letters and the word
   has no article.  A stem ending in ت before the pronoun (وزارته) gets its ta marbuta
   back in normalised form (وزاره), so ``prefix + stem + suffix`` equals ``norm``
   except for that one letter.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from .normalize import normalize_form

Known = Callable[[str], bool]


@dataclass(frozen=True, slots=True)
class Token:
    start: int  # offsets in the text given to tokenize()
    end: int
    text: str  # original surface
    norm: str  # normalize_form(text)
    prefix: str  # normalised proclitics ('' if none)
    stem: str  # normalised stem
    suffix: str  # normalised enclitic pronoun ('' if none)


_LETTERS = (
    "A-Za-z\u00c0-\u024f\u0621-\u063a\u0641-\u064a\u066e\u066f\u0671-\u06d3\u06d5"
    "\u06ee\u06ef\u06fa-\u06fc\u06ff\ufb50-\ufd3d\ufd50-\ufdfb\ufe70-\ufefc"
)
_DIGITS = "0-9\u0660-\u0669\u06f0-\u06f9"
_MARKS = "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640\u200c\u200d"
# A token starts with a letter or digit, may carry diacritics/tatweel/ZWNJ inside,
# and keeps decimal or thousands separators only between digits (13.5, ١٣٫٥, 1,000).
_TOKEN_RE = re.compile(
    f"[{_LETTERS}{_DIGITS}](?:[{_LETTERS}{_DIGITS}{_MARKS}]|(?<=[{_DIGITS}])[.,\u066b\u066c](?=[{_DIGITS}]))*"
)
_ARABIC_WORD_RE = re.compile(r"[\u0621-\u064a]+")
_NUMBER_WITH_PREFIX_RE = re.compile(r"([وفبلك]{1,2})([0-9][0-9.,]*)")
_HAMZA_ALEFS = "أإآ"
_TRAILING_MARKS_RE = re.compile(f"[{_MARKS}]+$")

# Proclitic sequences, by kind.  Article-bearing ones are tried longest first.
_ARTICLE_PREFIXES = ("وبال", "فبال", "وكال", "فكال", "ولل", "فلل", "وال", "فال", "بال", "كال", "لل", "ال")
_CONJ = ("و", "ف")
_PREP = ("ب", "ل", "ك")
_STACKED = tuple(c + p for c in _CONJ for p in _PREP)
_ALL_PREFIXES = tuple(
    sorted(
        {*_ARTICLE_PREFIXES, *_CONJ, *_PREP, *_STACKED, "س", "وس", "فس"},
        key=len,
    )
)
# Enclitic pronouns, longest first.  ي and ك are also common word endings (nisba
# adjectives, ملك) so they are only stripped from a known stem, ي only from a
# particle (مني، عني).
_SUFFIXES = ("هما", "كما", "هم", "هن", "ها", "نا", "كم", "ه", "ي", "ك")
# Endings that build a new word on a known one (ta marbuta, nisba, dual/plural): the
# word stays whole, which also keeps its first letter from being read as a proclitic.
_DERIVED_ENDINGS = ("ه", "ي", "يه", "يون", "يين", "ان", "ين", "ون", "ات")
_RULE_SUFFIXES = ("هما", "كما", "هم", "هن", "ها", "نا", "كم", "ه")

# High-frequency words that start with a proclitic letter or look like ال + stem, and
# stems that must be accepted after a proclitic.  This is an orthographic guard,
# not a gazetteer: callers pass `known` for real coverage.
_GUARD_WORDS = """
في من الى إلى على عن مع بين بعد قبل عند منذ حتى خلال حول ضد نحو عبر لدى مثل غير دون
كل بعض أي هذا هذه ذلك تلك هؤلاء الذي التي الذين اللذين اللتين اللواتي الآن اليوم
ما ماذا لماذا كيف أين متى هل لا لم لن ليس ليست قد لقد كان كانت كانوا يكون تكون
أن إن أنه أنها كما لكن بل ثم أو أم إذا إذ حيث بينما فيما فقط أيضا هنا هناك هو هي هم
نحن أنا الله وفق وفقا سبب شأن حسب شكل هدف سوى إلا ألا أما إما
ضمن وسط لدي لديه لديها لديهم لدينا
وزير وزيرة وزراء وزارة وكالة وكالات ولاية ولايات وطني وطنية وحدة وحدات وجود وثيقة
وسائل وسيلة وسيط وساطة وفد وفاة وقف وقت واحد واحدة وراء وافق وافقت واصل واصلت واجه
واجهت وصول واقع والد والدة توجيه تنبيه فقيه نزيه تفاهم محاكم أثينا
فريق فترة فرصة فصائل فصيل فكرة فيديو فوز فيه فيها
بيان بيانات برلمان برنامج بلد بلاد بلدة بلدية بنك بعثة بحر بطولة بداية بيت بدأ بدأت
لجنة لقاء لقاءات لاعب لغة لحظة لاجئ لاجئين لاجئون لواء
كلمة كبير كبيرة كتاب كرة كمية
سياسة سياسي سياسية سيارة سيارات سيادة سيطرة سنة سنوات سلطة سلطات سلام سلاح سفير سفارة
ساعة ساعات سوق سجن
التقى التقت التقوا ألغى ألغت إلغاء التزام التزم
بيروت بغداد لبنان ليبيا فلسطين فرنسا بريطانيا بلجيكا بولندا بلغاريا باكستان باريس برلين
بكين بروكسل بايدن بوتين بنغازي كابول كوريا كولومبيا كندا كوبا كورونا فيينا فنزويلا
فيتنام فنلندا لندن لاهاي لافروف واشنطن سوريا سيناء
"""
_GUARD = frozenset(normalize_form(w) for w in _GUARD_WORDS.split())


def _lexical(form: str, known: Known | None) -> bool:
    return len(form) >= 2 and (form in _GUARD or (known is not None and known(form)))


def _restore_ta(stem: str) -> str:
    """حكومت (before a pronoun) -> حكومه; plurals in -ات and short stems stay."""
    if len(stem) >= 4 and stem.endswith("ت") and not stem.endswith("ات"):
        return stem[:-1] + "ه"
    return stem


def _may_be_pronoun_ha(core: str, final_ta: bool | None) -> bool:
    """A final normalised ه may be a ta marbuta (وزارة): only read it as a pronoun when
    the original is known to end in a real ه, the ت of وزارته shows a ta marbuta
    before the pronoun, or the host is a particle (منه، عنه)."""
    return not final_ta and (final_ta is False or core.endswith("ت") or len(core) <= 2)


def _has_article(prefix: str) -> bool:
    return prefix.endswith("ال") or prefix.endswith("لل")


def _lexical_analysis(word: str, known: Known | None, final_ta: bool | None) -> tuple[str, str, str] | None:
    """Shortest-proclitic analysis whose stem is known; whole word first."""
    for prefix in ("", *_ALL_PREFIXES):
        if not word.startswith(prefix) or len(word) == len(prefix):
            continue
        rest = word[len(prefix) :]
        if _lexical(rest, known):
            return prefix, rest, ""
        if _has_article(prefix):
            # The knowledge may store the name with its article (الجزائر, الامم).
            if _lexical("ال" + rest, known):
                return prefix[:-2] if prefix.endswith("ال") else prefix[:-1], "ال" + rest, ""
            continue
        for suffix in _SUFFIXES:
            core = rest[: -len(suffix)]
            if not rest.endswith(suffix) or len(core) < 2:
                continue
            if suffix == "ه" and not _may_be_pronoun_ha(core, final_ta):
                continue
            if suffix == "ي" and len(core) > 2:
                continue  # لبناني، بيروتي are nisba adjectives, not "my Lebanon"
            for stem in dict.fromkeys((_restore_ta(core), core)):
                if _lexical(stem, known):
                    return prefix, stem, suffix
        if any(rest.endswith(e) and _lexical(rest[: -len(e)], known) for e in _DERIVED_ENDINGS):
            return prefix, rest, ""  # كتابة، لبناني، وزيران: built on a known word
    return None


def _rule_prefix(word: str, hamza: frozenset[int]) -> tuple[str, str]:
    """Default proclitic split (see module docstring, rule 2)."""
    for prefix in _ARTICLE_PREFIXES:
        # A hamza on the article's alef (ألغى) means it is not an article.
        if word.startswith(prefix) and len(word) - len(prefix) >= 2 and len(prefix) - 2 not in hamza:
            return prefix, word[len(prefix) :]
    for prefix in _STACKED:
        rest = word[len(prefix) :]
        if word.startswith(prefix) and len(rest) >= 4 and rest[0] == "ا":
            return prefix, rest
    if word[0] in _CONJ or word[0] in _PREP:
        rest = word[1:]
        need = 3 if word[0] == "و" or 1 in hamza else 4
        if len(rest) >= need:
            return word[0], rest
    return "", word


def _rule_suffix(stem: str, final_ta: bool | None) -> tuple[str, str]:
    """Default enclitic split (rule 3); ``final_ta``: original ends in ة (None: unknown)."""
    for suffix in _RULE_SUFFIXES:
        core = stem[: -len(suffix)]
        if not stem.endswith(suffix) or len(core) < 3:
            continue
        if suffix == "ه" and (core.endswith("ا") or not _may_be_pronoun_ha(core, final_ta)):
            continue  # اتجاه، مياه: the ه is part of the word
        return _restore_ta(core), suffix
    return stem, ""


def _segment(
    word: str, known: Known | None, hamza: frozenset[int] = frozenset(), final_ta: bool | None = None
) -> tuple[str, str, str]:
    if not word:
        return "", "", ""
    if not _ARABIC_WORD_RE.fullmatch(word):
        # و20 / بـ2023: a proclitic glued to a number.
        m = _NUMBER_WITH_PREFIX_RE.fullmatch(word)
        return (m.group(1), m.group(2), "") if m else ("", word, "")
    found = _lexical_analysis(word, known, final_ta)
    if found:
        return found
    prefix, rest = _rule_prefix(word, hamza)
    if _has_article(prefix):
        return prefix, rest, ""
    stem, suffix = _rule_suffix(rest, final_ta)
    return prefix, stem, suffix


def segment(word_norm: str, known: Known | None = None) -> tuple[str, str, str]:
    """Split a normalised word into (proclitics, stem, enclitic pronoun)."""
    return _segment(word_norm, known)


def _orthographic_hints(surface: str) -> tuple[frozenset[int], bool]:
    """Normalised indices (< 4) of hamza-alefs, and whether the word ends in ة."""
    hamza = set()
    i = 0
    for ch in surface:
        if i >= 4:
            break
        if ch in _HAMZA_ALEFS:
            hamza.add(i)
        i += len(normalize_form(ch))
    return frozenset(hamza), _TRAILING_MARKS_RE.sub("", surface).endswith("ة")


def tokenize(text: str, known: Known | None = None) -> list[Token]:
    """Word and number tokens of ``text``, segmented; punctuation is skipped."""
    out = []
    seen: dict[str, tuple[str, str, str, str]] = {}  # surface -> analysis; news repeats words
    for m in _TOKEN_RE.finditer(text):
        surface = m.group()
        analysis = seen.get(surface)
        if analysis is None:
            norm = normalize_form(surface)
            analysis = seen[surface] = (norm, *_segment(norm, known, *_orthographic_hints(surface)))
        out.append(Token(m.start(), m.end(), surface, *analysis))
    return out
