"""Score coded events against gold annotations, as the Scoring section of shared/spec/events.md says.

Decisions the contract leaves open (kept here so the numbers can be explained):

* A predicted date that is a span ``YYYY/YYYY`` is keyed by its first year, so keys stay
  plain ``(source, target, root, year)`` tuples.
* Only optional gold events whose status is ``occurred`` or ``planned`` can absorb a left-over
  prediction: an optional ``hypothetical``/``negated`` event is outside the gold set entirely.
  Absorbing is a test, not a pairing: any number of left-over keys that match an optional event
  are dropped (the contract says "keys ... that match an optional gold event are dropped").
* Among the maximum matchings with the required events, the scorer picks one that leaves over
  predictions an optional event can absorb rather than ones that would become false positives.
* Gold events with an ``UNK`` actor, or with source == target, are not scored (the coder's
  side of the same rule drops such predictions).
* The three modes change only the match test, never the key sets, so every mode sees the same
  number of gold events and predicted keys: ``undated`` ignores the year; ``quad`` compares
  the quad classes of the roots (alt roots included) and still checks the year.
* Predictions for documents that have no gold file are ignored; a gold article with no
  predictions scores all of its required events as false negatives.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from marsad.knowledge.cameo import load_cameo, quad_of_root
from marsad.knowledge.errors import KnowledgeError
from marsad.model import STATUSES, Document, Event

SCORED_STATUSES = frozenset({"occurred", "planned"})
UNRESOLVED = "UNK"
MODES = ("dated", "undated", "quad")

GoldYear = int | tuple[int, int] | None
Key = tuple[str, str, str, int | None]  # (source key, target key, root, year)
GoldKey = tuple[str, str, str, GoldYear]


# --------------------------------------------------------------------------- gold


@dataclass(frozen=True)
class GoldEvent:
    source: str
    target: str
    root: str
    alt_roots: tuple[str, ...]
    year: GoldYear
    status: str
    optional: bool = False
    evidence: str = ""

    @property
    def roots(self) -> frozenset[str]:
        return frozenset((self.root, *self.alt_roots))

    @property
    def key(self) -> GoldKey:
        return (self.source, self.target, self.root, self.year)

    @property
    def scored(self) -> bool:
        """In the gold set: occurred/planned, both actors resolved and distinct."""
        return (
            self.status in SCORED_STATUSES
            and UNRESOLVED not in (self.source, self.target)
            and self.source != self.target
        )


@dataclass(frozen=True)
class GoldArticle:
    id: str
    text: str
    published: str | None
    events: tuple[GoldEvent, ...]
    path: str = ""
    source: str | None = None
    url: str | None = None

    @property
    def required(self) -> list[GoldEvent]:
        return [e for e in self.events if e.scored and not e.optional]

    @property
    def optional(self) -> list[GoldEvent]:
        return [e for e in self.events if e.scored and e.optional]

    def to_document(self) -> Document:
        # the outlet and the URL go in as an input document would carry them (the outlet's home is evidence)
        return Document(id=self.id, text=self.text, published=self.published, source=self.source,
                        extra={"url": self.url} if self.url else {})


def _parse_year(value: Any, where: str) -> GoldYear:
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if (
        isinstance(value, list)
        and len(value) == 2
        and all(isinstance(v, int) and not isinstance(v, bool) for v in value)
        and value[0] <= value[1]
    ):
        return (value[0], value[1])
    raise ValueError(f"{where}: year must be an int, [first, last] with first <= last, or null; got {value!r}")


def _parse_root(value: Any, where: str, roots: frozenset[str]) -> str:
    if not isinstance(value, str) or value not in roots:
        raise ValueError(f"{where}: {value!r} is not a CAMEO root code ('01'..'20')")
    return value


def _parse_gold_event(d: Any, where: str, roots: frozenset[str]) -> GoldEvent:
    if not isinstance(d, dict):
        raise ValueError(f"{where}: an event must be an object")
    for name in ("source", "target", "root", "year", "status"):
        if name not in d:
            raise ValueError(f"{where}: missing {name!r}")
    for name in ("source", "target"):
        if not isinstance(d[name], str) or not d[name]:
            raise ValueError(f"{where}: {name} must be a non-empty string")
    if d["status"] not in STATUSES:
        raise ValueError(f"{where}: status {d['status']!r} is not one of {', '.join(STATUSES)}")
    alt = d.get("alt_roots") or []
    if not isinstance(alt, list):
        raise ValueError(f"{where}: alt_roots must be a list")
    optional = d.get("optional", False)
    if not isinstance(optional, bool):
        raise ValueError(f"{where}: optional must be true or false")
    return GoldEvent(
        source=d["source"],
        target=d["target"],
        root=_parse_root(d["root"], f"{where}.root", roots),
        alt_roots=tuple(_parse_root(a, f"{where}.alt_roots", roots) for a in alt),
        year=_parse_year(d["year"], f"{where}.year"),
        status=d["status"],
        optional=optional,
        evidence=str(d.get("evidence") or ""),
    )


def parse_gold(d: Any, path: str = "<gold>") -> GoldArticle:
    """Validate one gold annotation object; errors name `path` and the offending event."""
    roots = frozenset(c for c in load_cameo() if len(c) == 2)
    try:
        if not isinstance(d, dict):
            raise ValueError("a gold file must hold a JSON object")
        if not isinstance(d.get("id"), str) or not d["id"]:
            raise ValueError("missing or empty 'id'")
        if not isinstance(d.get("text"), str) or not d["text"].strip():
            raise ValueError("missing or empty 'text'")
        published = d.get("published")
        if published is not None and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(published)):
            raise ValueError(f"published {published!r} is not YYYY-MM-DD")
        if not isinstance(d.get("events"), list):
            raise ValueError("'events' must be a list")
        events = tuple(_parse_gold_event(e, f"events[{i}]", roots) for i, e in enumerate(d["events"]))
        _check_no_duplicates(events)
    except ValueError as exc:
        raise KnowledgeError(path, None, str(exc)) from None
    source, url = d.get("source"), d.get("url")
    return GoldArticle(id=d["id"], text=d["text"], published=published, events=events, path=path,
                       source=source if isinstance(source, str) else None, url=url if isinstance(url, str) else None)


def _check_no_duplicates(events: Sequence[GoldEvent]) -> None:
    # The contract lists each scored key once; a repeat would silently double a false negative.
    seen: dict[GoldKey, int] = {}
    for i, e in enumerate(events):
        if not e.scored:
            continue
        if e.key in seen:
            raise ValueError(f"events[{i}] repeats events[{seen[e.key]}] ({_fmt_key(e.key)})")
        seen[e.key] = i


def load_gold(directory: str | Path) -> list[GoldArticle]:
    """Every ``*.json`` gold file in `directory`, sorted by file name, validated."""
    files = sorted(Path(directory).glob("*.json"))
    if not files:
        raise FileNotFoundError(f"no gold *.json files in {directory}")
    articles: list[GoldArticle] = []
    ids: dict[str, str] = {}
    for f in files:
        try:
            data = json.loads(f.read_text(encoding="utf-8"))
        except json.JSONDecodeError as exc:
            raise KnowledgeError(f, exc.lineno, f"invalid JSON: {exc.msg}") from None
        art = parse_gold(data, str(f))
        if art.id in ids:
            raise KnowledgeError(f, None, f"id {art.id!r} already used by {ids[art.id]}")
        ids[art.id] = str(f)
        articles.append(art)
    return articles


# --------------------------------------------------------------------------- predictions


def year_of(date: str | None) -> int | None:
    """Year of a contract date; a span 'YYYY/YYYY' counts as its first year."""
    if not date:
        return None
    m = re.match(r"(\d{4})", date)
    return int(m.group(1)) if m else None


def event_key(event: Event) -> Key | None:
    """The scoring key of one event, or None when the contract says it is not scored."""
    if event.status not in SCORED_STATUSES:
        return None
    src, tgt = event.source.key, event.target.key
    if not src or not tgt or src == tgt:
        return None
    return (src, tgt, event.root, year_of(event.date))


def _sort_key(k: Key) -> tuple[str, str, str, int]:
    return (k[0], k[1], k[2], -1 if k[3] is None else k[3])


def predicted_keys(events: Iterable[Event]) -> list[Key]:
    """Distinct scoring keys of one article's events, in a stable order."""
    keys = {k for k in map(event_key, events) if k is not None}
    return sorted(keys, key=_sort_key)


