/* conflictcoder dashboard: map, timeline, deaths by side, event view with evidence, review, paste & code.
   Plain JS over the HTTP API; libraries are vendored under /static/vendor (no network needed except map tiles). */
"use strict";

const TYPE_COLORS = {
  "Battles": "#c0392b", "Explosions/Remote violence": "#e67e22", "Violence against civilians": "#8e44ad",
  "Protests": "#2980b9", "Riots": "#f1c40f", "Strategic developments": "#7f8c8d",
};
const FILTERS = ["since", "until", "country", "admin1", "event_type", "actor", "min_fatalities"];
const $ = (s) => document.querySelector(s);
const esc = (s) => String(s ?? "").replace(/[&<>"']/g, (c) => ({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}[c]));

let firstDrawnDone;
const firstDrawn = new Promise((ok) => { firstDrawnDone = ok; });
let map, cluster, facets = {}, events = [], timeline = null, currentEvent = null;
// ACLED sub-event types by event type (for the correction form's suggestions)
const SUB_TYPES = {
  "Battles": ["Armed clash", "Government regains territory", "Non-state actor overtakes territory"],
  "Explosions/Remote violence": ["Air/drone strike", "Chemical weapon", "Grenade", "Remote explosive/landmine/IED",
    "Shelling/artillery/missile attack", "Suicide bomb"],
  "Violence against civilians": ["Abduction/forced disappearance", "Attack", "Sexual violence"],
  "Protests": ["Excessive force against protesters", "Peaceful protest", "Protest with intervention"],
  "Riots": ["Mob violence", "Violent demonstration"],
  "Strategic developments": ["Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
    "Headquarters or base established", "Looting/property destruction", "Non-violent transfer of territory", "Other"],
};

// ------------------------------------------------------------------------------------ API
function token() { return localStorage.getItem("cc-token") || ""; }
async function api(path, opts = {}) {
  const headers = Object.assign({"Accept": "application/json"}, opts.headers || {});
  if (opts.body && typeof opts.body !== "string") { opts.body = JSON.stringify(opts.body); headers["Content-Type"] = "application/json"; }
  if (token()) headers["Authorization"] = "Bearer " + token();
  return parse(await fetch(path, Object.assign({}, opts, {headers})));
}
async function parse(r) {
  let data = null;
  try { data = await r.json(); } catch (e) { data = {detail: r.statusText}; }
  if (!r.ok) { const err = new Error(data && data.detail ? data.detail : ("HTTP " + r.status)); err.status = r.status; throw err; }
  return data;
}

// ------------------------------------------------------------------------------------ filters <-> URL
function readFilters() {
  const f = {};
  for (const k of FILTERS) {
    const el = document.querySelector(`#filters [name="${k}"]`);
    if (el && el.value !== "") f[k] = el.value;
  }
  return f;
}
function writeFilters(f) {
  for (const k of FILTERS) {
    const el = document.querySelector(`#filters [name="${k}"]`);
    if (el) el.value = f[k] ?? "";
  }
}
function syncUrl(f) {
  const q = new URLSearchParams(f);
  const view = $("#view-paste").hidden ? "" : "view=paste";
  const ev = currentEvent ? "event=" + encodeURIComponent(currentEvent) : "";
  const s = [q.toString(), view, ev].filter(Boolean).join("&");
  history.replaceState(null, "", s ? "?" + s : location.pathname);
}
function filtersFromUrl() {
  const q = new URLSearchParams(location.search);
  const f = {};
  for (const k of FILTERS) if (q.get(k)) f[k] = q.get(k);
  return f;
}

// ------------------------------------------------------------------------------------ map
function initMap() {
  map = L.map("map", {worldCopyJump: true, preferCanvas: true, maxZoom: 18, minZoom: 1}).setView([20, 20], 2);
  // bundled country boundaries: the map works without tile access. Parsing and drawing them takes a few
  // hundred ms, so it waits until the first markers are drawn (or 3 s at most).
  const pre = window.ccPrefetch && window.ccPrefetch.outlines;
  Promise.race([firstDrawn, new Promise((ok) => setTimeout(ok, 3000))]).then(() => pre || null)
    .then((r) => r || fetch("/static/vendor/world-atlas/countries-50m.json")).then((r) => r.json()).then((topo) => {
    const geo = topojson.feature(topo, topo.objects.countries);
    L.geoJSON(geo, {style: {color: "#888", weight: 0.6, fillColor: "#f2efe9", fillOpacity: 1}, interactive: false}).addTo(map).bringToBack();
    document.body.dataset.outlines = "drawn";
    initAdmin1();
  }).catch(() => {});
  // map tiles only if the tile server answers
  const probe = new Image();
  probe.onload = () => L.tileLayer("https://tile.openstreetmap.org/{z}/{x}/{y}.png",
    {maxZoom: 18, attribution: "© OpenStreetMap contributors"}).addTo(map);
  probe.src = "https://tile.openstreetmap.org/0/0/0.png";
  $("#legend").innerHTML = Object.entries(TYPE_COLORS).map(([t, c]) => `<div><span style="background:${c}"></span>${esc(t)}</div>`).join("");
}

// bundled admin-1 boundaries (provinces, states; Natural Earth, simplified: vendor/ne-admin1): thin lines
// between the areas of a country, shown from zoom ADMIN1_ZOOM on, with the area's name on hover. The
// file (~1 MB, ~0.3 MB gzipped) is fetched only after the country outlines are drawn, and only once the
// map is zoomed in that far. document.body.dataset.admin1: "loading", "drawn", "hidden" (zoomed out).
const ADMIN1_ZOOM = 4;
let admin1 = null, admin1Loading = false;
function initAdmin1() {
  const check = () => {
    if (map.getZoom() < ADMIN1_ZOOM) {
      if (admin1 && map.hasLayer(admin1.lines)) { map.removeLayer(admin1.lines); map.closeTooltip(admin1.tip); document.body.dataset.admin1 = "hidden"; }
      return;
    }
    if (admin1) { if (!map.hasLayer(admin1.lines)) { admin1.lines.addTo(map); document.body.dataset.admin1 = "drawn"; } return; }
    if (admin1Loading) return;
    admin1Loading = true;
    document.body.dataset.admin1 = "loading";
    fetch("/static/vendor/ne-admin1/admin1.json").then((r) => r.json()).then((topo) => {
      const obj = topo.objects.admin1;
      // one line layer, only between areas of one country: coasts and borders come from the country outlines
      const mesh = topojson.mesh(topo, obj, (a, b) => a !== b && a.properties.iso_a2 === b.properties.iso_a2);
      const lines = L.geoJSON(mesh, {style: {color: "#b9b1a4", weight: 0.5, opacity: 1}, interactive: false});
      admin1 = {lines, areas: admin1Areas(topojson.feature(topo, obj).features),
        tip: L.tooltip({direction: "top", offset: [0, -8], className: "admin1-tip"})};
      map.on("mousemove", admin1Hover);
      map.on("mouseout", () => map.closeTooltip(admin1.tip));
      admin1Loading = false;
      document.body.dataset.admin1 = "hidden";
      check();
    }).catch(() => { admin1Loading = false; delete document.body.dataset.admin1; });
  };
  map.on("zoomend", check);
  check();
}
// hover: the area under the mouse by point-in-polygon on the bounding boxes and rings (cheaper than
// thousands of interactive polygon layers that would all be re-projected on every zoom)
function admin1Areas(features) {
  return features.map((f) => {
    const g = f.geometry, polys = !g ? [] : g.type === "Polygon" ? [g.coordinates] : g.coordinates;
    let x0 = 180, y0 = 90, x1 = -180, y1 = -90;
    for (const poly of polys) for (const [x, y] of poly[0]) { x0 = Math.min(x0, x); x1 = Math.max(x1, x); y0 = Math.min(y0, y); y1 = Math.max(y1, y); }
    return {p: f.properties, polys, bb: [x0, y0, x1, y1]};
  });
}
function inRing(x, y, ring) {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i], [xj, yj] = ring[j];
    if ((yi > y) !== (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}
function admin1At(lat, lng) {
  for (const a of admin1.areas) {
    if (lng < a.bb[0] || lng > a.bb[2] || lat < a.bb[1] || lat > a.bb[3]) continue;
    for (const poly of a.polys) if (inRing(lng, lat, poly[0]) && !poly.slice(1).some((h) => inRing(lng, lat, h))) return a.p;
  }
  return null;
}
function admin1Hover(e) {
  const t = e.originalEvent && e.originalEvent.target;
  const p = map.hasLayer(admin1.lines) && !(t && t.closest && t.closest(".leaflet-marker-icon, .leaflet-popup, .leaflet-control"))
    ? admin1At(e.latlng.lat, L.Util.wrapNum(e.latlng.lng, [-180, 180], true)) : null;
  if (!p) { map.closeTooltip(admin1.tip); return; }
  const same = (p.admin1 || "").toLowerCase() === (p.name || "").toLowerCase();
  admin1.tip.setContent(esc(p.name) + (p.admin1 && !same ? ` <small>(${esc(p.admin1)})</small>` : "")).setLatLng(e.latlng);
  if (!map.hasLayer(admin1.tip)) map.openTooltip(admin1.tip);
}

const ICONS = new Map();  // one icon object per (size, colour): cheap with 10,000 markers
function markerFor(e) {
  const size = Math.min(40, Math.round(8 + 4 * Math.sqrt(e.fatalities || 0)));
  const color = TYPE_COLORS[e.event_type] || "#555";
  const key = size + color;
  let icon = ICONS.get(key);
  if (!icon) {
    icon = L.divIcon({className: "", html: `<div class="ev-marker" style="width:${size}px;height:${size}px;background:${color}"></div>`,
      iconSize: [size, size]});
    ICONS.set(key, icon);
  }
  const m = L.marker([e.latitude, e.longitude], {icon});
  m.ev = e;  // tooltip and click are handled by the cluster group (see newCluster)
  return m;
}
// a cluster: coloured by its most frequent event type, sized by its deaths, labelled with its event count
function clusterIcon(c) {
  const byType = {};
  let deaths = 0;
  for (const m of c.getAllChildMarkers()) {
    byType[m.ev.event_type] = (byType[m.ev.event_type] || 0) + 1;
    deaths += m.ev.fatalities || 0;
  }
  const top = Object.entries(byType).sort((a, b) => b[1] - a[1])[0][0];
  const n = c.getChildCount(), size = Math.min(56, Math.round(24 + 3 * Math.sqrt(deaths)));
  return L.divIcon({className: "ev-cluster", iconSize: [size, size],
    html: `<div style="background:${TYPE_COLORS[top] || "#555"};width:${size}px;height:${size}px" title="${n} events, ${deaths} deaths">${n}</div>`});
}
function tooltipFor(e) {
  return `${esc(e.event_date)} · ${esc(e.sub_event_type)}<br>${esc(e.actor1)}${e.actor2 ? " vs " + esc(e.actor2) : ""}<br>` +
    `${esc(e.location || "")} · ${e.fatalities ?? 0} deaths`;
}

async function loadEvents(initial) {
  const f = initial || readFilters(), gen = ++loadGen;
  syncUrl(f);
  $("#marker-count").textContent = "loading…";
  const q = new URLSearchParams(Object.assign({limit: 10000, fields: "map"}, f));
  let data;
  console.time("cc:fetch");
  const pre = window.ccPrefetch && window.ccPrefetch.events;
  if (pre) window.ccPrefetch.events = null;  // the head script's request, usable once
  try {
    const r = pre && pre.query === q.toString() ? await pre.response : null;
    data = r ? await parse(r) : await api("/events?" + q.toString());
  }
  catch (e) { if (gen === loadGen) $("#marker-count").textContent = "error: " + e.message; firstDrawnDone(); return; }
  console.timeEnd("cc:fetch");
  if (gen !== loadGen) return;  // a newer request is under way
  events = data.items;
  console.time("cc:markers");
  newCluster(gen);
  delete $("#marker-count").dataset.count;
  const located = events.filter((e) => e.latitude != null && e.longitude != null);
  fitToEvents();
  pending = {located: located.length, total: data.total, n: events.length};
  if (located.length) cluster.addLayers(located.map(markerFor));  // chunkProgress calls markersDone
  else markersDone();
  console.time("cc:panels");
  drawTimeline();
  drawSides();
  console.timeEnd("cc:panels");
}

// first load: show where the events are (once the map is visible and has a size)
function fitToEvents() {
  if (map._ccFitted || map.getSize().x === 0) return;
  const located = events.filter((e) => e.latitude != null && e.longitude != null);
  if (!located.length) return;
  map.fitBounds(L.latLngBounds(located.map((e) => [e.latitude, e.longitude])), {maxZoom: 7, padding: [20, 20], animate: false});
  map._ccFitted = true;
}

// chunked loading keeps the page responsive with many markers; the count is shown once all are in.
// A running chunked load cannot be cancelled, so each load gets a fresh cluster group.
function newCluster(gen) {
  if (cluster) map.removeLayer(cluster);
  cluster = L.markerClusterGroup({disableClusteringAtZoom: 9, chunkedLoading: true, chunkInterval: 150, chunkDelay: 10,
    iconCreateFunction: clusterIcon, showCoverageOnHover: false,
    chunkProgress: (done, total) => { if (done === total && gen === loadGen) markersDone(); }});
  cluster.on("click", (ev) => { if (ev.layer.ev) openEvent(ev.layer.ev.id); });
  cluster.on("mouseover", (ev) => {
    const m = ev.layer;
    if (m.ev && !m.getTooltip()) m.bindTooltip(tooltipFor(m.ev)).openTooltip();
  });
  map.addLayer(cluster);
}

let pending = null, loadGen = 0;
function markersDone() {
  if (!pending) return;
  const {located, total, n} = pending;
  pending = null;
  $("#marker-count").textContent = `${located} events on the map` + (total > n ? ` (of ${total})` : "") +
    (n > located ? `, ${n - located} without coordinates` : "");
  $("#marker-count").dataset.count = String(located);
  setTimeout(firstDrawnDone, 0);
  console.timeEnd("cc:markers");
}

// ------------------------------------------------------------------------------------ timeline
// Continuous day, week (Monday) or month buckets over the events' date range, stacked by event type;
// the metric (events or deaths) is chosen above the chart. Dragging across it sets the date filter.
const DAY = 864e5;
function bucketer(t0, t1) {
  const span = (t1 - t0) / DAY;
  const day = (t) => Math.floor(t / DAY) * DAY;
  if (span <= 92) return {unit: "day", key: day, next: (t) => t + DAY, end: (t) => t};
  if (span <= 3 * 366) {
    const monday = (t) => day(t) - ((new Date(day(t)).getUTCDay() + 6) % 7) * DAY;
    return {unit: "week", key: monday, next: (t) => t + 7 * DAY, end: (t) => t + 6 * DAY};
  }
  const month = (t) => { const d = new Date(t); return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1); };
  const nextMonth = (t) => { const d = new Date(t); return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1); };
  return {unit: "month", key: month, next: nextMonth, end: (t) => nextMonth(t) - DAY};
}

function drawTimeline() {
  const el = $("#timeline");
  el.innerHTML = "";
  timeline = null;
  const dated = events.filter((e) => e.event_date);
  if (!dated.length) { el.textContent = "no dated events"; return; }
  const metric = $("#tl-metric") ? $("#tl-metric").value : "events";
  let t0 = Infinity, t1 = -Infinity;
  for (const e of dated) { const t = Date.parse(e.event_date); if (t < t0) t0 = t; if (t > t1) t1 = t; }
  const b = bucketer(t0, t1);
  const xs = [];
  for (let t = b.key(t0); t <= t1; t = b.next(t)) xs.push(t);
  const idx = new Map(xs.map((x, i) => [x, i]));
  const types = Object.keys(TYPE_COLORS).filter((t) => dated.some((e) => e.event_type === t));
  const vals = types.map(() => xs.map(() => 0));
  for (const e of dated) {
    const ti = types.indexOf(e.event_type);
    if (ti >= 0) vals[ti][idx.get(b.key(Date.parse(e.event_date)))] += metric === "deaths" ? (e.fatalities || 0) : 1;
  }
  // stacked bars: cumulative sums, the tallest (all types) drawn first so the others sit on top
  const stacked = vals.map((_, i) => xs.map((__, j) => vals.slice(0, i + 1).reduce((s, c) => s + c[j], 0)));
  const order = types.map((_, i) => i).reverse();
  const data = [xs.map((x) => x / 1000)].concat(order.map((i) => stacked[i]));
  const opts = {width: Math.max(260, el.clientWidth || 340), height: 170,
    series: [{}].concat(order.map((i) => ({label: types[i], stroke: TYPE_COLORS[types[i]], fill: TYPE_COLORS[types[i]] + "dd", width: 0,
      points: {show: false}, paths: uPlot.paths.bars({size: [0.9, 60], gap: 1})}))),
    scales: {x: {time: true, range: (u, lo, hi) => [lo - (b.next(xs[0]) - xs[0]) / 2000, hi + (b.next(xs[0]) - xs[0]) / 2000]}},
    axes: [{}, {size: 40}],
    legend: {show: false}, cursor: {drag: {x: true, y: false, setScale: false}, points: {show: false}},
    hooks: {setSelect: [(u) => {
      if (u.select.width < 3) return;
      // each bar is centred on the start of its bucket: a position p lies in the bar of bucket key(p + half)
      const half = (b.next(xs[0]) - xs[0]) / 2;
      const a = u.posToVal(u.select.left, "x") * 1000, z = u.posToVal(u.select.left + u.select.width, "x") * 1000;
      $("#f-since").value = new Date(b.key(a + half)).toISOString().slice(0, 10);
      $("#f-until").value = new Date(b.end(b.key(z + half))).toISOString().slice(0, 10);
      loadEvents();
    }]}};
  const head = document.createElement("div");
  head.className = "tl-head";
  head.innerHTML = `<label>show <select id="tl-metric"><option value="events">events</option><option value="deaths">deaths</option></select></label>
    <span class="muted">per ${b.unit}</span>`;
  el.appendChild(head);
  $("#tl-metric").value = metric;
  $("#tl-metric").onchange = drawTimeline;
  timeline = new uPlot(opts, data, el);
  const note = document.createElement("div");
  note.className = "muted";
  note.textContent = `${dated.length} events, ${dated.reduce((s, e) => s + (e.fatalities || 0), 0)} deaths`;
  el.appendChild(note);
}

// ------------------------------------------------------------------------------------ deaths by side
function drawSides() {
  const agg = new Map();
  const add = (actor, best, low, high) => {
    if (!actor || best == null) return;
    const a = agg.get(actor) || {best: 0, low: 0, high: 0};
    a.best += best; a.low += (low ?? best); a.high += (high ?? best);
    agg.set(actor, a);
  };
  for (const e of events) {
    // the side split is exact for best; the low/high range is shared out in proportion
    const best = e.fatalities_best || 0, low = e.fatalities_low ?? best, high = e.fatalities_high ?? best;
    const share = (n) => best ? [Math.round(low * n / best), Math.round(high * n / best)] : [n, n];
    if (e.deaths_a) add(e.actor1, e.deaths_a, ...share(e.deaths_a));
    if (e.deaths_b) add(e.actor2 || "unknown", e.deaths_b, ...share(e.deaths_b));
    if (e.deaths_civilians) add(`Civilians (${e.country || "?"})`, e.deaths_civilians, ...share(e.deaths_civilians));
    if (e.deaths_unknown) add("side not reported", e.deaths_unknown, ...share(e.deaths_unknown));
  }
  const rows = [...agg.entries()].sort((a, b) => b[1].best - a[1].best).slice(0, 15);
  const max = Math.max(1, ...rows.map(([, v]) => v.high));
  $("#sides").innerHTML = rows.length ? rows.map(([k, v]) => `<div class="side-row"><div>${esc(k)}<br><small>${v.best} (${v.low}–${v.high})</small></div>
    <div class="bar" title="best ${v.best}, range ${v.low}–${v.high}"><div class="range" style="left:${100 * v.low / max}%;width:${Math.max(1, 100 * (v.high - v.low) / max)}%"></div>
    <div class="best" style="width:${Math.max(1, 100 * v.best / max)}%"></div></div></div>`).join("") : "<p class='muted'>no deaths reported</p>";
}

// ------------------------------------------------------------------------------------ evidence highlighting
function highlight(text, evidence) {
  const spans = (evidence || []).filter((e) => e.start >= 0 && e.end <= text.length && e.end > e.start && text.slice(e.start, e.end) === e.text)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  let out = "", pos = 0;
  for (const s of spans) {
    if (s.start < pos) continue; // overlapping spans: keep the first
    out += esc(text.slice(pos, s.start));
    out += `<mark class="ev" data-field="${esc(s.field)}" title="${esc(s.field + (s.note ? ": " + s.note : ""))}">${esc(text.slice(s.start, s.end))}<sup>${esc(s.field)}</sup></mark>`;
    pos = s.end;
  }
  return out + esc(text.slice(pos));
}

const SHOWN = ["event_date", "time_precision", "event_type", "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2",
  "inter2", "interaction", "civilian_targeting", "country", "admin1", "admin2", "location", "latitude", "longitude", "geo_precision",
  "fatalities", "fatalities_best", "fatalities_low", "fatalities_high", "deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown",
  "wounded", "captured", "source", "notes", "confidence"];

function fieldsTable(e) {
  const corrected = new Set((e.history || []).filter((h) => h.action === "correct").map((h) => h.field));
  const table = (keys) => `<table class="fields">${keys.map((k) => `<tr><td>${k}</td><td data-field="${k}"${corrected.has(k) ? ' class="corrected" title="corrected by an analyst"' : ""}>${esc(e[k] ?? "")}</td></tr>`).join("")}</table>`;
  const half = Math.ceil(SHOWN.length / 2);
  return `<div class="fields-wrap">${table(SHOWN.slice(0, half))}${table(SHOWN.slice(half))}</div>`;
}

function valueSuggestions(field) {
  if (field === "event_type") return Object.keys(SUB_TYPES);
  if (field === "sub_event_type") return Object.values(SUB_TYPES).flat();
  if (field === "country") return facets.countries || [];
  if (field === "actor1" || field === "actor2") return facets.actors || [];
  if (field === "time_precision" || field === "geo_precision") return ["1", "2", "3"];
  return [];
}

// events on the map in the same country within three days: candidates for an analyst merge
function mergeCandidates(e) {
  if (!e.event_date) return [];
  const t = Date.parse(e.event_date);
  return events.filter((o) => o.id !== e.id && o.country === e.country && o.event_date && Math.abs(Date.parse(o.event_date) - t) <= 3 * DAY)
    .sort((a, b) => Math.abs(Date.parse(a.event_date) - t) - Math.abs(Date.parse(b.event_date) - t)).slice(0, 8);
}

const EV_LEGEND = `<div class="ev-legend muted">Evidence: <mark class="ev" data-field="event_date">date</mark><mark class="ev" data-field="actor1">actor</mark>
  <mark class="ev" data-field="location">place</mark><mark class="ev" data-field="fatalities">deaths</mark><mark class="ev" data-field="sub_event_type">event type / other</mark></div>`;

// ------------------------------------------------------------------------------------ event view + review
async function openEvent(id) {
  let e;
  try { e = await api("/events/" + encodeURIComponent(id)); }
  catch (err) { alert(err.message); return; }
  const panel = $("#event-panel");
  currentEvent = e.id;
  syncUrl(readFilters());
  const sources = e.sources.map((s, i) => `<div class="source"><h4>${i + 1}. ${esc(s.title || s.url || "article " + s.article_id)}
      ${s.published ? `<small>${esc(s.published)}</small>` : ""} ${s.outlet ? `<small>${esc(s.outlet)}</small>` : ""}
      <label class="split-pick"><input type="checkbox" value="${esc(s.source_event_id)}"> split off</label></h4>
      <p class="muted">why merged: ${esc(s.merge_reason || "")}</p>
      <div class="article-text">${highlight(s.text, s.event.evidence)}</div></div>`).join("");
  const claims = (e.claims || []).map((c) => `<li>${esc(c.field)} = ${esc(c.value)} — “${esc(c.text)}”${c.source ? " (according to " + esc(c.source) + ")" : ""}</li>`).join("");
  const hist = (e.history || []).map((h) => `<li><b>${esc(h.action)}</b> ${esc(h.field || "")} ${h.old !== undefined && h.old !== null ? esc(JSON.stringify(h.old)) + " → " : ""}${esc(JSON.stringify(h.new))} by <b>${esc(h.author)}</b> at ${esc(h.at)}${h.reason ? " — " + esc(h.reason) : ""}</li>`).join("");
  $("#panel-body").innerHTML = `<h2>${esc(e.sub_event_type)} <small>${esc(e.event_date || "")} · ${esc(e.location || e.country || "")}</small></h2>
    ${e.rejected ? "<p class='warn'>marked as not an event</p>" : ""}
    ${(e.warnings || []).map((w) => `<p class="warn">${esc(w)}</p>`).join("")}
    ${fieldsTable(e)}
    <div class="review"><b>Review</b>
      <form id="correct-form"><select id="c-field" aria-label="field">${SHOWN.filter((k) => k !== "confidence").map((k) => `<option>${k}</option>`).join("")}</select>
        <input id="c-value" placeholder="new value" list="c-values" aria-label="new value"><datalist id="c-values"></datalist>
        <input id="c-reason" placeholder="reason" aria-label="reason"> <button id="c-save">Save correction</button></form>
      <div class="row"><button id="c-reject">${e.rejected ? "Restore event" : "Not an event"}</button>
      <button id="c-split" title="tick sources below first">Split selected sources</button>
      <input id="c-merge-id" placeholder="event id to merge in" size="18" aria-label="event id to merge in" list="c-merge-list">
      <datalist id="c-merge-list">${mergeCandidates(e).map((c) => `<option value="${esc(c.id)}">${esc(c.event_date)} · ${esc(c.sub_event_type)} · ${esc(c.location || "")} · ${c.fatalities ?? 0} deaths</option>`).join("")}</datalist>
      <button id="c-merge">Merge</button></div>
      ${mergeCandidates(e).length ? `<p class="muted">Possible duplicates nearby: ${mergeCandidates(e).map((c) => `<a href="#" class="cand" data-id="${esc(c.id)}">${esc(c.event_date)} ${esc(c.location || c.sub_event_type)}</a>`).join(", ")}</p>` : ""}
      <p id="c-msg" role="status"></p></div>
    <h3>Sources (${e.sources.length})</h3>${EV_LEGEND}${sources}
    <h3>Claims</h3><ul class="claims">${claims || "<li class='muted'>none</li>"}</ul>
    <h3>History</h3><ul class="history" id="history">${hist || "<li class='muted'>no changes</li>"}</ul>
    <p class="muted">id ${esc(e.id)}</p>`;
  panel.hidden = false;
  panel.dataset.eventId = e.id;
  const fillValues = () => {
    const f = $("#c-field").value;
    $("#c-values").innerHTML = valueSuggestions(f).map((v) => `<option value="${esc(v)}">`).join("");
    $("#c-value").placeholder = e[f] != null && e[f] !== "" ? `now: ${e[f]}` : "new value";
  };
  $("#c-field").onchange = fillValues;
  fillValues();
  const msg = (t, ok) => { const m = $("#c-msg"); m.textContent = t; m.className = ok ? "msg-ok" : "msg-error"; };
  const act = async (fn) => { try { await fn(); await openEvent(e.id); $("#c-msg").textContent = "saved"; $("#c-msg").className = "msg-ok"; loadEvents(); } catch (err) { msg(err.message, false); } };
  $("#correct-form").onsubmit = (ev) => {
    ev.preventDefault();
    const field = $("#c-field").value;
    let value = $("#c-value").value;
    const text = ["actor1", "actor2", "assoc_actor_1", "assoc_actor_2", "location", "notes", "source", "admin1", "admin2", "country",
      "event_type", "sub_event_type", "civilian_targeting", "event_date"];
    if (value !== "" && !isNaN(Number(value)) && !text.includes(field)) value = Number(value);
    if (value === "") value = null;
    act(() => api("/events/" + e.id, {method: "PATCH", body: {changes: {[field]: value}, reason: $("#c-reason").value || null}}));
  };
  $("#c-reject").onclick = () => act(() => api(`/events/${e.id}/reject`, {method: "POST", body: {rejected: !e.rejected}}));
  $("#c-split").onclick = () => {
    const ids = [...document.querySelectorAll(".split-pick input:checked")].map((x) => x.value);
    if (!ids.length) { msg("tick the sources to split off", false); return; }
    act(() => api(`/events/${e.id}/split`, {method: "POST", body: {source_event_ids: ids}}));
  };
  document.querySelectorAll("#panel-body a.cand").forEach((a) => a.addEventListener("click", (ev) => {
    ev.preventDefault();
    $("#c-merge-id").value = a.dataset.id;
    $("#c-merge-id").focus();
  }));
  $("#c-merge").onclick = () => {
    const other = $("#c-merge-id").value.trim();
    if (!other) { msg("give the id of the event to merge in", false); return; }
    act(() => api("/events/merge", {method: "POST", body: {ids: [e.id, other]}}));
  };
}

// ------------------------------------------------------------------------------------ paste & code
async function pasteCode(ev) {
  ev.preventDefault();
  const out = $("#paste-out");
  out.innerHTML = "<p>coding…</p>";
  try {
    const res = await api("/code", {method: "POST", body: {text: $("#paste-text").value, published: $("#paste-date").value || null}});
    const all = res.events.flatMap((e) => e.evidence);
    out.innerHTML = `<p id="paste-summary">${res.events.length} event${res.events.length === 1 ? "" : "s"} (language: ${esc(res.lang || "?")})</p>
      ${(res.errors || []).map((e) => `<p class="warn">${esc(e)}</p>`).join("")}
      ${res.events.map((e) => `<div class="ev-card"><b>${esc(e.sub_event_type)}</b> · ${esc(e.event_date || "date unknown")} ·
        ${esc(e.actor1)}${e.actor2 ? " vs " + esc(e.actor2) : ""} · ${esc(e.location || e.country || "place unknown")} ·
        deaths ${e.fatalities_best ?? 0} (${e.fatalities_low ?? 0}–${e.fatalities_high ?? 0})
        ${(e.warnings || []).map((w) => `<div class="warn">${esc(w)}</div>`).join("")}</div>`).join("")}
      <h3>Evidence</h3><div class="article-text">${highlight(res.text, all)}</div>`;
  } catch (err) { out.innerHTML = `<p class="msg-error">${esc(err.message)}</p>`; }
}

// ------------------------------------------------------------------------------------ wiring
function showView(v, sync = true) {
  $("#view-map").hidden = v !== "map";
  $("#view-paste").hidden = v !== "paste";
  $("#filters").hidden = v !== "map";  // the filters apply to the map view only
  document.querySelectorAll(".tab").forEach((b) => b.classList.toggle("active", b.dataset.view === v));
  if (sync) syncUrl(readFilters());
  if (v === "map" && map) setTimeout(() => { map.invalidateSize(); fitToEvents(); }, 50);
}

async function loadFacets() {
  try { facets = await api("/facets"); } catch (e) { facets = {}; }
  const fill = (sel, vals) => { const el = $(sel); for (const v of vals || []) { const o = document.createElement("option"); o.value = o.textContent = v; el.appendChild(o); } };
  fill("#f-country", facets.countries);
  fill("#f-type", facets.event_types);
  $("#actor-list").innerHTML = (facets.actors || []).map((a) => `<option value="${esc(a)}">`).join("");
  updateAdmin1();
}
function updateAdmin1() {
  const c = $("#f-country").value, el = $("#f-admin1"), keep = el.value;
  el.innerHTML = '<option value="">all</option>';
  const vals = c ? (facets.admin1 || {})[c] || [] : [];
  for (const v of vals) { const o = document.createElement("option"); o.value = o.textContent = v; el.appendChild(o); }
  if (vals.includes(keep)) el.value = keep;
}

document.addEventListener("DOMContentLoaded", async () => {
  const initial = new URLSearchParams(location.search);  // read before the filters rewrite the URL
  $("#token").value = token();
  $("#token").addEventListener("change", (e) => localStorage.setItem("cc-token", e.target.value.trim()));
  document.querySelectorAll(".tab").forEach((b) => b.addEventListener("click", () => showView(b.dataset.view)));
  const closePanel = () => { $("#event-panel").hidden = true; currentEvent = null; syncUrl(readFilters()); };
  $("#panel-close").onclick = closePanel;
  document.addEventListener("keydown", (e) => { if (e.key === "Escape" && !$("#event-panel").hidden) closePanel(); });
  $("#paste-form").addEventListener("submit", pasteCode);
  if (initial.get("view") === "paste") showView("paste", false);  // at once; the URL is kept as it is
  initMap();
  // the events are fetched at once, with the URL's filters, while the filter choices load
  const first = loadEvents(filtersFromUrl());
  await loadFacets();
  writeFilters(filtersFromUrl());
  updateAdmin1();
  writeFilters(filtersFromUrl());
  $("#filters").addEventListener("change", (e) => { if (e.target.id === "f-country") updateAdmin1(); loadEvents(); });
  $("#filters").addEventListener("reset", () => setTimeout(loadEvents, 0));
  await first;
  if (initial.get("event")) openEvent(initial.get("event"));
});
