"""The scorer, rule by rule, on hand-made gold and predictions (the Scoring section of the contract)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from marsad.evaluate import (
    MODES,
    Counts,
    GoldArticle,
    evaluate_dir,
    format_report,
    load_gold,
    match_article,
    max_matching,
    parse_gold,
    predicted_keys,
    report_to_json,
    rule_names,
    score,
    score_rules,
    year_matches,
    year_of,
)
from marsad.knowledge.errors import KnowledgeError
from marsad.model import Actor, Document, Event


def actor(key: str | None, *, igo: bool = False) -> Actor:
    if key is None:
        return Actor(text="مجهول", code="UNK")
    return Actor(text=key, code=key, igo=key) if igo else Actor(text=key, code=key, country=key)


def ev(
    src: str | None,
    tgt: str | None,
    cameo: str,
    date: str | None = "2023",
    status: str = "occurred",
    doc_id: str = "a",
    *,
    tgt_igo: bool = False,
) -> Event:
    return Event(
        doc_id=doc_id,
        event_id=f"{doc_id}:{src}{tgt}{cameo}{date}{status}",
        source=actor(src),
        target=actor(tgt, igo=tgt_igo),
        cameo=cameo,
        quad_class=1,
        goldstein=0.0,
        plover="",
        status=status,
        date=date,
        date_basis="explicit",
        sentence="",
        sentence_span=(0, 0),
        trigger="",
    )


def gev(
    src: str, tgt: str, root: str, year: Any = 2023, *, alt: tuple[str, ...] = (), status: str = "occurred",
    optional: bool = False,
) -> dict[str, Any]:
    d: dict[str, Any] = {
        "source": src, "target": tgt, "root": root, "alt_roots": list(alt), "year": year,
        "status": status, "evidence": "…",
    }
    if optional:
        d["optional"] = True
    return d


def gold(*events: dict[str, Any], doc_id: str = "a") -> GoldArticle:
    return parse_gold({"id": doc_id, "published": "2023-05-30", "text": "نص", "events": list(events)})


def counts(g: GoldArticle, events: list[Event], mode: str = "dated") -> tuple[int, int, int, int]:
    res = match_article(predicted_keys(events), g, mode)
    return (res.counts.tp, res.counts.fp, res.counts.fn, len(res.dropped))


# ----------------------------------------------------------------- keys


def test_year_of() -> None:
    assert year_of("2023-05-30") == 2023
    assert year_of("2023-05") == 2023
    assert year_of("2023") == 2023
    assert year_of("2018/2020") == 2018  # a span is keyed by its first year
    assert year_of(None) is None
    assert year_of("") is None


def test_predicted_keys_filter_and_dedupe() -> None:
    events = [
        ev("ISR", "AZE", "042"),
        ev("ISR", "AZE", "040"),  # same root and year: same key
        ev("ISR", "AZE", "042", status="planned", date="2023-06-01"),  # still the same key
        ev("ISR", "AZE", "042", status="hypothetical", date="2024"),
        ev("ISR", "AZE", "042", status="negated", date="2025"),
        ev(None, "AZE", "042", date="2026"),  # unresolved source
        ev("ISR", None, "042", date="2027"),  # unresolved target
        ev("ISR", "ISR", "042", date="2028"),  # source == target
        ev("ISR", "UN", "111", tgt_igo=True),  # an IGO resolves through igo
        ev("ISR", "AZE", "042", date=None),
    ]
    assert predicted_keys(events) == [
        ("ISR", "AZE", "04", None),
        ("ISR", "AZE", "04", 2023),
        ("ISR", "UN", "11", 2023),
    ]


# ----------------------------------------------------------------- matching rules


def test_root_and_alt_roots() -> None:
    g = gold(gev("ISR", "AZE", "05", alt=("01",)))
    assert counts(g, [ev("ISR", "AZE", "057")]) == (1, 0, 0, 0)
    assert counts(g, [ev("ISR", "AZE", "010")]) == (1, 0, 0, 0)
    assert counts(g, [ev("ISR", "AZE", "042")]) == (0, 1, 1, 0)


def test_source_and_target_must_match_in_direction() -> None:
    g = gold(gev("ISR", "AZE", "04"))
    assert counts(g, [ev("AZE", "ISR", "042")]) == (0, 1, 1, 0)


def test_optional_matched_is_dropped_and_missed_costs_nothing() -> None:
    g = gold(gev("ISR", "AZE", "04"), gev("TUR", "ISR", "05", None, alt=("04",), optional=True))
    assert counts(g, [ev("ISR", "AZE", "042"), ev("TUR", "ISR", "042")]) == (1, 0, 0, 1)
    assert counts(g, [ev("ISR", "AZE", "042")]) == (1, 0, 0, 0)
    # Absorbing is a test, not a pairing: two keys matching one optional event are both dropped.
    assert counts(g, [ev("TUR", "ISR", "042"), ev("TUR", "ISR", "051")]) == (0, 0, 1, 2)


def test_optional_with_non_scored_status_absorbs_nothing() -> None:
    g = gold(gev("IRN", "ISR", "19", status="hypothetical", optional=True))
    assert counts(g, [ev("IRN", "ISR", "190")]) == (0, 1, 0, 0)


def test_required_events_are_matched_before_optional_ones() -> None:
    # The key fits both; it must count as a TP for the required event, not be dropped.
    g = gold(gev("ISR", "AZE", "04", optional=True, alt=("05",)), gev("ISR", "AZE", "05"))
    assert counts(g, [ev("ISR", "AZE", "057")]) == (1, 0, 0, 0)


def test_maximum_matching_where_greedy_fails() -> None:
    # Key 03 fits both gold events (via alt_roots), key 04 fits only the first. A greedy pass in
    # key order gives 03 the first event and leaves 04 unmatched; the maximum matching gets both.
    g = gold(gev("ISR", "AZE", "04", alt=("03",)), gev("ISR", "AZE", "03"))
    keys = predicted_keys([ev("ISR", "AZE", "030"), ev("ISR", "AZE", "042")])
    assert [k[2] for k in keys] == ["03", "04"]
    assert counts(g, [ev("ISR", "AZE", "030"), ev("ISR", "AZE", "042")]) == (2, 0, 0, 0)


def test_leftover_prefers_keys_an_optional_event_absorbs() -> None:
    # Both keys fit the one required event; only 2022 (sorted first) also fits the optional one.
    # A plain matching in key order would give 2022 the required event and leave 2023 as an FP;
    # the scorer gives it to 2023 so that 2022 is dropped instead.
    g = gold(gev("ISR", "AZE", "04", [2022, 2023]), gev("ISR", "AZE", "04", 2022, optional=True))
    res = match_article(predicted_keys([ev("ISR", "AZE", "042", "2023"), ev("ISR", "AZE", "042", "2022")]), g)
    assert [p for p, _ in res.tp] == [("ISR", "AZE", "04", 2023)]
    assert res.dropped == (("ISR", "AZE", "04", 2022),)
    assert res.fp == ()


def test_one_to_one() -> None:
    g = gold(gev("ISR", "AZE", "04", None))
    # Two identical predictions are one key.
    assert counts(g, [ev("ISR", "AZE", "042"), ev("ISR", "AZE", "042")]) == (1, 0, 0, 0)
    # Two distinct keys both fit the one gold event: one TP, one FP.
    assert counts(g, [ev("ISR", "AZE", "042", "2022"), ev("ISR", "AZE", "042", "2023")]) == (1, 1, 0, 0)


def test_year_span() -> None:
    g = gold(gev("ISR", "AZE", "06", [2018, 2020]))
    assert counts(g, [ev("ISR", "AZE", "061", "2018")]) == (1, 0, 0, 0)
    assert counts(g, [ev("ISR", "AZE", "061", "2019-03")]) == (1, 0, 0, 0)
    assert counts(g, [ev("ISR", "AZE", "061", "2020-12-31")]) == (1, 0, 0, 0)
    assert counts(g, [ev("ISR", "AZE", "061", "2018/2020")]) == (1, 0, 0, 0)
    assert counts(g, [ev("ISR", "AZE", "061", "2021")]) == (0, 1, 1, 0)
    assert counts(g, [ev("ISR", "AZE", "061", "2017")]) == (0, 1, 1, 0)
    assert counts(g, [ev("ISR", "AZE", "061", None)]) == (0, 1, 1, 0)


def test_null_years_both_ways() -> None:
    null_gold = gold(gev("ISR", "AZE", "04", None))
    assert counts(null_gold, [ev("ISR", "AZE", "042", "1999")]) == (1, 0, 0, 0)
    assert counts(null_gold, [ev("ISR", "AZE", "042", None)]) == (1, 0, 0, 0)
    dated_gold = gold(gev("ISR", "AZE", "04", 2023))
    assert counts(dated_gold, [ev("ISR", "AZE", "042", None)]) == (0, 1, 1, 0)


def test_year_matches_table() -> None:
    assert year_matches(2023, 2023)
    assert not year_matches(2022, 2023)
    assert year_matches(2019, (2018, 2020))
    assert year_matches(None, None)
    assert year_matches(5, None)
    assert not year_matches(None, 2023)
    assert not year_matches(None, (2018, 2020))


def test_status_filtering_of_predictions_and_gold() -> None:
    g = gold(
        gev("ISR", "AZE", "04"),
        gev("ISR", "AZE", "03", status="planned"),
        gev("IRN", "ISR", "19", status="hypothetical"),
        gev("AZE", "ISR", "11", status="negated"),
    )
    preds = [
        ev("ISR", "AZE", "042"),
        ev("ISR", "AZE", "036", status="planned"),
        ev("IRN", "ISR", "190", status="hypothetical"),  # not a key at all
        ev("AZE", "ISR", "111", status="negated"),  # not a key at all
    ]
    assert counts(g, preds) == (2, 0, 0, 0)
    # An occurred prediction of what gold calls hypothetical is a false positive, not a TP.
    assert counts(g, [ev("IRN", "ISR", "190")]) == (0, 1, 2, 0)


def test_unresolved_actors_not_scored() -> None:
    g = gold(gev("UNK", "ISR", "18"), gev("ISR", "UNK", "17"), gev("ISR", "AZE", "04"))
    assert g.required == [g.events[2]]
    assert counts(g, [ev(None, "ISR", "180"), ev("ISR", None, "173"), ev("ISR", "AZE", "042")]) == (1, 0, 0, 0)


def test_source_equal_target_dropped() -> None:
    g = gold(gev("PSE", "PSE", "11"), gev("ISR", "PSE", "19"))
    assert len(g.required) == 1
    assert counts(g, [ev("PSE", "PSE", "111"), ev("ISR", "PSE", "190")]) == (1, 0, 0, 0)


# ----------------------------------------------------------------- modes


def test_undated_mode_ignores_year() -> None:
    g = gold(gev("ISR", "AZE", "04", 2009))
    preds = [ev("ISR", "AZE", "042", "2023")]
    assert counts(g, preds, "dated") == (0, 1, 1, 0)
    assert counts(g, preds, "undated") == (1, 0, 0, 0)
    assert counts(g, [ev("ISR", "AZE", "042", None)], "undated") == (1, 0, 0, 0)
    assert counts(g, [ev("ISR", "AZE", "057", "2009")], "undated") == (0, 1, 1, 0)


def test_quad_mode_collapses_roots() -> None:
    g = gold(gev("ISR", "AZE", "05", 2023), gev("ISR", "PSE", "17", 2023, alt=("06",)))
    assert counts(g, [ev("ISR", "AZE", "042")], "dated") == (0, 1, 2, 0)
    assert counts(g, [ev("ISR", "AZE", "042")], "quad") == (1, 0, 1, 0)  # 04 and 05 are both quad 1
    assert counts(g, [ev("ISR", "AZE", "061")], "quad") == (0, 1, 2, 0)  # 06 is quad 2
    assert counts(g, [ev("ISR", "PSE", "071")], "quad") == (1, 0, 1, 0)  # alt root 06 -> quad 2
    assert counts(g, [ev("ISR", "PSE", "190")], "quad") == (1, 0, 1, 0)  # 19 and 17 are quad 4
    assert counts(g, [ev("ISR", "AZE", "042", "2020")], "quad") == (0, 1, 2, 0)  # still dated


def test_unknown_mode_rejected() -> None:
    with pytest.raises(ValueError):
        match_article([], gold(), "fuzzy")


# ----------------------------------------------------------------- scoring and report


def _two_articles() -> tuple[list[GoldArticle], dict[str, list[Event]]]:
    a = gold(gev("ISR", "AZE", "04"), doc_id="a")
    b = gold(gev("ISR", "PSE", "19"), doc_id="b")
    preds = {
        "a": [ev("ISR", "AZE", "042")],  # 1 TP
        "b": [ev("ISR", "PSE", "111"), ev("ISR", "PSE", "120"), ev("ISR", "PSE", "130")],  # 3 FP, 1 FN
        "zzz": [ev("ISR", "AZE", "042", doc_id="zzz")],  # no gold file: ignored
    }
    return [a, b], preds


def test_micro_average_over_two_articles() -> None:
    golds, preds = _two_articles()
    report = score(golds, preds)
    dated = report.totals["dated"]
    assert dated == Counts(tp=1, fp=3, fn=1)
    assert dated.precision == pytest.approx(0.25)  # macro would give (1 + 0) / 2 = 0.5
    assert dated.recall == pytest.approx(0.5)
    assert dated.f1 == pytest.approx(2 * 0.25 * 0.5 / 0.75)
    assert [a.doc_id for a in report.articles] == ["a", "b"]
    assert report.articles[1].modes["dated"].counts == Counts(0, 3, 1)
    assert report.totals["quad"] == Counts(tp=1, fp=3, fn=1)  # 11/12/13 are quad 3, 19 is quad 4


def test_article_without_predictions_is_all_false_negatives() -> None:
    golds, _ = _two_articles()
    assert score(golds, {}).totals["dated"] == Counts(tp=0, fp=0, fn=2)


def test_counts_with_nothing() -> None:
    c = Counts()
    assert (c.precision, c.recall, c.f1) == (0.0, 0.0, 0.0)


def test_format_report_ends_with_three_score_lines() -> None:
    golds, preds = _two_articles()
    report = score(golds, preds)
    for by_file in (False, True):
        lines = format_report(report, by_file=by_file).splitlines()
        assert lines[-3] == "dated    P=0.250 R=0.500 F1=0.333"
        assert lines[-2].startswith("undated  P=")
        assert lines[-1].startswith("quad     P=")
    detail = format_report(report, by_file=True)
    assert "FP ISR->PSE 11 2023" in detail
    assert "FN ISR->PSE 19 2023" in detail
    assert "TP ISR->AZE 04 2023" in detail


def test_report_to_json_is_serialisable() -> None:
    golds, preds = _two_articles()
    golds.append(gold(gev("ISR", "AZE", "06", [2018, 2020]), gev("TUR", "ISR", "05", None, optional=True),
                      doc_id="c"))
    preds["c"] = [ev("TUR", "ISR", "057", None, doc_id="c")]
    out = report_to_json(score(golds, preds))
    json.dumps(out)
    assert set(out["scores"]) == set(MODES)
    assert out["scores"]["dated"]["tp"] == 1
    c = out["articles"][2]["modes"]["dated"]
    assert c["fn_keys"] == [["ISR", "AZE", "06", [2018, 2020]]]
    assert c["dropped_keys"] == [["TUR", "ISR", "05", None]]


def test_max_matching_is_maximum() -> None:
    # left 0 -> {0, 1}, left 1 -> {0}: Kuhn re-pairs 0 to reach size 2.
    assert max_matching([[0, 1], [0]], 2, [0, 1]) == {0: 1, 1: 0}
    assert max_matching([[0], [0]], 1, [1, 0]) == {1: 0}  # earlier-listed vertex stays matched


# ----------------------------------------------------------------- gold files


def _write(tmp: Path, name: str, d: dict[str, Any]) -> Path:
    p = tmp / name
    p.write_text(json.dumps(d, ensure_ascii=False), encoding="utf-8")
    return p


def _gold_dict(doc_id: str = "t-1", **event_overrides: Any) -> dict[str, Any]:
    e = gev("ISR", "AZE", "04")
    e.update(event_overrides)
    return {"id": doc_id, "published": "2023-05-30", "text": "زار الرئيس الإسرائيلي أذربيجان اليوم.", "events": [e]}


def test_load_gold_and_evaluate_dir(tmp_path: Path) -> None:
    _write(tmp_path, "t-2.json", _gold_dict("t-2", year=None))
    _write(tmp_path, "t-1.json", _gold_dict("t-1"))
    arts = load_gold(tmp_path)
    assert [a.id for a in arts] == ["t-1", "t-2"]
    assert arts[0].events[0].alt_roots == ()

    seen: list[Document] = []

    def coder(doc: Document) -> list[Event]:
        seen.append(doc)
        return [ev("ISR", "AZE", "042", doc.published, doc_id=doc.id)]

    report = evaluate_dir(tmp_path, coder)
    assert [d.id for d in seen] == ["t-1", "t-2"]
    assert seen[0].published == "2023-05-30" and "أذربيجان" in seen[0].text
    assert report.totals["dated"] == Counts(tp=2, fp=0, fn=0)


@pytest.mark.parametrize(
    ("overrides", "fragment"),
    [
        ({"root": "4"}, "events[0].root"),
        ({"root": "042"}, "events[0].root"),
        ({"alt_roots": ["99"]}, "events[0].alt_roots"),
        ({"year": "2023"}, "events[0].year"),
        ({"year": [2020, 2018]}, "events[0].year"),
        ({"status": "done"}, "status"),
        ({"optional": "yes"}, "optional"),
        ({"source": ""}, "source"),
    ],
)
def test_bad_gold_names_the_file(tmp_path: Path, overrides: dict[str, Any], fragment: str) -> None:
    p = _write(tmp_path, "bad.json", _gold_dict(**overrides))
    with pytest.raises(KnowledgeError) as err:
        load_gold(tmp_path)
    assert str(err.value).startswith(f"{p}: ")
    assert fragment in str(err.value)


def test_bad_gold_structure(tmp_path: Path) -> None:
    d = _gold_dict()
    d["events"].append(dict(d["events"][0]))
    _write(tmp_path, "dup.json", d)
    with pytest.raises(KnowledgeError, match=r"dup\.json: events\[1\] repeats events\[0\]"):
        load_gold(tmp_path)
    (tmp_path / "dup.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(KnowledgeError, match=r"dup\.json:1: invalid JSON"):
        load_gold(tmp_path)
    (tmp_path / "dup.json").unlink()
    with pytest.raises(FileNotFoundError):
        load_gold(tmp_path)


def test_duplicate_ids_across_files(tmp_path: Path) -> None:
    _write(tmp_path, "a.json", _gold_dict("same"))
    _write(tmp_path, "b.json", _gold_dict("same"))
    with pytest.raises(KnowledgeError, match="already used"):
        load_gold(tmp_path)


def test_shared_dev_gold_loads() -> None:
    dev = Path(__file__).resolve().parents[2] / "shared" / "eval" / "dev"
    if not dev.is_dir():
        pytest.skip("shared/eval/dev is not present")
    arts = load_gold(dev)
    assert arts and all(a.required for a in arts)


# ----------------------------------------------------------------- by rule


def test_rule_names_split_pattern_arguments_and_date() -> None:
    assert rule_names("visit/vso+converse/relative") == ["pattern:visit", "args:vso+converse", "date:relative"]
    assert rule_names(None) == ["pattern:?"]


def test_score_rules_credits_each_event_to_its_rules() -> None:
    g = gold(gev("TUR", "EGY", "04", 2023), gev("EGY", "TUR", "04", 2023, optional=True))
    right = ev("TUR", "EGY", "042", "2023-05-30")
    right.rule = "visit/vso/relative"
    absorbed = ev("EGY", "TUR", "043", "2023-05-30")
    absorbed.rule = "visit/vso+converse/relative"
    wrong_year = ev("TUR", "SYR", "190", "2019")
    wrong_year.rule = "attack/genitive/explicit"
    hypothetical = ev("TUR", "GRC", "042", status="hypothetical")
    hypothetical.rule = "visit/svo/published"
    stats = score_rules([g], {"a": [right, absorbed, wrong_year, hypothetical]})
    visit = stats["pattern:visit"]
    assert (visit.events, visit.tp, visit.fp, visit.optional, visit.unscored) == (3, 1, 0, 1, 1)
    assert visit.precision == 1.0
    assert stats["pattern:attack"].fp == 1 and stats["pattern:attack"].precision == 0.0
    assert stats["date:relative"].year_right == 1 and stats["date:relative"].year_judged == 1
    assert stats["args:svo"].precision is None


def test_gold_articles_go_to_the_coder_with_their_outlet_and_url() -> None:
    g = parse_gold({"id": "x", "text": "زار وزير الخارجية الأمريكي المملكة أمس.", "published": "2015-08-01",
                    "source": "aawsat", "url": "http://aawsat.com/home/article/1", "events": []})
    doc = g.to_document()
    assert doc.source == "aawsat" and doc.extra == {"url": "http://aawsat.com/home/article/1"}
    from marsad.coder import code
    assert ("USA", "SAU") in {(e.source.key, e.target.key) for e in code(doc)}