# --------------------------------------------------------------------------- matching


def year_matches(predicted: int | None, gold: GoldYear) -> bool:
    if gold is None:
        return True  # the text gives no clue: any year, even none
    if predicted is None:
        return False
    if isinstance(gold, tuple):
        return gold[0] <= predicted <= gold[1]
    return predicted == gold


def _quad(root: str) -> int | None:
    try:
        return quad_of_root(root)
    except KeyError:
        return None


def key_matches(key: Key, gold: GoldEvent, mode: str = "dated") -> bool:
    src, tgt, root, year = key
    if (src, tgt) != (gold.source, gold.target):
        return False
    if mode == "quad":
        quad = _quad(root)
        if quad is None or quad not in {_quad(r) for r in gold.roots}:
            return False
    elif root not in gold.roots:
        return False
    return mode == "undated" or year_matches(year, gold.year)


def max_matching(adj: Sequence[Sequence[int]], n_right: int, order: Iterable[int]) -> dict[int, int]:
    """Maximum bipartite matching by augmenting paths (Kuhn); returns left -> right.

    Left vertices are tried in `order`; a vertex matched earlier stays matched (augmenting
    only re-pairs it), so the vertices listed first are covered as far as possible.
    """
    owner: list[int | None] = [None] * n_right

    def augment(u: int, seen: set[int]) -> bool:
        for v in adj[u]:
            if v in seen:
                continue
            seen.add(v)
            prev = owner[v]
            if prev is None or augment(prev, seen):
                owner[v] = u
                return True
        return False

    for u in order:
        augment(u, set())
    return {u: v for v, u in enumerate(owner) if u is not None}


