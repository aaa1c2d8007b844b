"""Issue 3's bar on the dev set: named actors of gold events resolve in their sentence, country mentions are right.

The judgements are hand-made (benchmarks/data/dev_actor_audit.tsv, offsets only); the mentions are the
coder's own, recomputed here.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "eval" / "dev"


def _script():
    spec = importlib.util.spec_from_file_location("actor_resolution", ROOT / "benchmarks" / "actor_resolution.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up here
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


@pytest.mark.skipif(not DEV.is_dir(), reason="../shared/eval/dev not present")
def test_named_actors_resolve_and_country_mentions_are_right() -> None:
    res = _script().measure()
    assert res["recall"]["value"] >= 0.97, res["recall"]
    assert res["precision"]["value"] >= 0.97, res["precision"]
