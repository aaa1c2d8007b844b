"""Names of actor keys in English and Arabic, read from the knowledge files (for pages and charts)."""

from __future__ import annotations

from functools import cache

from marsad.knowledge.actors import load_countries, load_igos


@cache
def actor_names() -> dict[str, dict[str, str]]:
    """Actor key (ISO3 or IGO code) → {"en": …, "ar": …}; an IGO takes its first, main entry."""
    names = {c.iso3: {"en": c.name_en, "ar": c.name_ar} for c in load_countries()}
    for org in load_igos():
        if org.igo and org.igo not in names:
            names[org.igo] = {"en": org.name_en, "ar": org.name_ar}
    return names
