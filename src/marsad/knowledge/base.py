"""One object holding everything the coder knows, loaded and validated once per process.

`KnowledgeBase.load()` reads the package's data files; `code(doc, kb)` takes it as an argument, so a
worker pool or a Spark executor loads it once and tests can pass their own.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, cached_property

from marsad.knowledge.actors import Country, load_countries
from marsad.knowledge.cameo import CameoCode, load_cameo
from marsad.knowledge.cues import Cues, load_cues
from marsad.knowledge.gazetteer import Gazetteer, default_gazetteer
from marsad.knowledge.grammar import Grammar, load_grammar
from marsad.knowledge.lexicon import Lexicon, build_lexicon
from marsad.knowledge.patterns import PatternSet, load_patterns
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

    @classmethod
    def load(cls) -> KnowledgeBase:
        countries = load_countries()
        kingdoms = frozenset(c.iso3 for c in countries
                             if any(normalize_form(v).startswith(("المملكه", "مملكه")) for v in c.variants))
        return cls(lexicon=build_lexicon(), patterns=load_patterns(), grammar=load_grammar(), cues=load_cues(),
                   cameo=load_cameo(), countries=countries, kingdoms=kingdoms)

    @cached_property
    def gazetteer(self) -> Gazetteer:
        """Places for `coder.where`, loaded on first use (from the disk cache: about 0.2 s; built: a few s)."""
        return default_gazetteer()


@cache
def default_kb() -> KnowledgeBase:
    """The package's knowledge, loaded on first use and shared by every call in this process."""
    return KnowledgeBase.load()
