"""HTML page → Document: boilerplate removed, title and date from the page."""

from __future__ import annotations

import re
from typing import Any

import trafilatura

from marsad.published import day_or_problem

# Only dates the page states: no guessing from the URL or "today" (a wrong
# publication date moves every relative date the coder anchors on it).
_DATE_PARAMS: dict[str, Any] = {"extensive_search": False, "original_date": True}
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")
# <meta> names, properties or itemprops that state when the article was published
_PUBLISHED_META = frozenset({
    "article:published_time", "og:published_time", "datepublished", "date", "pubdate", "publishdate",
    "publish-date", "publish_date", "dc.date", "dc.date.issued", "dcterms.created", "dcterms.issued",
    "sailthru.date", "parsely-pub-date",
})


def extract_html(html: str, url: str | None = None) -> dict[str, Any] | None:
    """Main text and metadata of a page, or None when it has no article text."""
    result = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        date_extraction_params=_DATE_PARAMS,
    )
    if result is None:
        return None
    data = result.as_dict() if hasattr(result, "as_dict") else dict(result)
    text = (data.get("text") or "").strip()
    if not text:
        return None
    date = data.get("date") or ""
    published, problem = (date[:10], None) if _ISO_DAY.match(date) else stated_date(html)
    return {
        "text": text,
        "title": data.get("title") or None,
        "published": published,
        "date_problem": problem,
        "sitename": data.get("sitename") or data.get("hostname") or None,
    }


def stated_date(html: str) -> tuple[str | None, str | None]:
    """The publication date a page's <meta> states when trafilatura found none: (day, None), or
    (None, why) when what it states is no date ("yesterday", "2023-13-45"), or (None, None)."""
    from lxml import html as lxml_html

    try:
        root = lxml_html.document_fromstring(html)
    except Exception:  # no markup to read
        return None, None
    for meta in root.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip().lower()
        if key in _PUBLISHED_META and (meta.get("content") or "").strip():
            day, problem = day_or_problem(meta.get("content"))
            return day, problem and f'<meta {key}>: {problem}'
    return None, None


def strip_tags(fragment: str) -> str:
    """Plain text of a small HTML fragment (feed summaries): tags out, paragraphs kept."""
    if "<" not in fragment:
        return fragment.strip()
    from lxml import html as lxml_html

    try:
        root = lxml_html.fragment_fromstring(fragment, create_parent="div")
    except Exception:  # malformed markup: fall back to a regex
        return re.sub(r"<[^>]+>", " ", fragment).strip()
    for br in root.iter("br"):
        br.tail = "\n" + (br.tail or "")
    for block in root.iter("p", "div", "li", "h1", "h2", "h3", "h4"):
        block.tail = "\n" + (block.tail or "")
    text = root.text_content()
    lines = (re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line)
