"""Closed word classes the coder's rules read (grammar.yaml): prepositions, relatives, honorifics ...

Every entry is normalised and validated on load; a missing or malformed key fails with the file's name.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

import yaml

from marsad.knowledge.errors import KnowledgeError
from marsad.knowledge.files import SafeLoader, data_path
from marsad.text import normalize_form

NAME = "grammar.yaml"
WORD_LISTS = (
    "prepositions", "state_heads", "agent_markers", "quantities", "relatives", "detached_pronouns", "participation",
    "adverbs", "anna_pronouns", "title_fillers", "outlet_words", "person_duals", "name_stops", "honorifics",
    "foreign", "negation_short", "ignored_cues", "first_time", "year_context", "narrative_time", "date_attachers",
    "organisation_heads", "conduct_verbs", "in_it", "circumstantial",
    "relational_adjectives", "function_homographs", "place_nouns", "document_nouns", "relation_nouns",
    "list_joiners", "light_verbs", "native_bl_words", "clause_openers", "site_nouns", "between_nouns", "continuers", "kunya", "coming_words", "past_words",
    "since_words", "each_of", "by_it", "his", "singular_relatives", "lineage_words", "still_words", "about_numbers", "latest", "agreement_nouns", "complementizers", "takes_in", "attacked_buildings", "first_name_offices", "supplication_subjects", "topic_nouns",
    "open_groups", "body_members", "portions", "mutual_nouns", "ruler_metonyms", "claims", "among", "occupier", "plan_nouns", "border_adjectives", "exceptives", "hurt_in", "age_words", "troops",
    # violence and protest (coder/violence.py)
    "undergo", "attack_agent_markers", "attack_doers", "attack_inquiry", "anniversary", "clause_breaks", "counts",
    "locatives", "protest_targets", "protest_happen", "halt", "conducts", "background", "casualties", "trial",
    "charge", "protest_words", "members", "towards", "amid", "protesters", "symbols", "supposed", "earlier",
    "led_by", "multinational", "verb_openers", "after_passive", "where_words",
)
UNITS = ("day", "week", "month", "year")


@dataclass(frozen=True)
class Grammar:
    words: dict[str, frozenset[str]]
    group_sizes: dict[str, int]
    time_units: dict[str, tuple[str, int | None]]
    number_words: dict[str, int]
    ruler_titles: dict[str, frozenset[str]]  # a ruler's title -> the offices (people_*.tsv) it names
    decades: dict[str, int]  # ثمانين -> 1980 (the stem of الثمانينات)

    def __getitem__(self, key: str) -> frozenset[str]:
        return self.words[key]


def _word_list(raw: dict[str, Any], key: str) -> frozenset[str]:
    value = raw.get(key)
    if not isinstance(value, list) or not value or not all(isinstance(x, str) and x.strip() for x in value):
        raise KnowledgeError(NAME, None, f"{key} must be a non-empty list of words")
    return frozenset(normalize_form(x.strip()) for x in value)


def _int_map(raw: dict[str, Any], key: str) -> dict[str, int]:
    value = raw.get(key)
    if not isinstance(value, dict) or not all(isinstance(v, int) and v > 0 for v in value.values()):
        raise KnowledgeError(NAME, None, f"{key} must map words to positive numbers")
    return {normalize_form(str(k)): v for k, v in value.items()}


@cache
def load_grammar() -> Grammar:
    raw = yaml.load(data_path(NAME).read_text(encoding="utf-8"), Loader=SafeLoader)
    if not isinstance(raw, dict):
        raise KnowledgeError(NAME, 1, "must be a mapping")
    words = {key: _word_list(raw, key) for key in WORD_LISTS}
    units: dict[str, tuple[str, int | None]] = {}
    for word, value in (raw.get("time_units") or {}).items():
        if not (isinstance(value, list) and len(value) == 2 and value[0] in UNITS
                and (value[1] is None or isinstance(value[1], int))):
            raise KnowledgeError(NAME, None, f"time_units: {word!r} must map to [unit, count or null]")
        units[normalize_form(str(word))] = (value[0], value[1])
    if not units:
        raise KnowledgeError(NAME, None, "time_units is empty")
    return Grammar(
        words=words,
        group_sizes=_int_map(raw, "group_sizes"),
        time_units=units,
        number_words=_int_map(raw, "number_words"),
        ruler_titles=_title_offices(raw, "ruler_titles"),
        decades=_int_map(raw, "decades"),
    )


def _title_offices(raw: dict[str, Any], key: str) -> dict[str, frozenset[str]]:
    value = raw.get(key)
    if not isinstance(value, dict) or not value or not all(
            isinstance(v, list) and v and all(isinstance(o, str) and o.strip() for o in v) for v in value.values()):
        raise KnowledgeError(NAME, None, f"{key} must map titles to non-empty lists of offices")
    return {normalize_form(str(k)): frozenset(o.strip() for o in v) for k, v in value.items()}
