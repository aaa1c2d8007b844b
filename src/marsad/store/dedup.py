"""Cross-article dedup: one real-world event reported by many articles counts once.

Events are grouped by (source key, target key, CAMEO code, day). The key of an
actor is its country, else its IGO (the contract's scoring key); `day` is the
event's own date as the coder gave it (a full `YYYY-MM-DD`, or the coarser
`YYYY-MM` / `YYYY` / span string). Only asserted and scheduled events
(`occurred`, `planned`) with two resolved actors take part: a feared or denied
event is not a report of the same happening. An undated event cannot be
matched across articles, so it stays distinct per document.
"""

from __future__ import annotations

# `seen` is when an article reported the event: its publication day, else the
# day it was ingested. The representative is the event of the earliest article.
DISTINCT_EVENTS_VIEW = """
CREATE OR REPLACE VIEW distinct_events AS
WITH keyed AS (
    SELECT e.*,
           coalesce(e.source_country, e.source_igo) AS source_key,
           coalesce(e.target_country, e.target_igo) AS target_key,
           e.date AS day,
           coalesce(d.published, strftime(d.ingested_at, '%Y-%m-%d')) AS seen,
           es.outlet,
           es.url
    FROM events e
    JOIN documents d USING (doc_id)
    LEFT JOIN event_sources es USING (event_id)
    WHERE e.status IN ('occurred', 'planned')
),
counted AS (
    SELECT event_id, count(*) AS n FROM mentions GROUP BY event_id
)
SELECT
    arg_min(k.event_id, k.seen || k.event_id)          AS event_id,
    k.source_key,
    k.target_key,
    k.cameo,
    k.day,
    any_value(k.root)                                   AS root,
    any_value(k.quad_class)                             AS quad_class,
    any_value(k.goldstein)                              AS goldstein,
    -- an event that some article saw happen has happened
    CASE WHEN bool_or(k.status = 'occurred') THEN 'occurred' ELSE 'planned' END AS status,
    count(*)                                            AS num_events,
    sum(coalesce(c.n, 1))                               AS num_mentions,
    count(DISTINCT k.doc_id)                            AS num_articles,
    -- documents with no known outlet count together as one source
    count(DISTINCT coalesce(k.outlet, ''))              AS num_sources,
    min(k.seen)                                         AS first_seen,
    max(k.seen)                                         AS last_seen
FROM keyed k
LEFT JOIN counted c USING (event_id)
WHERE k.source_key IS NOT NULL AND k.target_key IS NOT NULL
GROUP BY k.source_key, k.target_key, k.cameo, k.day,
         CASE WHEN k.day IS NULL THEN k.doc_id END
"""


def _all_statuses_query() -> str:
    """The view's query over events of every status (`--all-statuses`), as a subquery: no migration, so
    it works on any database, also opened read-only. A hypothetical or negated event is merged only
    with reports of the same status, never with an asserted one."""
    sql = DISTINCT_EVENTS_VIEW
    for old, new in (
        ("CREATE OR REPLACE VIEW distinct_events AS\n", "("),
        ("    WHERE e.status IN ('occurred', 'planned')\n", ""),
        ("CASE WHEN bool_or(k.status = 'occurred') THEN 'occurred' ELSE 'planned' END",
         "CASE WHEN bool_or(k.status = 'occurred') THEN 'occurred' WHEN bool_or(k.status = 'planned') "
         "THEN 'planned' ELSE any_value(k.status) END"),
        ("CASE WHEN k.day IS NULL THEN k.doc_id END\n",
         "CASE WHEN k.day IS NULL THEN k.doc_id END,\n"
         "         CASE WHEN k.status IN ('occurred', 'planned') THEN 'asserted' ELSE k.status END\n"),
    ):
        assert old in sql, old
        sql = sql.replace(old, new)
    return sql.strip() + ")"


DISTINCT_EVENTS_ALL = _all_statuses_query()


def distinct_view(all_statuses: bool = False) -> str:
    """What an aggregate counts FROM: the view of asserted events (the default), or every status."""
    return DISTINCT_EVENTS_ALL if all_statuses else "distinct_events"


# The statuses the default view counts, for queries over the events table that must agree with it.
ASSERTED = ("occurred", "planned")