@dataclass(frozen=True)
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True)
class ModeResult:
    tp: tuple[tuple[Key, GoldKey], ...]  # (predicted key, gold key it matched)
    fp: tuple[Key, ...]
    fn: tuple[GoldKey, ...]
    dropped: tuple[Key, ...]  # left-over keys absorbed by an optional gold event

    @property
    def counts(self) -> Counts:
        return Counts(len(self.tp), len(self.fp), len(self.fn))


def match_article(keys: Sequence[Key], gold: GoldArticle, mode: str = "dated") -> ModeResult:
    """One article's TP/FP/FN under `mode` (see the module docstring for the rules)."""
    if mode not in MODES:
        raise ValueError(f"unknown mode {mode!r}; expected one of {MODES}")
    required, optional = gold.required, gold.optional
    adj = [[j for j, g in enumerate(required) if key_matches(k, g, mode)] for k in keys]
    absorbable = [any(key_matches(k, g, mode) for g in optional) for k in keys]
    # Keys no optional event could absorb go first, so the maximum matching covers them in
    # preference and leaves over the harmless ones.
    order = sorted(range(len(keys)), key=lambda i: absorbable[i])
    pairs = max_matching(adj, len(required), order)
    matched_gold = set(pairs.values())
    left_over = [i for i in range(len(keys)) if i not in pairs]
    return ModeResult(
        tp=tuple((keys[i], required[pairs[i]].key) for i in sorted(pairs)),
        fp=tuple(keys[i] for i in left_over if not absorbable[i]),
        fn=tuple(g.key for j, g in enumerate(required) if j not in matched_gold),
        dropped=tuple(keys[i] for i in left_over if absorbable[i]),
    )


# --------------------------------------------------------------------------- report


@dataclass(frozen=True)
class ArticleReport:
    doc_id: str
    n_required: int
    n_optional: int
    n_predicted: int
    modes: dict[str, ModeResult]


@dataclass(frozen=True)
class Report:
    articles: tuple[ArticleReport, ...]
    totals: dict[str, Counts] = field(default_factory=dict)


