"""Counts of every knowledge file, loaded and validated (for `marsad knowledge`)."""

from __future__ import annotations

import time
import tracemalloc


def knowledge_stats() -> dict[str, int]:
    from marsad.knowledge.actors import (
        load_countries,
        load_groups,
        load_igos,
        load_outlets,
        load_people,
        load_places,
        load_roles,
    )
    from marsad.knowledge.cameo import load_cameo
    from marsad.knowledge.cues import load_cues
    from marsad.knowledge.grammar import load_grammar
    from marsad.knowledge.lexicon import build_lexicon
    from marsad.knowledge.patterns import load_patterns

    people = load_people()
    patterns = load_patterns()
    return {
        "cameo codes": len(load_cameo()),
        "countries": len(load_countries()),
        "places": len(load_places()),
        "international organisations": len(load_igos()),
        "groups": len(load_groups()),
        "outlets": len(load_outlets()),
        "roles": len(load_roles()),
        "people": len(people),
        "person-office records": sum(len(p.offices) for p in people.values()),
        "event patterns": len(patterns.patterns),
        "cue phrases": sum(len(v) for v in load_cues().lists.values()),
        "grammar words": sum(len(v) for v in load_grammar().words.values()),
        "generated trigger forms": len(patterns.forms),
        "lexicon keys (normalised)": build_lexicon().size,
    }


def load_cost() -> tuple[float, float]:
    """Seconds and peak MB to load and compile all knowledge in a fresh process."""
    from marsad.knowledge.lexicon import build_lexicon

    tracemalloc.start()
    t0 = time.perf_counter()
    build_lexicon()
    took = time.perf_counter() - t0
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return took, peak / 2**20
