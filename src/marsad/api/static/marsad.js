/* Marsad dashboard: fills the page shells from the JSON API (or, in a report, from the embedded data)
   and draws the charts with Plotly. No framework, no network beyond this server. */
(function () {
  "use strict";

  var T = JSON.parse(document.getElementById("marsad-i18n").textContent);
  var DATA = JSON.parse(document.getElementById("marsad-data").textContent);
  var LANG = document.documentElement.lang;
  var RTL = document.documentElement.dir === "rtl";
  var QUADS = [
    { key: "q1_verbal_coop", n: 1, colour: "#7fb3e0" },
    { key: "q2_material_coop", n: 2, colour: "#2364a8" },
    { key: "q3_verbal_conflict", n: 3, colour: "#f2a65a" },
    { key: "q4_material_conflict", n: 4, colour: "#c0392b" },
  ];
  var PLOT_CONFIG = { displaylogo: false, responsive: true };
  var FONT = { family: "'DejaVu Sans', 'Noto Sans Arabic', Tahoma, sans-serif", size: 13 };

  function fmt(text, vars) {
    return text.replace(/\{(\w+)\}/g, function (m, k) { return k in vars ? vars[k] : m; });
  }

  function name(key) {
    var n = DATA.names[key];
    return n ? n[LANG] : key;
  }

  function label(key) {
    return key ? name(key) + " (" + key + ")" : "—";
  }

  function el(tag, attrs) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (attrs[k] === null || attrs[k] === undefined) return;
      if (k === "text") node.textContent = attrs[k];
      else if (k === "cls") node.className = attrs[k];
      else node.setAttribute(k, attrs[k]);
    });
    for (var i = 2; i < arguments.length; i++) {
      var child = arguments[i];
      if (child === null || child === undefined) continue;
      node.appendChild(typeof child === "string" || typeof child === "number" ? document.createTextNode(String(child)) : child);
    }
    return node;
  }

  function showError(message) {
    var box = document.getElementById("error");
    box.textContent = T.error + ": " + message;
    box.hidden = false;
  }

  function api(path, query) {
    var url = new URL(path, window.location.origin);
    Object.keys(query || {}).forEach(function (k) {
      var v = query[k];
      if (v !== null && v !== undefined && v !== "") url.searchParams.set(k, v);
    });
    return fetch(url).then(function (r) {
      return r.json().then(function (body) {
        if (!r.ok) {
          var d = body.detail;
          throw new Error(Array.isArray(d) ? d.map(function (x) { return x.msg; }).join("; ") : d);
        }
        return body;
      });
    });
  }

  function table(columns, rows, id) {
    var head = el("tr", {});
    columns.forEach(function (c) { head.appendChild(c.header ? c.header() : el("th", { text: c.title })); });
    var body = el("tbody", {});
    rows.forEach(function (row) {
      var tr = el("tr", {});
      columns.forEach(function (c) {
        var value = c.cell(row);
        var td = el("td", { cls: c.cls || null, dir: c.dir || null, lang: c.lang || null });
        if (value instanceof Node) td.appendChild(value);
        else td.textContent = value === null || value === undefined ? "" : String(value);
        tr.appendChild(td);
      });
      body.appendChild(tr);
    });
    return el("table", { cls: "grid", id: id || null }, el("thead", {}, head), body);
  }

  function fill(id, node) {
    var box = document.getElementById(id);
    box.textContent = "";
    box.appendChild(node);
  }

  function empty(id) {
    fill(id, el("p", { cls: "muted", text: T.no_data }));
  }

  function signed(x) {
    return x === null || x === undefined ? "" : (x > 0 ? "+" : "") + Number(x).toFixed(2);
  }

  function layout(extra) {
    var base = {
      font: FONT, margin: { t: 20, r: 50, b: 50, l: 50 }, paper_bgcolor: "#fff", plot_bgcolor: "#fff",
      legend: { orientation: "h", y: -0.18, x: 0.5, xanchor: "center" }, hoverlabel: { font: FONT },
    };
    Object.keys(extra || {}).forEach(function (k) { base[k] = extra[k]; });
    return base;
  }

  function sentenceCell(e) {
    // The sentence with its trigger marked: offsets are into the article, the sentence starts at sentence_span[0].
    var text = e.sentence, cell = el("span", { dir: "rtl", lang: "ar" });
    var span = e.trigger_span;
    if (span) {
      var s = span[0] - e.sentence_span[0], t = span[1] - e.sentence_span[0];
      if (s >= 0 && t <= text.length && s < t) {
        cell.appendChild(document.createTextNode(text.slice(0, s)));
        cell.appendChild(el("mark", { cls: "hl hl-trigger", text: text.slice(s, t) }));
        cell.appendChild(document.createTextNode(text.slice(t)));
        return cell;
      }
    }
    cell.textContent = text;
    return cell;
  }

  function actorCell(actor) {
    var key = actor.country || actor.igo;
    return el("span", { title: actor.text }, el("bdi", { text: actor.code || actor.text }), key ? el("span", { cls: "muted", text: " " + name(key) }) : null);
  }

  function statusCell(e) {
    return el("span", { cls: "status status-" + e.status, text: T["status_" + e.status] || e.status });
  }

  function articleLink(e) {
    var href = DATA.standalone ? null : "/documents/" + encodeURIComponent(e.doc_id);
    return href ? el("a", { href: href, text: T.open_article }) : el("bdi", { text: e.doc_id });
  }

  var EVENT_COLUMNS = [
    { key: "date", title: T.date, cell: function (e) { return e.date || ""; }, cls: "nowrap" },
    { key: "source", title: T.source, cell: function (e) { return actorCell(e.source); } },
    { key: "target", title: T.target, cell: function (e) { return actorCell(e.target); } },
    { key: "cameo", title: T.cameo, cell: function (e) { return el("span", {}, e.cameo + " ", el("span", { cls: "muted", text: e.plover || "" })); } },
    { key: "status", title: T.status, cell: statusCell },
    { key: null, title: T.sentence, cell: sentenceCell, cls: "sentence" },
    { key: null, title: T.document, cell: articleLink },
  ];

  function actorList() {
    var list = document.getElementById("actor-keys");
    if (!list) return;
    Object.keys(DATA.names).sort().forEach(function (k) {
      list.appendChild(el("option", { value: k, label: k + " — " + name(k) }));
    });
  }

  function keepQueryOnLanguageSwitch() {
    var link = document.getElementById("lang-switch");
    if (!link) return;
    var url = new URL(window.location.href);
    url.searchParams.set("lang", link.getAttribute("hreflang"));
    link.href = url.pathname + url.search;
  }

  // --- overview -----------------------------------------------------------------------

  function overview() {
    api("/api/stats").then(function (s) {
      var box = document.getElementById("stats");
      [[T.documents, s.documents], [T.events, s.events], [T.distinct_events, s.distinct_events],
       [T.published, (s.published_from || "") + " – " + (s.published_to || "")],
       [T.event_dates, (s.event_dates_from || "") + " – " + (s.event_dates_to || "")]].forEach(function (c) {
        box.appendChild(el("div", { cls: "card" }, el("div", { cls: "value", text: String(c[1]) }), el("div", { cls: "label", text: c[0] })));
      });
    }).catch(function (e) { showError(e.message); });
    var choice = document.getElementById("timeline-by");
    function timeline() {
      var by = choice.value, span = PERIOD_AXIS[by];
      api("/api/timeline", { by: by }).then(function (rows) {
        if (!rows.length) return empty("timeline-chart");
        var traces = QUADS.map(function (q) {
          return { type: "bar", name: q.n + " · " + T["q" + q.n], x: rows.map(function (r) { return r.period; }),
                   y: rows.map(function (r) { return r[q.key]; }), marker: { color: q.colour }, xperiod: span.period, xperiodalignment: "middle" };
        });
        Plotly.react("timeline-chart", traces, layout({ barmode: "stack", xaxis: { type: "date" }, yaxis: { title: { text: T.distinct_count } } }), PLOT_CONFIG);
      }).catch(function (e) { showError(e.message); });
    }
    choice.addEventListener("change", timeline);
    timeline();
    api("/api/dyads", { limit: 10 }).then(function (rows) {
      if (!rows.length) return empty("top-dyads");
      fill("top-dyads", table([
        { title: T.dyad, cell: function (r) { return el("a", { href: "/dyad?a=" + r.actor_a + "&b=" + r.actor_b, text: label(r.actor_a) + " ↔ " + label(r.actor_b) }); } },
        { title: T.events, cell: function (r) { return r.events; }, cls: "num" },
        { title: T.goldstein_mean, cell: function (r) { return signed(r.goldstein_mean); }, cls: "num" },
        { title: T.articles, cell: function (r) { return r.articles; }, cls: "num" },
      ], rows, "dyads-table"));
    }).catch(function (e) { showError(e.message); });
    api("/api/actors", { limit: 10 }).then(function (rows) {
      if (!rows.length) return empty("top-actors");
      fill("top-actors", table([
        { title: T.actor, cell: function (r) { return el("a", { href: "/events?actor=" + r.actor, text: label(r.actor) }); } },
        { title: T.events, cell: function (r) { return r.events; }, cls: "num" },
        { title: T.as_source, cell: function (r) { return r.as_source; }, cls: "num" },
        { title: T.as_target, cell: function (r) { return r.as_target; }, cls: "num" },
        { title: T.goldstein_mean, cell: function (r) { return signed(r.goldstein_mean); }, cls: "num" },
      ], rows, "actors-table"));
    }).catch(function (e) { showError(e.message); });
  }

  // --- dyad explorer (also the offline report) ------------------------------------------

  // How a period is drawn on a date axis: how long a bar is, how its tick reads.
  var PERIOD_AXIS = {
    day: { period: 86400000, format: "%d %b %Y" },
    week: { period: 7 * 86400000, format: "%d %b %Y" },
    month: { period: "M1", format: "%b %Y" },
    year: { period: "M12", format: "%Y" },
  };

  function drawDyad(a, b, series, events, by) {
    var total = 0, sum = 0;
    series.forEach(function (r) { total += r.events; sum += r.goldstein_sum || 0; });
    document.getElementById("dyad-summary").textContent = label(a) + " ↔ " + label(b) + ": " +
      fmt(T.dyad_summary, { n: total, p: series.length, g: total ? signed(sum / total) : "—" });
    if (!series.length) {
      empty("dyad-chart");
    } else {
      var x = series.map(function (r) { return r.period; });
      var span = PERIOD_AXIS[by] || PERIOD_AXIS.month;
      var traces = QUADS.map(function (q) {
        return { type: "bar", name: q.n + " · " + T["q" + q.n], x: x, y: series.map(function (r) { return r[q.key]; }),
                 marker: { color: q.colour }, xperiod: span.period, xperiodalignment: "middle" };
      });
      traces.push({ type: "scatter", mode: "lines+markers", name: T.goldstein_mean, x: x, yaxis: "y2",
                    xperiod: span.period, xperiodalignment: "middle",
                    y: series.map(function (r) { return r.goldstein_mean; }), line: { color: "#222", width: 2 }, marker: { size: 7 } });
      Plotly.newPlot("dyad-chart", traces, layout({
        barmode: "stack", bargap: 0.15,
        xaxis: { type: "date", tickformat: span.format, dtick: series.length <= 24 ? span.period : null, ticklabelmode: "period" },
        yaxis: { title: { text: T.distinct_count }, rangemode: "tozero" },
        yaxis2: { title: { text: T.goldstein_mean }, overlaying: "y", side: "right", range: [-10.5, 10.5],
                  tickmode: "linear", tick0: -10, dtick: 5, showgrid: false, zeroline: true, zerolinecolor: "#999" },
      }), PLOT_CONFIG);
    }
    if (!events.length) return empty("dyad-events");
    fill("dyad-events", table(EVENT_COLUMNS, events, "dyad-events-table"));
  }

  function dyad() {
    actorList();
    var form = document.getElementById("dyad-form");
    var q = new URLSearchParams(window.location.search);
    var a = DATA.a, b = DATA.b, by = DATA.by || "month", directed = q.get("directed") === "true";
    if (form) {
      form.a.value = a || "";
      form.b.value = b || "";
      form.by.value = by;
      form.directed.checked = directed;
    }
    if (DATA.series) return drawDyad(a, b, DATA.series, DATA.events || [], by);  // the report: data embedded
    if (!a || !b) return empty("dyad-chart");
    Promise.all([
      api("/api/dyads/" + a + "/" + b, { by: by, directed: directed }),
      api("/api/events", { dyad: a + "," + b, sort: "date", limit: 500 }),
    ]).then(function (r) {
      var events = r[1].events;
      if (directed) events = events.filter(function (e) { return (e.source.country || e.source.igo) === a; });
      drawDyad(a, b, r[0].series, events, by);
    }).catch(function (e) { showError(e.message); });
  }

  // --- network ----------------------------------------------------------------------------

  function goldsteinColour(g) {
    // red (-10) through grey (0) to blue (+10)
    var t = Math.max(-1, Math.min(1, (g || 0) / 10));
    var grey = [170, 170, 170], end = t < 0 ? [192, 57, 43] : [35, 100, 168], k = Math.abs(t);
    var c = grey.map(function (v, i) { return Math.round(v + (end[i] - v) * k); });
    return "rgb(" + c.join(",") + ")";
  }

  function network() {
    var q = new URLSearchParams(window.location.search);
    var minCount = q.get("min_count") || 1;
    document.querySelector("input[name=min_count]").value = minCount;
    api("/api/network", { min_count: minCount }).then(function (net) {
      if (!net.nodes.length) return empty("network-chart");
      var pos = {}, maxCount = 1;
      net.nodes.forEach(function (n) { pos[n.id] = n; });
      net.edges.forEach(function (e) { maxCount = Math.max(maxCount, e.count); });
      var traces = net.edges.map(function (e) {
        var s = pos[e.source], t = pos[e.target];
        // the two directions of a pair side by side: shift each a little to its left
        var dx = t.x - s.x, dy = t.y - s.y, len = Math.sqrt(dx * dx + dy * dy) || 1, off = 0.012;
        var ox = -dy / len * off, oy = dx / len * off;
        return { type: "scatter", mode: "lines", hoverinfo: "text", showlegend: false,
                 x: [s.x + ox, t.x + ox], y: [s.y + oy, t.y + oy],
                 text: label(e.source) + " → " + label(e.target) + "<br>" + e.count + " · " + T.goldstein_mean + " " + signed(e.goldstein_mean),
                 line: { color: goldsteinColour(e.goldstein_mean), width: 1 + 7 * Math.sqrt(e.count / maxCount) } };
      });
      traces.push({
        type: "scatter", mode: "markers+text", showlegend: false, hoverinfo: "text",
        x: net.nodes.map(function (n) { return n.x; }), y: net.nodes.map(function (n) { return n.y; }),
        text: net.nodes.map(function (n) { return n.id; }), textposition: "top center",
        hovertext: net.nodes.map(function (n) { return label(n.id) + "<br>" + n.events + " " + T.events; }),
        customdata: net.nodes.map(function (n) { return n.id; }),
        marker: { size: net.nodes.map(function (n) { return 8 + 3 * Math.sqrt(n.events); }),
                  color: net.nodes.map(function (n) { return n.kind === "igo" ? "#f5d76e" : "#dde6ee"; }),
                  symbol: net.nodes.map(function (n) { return n.kind === "igo" ? "diamond" : "circle"; }),
                  line: { color: "#345", width: 1 } },
      });
      // the colour scale of the edges, as a legend
      traces.push({ type: "scatter", mode: "markers", x: [null], y: [null], showlegend: false, hoverinfo: "skip",
                    marker: { colorscale: [[0, "rgb(192,57,43)"], [0.5, "rgb(170,170,170)"], [1, "rgb(35,100,168)"]],
                              cmin: -10, cmax: 10, color: [0], showscale: true,
                              colorbar: { title: { text: T.goldstein, side: "top" }, thickness: 12, len: 0.6 } } });
      var axis = { visible: false, zeroline: false, showgrid: false };
      Plotly.newPlot("network-chart", traces, layout({ xaxis: axis, yaxis: axis, hovermode: "closest", margin: { t: 10, r: 10, b: 10, l: 10 } }), PLOT_CONFIG);
      document.getElementById("network-chart").on("plotly_click", function (ev) {
        var key = ev.points[0].customdata;
        if (key) window.location.href = "/events?actor=" + encodeURIComponent(key);
      });
    }).catch(function (e) { showError(e.message); });
  }

  // --- map ----------------------------------------------------------------------------------

  var POINT_PRECISIONS = ["city", "admin1"];

  function mapPage() {
    Promise.all([api("/api/places"), api("/api/basemap")]).then(function (r) {
      var places = r[0], base = r[1];
      var traces = [
        { type: "scattergeo", mode: "lines", lon: base.land.lon, lat: base.land.lat, fill: "toself", fillcolor: "#f3efe6",
          line: { color: "#b9b2a3", width: 0.6 }, hoverinfo: "skip", showlegend: false },
        { type: "scattergeo", mode: "lines", lon: base.borders.lon, lat: base.borders.lat,
          line: { color: "#cfc8b8", width: 0.5 }, hoverinfo: "skip", showlegend: false },
      ];
      var located = places.filter(function (p) { return p.lat !== null && p.lon !== null; });
      function hover(p) {
        return (p.name || "") + (p.country ? " · " + label(p.country) : "") + "<br>" + p.events + " " + T.events + " · " + (p.precision || "");
      }
      function quadColour(p) {
        var best = 1, n = -1;
        Object.keys(p.quad_class).forEach(function (k) { if (p.quad_class[k] > n) { n = p.quad_class[k]; best = +k; } });
        return QUADS[best - 1].colour;
      }
      var points = located.filter(function (p) { return POINT_PRECISIONS.indexOf(p.precision) >= 0; });
      var areas = located.filter(function (p) { return POINT_PRECISIONS.indexOf(p.precision) < 0; });
      traces.push({ type: "scattergeo", mode: "markers", name: T.map_points,
                    lon: points.map(function (p) { return p.lon; }), lat: points.map(function (p) { return p.lat; }),
                    text: points.map(hover), hoverinfo: "text",
                    marker: { size: points.map(function (p) { return 6 + 3 * Math.sqrt(p.events); }), color: points.map(quadColour), line: { color: "#333", width: 0.5 }, opacity: 0.85 } });
      traces.push({ type: "scattergeo", mode: "markers", name: T.map_country,
                    lon: areas.map(function (p) { return p.lon; }), lat: areas.map(function (p) { return p.lat; }),
                    text: areas.map(hover), hoverinfo: "text",
                    marker: { symbol: "circle-open", size: areas.map(function (p) { return 16 + 4 * Math.sqrt(p.events); }), color: areas.map(quadColour), line: { width: 2.5 } } });
      Plotly.newPlot("map-chart", traces, layout({
        margin: { t: 0, r: 0, b: 0, l: 0 },
        geo: { projection: { type: "natural earth" }, showland: false, showocean: false, showlakes: false, showrivers: false,
               showcountries: false, showcoastlines: false, showframe: false, bgcolor: "#dfe9f2",
               lataxis: { showgrid: true, gridcolor: "#cdd9e4", range: [-58, 84] }, lonaxis: { showgrid: true, gridcolor: "#cdd9e4" } },
        legend: { orientation: "h", y: 0, x: 0.5, xanchor: "center", bgcolor: "rgba(255,255,255,0.7)" },
      }), PLOT_CONFIG);
      document.getElementById("map-credit").textContent = base.credit;
      if (!places.length) return fill("map-places", el("p", { cls: "muted", text: T.no_places }));
      fill("map-places", table([
        { title: T.place, cell: function (p) { return el("bdi", { text: p.name || "" }); } },
        { title: T.country, cell: function (p) { return p.country ? label(p.country) : ""; } },
        { title: T.precision, cell: function (p) { return p.precision || ""; } },
        { title: T.events, cell: function (p) { return p.events; }, cls: "num" },
      ], places, "places-table"));
    }).catch(function (e) { showError(e.message); });
  }

  // --- event table ---------------------------------------------------------------------------

  var FILTERS = ["actor", "dyad", "code", "quad", "status", "since", "until", "search", "doc_id"];

  function eventsPage() {
    actorList();
    var q = new URLSearchParams(window.location.search);
    var form = document.getElementById("event-filters");
    var query = {};
    FILTERS.forEach(function (k) {
      var v = q.get(k);
      if (v) {
        query[k] = v;
        if (form.elements[k]) form.elements[k].value = v;
      }
    });
    form.addEventListener("submit", function () {
      // empty fields are no filter: leave them out of the address
      Array.prototype.forEach.call(form.elements, function (f) { if (f.name && !f.value) f.disabled = true; });
    });
    var sort = q.get("sort") || "date", order = q.get("order") || "asc";
    var limit = 50, offset = Math.max(0, parseInt(q.get("offset") || "0", 10) || 0);
    function go(changes) {
      var next = new URLSearchParams(window.location.search);
      Object.keys(changes).forEach(function (k) { next.set(k, changes[k]); });
      window.location.search = next.toString();
    }
    query.sort = sort; query.order = order; query.limit = limit; query.offset = offset;
    api("/api/events", query).then(function (page) {
      document.getElementById("events-total").textContent = fmt(T.total, { n: page.total });
      var columns = EVENT_COLUMNS.map(function (c) {
        if (!c.key) return c;
        var mark = c.key === sort ? (order === "asc" ? " ▲" : " ▼") : "";
        return { title: c.title, cell: c.cell, cls: c.cls, header: function () {
          var th = el("th", { cls: "sortable", "data-sort": c.key, tabindex: "0", text: c.title + mark });
          th.addEventListener("click", function () { go({ sort: c.key, order: c.key === sort && order === "asc" ? "desc" : "asc", offset: 0 }); });
          return th;
        } };
      });
      if (!page.events.length) empty("events-table");
      else fill("events-table", table(columns, page.events, "events-grid"));
      var to = Math.min(page.total, offset + page.events.length);
      document.getElementById("page-info").textContent = page.total ? fmt(T.page_of, { from: offset + 1, to: to, n: page.total }) : "";
      var prev = document.getElementById("prev"), next = document.getElementById("next");
      prev.disabled = offset === 0;
      next.disabled = to >= page.total;
      prev.addEventListener("click", function () { go({ offset: Math.max(0, offset - limit) }); });
      next.addEventListener("click", function () { go({ offset: offset + limit }); });
    }).catch(function (e) { showError(e.message); });
  }

  // --- article view -----------------------------------------------------------------------------

  function documentPage() {
    var rows = document.querySelectorAll("#doc-events tr[data-event]");
    var marks = document.querySelectorAll("#article mark");
    function focus(id) {
      var article = document.getElementById("article");
      var on = article.getAttribute("data-focus") !== id;
      article.setAttribute("data-focus", on ? id : "");
      article.classList.toggle("focused", on);
      marks.forEach(function (m) {
        m.classList.toggle("focus", on && (" " + m.getAttribute("data-events") + " ").indexOf(" " + id + " ") >= 0);
      });
      rows.forEach(function (r) { r.classList.toggle("focus", on && r.getAttribute("data-event") === id); });
    }
    rows.forEach(function (r) {
      r.addEventListener("click", function () { focus(r.getAttribute("data-event")); });
      r.addEventListener("keydown", function (ev) { if (ev.key === "Enter") focus(r.getAttribute("data-event")); });
    });
  }

  var PAGES = { overview: overview, dyad: dyad, network: network, map: mapPage, events: eventsPage, document: documentPage };
  keepQueryOnLanguageSwitch();
  if (RTL) document.body.classList.add("rtl");
  var run = PAGES[document.body.getAttribute("data-page")];
  if (run) run();
})();
