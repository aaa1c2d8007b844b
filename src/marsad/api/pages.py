"""The dashboard's pages: HTML shells filled by marsad.js from the JSON API, in Arabic or English.

The article view is drawn here, on the server: the text cut into segments at every span boundary, each
segment marked with the kinds (source, target, trigger, date, place) and events that cover it.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Annotated, Any

import yaml
from fastapi import APIRouter, Depends, FastAPI, Query, Request
from fastapi.responses import FileResponse, HTMLResponse
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, PackageLoader, select_autoescape

from marsad.api.labels import actor_names
from marsad.api.routes import Con
from marsad.model import STATUSES
from marsad.store import analytics, params

LANGS = ("en", "ar")
PAGES = ("overview", "dyad", "network", "map", "events")
STATIC = Path(str(resources.files("marsad.api") / "static"))

router = APIRouter(include_in_schema=False)


@cache
def strings() -> dict[str, dict[str, str]]:
    """The interface's strings, key → {en, ar}; every key must have both languages."""
    path = resources.files("marsad.api") / "i18n.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for key, value in data.items():
        if not isinstance(value, dict) or set(value) != set(LANGS) or not all(value.values()):
            raise ValueError(f"i18n.yaml: {key!r} needs a non-empty en and ar")
    return data


def strings_for(lang: str) -> dict[str, str]:
    return {key: value[lang] for key, value in strings().items()}


@cache
def environment() -> Environment:
    return Environment(loader=PackageLoader("marsad.api", "templates"), autoescape=select_autoescape(["html"]))


def script_json(value: Any) -> str:
    """JSON safe inside <script type="application/json">: no "</" can close the element."""
    return json.dumps(value, ensure_ascii=False, default=str).replace("</", "<\\/")


def plotly_js() -> Path:
    """Plotly's own bundled JavaScript, from the plotly package: no CDN."""
    return Path(str(resources.files("plotly") / "package_data" / "plotly.min.js"))


def render(page: str, lang: str, data: dict[str, Any], *, standalone: bool = False, **context: Any) -> str:
    """A page (or the report when standalone: CSS, Plotly and marsad.js inline, no request made)."""
    t = strings_for(lang)
    inline: dict[str, str] = {}
    if standalone:
        inline = {
            "css": (STATIC / "marsad.css").read_text(encoding="utf-8"),
            "plotly": plotly_js().read_text(encoding="utf-8").replace("</script", "<\\/script"),
            "app": (STATIC / "marsad.js").read_text(encoding="utf-8"),
        }
    data = {"names": actor_names(), **data}
    return environment().get_template(f"{page}.html").render(
        page=page, lang=lang, dir="rtl" if lang == "ar" else "ltr", t=t, pages=PAGES,
        other_lang="en" if lang == "ar" else "ar", standalone=standalone, inline=inline,
        strings_json=script_json(t), data_json=script_json(data), **context,
    )


def language(request: Request, lang: Annotated[str | None, Query(json_schema_extra={"enum": list(LANGS)})] = None) -> str:
    """?lang= first, then the cookie it left, then the browser's preference; English by default."""
    if lang in LANGS:
        return lang
    cookie = request.cookies.get("lang")
    if cookie in LANGS:
        return cookie
    accept = request.headers.get("accept-language", "")
    return "ar" if accept.lower().startswith("ar") else "en"


Lang = Annotated[str, Depends(language)]


def page_response(html: str, lang: str, status: int = 200) -> HTMLResponse:
    response = HTMLResponse(html, status_code=status)
    response.set_cookie("lang", lang, max_age=365 * 24 * 3600, samesite="lax", httponly=True)
    return response


@router.get("/", response_class=HTMLResponse)
def overview_page(lang: Lang) -> HTMLResponse:
    return page_response(render("overview", lang, {}), lang)


@router.get("/dyad", response_class=HTMLResponse)
def dyad_page(con: Con, lang: Lang, a: str | None = None, b: str | None = None, by: str = "month") -> HTMLResponse:
    """Two actors over time; without a pair, the busiest dyad."""
    error = None
    try:
        if a and b:
            a, b = params.dyad((a, b))
        elif (top := analytics.top_dyads(con, 1)):
            a, b = top[0]["actor_a"], top[0]["actor_b"]
        by = params.period(by)
    except params.ParamError as exc:
        error, by = str(exc), "month"
    return page_response(render("dyad", lang, {"a": a, "b": b, "by": by}, error=error),
                         lang, 422 if error else 200)


@router.get("/network", response_class=HTMLResponse)
def network_page(lang: Lang) -> HTMLResponse:
    return page_response(render("network", lang, {}), lang)


@router.get("/map", response_class=HTMLResponse)
def map_page(lang: Lang) -> HTMLResponse:
    return page_response(render("map", lang, {}), lang)


@router.get("/events", response_class=HTMLResponse)
def events_page(lang: Lang) -> HTMLResponse:
    return page_response(render("events", lang, {"statuses": list(STATUSES)}), lang)


def segments(text: str, spans: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The text cut at every span boundary; each piece with the kinds and event ids covering it."""
    cuts = sorted({0, len(text), *(s["start"] for s in spans), *(s["end"] for s in spans)})
    out = []
    for start, end in zip(cuts, cuts[1:], strict=False):
        covering = [s for s in spans if s["start"] <= start and end <= s["end"]]
        kinds = sorted({s["kind"] for s in covering}, key=analytics.SPAN_KINDS.index)
        events = sorted({i for s in covering for i in s["event_ids"]})
        out.append({"text": text[start:end], "kinds": kinds, "events": events})
    return out


@router.get("/documents/{doc_id:path}", response_class=HTMLResponse)
def document_page(con: Con, lang: Lang, doc_id: str) -> HTMLResponse:
    """The article, right to left, with what was coded in it highlighted, and the events coded from it."""
    doc = analytics.document(con, doc_id)
    if doc is None:
        return page_response(render("document", lang, {}, doc=None), lang, 404)
    return page_response(
        render("document", lang, {"doc_id": doc_id}, doc=doc, pieces=segments(doc["text"], doc["spans"]),
               kinds=analytics.SPAN_KINDS),
        lang,
    )


@router.get("/static/vendor/plotly.min.js")
def plotly_asset() -> FileResponse:
    return FileResponse(plotly_js(), media_type="text/javascript", headers={"cache-control": "max-age=86400"})


def mount_static(app: FastAPI) -> None:
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