def score_article(gold: GoldArticle, events: Iterable[Event]) -> ArticleReport:
    keys = predicted_keys(events)
    return ArticleReport(
        doc_id=gold.id,
        n_required=len(gold.required),
        n_optional=len(gold.optional),
        n_predicted=len(keys),
        modes={m: match_article(keys, gold, m) for m in MODES},
    )


def score(gold_articles: Sequence[GoldArticle], predictions_by_doc: Mapping[str, Sequence[Event]]) -> Report:
    """Micro-averaged scores: TP/FP/FN are summed over articles before P/R/F1."""
    articles = tuple(score_article(g, predictions_by_doc.get(g.id, ())) for g in gold_articles)
    totals = {m: sum((a.modes[m].counts for a in articles), Counts()) for m in MODES}
    return Report(articles=articles, totals=totals)


def evaluate_dir(gold_dir: str | Path, coder: Callable[[Document], list[Event]]) -> Report:
    """Code every gold article's text with `coder` and score the result."""
    gold = load_gold(gold_dir)
    return score(gold, code_gold(gold, coder))


def code_gold(gold: Sequence[GoldArticle], coder: Callable[[Document], list[Event]]) -> dict[str, list[Event]]:
    return {g.id: coder(g.to_document()) for g in gold}


def _fmt_year(year: GoldYear) -> str:
    if year is None:
        return "-"
    if isinstance(year, tuple):
        return f"{year[0]}/{year[1]}"
    return str(year)


def _fmt_key(key: Key | GoldKey) -> str:
    return f"{key[0]}->{key[1]} {key[2]} {_fmt_year(key[3])}"


def score_line(mode: str, counts: Counts) -> str:
    return f"{mode:<8} P={counts.precision:.3f} R={counts.recall:.3f} F1={counts.f1:.3f}"


def _article_lines(a: ArticleReport) -> list[str]:
    cells = "  ".join(f"{c.tp:>3} {c.fp:>3} {c.fn:>3}" for c in (a.modes[m].counts for m in MODES))
    return [f"{a.doc_id:<20} {a.n_required:>4} {a.n_optional:>4} {a.n_predicted:>4}  {cells}"]


def _detail_lines(a: ArticleReport) -> list[str]:
    res = a.modes["dated"]
    lines = [f"  {a.doc_id} (dated)"]
    lines += [f"    TP {_fmt_key(p)}  ~ gold {_fmt_key(g)}" for p, g in res.tp]
    lines += [f"    FP {_fmt_key(k)}" for k in res.fp]
    lines += [f"    FN {_fmt_key(k)}" for k in res.fn]
    lines += [f"    -- {_fmt_key(k)}  (matches an optional event)" for k in res.dropped]
    return lines


def format_report(report: Report, by_file: bool = False) -> str:
    """Plain-text report; the last three lines are always the dated/undated/quad scores."""
    lines: list[str] = []
    if by_file:
        head = "  ".join(f"{m:^11}" for m in MODES)
        lines.append(f"{'article':<20} {'gold':>4} {'opt':>4} {'pred':>4}  {head}")
        lines.append(f"{'':<20} {'':>4} {'':>4} {'':>4}  " + "  ".join(" TP  FP  FN" for _ in MODES))
        for a in report.articles:
            lines += _article_lines(a)
        lines.append("")
        for a in report.articles:
            lines += _detail_lines(a)
        lines.append("")
    n_req = sum(a.n_required for a in report.articles)
    n_opt = sum(a.n_optional for a in report.articles)
    n_pred = sum(a.n_predicted for a in report.articles)
    lines.append(
        f"{len(report.articles)} articles, {n_req} required gold events "
        f"(+{n_opt} optional), {n_pred} predicted keys"
    )
    for m in MODES:
        c = report.totals[m]
        lines.append(f"{m:<8} TP={c.tp} FP={c.fp} FN={c.fn}")
    lines += [score_line(m, report.totals[m]) for m in MODES]
    return "\n".join(lines)


def _key_json(key: Key | GoldKey) -> list[Any]:
    year = list(key[3]) if isinstance(key[3], tuple) else key[3]
    return [key[0], key[1], key[2], year]


