"""One object holding everything the coder knows, loaded and validated once per process.

`KnowledgeBase.load()` reads the package's data files; `code(doc, kb)` takes it as an argument, so a
worker pool or a Spark executor loads it once and tests can pass their own. While a document is coded its
knowledge base is the active one (`kb.use()`): the rules read their word classes from `active_kb()`, never
from lists fixed when a module was imported.
"""

from __future__ import annotations

from contextvars import ContextVar
from dataclasses import dataclass
from functools import cache, cached_property
from urllib.parse import urlsplit

from marsad.knowledge.actors import Country, load_countries, load_sites
from marsad.knowledge.cameo import CameoCode, load_cameo
from marsad.knowledge.cues import Cues, load_cues
from marsad.knowledge.gazetteer import Gazetteer, default_gazetteer
from marsad.knowledge.grammar import Grammar, load_grammar
from marsad.knowledge.lexicon import Lexicon, build_lexicon
from marsad.knowledge.patterns import PatternSet, load_patterns
from marsad.knowledge.wars import War, load_wars
from marsad.text import normalize_form


@dataclass(frozen=True, eq=False)
class KnowledgeBase:
    lexicon: Lexicon
    patterns: PatternSet
    grammar: Grammar
    cues: Cues
    cameo: dict[str, CameoCode]
    countries: tuple[Country, ...]
    kingdoms: frozenset[str]  # states whose names say they are kingdoms: a bare المملكة may name one
    sites: dict[str, str]  # an outlet's domain or feed id -> its home (ISO3)
    wars: dict[frozenset[str], War]  # a war's two sides -> the war the press names by their adjectives

    @classmethod
    def load(cls) -> KnowledgeBase:
        countries = load_countries()
        kingdoms = frozenset(c.iso3 for c in countries
                             if any(normalize_form(v).startswith(("المملكه", "مملكه")) for v in c.variants))
        sites = {name: site.country for site in load_sites() for name in site.names}
        return cls(lexicon=build_lexicon(), patterns=load_patterns(), grammar=load_grammar(), cues=load_cues(),
                   cameo=load_cameo(), countries=countries, kingdoms=kingdoms, sites=sites,
                   wars={w.sides: w for w in load_wars()})

    def home_of(self, *sources: str | None) -> str | None:
        """The home of the outlet a document's `source` or `url` names (a domain, a URL or a feed id), if known."""
        for source in sources:
            if not source:
                continue
            value = source.strip().lower()
            host = urlsplit(value if "//" in value else "//" + value).hostname or value
            parts = host.removeprefix("www.").split(".")
            # news.aawsat.com → aawsat.com; a bare id (aawsat) is its own single part
            for i in range(len(parts) - 1 if len(parts) > 1 else 1):
                found = self.sites.get(".".join(parts[i:]))
                if found is not None:
                    return found
        return None

    def use(self) -> _Using:
        """Make this the knowledge the coder's rules read while the block runs (per thread and task)."""
        return _Using(self)

    @cached_property
    def gazetteer(self) -> Gazetteer:
        """Places for `coder.where`, loaded on first use (from the disk cache: about 0.2 s; built: a few s)."""
        return default_gazetteer()


@cache
def default_kb() -> KnowledgeBase:
    """The package's knowledge, loaded on first use and shared by every call in this process."""
    return KnowledgeBase.load()


_ACTIVE: ContextVar[KnowledgeBase | None] = ContextVar("marsad_knowledge", default=None)
# The active grammar's word classes, kept apart: the rules read them on every word they judge.
_WORDS: ContextVar[dict[str, frozenset[str]] | None] = ContextVar("marsad_words", default=None)


class _Using:
    """`with kb.use():` — the context in which the rules read `kb` (a class: cheaper than a generator)."""

    __slots__ = ("kb", "_tokens")

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb

    def __enter__(self) -> KnowledgeBase:
        self._tokens = (_ACTIVE.set(self.kb), _WORDS.set(self.kb.grammar.words))
        return self.kb

    def __exit__(self, *exc: object) -> None:
        _ACTIVE.reset(self._tokens[0])
        _WORDS.reset(self._tokens[1])


def active_kb() -> KnowledgeBase:
    """The knowledge the document being coded is coded with (the package's outside `KnowledgeBase.use`)."""
    return _ACTIVE.get() or default_kb()


def words(name: str) -> frozenset[str]:
    """A word class of the active knowledge's grammar (grammar.yaml): words("prepositions")."""
    active = _WORDS.get()
    return (active if active is not None else default_kb().grammar.words)[name]
