"""Status, attribution and date words (cues.yaml), normalised and validated."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

import yaml

from marsad.knowledge.errors import KnowledgeError
from marsad.knowledge.files import SafeLoader, data_path
from marsad.text import normalize_form

LIST_KEYS = ("planned", "hypothetical", "negated", "demand", "threat", "reporting", "speech", "group_refs", "counterpart",
             "apolitical_heads", "off_topic", "attack_refs", "civilian_heads", "explosives", "projectiles", "gunfire",
             "thing_heads", "genre_sports", "genre_business", "genre_culture", "ranks", "commodities", "anonymity", "bereaved", "depends_on")
UNITS = ("day", "week", "month", "year")


@dataclass(frozen=True, slots=True)
class Cues:
    lists: dict[str, tuple[str, ...]]  # key → normalised phrases
    months: dict[str, int]
    hijri_months: dict[str, int]
    weekdays: dict[str, int]
    relative: dict[str, tuple[str, int]]

    def __getitem__(self, key: str) -> tuple[str, ...]:
        return self.lists[key]


def _speech_forms(past: str) -> list[str]:
    """قال → قال، قالت، قالوا: a speaker's verb in the persons news uses."""
    if past.endswith("ي"):
        return [past, past[:-1] + "ت", past[:-1] + "وا", past[:-1] + "يا"]
    return [past, past + "ت", past + "وا", past + "ا"]  # أكد، أكدت، أكدوا، أكدا


def _mapping(raw: Any, key: str, name: str, lo: int, hi: int) -> dict[str, int]:
    value = raw.get(key) or {}
    if not isinstance(value, dict):
        raise KnowledgeError(name, None, f"{key} must be a mapping")
    out = {}
    for k, v in value.items():
        if not isinstance(v, int) or not lo <= v <= hi:
            raise KnowledgeError(name, None, f"{key}: {k!r} → {v!r} is out of range {lo}..{hi}")
        out[normalize_form(str(k))] = v
    return out


@cache
def load_cues(name: str = "cues.yaml") -> Cues:
    raw = yaml.load(data_path(name).read_text(encoding="utf-8"), Loader=SafeLoader)
    if not isinstance(raw, dict):
        raise KnowledgeError(name, 1, "cues.yaml must be a mapping")
    lists: dict[str, tuple[str, ...]] = {}
    for key in LIST_KEYS:
        value = raw.get(key) or []
        if not isinstance(value, list) or not all(isinstance(x, str) and x.strip() for x in value):
            raise KnowledgeError(name, None, f"{key} must be a list of phrases")
        forms = [normalize_form(x.strip()) for x in value]
        if key == "speech":
            forms = [f for past in forms for f in _speech_forms(past)]
        lists[key] = tuple(dict.fromkeys(forms))
    relative: dict[str, tuple[str, int]] = {}
    for k, v in (raw.get("relative") or {}).items():
        if not (isinstance(v, list) and len(v) == 2 and v[0] in UNITS and isinstance(v[1], int)):
            raise KnowledgeError(name, None, f"relative: {k!r} must map to [unit, offset]")
        relative[normalize_form(str(k))] = (v[0], v[1])
    return Cues(
        lists=lists,
        months=_mapping(raw, "months", name, 1, 12),
        hijri_months=_mapping(raw, "hijri_months", name, 1, 12),
        weekdays=_mapping(raw, "weekdays", name, 0, 6),
        relative=relative,
    )