def _mode_json(res: ModeResult) -> dict[str, Any]:
    c = res.counts
    return {
        "tp": c.tp,
        "fp": c.fp,
        "fn": c.fn,
        "tp_keys": [{"predicted": _key_json(p), "gold": _key_json(g)} for p, g in res.tp],
        "fp_keys": [_key_json(k) for k in res.fp],
        "fn_keys": [_key_json(k) for k in res.fn],
        "dropped_keys": [_key_json(k) for k in res.dropped],
    }


def _counts_json(c: Counts) -> dict[str, Any]:
    return {
        "tp": c.tp,
        "fp": c.fp,
        "fn": c.fn,
        "precision": round(c.precision, 4),
        "recall": round(c.recall, 4),
        "f1": round(c.f1, 4),
    }


def report_to_json(report: Report) -> dict[str, Any]:
    return {
        "scores": {m: _counts_json(report.totals[m]) for m in MODES},
        "articles": [
            {
                "doc_id": a.doc_id,
                "gold_required": a.n_required,
                "gold_optional": a.n_optional,
                "predicted": a.n_predicted,
                "modes": {m: _mode_json(a.modes[m]) for m in MODES},
            }
            for a in report.articles
        ],
    }


# --------------------------------------------------------------------------- by rule

RULE_PARTS = ("pattern", "args", "date", "place")


def rule_names(rule: str | None) -> list[str]:
    """"visit/vso+converse/relative" → pattern:visit, args:vso+converse, date:relative."""
    if not rule:
        return ["pattern:?"]
    return [f"{part}:{name}" for part, name in zip(RULE_PARTS, rule.split("/"), strict=False) if name]


@dataclass
class RuleStats:
    """What one rule made on a gold set: scored events right (tp), wrong (fp), absorbed by an optional
    gold event, or unscored (hypothetical/negated, unresolved or domestic); and, for date rules, how
    often the year was right when the pair and root were."""

    events: int = 0
    tp: int = 0
    fp: int = 0
    optional: int = 0
    unscored: int = 0
    year_right: int = 0
    year_judged: int = 0

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None


def score_rules(gold_articles: Sequence[GoldArticle],
                predictions_by_doc: Mapping[str, Sequence[Event]]) -> dict[str, RuleStats]:
    """Each predicted event judged by the verdict on its key (dated mode), credited to every rule it names."""
    stats: dict[str, RuleStats] = {}
    for gold in gold_articles:
        events = predictions_by_doc.get(gold.id, ())
        keys = predicted_keys(events)
        dated, undated = match_article(keys, gold, "dated"), match_article(keys, gold, "undated")
        right = {p for p, _ in dated.tp}
        wrong, absorbed = set(dated.fp), set(dated.dropped)
        pair_right = {p for p, _ in undated.tp}
        for e in events:
            key = event_key(e)
            for name in rule_names(e.rule):
                s = stats.setdefault(name, RuleStats())
                s.events += 1
                if key is None:
                    s.unscored += 1
                    continue
                s.tp += key in right
                s.fp += key in wrong
                s.optional += key in absorbed and key not in right
                if key in pair_right:
                    s.year_judged += 1
                    s.year_right += key in right
    return stats


def format_rules(stats: Mapping[str, RuleStats], min_events: int = 1) -> str:
    """One line per rule, grouped by part, the least precise first."""
    lines = [f"{'rule':<40} {'events':>6} {'TP':>4} {'FP':>4} {'opt':>4} {'unsc':>5} {'P':>6}  {'year ok':>8}"]
    def order(item: tuple[str, RuleStats]) -> tuple[int, float, int]:
        name, s = item
        part = RULE_PARTS.index(name.split(":")[0]) if name.split(":")[0] in RULE_PARTS else 9
        return (part, s.precision if s.precision is not None else 2.0, -s.events)
    for name, s in sorted(stats.items(), key=order):
        if s.events < min_events:
            continue
        p = f"{s.precision:.2f}" if s.precision is not None else "-"
        year = f"{s.year_right}/{s.year_judged}" if s.year_judged else "-"
        lines.append(f"{name:<40} {s.events:>6} {s.tp:>4} {s.fp:>4} {s.optional:>4} {s.unscored:>5} {p:>6}  {year:>8}")
    return "\n".join(lines)
