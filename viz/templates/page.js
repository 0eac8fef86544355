(function () {
  "use strict";
  // regkg's graph browser. Data is only ever written with textContent, attributes set one by one,
  // or SVG elements built node by node: never innerHTML. Every decision and every rule state was
  // computed in Python by graph.policy (see viz/access.py and viz/graphdata.py); this script looks
  // the chosen date up in those tables and has no time rule of its own.
  const DATA = JSON.parse(document.getElementById("regkg-data").textContent);
  const S = DATA.style, GD = DATA.graph, AC = DATA.access;
  const N = GD.ids.length;
  const KINDS = GD.kinds;
  const idx = new Map(GD.ids.map((id, i) => [id, i]));
  const GLYPH = { dot: "\u25CF", diamond: "\u25C6", star: "\u2605", triangle: "\u25B2", triangleDown: "\u25BC", square: "\u25A0", hexagon: "\u2B22" };
  const STATE_SHORT = { "in-force": "in force", "uncertain": "uncertain", "planned": "planned", "not-in-force": "not in force" };
  const OUTCOME = { permit: "May use", deny: "May not use", indeterminate: "Cannot tell", not_applicable: "No rule speaks" };
  const FOCUS_CAP = 120, RING_CLUSTER = 12, EXPAND_CAP = 150, OVERVIEW_REAL_MAX = 400, ROWS_MAX = 60, COLS_MAX = 40;
  const api = { ready: false, settled: false, timings: { start: performance.now() }, data: DATA };
  window.regkg = api;

  // ---------------------------------------------------------------- small helpers
  function $(id) { return document.getElementById(id); }
  function el(tag, text, cls) {
    const e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }
  function svg(tag, attrs, text) {
    const e = document.createElementNS("http://www.w3.org/2000/svg", tag);
    Object.keys(attrs || {}).forEach((k) => e.setAttribute(k, String(attrs[k])));
    if (text !== undefined) e.textContent = String(text);
    return e;
  }
  function shorten(text, max) { text = String(text); return text.length > max ? text.slice(0, max - 1) + "\u2026" : text; }
  function kindOf(i) { return KINDS[GD.kind[i]].kind; }
  function kstyle(i) { return KINDS[GD.kind[i]] || S.other; }
  function attrs(i) { return GD.attrs[i] || {}; }
  function relLabel(rel) {
    if (S.relations[rel]) return S.relations[rel];
    return rel.split(/[:\/#]/).pop().replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase();
  }
  const DAY = 86400000;
  function isDate(s) { return typeof s === "string" && /^\d{4}-\d{2}-\d{2}$/.test(s) && !isNaN(Date.parse(s + "T00:00:00Z")) && new Date(s + "T00:00:00Z").toISOString().slice(0, 10) === s; }
  function toDays(iso) { return Math.round(Date.parse(iso.slice(0, 10) + "T00:00:00Z") / DAY); }
  function fromDays(d) { return new Date(d * DAY).toISOString().slice(0, 10); }
  function addDays(iso, k) { return fromDays(toDays(iso) + k); }
  function bisectRight(arr, x) { let lo = 0, hi = arr.length; while (lo < hi) { const m = (lo + hi) >> 1; if (x < arr[m]) hi = m; else lo = m + 1; } return lo; }
  function notice(text) { $("notice").textContent = text || ""; }

  // ---------------------------------------------------------------- adjacency (compressed rows)
  const E = GD.edges.length / 3;
  const offs = new Int32Array(N + 1), adj = new Int32Array(2 * E);
  for (let e = 0; e < E; e++) { offs[GD.edges[3 * e] + 1]++; offs[GD.edges[3 * e + 1] + 1]++; }
  for (let i = 0; i < N; i++) offs[i + 1] += offs[i];
  (function () {
    const fill = offs.slice(0, N);
    for (let e = 0; e < E; e++) { adj[fill[GD.edges[3 * e]]++] = e; adj[fill[GD.edges[3 * e + 1]]++] = e; }
  })();
  function other(e, i) { const u = GD.edges[3 * e]; return u === i ? GD.edges[3 * e + 1] : u; }
  function edgeIds(i) { return adj.subarray(offs[i], offs[i + 1]); }
  function neighbours(i) { const out = new Set(); edgeIds(i).forEach((e) => out.add(other(e, i))); out.delete(i); return Array.from(out); }

  // ---------------------------------------------------------------- decisions (looked up, never made)
  const modelRow = new Map(AC.models.map((m, i) => [m.iri, i]));
  const audCol = new Map(AC.audiences.map((a, i) => [a.iri, i]));
  const partyCol = new Map(AC.parties.map((p, i) => [p.iri, i]));
  const decisionOf = AC.decisions.map((pairs) => AC.parts[pairs.find((p) => p[0] === "decision")[1]]);
  function column(iri) {
    if (audCol.has(iri)) return { t: "a", i: audCol.get(iri), iri: iri, label: AC.audiences[audCol.get(iri)].label, kind: AC.audiences[audCol.get(iri)].kind };
    if (partyCol.has(iri)) return { t: "p", i: partyCol.get(iri), iri: iri, label: AC.parties[partyCol.get(iri)].label, kind: AC.parties[partyCol.get(iri)].kind };
    return null;
  }
  function cellList(mi, col) { const row = AC.rows[mi]; return (col.t === "a" ? row.cells : row.parties)[col.i] || null; }
  function decisionIndex(mi, col, day) { const list = cellList(mi, col); return list ? list[bisectRight(AC.rows[mi].starts, day)] : -1; }
  function decisionAt(mi, col, day) { const d = decisionIndex(mi, col, day); return d < 0 ? null : decisionOf[d]; }
  /** What `regkg check --json` prints for this cell on `day`, rebuilt from the table. */
  function checkJson(mi, col, day) {
    const d = decisionIndex(mi, col, day);
    if (d < 0) return null;
    const out = {};
    AC.decisions[d].forEach((pair) => {
      const key = pair[0], part = pair[1];
      if (key === "on") out[key] = day;
      else if (key === "caveats") out[key] = AC.parts[part].map((c) => typeof c === "string" ? c : c.join(day));
      else out[key] = AC.parts[part];
    });
    return out;
  }
  function periodAt(mi, day) {
    const starts = AC.rows[mi].starts, k = bisectRight(starts, day);
    return { start: k > 0 ? starts[k - 1] : null, end: k < starts.length ? addDays(starts[k], -1) : null };
  }
  function rowColumns(mi) {
    const row = AC.rows[mi];
    return Object.keys(row.cells).map(Number).sort((a, b) => a - b).map((i) => column(AC.audiences[i].iri));
  }
  function ruleState(i, day) { const r = GD.rules[i]; return r ? r.states[bisectRight(r.starts, day)] : null; }

  // ---------------------------------------------------------------- dates: the range and the change dates
  let changeDates = [];
  function computeChangeDates() {
    const set = new Set();
    AC.rows.forEach((r) => r.starts.forEach((d) => set.add(d)));
    Object.keys(GD.rules).forEach((k) => GD.rules[k].starts.forEach((d) => set.add(d)));
    changeDates = Array.from(set).sort();
  }

  // ---------------------------------------------------------------- where, and as known when: which table answers
  // viz/access.py decided one table per place a rule names and per state of knowledge (the
  // known-on dates between which the same sources count); the page only picks one.
  const BASE_ROWS = AC.rows;
  function knownEpoch(iso) {
    if (!iso || !AC.known.length) return null;
    return AC.known[Math.max(0, bisectRight(AC.known, iso) - 1)];
  }
  function applyVariant() {
    const place = state.place || null, known = state.known || null, action = state.action ? "odrl:" + state.action : null;
    access.missing = false;
    if (!place && !known && !action) AC.rows = BASE_ROWS;
    else {
      const v = AC.variants.find((x) => x.place === place && x.known === known && x.action === action);
      access.missing = !v;
      AC.rows = v ? v.rows : BASE_ROWS.map((r) => ({ starts: [], cells: {}, parties: {}, events: r.events, known_until: null }));
    }
    computeChangeDates();
  }
  function askedHow() {
    return (state.action ? ", to " + state.action : "") + (state.place ? " in " + state.place : "") + (state.known ? ", as known on " + state.known : "");
  }
  // the whole period of the data (viz.chart.data_period, the same span the chart file shows)
  const dataDays = DATA.period ? [toDays(DATA.period[0]), toDays(DATA.period[1])] : null;
  /** The days every axis shows: the whole period of the data and the chosen date, padded
   *  as viz.chart.chart_span pads them. */
  function range() {
    const on = toDays(state.on);
    const lo = Math.min(dataDays ? dataDays[0] : on, on), hi = Math.max(dataDays ? dataDays[1] : on, on);
    const pad = Math.max(7, Math.round((hi - lo) * 0.05));
    return { lo: lo - pad, hi: hi + pad };
  }

  // ---------------------------------------------------------------- the state, and the URL that carries it
  const state = { view: "access", on: DATA.asOf, known: "", place: "", action: "", focus: null, sel: null, aud: null, group: "kind", overview: false };
  function readUrl() {
    if (DATA.focus && idx.has(DATA.focus)) state.focus = DATA.focus;  // regkg viz --focus: the graph opens there
    const q = new URLSearchParams(location.search), h = new URLSearchParams(location.hash.slice(1));
    const get = (k) => (h.has(k) ? h.get(k) : q.get(k));
    const on = get("on") || get("as-of");
    if (on && isDate(on)) state.on = on;
    else if (on) notice("Ignored the date '" + shorten(on, 40) + "' in the address: expected YYYY-MM-DD.");
    const known = get("known"), place = get("in");
    if (known && isDate(known) && AC.known.length) {
      state.known = knownEpoch(known);
      if (state.known !== known) notice("As known on " + known + ": the same sources count as on " + state.known + ", so the answers are those as known on " + state.known + ".");
    }
    if (place && AC.places.indexOf(place.toUpperCase()) >= 0) state.place = place.toUpperCase();
    const action = get("action");
    if (action && AC.actions.indexOf("odrl:" + action) >= 0) state.action = action;
    const focus = get("focus"), sel = get("sel"), aud = get("aud"), view = get("view"), group = get("group");
    if (focus && idx.has(focus)) state.focus = focus;
    if (sel && (idx.has(sel) || modelRow.has(sel) || audCol.has(sel) || partyCol.has(sel))) state.sel = sel;
    if (aud && column(aud)) state.aud = aud;
    if (group && ["kind", "jurisdiction", "source"].indexOf(group) >= 0) state.group = group;
    state.overview = get("overview") === "1";
    if (view === "graph" || view === "access") state.view = view;
    else if (focus && state.focus) state.view = "graph";
  }
  function writeUrl() {
    const p = new URLSearchParams();
    p.set("view", state.view);
    p.set("on", state.on);
    if (state.known) p.set("known", state.known);
    if (state.place) p.set("in", state.place);
    if (state.action) p.set("action", state.action);
    if (state.focus) p.set("focus", state.focus);
    if (state.overview) p.set("overview", "1");
    if (state.group !== "kind") p.set("group", state.group);
    if (state.sel) p.set("sel", state.sel);
    if (state.aud) p.set("aud", state.aud);
    try { history.replaceState(null, "", location.pathname + "#" + p.toString()); } catch (err) { /* an origin that forbids it keeps the old URL */ }
  }

  // ---------------------------------------------------------------- the date controls
  const onInput = $("on"), slider = $("slider");
  function setDate(iso, why) {
    if (!isDate(iso)) return false;
    state.on = iso;
    onInput.value = iso;
    const r = range();
    slider.min = String(r.lo); slider.max = String(r.hi); slider.value = String(toDays(iso));
    slider.setAttribute("aria-valuetext", iso);
    notice(why || "");
    const parts = api.timings.dateParts = {}, mark = (name, t0) => { parts[name] = performance.now() - t0; return performance.now(); };
    let t = performance.now();
    updateCells(); t = mark("cells", t);
    if (access.model !== null && state.view === "access") renderLanes(access.model);
    else lanesStale = true;
    t = mark("lanes", t);
    restyleGraph(); t = mark("graph", t);
    placeDateLine(); t = mark("timeline", t);
    refreshPanel(); t = mark("panel", t);
    writeUrl(); mark("url", t);
    return true;
  }
  function stepEvent(dir) {
    const k = dir > 0 ? bisectRight(changeDates, state.on) : bisectRight(changeDates, addDays(state.on, -1)) - 1;
    if (k < 0 || k >= changeDates.length) { notice(dir > 0 ? "No later event changes an answer." : "No earlier event changes an answer."); return null; }
    const day = changeDates[k], ev = eventsAt(day);
    setDate(day, ev.length ? "On " + day + ": " + ev.map((e) => describeBound(e, day)).join("; ") : "On " + day + ": an answer can change.");
    if (ev.length) selectNode(ev[0], { keepView: true });
    return day;
  }
  function eventsAt(day) {
    return GD.timeline.filter((i) => { const w = GD.windows[i]; return w && (w[0] === day || (w[1] && addDays(w[1], 1) === day)); });
  }
  function describeBound(i, day) {
    const w = GD.windows[i];
    return "'" + GD.label[i] + "' " + (w[0] === day ? "may have happened from this day" : "has certainly happened by this day");
  }
  onInput.addEventListener("change", () => { if (!setDate(onInput.value)) onInput.value = state.on; });
  slider.addEventListener("input", () => setDate(fromDays(+slider.value)));
  $("prev-event").addEventListener("click", () => stepEvent(-1));
  /** Answer as known on `iso` (empty: from every recorded source): the table of its state of knowledge. */
  function setKnown(iso) {
    if (iso && (!isDate(iso) || !AC.known.length)) return false;
    const epoch = knownEpoch(iso);
    state.known = epoch || "";
    $("known").value = state.known;
    applyVariant(); renderMatrix();
    if (access.model !== null) renderLanes(access.model);
    refreshPanel(); writeUrl();
    notice(!iso ? "Answers from every recorded source." : epoch === iso ? "As known on " + iso + "."
      : "As known on " + iso + ": the same sources count as on " + epoch + " (no publication window opens or closes between), so the answers are those as known on " + epoch + ".");
    return true;
  }
  /** Answer for a use in `code` (a place a rule names), or anywhere when empty. */
  function setPlace(code) {
    code = (code || "").toUpperCase();
    if (code && AC.places.indexOf(code) < 0) return false;
    state.place = code; $("place").value = code;
    applyVariant(); renderMatrix();
    if (access.model !== null) renderLanes(access.model);
    refreshPanel(); writeUrl();
    return true;
  }
  $("known").addEventListener("change", () => { if (!setKnown($("known").value)) $("known").value = state.known; });
  $("place").addEventListener("change", () => setPlace($("place").value));
  /** Answer about another action a rule names (distribute, ...), or use when empty. */
  function setAction(name) {
    name = name || "";
    if (name && AC.actions.indexOf("odrl:" + name) < 0) return false;
    state.action = name; $("action").value = name;
    applyVariant(); renderMatrix();
    if (access.model !== null) renderLanes(access.model);
    refreshPanel(); writeUrl();
    return true;
  }
  $("action").addEventListener("change", () => setAction($("action").value));
  $("next-event").addEventListener("click", () => stepEvent(1));

  // ---------------------------------------------------------------- views
  function setView(view) {
    state.view = view;
    ["access", "graph"].forEach((v) => {
      const tab = $("tab-" + v), on = v === view;
      tab.setAttribute("aria-selected", String(on));
      tab.tabIndex = on ? 0 : -1;
      $(v).hidden = !on;
    });
    if (view === "graph") { showGraph(); if (GV.styleStale) restyleGraph(); }
    else if (lanesStale && access.model !== null) { lanesStale = false; renderLanes(access.model); }
    writeUrl();
  }
  $("tab-access").addEventListener("click", () => setView("access"));
  $("tab-graph").addEventListener("click", () => setView("graph"));
  $("tabs").addEventListener("keydown", (ev) => {
    if (ev.key === "ArrowRight" || ev.key === "ArrowLeft") {
      const next = state.view === "access" ? "graph" : "access";
      setView(next); $("tab-" + next).focus(); ev.preventDefault();
    }
  });

  // ---------------------------------------------------------------- the Access view
  const access = { model: null, col: null, rows: [], cols: [], missing: false };
  let lanesStale = false;  // the lanes are redrawn when the Access view shows again
  function decisionStyle(value) { return S.decisions[value] || S.decisions.not_applicable; }
  function paintCell(button, value, mi, col) {
    const st = decisionStyle(value);
    button.textContent = st.symbol;
    button.style.background = st.color;
    button.style.color = st.ink;
    const until = AC.rows[mi].known_until, after = !!(until && until.latest && state.on > until.latest);
    button.className = "cell d-" + value + (access.model === mi && access.col && access.col.iri === col.iri ? " current" : "") + (after ? " after-horizon" : "");
    button.dataset.decision = value;
    const beyond = after ? "; after the knowledge horizon (known until " + until.latest + "): the state may have changed since" : "";
    button.setAttribute("aria-label", AC.models[mi].label + " (" + AC.models[mi].kind + "), " + col.label + ": " + st.label + " on " + state.on + askedHow() + beyond);
    button.title = st.label + ": " + st.help + beyond;
  }
  function matrixSelection() {
    const q = $("matrix-filter").value.trim().toLowerCase();
    const hitModel = (mi) => !q || AC.models[mi].label.toLowerCase().indexOf(q) >= 0;
    let rows = AC.models.map((_, i) => i).filter(hitModel);
    let colFilter = null;
    if (!rows.length && q) {
      colFilter = (c) => c.label.toLowerCase().indexOf(q) >= 0;
      rows = AC.models.map((_, i) => i).filter((mi) => rowColumns(mi).some(colFilter));
    }
    const total = rows.length;
    if (access.model !== null && rows.indexOf(access.model) < 0 && hitModel(access.model)) rows.unshift(access.model);
    rows = rows.slice(0, ROWS_MAX);
    let cols;
    if (AC.full) cols = AC.audiences.map((a) => column(a.iri));
    else {
      const count = new Map();
      rows.forEach((mi) => rowColumns(mi).forEach((c) => count.set(c.i, (count.get(c.i) || 0) + 1)));
      cols = Array.from(count.keys()).sort((a, b) => count.get(b) - count.get(a) || a - b).map((i) => column(AC.audiences[i].iri));
    }
    if (colFilter) cols = cols.filter(colFilter);
    return { rows: rows, cols: cols.slice(0, COLS_MAX), total: total, colTotal: cols.length };
  }
  function renderMatrix() {
    const sel = matrixSelection();
    access.rows = sel.rows; access.cols = sel.cols;
    const table = $("matrix");
    table.replaceChildren();
    const head = table.createTHead().insertRow();
    const corner = el("th", (AC.models.some((m) => m.kind === "service") ? "model or service" : "model") + " \u2193 · audience \u2192"); corner.className = "hint"; head.appendChild(corner);
    sel.cols.forEach((c) => {
      const th = el("th"), b = el("button", c.label, "head");
      b.type = "button"; b.title = c.label + ": what may it use?"; b.dataset.col = c.iri;
      b.addEventListener("click", () => selectColumn(c.iri));
      th.scope = "col"; th.appendChild(b); head.appendChild(th);
    });
    const body = table.createTBody();
    sel.rows.forEach((mi, r) => {
      const tr = body.insertRow(), th = el("th"), b = el("button", AC.models[mi].label, "head");
      th.scope = "row"; b.type = "button"; b.title = AC.models[mi].label + " (" + AC.models[mi].kind + "): who may use it?"; b.dataset.model = String(mi);
      if (AC.models[mi].kind === "service") b.appendChild(el("span", "service", "kind-tag"));
      b.addEventListener("click", () => selectModel(mi));
      th.appendChild(b); tr.appendChild(th);
      sel.cols.forEach((c, k) => {
        const td = tr.insertCell();
        if (!cellList(mi, c)) { td.className = "empty"; td.title = access.missing ? "not decided in this page for" + askedHow() + " (ask regkg check)" : "not decided here: no rule about this model names this audience (ask regkg check)"; return; }
        const cell = el("button", null, "cell"); cell.type = "button";
        cell.dataset.m = String(mi); cell.dataset.col = c.iri; cell.dataset.r = String(r); cell.dataset.c = String(k);
        cell.addEventListener("click", () => selectCell(mi, c.iri));
        td.appendChild(cell);
      });
    });
    const parts = [];
    if (sel.total > sel.rows.length) parts.push("Showing " + sel.rows.length + " of " + sel.total + " models: type to filter.");
    if (sel.colTotal > sel.cols.length) parts.push("Showing " + sel.cols.length + " of " + sel.colTotal + " audiences.");
    if (access.missing) parts.push("This page holds no table for" + askedHow().replace(/^,/, "") + ": ask regkg check" + (state.place ? " --in " + state.place : "")
      + (state.known ? " --known-on " + state.known : "") + (state.action ? " --action " + state.action : "") + ".");
    parts.push(AC.full ? "Every model is decided for every audience, as regkg availability does."
      : "Large graph: a model is decided for the audiences its rules name (regkg who-can); hatched grey cells were not decided.");
    $("matrix-note").textContent = parts.join(" ");
    updateCells();
  }
  function updateCells() {
    document.querySelectorAll("#matrix button.cell").forEach((b) => {
      const mi = +b.dataset.m, col = column(b.dataset.col);
      paintCell(b, decisionAt(mi, col, state.on), mi, col);
    });
    document.querySelectorAll("#matrix button.head").forEach((b) => {
      const on = (b.dataset.model !== undefined && +b.dataset.model === access.model) || (b.dataset.col && access.col && access.col.iri === b.dataset.col && access.model === null);
      b.classList.toggle("current", !!on);
    });
  }
  $("matrix-filter").addEventListener("input", renderMatrix);
  $("matrix").addEventListener("keydown", (ev) => {
    const t = ev.target;
    if (!t.classList || !t.classList.contains("cell")) return;
    const moves = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
    const m = moves[ev.key];
    if (!m) return;
    const next = document.querySelector('#matrix button.cell[data-r="' + (+t.dataset.r + m[0]) + '"][data-c="' + (+t.dataset.c + m[1]) + '"]');
    if (next) { next.focus(); ev.preventDefault(); }
  });
  function buildDecisionLegend() {
    const box = $("decision-legend");
    S.decisionOrder.forEach((d) => {
      const st = S.decisions[d], item = el("span", null, "item"), sw = el("span", st.symbol, "swatch d-" + d);
      sw.style.background = st.color; sw.style.color = st.ink;
      item.appendChild(sw); item.appendChild(el("span", st.label)); item.title = st.help;
      box.appendChild(item);
    });
  }

  // ---------------------------------------------------------------- availability over time (the lanes)
  function laneColumns(mi) { return AC.full ? AC.audiences.map((a) => column(a.iri)) : rowColumns(mi); }
  function renderLanes(mi) {
    const box = $("lanes"), row = AC.rows[mi], cols = laneColumns(mi);
    $("lanes-title").textContent = "Availability over time: " + AC.models[mi].label + (AC.models[mi].kind === "service" ? " (service)" : "") + askedHow();
    const width = Math.max(320, box.clientWidth || 900), narrow = width < 640;
    const labelW = narrow ? 110 : 250, laneH = 22, top = row.known_until && row.known_until.latest ? 38 : 22, eventsH = 16 * 3 + 18;
    const height = top + cols.length * (laneH + 4) + eventsH + 8;
    const r = range(), span = Math.max(1, r.hi - r.lo), plotW = width - labelW - 12;
    const x = (iso) => labelW + (Math.min(Math.max(toDays(iso), r.lo), r.hi + 1) - r.lo) / (span + 1) * plotW;
    x.invert = (px) => fromDays(r.lo + Math.floor((px - labelW) / plotW * (span + 1)));
    const root = svg("svg", { viewBox: "0 0 " + width + " " + height, role: "img", "aria-label": "Availability of " + AC.models[mi].label + " over time, one lane per audience" });
    const defs = svg("defs"), pat = svg("pattern", { id: "hatch", width: 7, height: 7, patternUnits: "userSpaceOnUse", patternTransform: "rotate(45)" });
    pat.appendChild(svg("rect", { width: 2.5, height: 7, fill: "rgba(0,0,0,.35)" }));
    defs.appendChild(pat); root.appendChild(defs);
    axis(root, r, x, top, height - eventsH + 2);
    const first = fromDays(r.lo), last = fromDays(r.hi);
    cols.forEach((c, k) => {
      const y = top + k * (laneH + 4);
      const label = svg("text", { x: labelW - 6, y: y + laneH / 2 + 4, "text-anchor": "end", class: "lane-label" }, shorten(c.label, narrow ? 16 : 38));
      label.appendChild(svg("title", {}, c.label));
      root.appendChild(label);
      const list = cellList(mi, c);
      if (!list) return;
      // consecutive periods with the same decision are drawn as one segment
      let k0 = 0;
      for (let p = 1; p <= list.length; p++) {
        if (p < list.length && decisionOf[list[p]] === decisionOf[list[k0]]) continue;
        const from = k0 === 0 ? first : row.starts[k0 - 1], to = p === list.length ? last : addDays(row.starts[p - 1], -1);
        if (to >= first && from <= last) lane(root, mi, c, decisionOf[list[k0]], from < first ? first : from, to > last ? last : to, x, y, laneH, k0 === 0, p === list.length);
        k0 = p;
      }
    });
    markers(root, row.events, x, top + cols.length * (laneH + 4) + 6);
    horizon(root, row.known_until, x, r, top, top + cols.length * (laneH + 4), width);
    const xl = x(state.on);
    root.appendChild(svg("line", { x1: xl, x2: xl, y1: top - 4, y2: height - 4, stroke: "#c0392b", "stroke-width": 2 }));
    root.appendChild(svg("text", { x: Math.min(xl + 3, width - 70), y: height - 2, fill: "#c0392b" }, state.on));
    box.replaceChildren(root);
  }
  /** The knowledge horizon: after the newest source about the model, the state may have changed since. */
  function horizon(root, until, x, r, top, bottom, width) {
    if (!until || !until.latest || toDays(until.latest) + 1 > r.hi) return;
    const xh = x(addDays(until.latest, 1)), g = svg("g", { class: "horizon", "data-latest": until.latest });
    g.appendChild(svg("rect", { x: xh, y: top - 4, width: Math.max(0, x(fromDays(r.hi + 1)) - xh), height: bottom - top + 4, fill: "rgba(255,255,255,.45)" }));
    g.appendChild(svg("line", { x1: xh, x2: xh, y1: top - 30, y2: bottom, stroke: "#555", "stroke-dasharray": "4 3" }));
    g.appendChild(svg("text", { x: Math.min(xh + 3, width - 130), y: top - 26, class: "axis" }, "known until " + until.latest));
    g.appendChild(svg("title", {}, "Knowledge horizon: the newest source about this model is '" + until.label + "' (" + until.date_text
      + "); after " + until.latest + " the state may have changed since"));
    root.appendChild(g);
  }
  function lane(root, mi, col, value, from, to, x, y, h, openStart, openEnd) {
    const st = decisionStyle(value), x0 = x(from), x1 = x(addDays(to, 1));
    const g = svg("g", { class: "seg", "data-decision": value });
    g.appendChild(svg("rect", { x: x0, y: y, width: Math.max(1, x1 - x0), height: h, fill: st.color }));
    if (st.hatch) g.appendChild(svg("rect", { x: x0, y: y, width: Math.max(1, x1 - x0), height: h, fill: "url(#hatch)" }));
    if (x1 - x0 > 18) g.appendChild(svg("text", { x: x0 + 4, y: y + h / 2 + 4, fill: st.ink }, st.symbol));
    g.appendChild(svg("title", {}, col.label + ": " + st.label + " " + (openStart ? "until " + to : openEnd ? "from " + from : from + " to " + to)));
    g.addEventListener("click", (ev) => {
      const box = root.getBoundingClientRect(), px = (ev.clientX - box.left) * root.viewBox.baseVal.width / box.width;
      const day = x.invert(px);
      setDate(day < from ? from : day > to ? to : day);
      selectCell(mi, col.iri);
    });
    root.appendChild(g);
  }
  function axis(root, r, x, top, bottom) {
    const start = new Date(r.lo * DAY);
    let d = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1));
    const months = [];
    while (d.getTime() / DAY <= r.hi) { months.push(new Date(d)); d.setUTCMonth(d.getUTCMonth() + 1); }
    const step = Math.max(1, Math.ceil(months.length / 10));
    months.forEach((m, i) => {
      if (i % step) return;
      const iso = m.toISOString().slice(0, 10), xm = x(iso);
      root.appendChild(svg("line", { x1: xm, x2: xm, y1: top - 4, y2: bottom, stroke: "#e5e8e8" }));
      root.appendChild(svg("text", { x: xm + 2, y: top - 8, class: "axis" }, m.toLocaleString("en", { month: "short", year: "numeric", timeZone: "UTC" })));
    });
  }
  function markers(root, events, x, y0) {
    const rowsEnd = [-1e9, -1e9, -1e9];
    events.slice().sort((a, b) => String((GD.windows[a] || [])[0] || (GD.windows[a] || [])[1]).localeCompare(String((GD.windows[b] || [])[0] || (GD.windows[b] || [])[1])))
      .forEach((i) => {
        const w = GD.windows[i] || [null, null], r = range();
        const from = w[0] || fromDays(r.lo), to = w[1] || fromDays(r.hi);
        const x0 = x(from), x1 = w[0] && w[1] && w[0] === w[1] ? x0 : x(addDays(to, 1));
        let lane = rowsEnd.findIndex((end) => end < x0 - 2);
        if (lane < 0) lane = rowsEnd.indexOf(Math.min.apply(null, rowsEnd));
        rowsEnd[lane] = Math.max(x1, x0 + 8);
        const y = y0 + lane * 16, planned = ["planned", "forecast"].indexOf(attrs(i).status) >= 0;
        const shape = x1 - x0 < 6
          ? svg("path", { d: "M" + x0 + " " + (y + 1) + " l6 6 l-6 6 l-6 -6 z" })
          : svg("rect", { x: x0, y: y + 2, width: x1 - x0, height: 10, rx: 3 });
        shape.setAttribute("fill", planned ? "#bfc9ca" : "#8e44ad");
        shape.setAttribute("fill-opacity", w[0] && w[1] ? "0.9" : "0.45");
        shape.setAttribute("class", "marker");
        shape.setAttribute("tabindex", "0");
        shape.setAttribute("role", "button");
        shape.setAttribute("data-node", GD.ids[i]);
        shape.setAttribute("aria-label", GD.label[i] + " (" + (attrs(i).date_text || "no date given") + ")");
        shape.appendChild(svg("title", {}, GD.label[i] + " \u2014 " + (attrs(i).date_text || "no date given") + " [" + (w[0] || "open") + " \u2026 " + (w[1] || "open") + "]"));
        const open = () => selectNode(i, { keepView: true });
        shape.addEventListener("click", open);
        shape.addEventListener("keydown", (ev) => { if (ev.key === "Enter" || ev.key === " ") { open(); ev.preventDefault(); } });
        root.appendChild(shape);
      });
  }

  // ---------------------------------------------------------------- selections in the Access view
  function selectCell(mi, iri) {
    access.model = mi; access.col = column(iri);
    state.sel = AC.models[mi].iri; state.aud = iri;
    updateCells(); renderLanes(mi); showCellPanel(mi, access.col); writeUrl();
  }
  function selectModel(mi) {
    access.model = mi; access.col = null;
    state.sel = AC.models[mi].iri; state.aud = null;
    updateCells(); renderLanes(mi);
    if (idx.has(AC.models[mi].iri)) showNodePanel(idx.get(AC.models[mi].iri)); else showModelOnly(mi);
    writeUrl();
  }
  function selectColumn(iri) {
    access.col = column(iri); access.model = null;
    state.sel = iri; state.aud = null;
    updateCells();
    if (idx.has(iri)) showNodePanel(idx.get(iri)); else showColumnOnly(access.col);
    writeUrl();
  }

  // ---------------------------------------------------------------- the panel
  const panel = $("panel");
  let panelShows = null;  // a function that redraws the panel (after a date change)
  function refreshPanel() { if (panelShows) panelShows(); }
  function clearPanel() {
    panelShows = null;
    panel.replaceChildren(el("p", "Choose a cell for the evidence, a model or audience for its answers, or a node in the graph.", "hint"));
  }
  function link(text, onclick, title) {
    const b = el("button", text, "link"); b.type = "button"; if (title) b.title = title;
    b.addEventListener("click", onclick);
    return b;
  }
  function nodeLink(iri, text) {
    if (!idx.has(iri)) return el("span", text || iri);
    return link(text || GD.label[idx.get(iri)], () => selectNode(idx.get(iri), {}));
  }
  function badge(value) {
    const st = decisionStyle(value), b = el("span", null, "decision d-" + value);
    b.style.background = st.color; b.style.color = st.ink;
    b.appendChild(el("span", st.symbol)); b.appendChild(el("span", st.label));
    b.title = st.help;
    return b;
  }
  function cliName(iri, label) { return iri.split("/").pop() || label; }
  /** A word a POSIX shell reads back as written: a label pasted into a terminal must stay text. */
  function shellWord(text) { return /^[A-Za-z0-9._\/:@%+=-]+$/.test(text) ? text : "'" + text.replace(/'/g, "'\\''") + "'"; }
  function checkCommand(mi, col) {
    const who = col.kind === "group" ? "--member-of " + shellWord(cliName(col.iri, col.label)) : "--party " + shellWord(col.label);
    return "regkg check " + shellWord(AC.models[mi].label) + " --on " + state.on + " " + who + (state.place ? " --in " + state.place : "")
      + (state.known ? " --known-on " + state.known : "") + (state.action ? " --action " + state.action : "") + " --json";
  }
  function showCellPanel(mi, col) {
    panelShows = () => showCellPanel(mi, col);
    const j = checkJson(mi, col, state.on);
    panel.replaceChildren();
    const h = el("h2"); h.appendChild(nodeLink(AC.models[mi].iri, AC.models[mi].label)); h.appendChild(document.createTextNode(" \u00D7 "));
    h.appendChild(nodeLink(col.iri, col.label)); panel.appendChild(h);
    if (!j) {
      panel.appendChild(el("p", "Not decided in this page: " + (access.missing ? "it holds no table for" + askedHow() : "no rule about this model names this audience")
        + ". Ask: " + checkCommand(mi, col).replace(" --json", ""), "hint"));
      return;
    }
    const p = el("p"); p.appendChild(badge(j.decision)); p.appendChild(document.createTextNode(" on " + state.on + askedHow())); panel.appendChild(p);
    panel.appendChild(el("p", "Decided about the " + (j.model.kind || "model") + " " + j.model.label + (j.place ? ", for a use in " + j.place : ""), "about"));
    if (j.known_until && j.known_until.latest) {
      const after = state.on > j.known_until.latest;
      panel.appendChild(el("p", "Known until " + j.known_until.latest + ": the newest source about it is '" + j.known_until.label + "' (" + j.known_until.date_text + ")"
        + (after ? ". This date is after it: the state may have changed since." : "."), after ? "horizon after" : "horizon"));
    }
    const span = periodAt(mi, state.on);
    const holds = span.start && span.end ? "from " + span.start + " to " + span.end : span.start ? "from " + span.start + " on" : span.end ? "until " + span.end : "on every date";
    panel.appendChild(el("p", "The same answer holds " + holds + ": no recorded date falls between.", "hint"));
    panel.appendChild(el("h3", "Because"));
    const ul = el("ul");
    if (!j.evidence.length) ul.appendChild(el("li", "no rule in force on this date is about this audience and this model"));
    j.evidence.forEach((e) => ul.appendChild(evidenceItem(e)));
    panel.appendChild(ul);
    /** A titled list in the panel, one item per entry; nothing when there is none. */
    const section = (title, entries, item) => {
      if (!entries || !entries.length) return;
      panel.appendChild(el("h3", title));
      const u = el("ul");
      entries.forEach((x) => u.appendChild(item(x, el("li"))));
      panel.appendChild(u);
    };
    const text = (li, t) => { li.appendChild(document.createTextNode(t)); return li; };
    section("Depends on", j.undetermined_by, (w, li) => {
      li.appendChild(nodeLink(w.event, w.label));
      return text(li, " \u2014 '" + w.date_text + "', between " + (w.earliest || "an unknown date") + " and " + (w.latest || "an unknown date"));
    });
    section("Order unknown", j.undetermined_order, (o, li) => {
      li.appendChild(nodeLink(o.first.event, o.first.label)); text(li, " ('" + o.first.date_text + "') and ");
      li.appendChild(nodeLink(o.second.event, o.second.label));
      return text(li, " ('" + o.second.date_text + "'): no source says which came first, and the answer depends on it");
    });
    section("Not said", j.missing, (m, li) => {
      text(li, m.what + (m.could_be && m.could_be.length ? ": would make it " + m.could_be.join(" or ") : "") + " \u2014 say so with ");
      li.appendChild(el("code", m.option));
      return li;
    });
    section("Sources it depends on", j.undetermined_by_sources, (d, li) => {
      if (d.why !== "conflict") {
        li.appendChild(nodeLink(d.source, d.label || d.source));
        return text(li, " \u2014 perhaps published by " + state.known + " ('" + (d.date_text || "not stated") + "')");
      }
      text(li, "the sources disagree about ");
      li.appendChild(nodeLink(d.about, d.about_label || d.about));
      return text(li, ": " + (d.accounts || []).map((a) => "'" + (a.label || a.source) + "'").join(" vs "));
    });
    section("Caveats", j.caveats, (t, li) => text(li, t));
    panel.appendChild(el("h3", "As regkg check --json gives it"));
    panel.appendChild(el("code", checkCommand(mi, col)));
    const pre = el("pre", JSON.stringify(j, null, 2)); pre.id = "check-json"; panel.appendChild(pre);
  }
  function evidenceItem(e) {
    const li = el("li");
    li.appendChild(el("strong", e.effect + ": "));
    li.appendChild(nodeLink(e.rule, e.label));
    if (e.inferred || e.inferred_from) li.appendChild(inferredMark(e));
    if (e.authority) li.appendChild(el("div", "by: " + e.authority, "authority"));
    const ev = el("div");
    ev.appendChild(document.createTextNode("event: "));
    ev.appendChild(nodeLink(e.event, e.event_label));
    ev.appendChild(document.createTextNode(" [" + e.date_text + "; " + (e.earliest || "?") + ".." + (e.latest || "?") + "; " + e.event_state + "]"));
    li.appendChild(ev);
    li.appendChild(el("div", "source: " + e.source, "hint"));
    return li;
  }
  function inferredMark(e) {
    const from = Array.isArray(e.inferred_from) ? e.inferred_from.join(", ") : (e.inferred_from || "");
    const m = el("span", "inferred", "inferred");
    m.title = "a curator's inference, not stated by the source" + (from ? "; from " + from : "");
    return m;
  }
  function answers(title, items) {
    // items: [{value, label, onclick}] grouped by decision value
    const box = el("div");
    box.appendChild(el("h3", title));
    S.decisionOrder.forEach((d) => {
      const these = items.filter((it) => it.value === d);
      if (!these.length) return;
      const p = el("p"); p.appendChild(badge(d)); p.appendChild(document.createTextNode(" " + OUTCOME[d] + " (" + these.length + ")"));
      box.appendChild(p);
      const ul = el("ul");
      these.forEach((it) => { const li = el("li"); li.appendChild(link(it.label, it.onclick)); ul.appendChild(li); });
      box.appendChild(ul);
    });
    if (!items.length) box.appendChild(el("p", "No decision recorded in this page.", "hint"));
    return box;
  }
  function whoMay(mi) {
    return answers("Who may use it on " + state.on + askedHow(), rowColumns(mi).map((c) => ({
      value: decisionAt(mi, c, state.on), label: c.label, onclick: () => { setView("access"); selectCell(mi, c.iri); } })));
  }
  function whatMay(col) {
    const items = [];
    AC.models.forEach((m, mi) => { const v = decisionAt(mi, col, state.on); if (v) items.push({ value: v, label: m.label, onclick: () => { setView("access"); selectCell(mi, col.iri); } }); });
    const box = answers("What may it use on " + state.on + askedHow(), items);
    if (col.t === "p") box.appendChild(el("p", "Asked as this party alone, with no group given: the sources name no member of most groups, so say which it belongs to with regkg what-can --party \u2026 --member-of GROUP.", "hint"));
    if (col.t === "p" && (state.place || state.known)) box.appendChild(el("p", "This page decides a party alone only anywhere, with every recorded source: ask regkg what-can --party \u2026" + (state.place ? " --in " + state.place : "") + (state.known ? " --known-on " + state.known : "") + ".", "hint"));
    return box;
  }
  function showModelOnly(mi) { panelShows = () => showModelOnly(mi); panel.replaceChildren(el("h2", AC.models[mi].label), whoMay(mi)); }
  function showColumnOnly(col) { panelShows = () => showColumnOnly(col); panel.replaceChildren(el("h2", col.label), whatMay(col)); }
  function bounds(a) { return (!a.earliest && !a.latest) ? "no bounds" : (a.earliest || "open") + " \u2026 " + (a.latest || "open"); }
  function showNodePanel(i) {
    panelShows = () => showNodePanel(i);
    panel.replaceChildren();
    const k = kstyle(i), a = attrs(i), id = GD.ids[i];
    panel.appendChild(el("h2", GD.label[i]));
    const chip = el("span", k.label, "chip"); chip.style.background = k.color; panel.appendChild(chip);
    const dl = el("dl");
    const row = (term, value) => { if (value === undefined || value === null || value === "") return; dl.appendChild(el("dt", term)); dl.appendChild(el("dd", value)); };
    row("Also", (GD.aliases[i] || []).join(", "));
    row("Status", a.status);
    row("When", a.date_text);
    if (a.earliest || a.latest || a.date_text) row("Bounds", bounds(a) + (a.precision ? " (" + a.precision + ")" : ""));
    const w = GD.windows[i];
    if (w && (w[0] !== (a.earliest || null) || w[1] !== (a.latest || null))) row("Narrowed", (w[0] || "open") + " \u2026 " + (w[1] || "open") + " (by the recorded order)");
    row("Type", a.event_type || a.statement_kind || a.organization_kind);
    row("Value", a.value !== undefined ? String(a.value) + (a.unit ? " " + a.unit : "") : undefined);
    row("About", a.description);
    row("Note", a.note);
    row("Recorded", a.recorded);
    if (a.inferred || a.inferred_from) row("Inferred", "a curator's inference" + (a.inferred_from ? " from " + [].concat(a.inferred_from).join(", ") : ""));
    row("IRI", id);
    panel.appendChild(dl);
    if (modelRow.has(id)) {
      panel.appendChild(whoMay(modelRow.get(id)));
      panel.appendChild(link("Availability over time \u2192", () => { setView("access"); selectModel(modelRow.get(id)); }));
    }
    const col = column(id);
    if (col) panel.appendChild(whatMay(col));
    else if (["company", "organization", "government", "person"].indexOf(kindOf(i)) >= 0)
      panel.appendChild(el("p", "What may it use: not computed in this page (large graph); ask regkg what-can --party " + shellWord(GD.label[i]) + " --on " + state.on, "hint"));
    if (GD.rules[i]) panel.appendChild(ruleBlock(i));
    panel.appendChild(el("h3", "Sources"));
    const srcs = el("ul"); srcs.id = "panel-sources";
    (GD.sources[i] || []).forEach((s) => srcs.appendChild(el("li", GD.sections[s] || s)));
    if (!(GD.sources[i] || []).length) srcs.appendChild(el("li", "none recorded"));
    panel.appendChild(srcs);
    if (served) {
      const q = queryLink(i);
      if (q) { const p = el("p"); const aq = el("a", "Ask about it in SPARQL \u2192"); aq.href = q; p.appendChild(aq); panel.appendChild(p); }
    }
    panel.appendChild(connections(i));
  }
  function ruleBlock(i) {
    const box = el("div"), r = GD.rules[i], st = ruleState(i, state.on);
    const p = el("p", "On " + state.on + ": "); p.appendChild(el("span", STATE_SHORT[st], "state state-" + st)); box.appendChild(p);
    const ul = el("ul");
    const line = (prefix, t) => {
      const li = el("li", prefix + ": ");
      li.appendChild(t.node !== null && t.node !== undefined ? link(t.label, () => selectNode(t.node, {})) : el("span", t.label));
      li.appendChild(document.createTextNode(" \u2014 " + (t.status || "no status") + "; " + (t.date_text || "no date") + " [" + bounds(t) + "]"));
      return li;
    };
    r.gen.forEach((t) => ul.appendChild(line(t.kind === "source" ? "no enacting event; in force by its source" : "enacted by", t)));
    r.end.forEach((t) => ul.appendChild(line("ended by", t)));
    if (r.policy !== null && r.policy !== undefined) { const li = el("li", "policy: "); li.appendChild(link(GD.label[r.policy], () => selectNode(r.policy, {}))); ul.appendChild(li); }
    box.appendChild(ul);
    return box;
  }
  function connections(i) {
    const box = el("div"), list = edgeIds(i);
    box.appendChild(el("h3", "Connections (" + list.length + ")"));
    const ul = el("ul");
    Array.from(list.subarray(0, 60)).forEach((e) => {
      const out = GD.edges[3 * e] === i, o = other(e, i);
      const li = el("li", (out ? "\u2192 " : "\u2190 ") + relLabel(GD.relations[GD.edges[3 * e + 2]]) + ": ");
      li.appendChild(link(shorten(GD.label[o], 80), () => selectNode(o, {}))); ul.appendChild(li);
    });
    if (list.length > 60) ul.appendChild(el("li", "\u2026 and " + (list.length - 60) + " more"));
    box.appendChild(ul);
    return box;
  }

  // ---------------------------------------------------------------- the two pages link to each other (when served)
  const served = location.protocol === "http:" || location.protocol === "https:";
  function queryLink(i) {
    const k = kindOf(i), id = encodeURIComponent(GD.ids[i]);
    if (k === "model") return "/?example=model-history&model=" + id;
    if (["company", "organization", "government"].indexOf(k) >= 0) return "/?example=organization-events&organization=" + id;
    return null;
  }

  // ---------------------------------------------------------------- selection of any node
  function selectNode(i, opts) {
    opts = opts || {};
    state.sel = GD.ids[i]; state.aud = null;
    if (state.view === "graph" && !opts.keepView) {
      if (!graphHas(i)) focusOn(i);
      else { GV.net.selectNodes(["n" + i]); GV.net.focus("n" + i, { scale: Math.max(GV.net.getScale(), 0.9), animation: { duration: 250 } }); }
    } else if (state.view === "graph" && GV.net && graphHas(i)) GV.net.selectNodes(["n" + i]);
    markTimeline(i);
    showNodePanel(i);
    writeUrl();
    return true;
  }
  function clearSelection() {
    state.sel = null; state.aud = null; access.col = null;
    if (GV.net) GV.net.unselectAll();
    markTimeline(-1);
    document.querySelectorAll("#matrix .current").forEach((b) => b.classList.remove("current"));
    clearPanel();
    writeUrl();
  }

  // ---------------------------------------------------------------- the graph view
  const GV = { net: null, nodes: null, edges: null, units: [], byId: new Map(), pos: new Map(), origin: null, lonely: new Set(),
               styled: new Map(), styleStale: false,
               hidden: new Set(KINDS.filter((k) => k.hidden).map((k) => k.kind)), edgeLabels: false, drawn: [] };
  function graphHas(i) { return GV.byId.has("n" + i); }
  function ensureNetwork() {
    if (GV.net) return;
    GV.nodes = new vis.DataSet(); GV.edges = new vis.DataSet();
    const groups = {};
    KINDS.forEach((k) => { groups[k.kind] = { shape: k.shape, color: { background: k.color, border: "#34495e", highlight: { background: k.color, border: S.selection }, hover: { background: k.color, border: "#000" } } }; });
    GV.net = new vis.Network($("network"), { nodes: GV.nodes, edges: GV.edges }, {
      groups: groups,
      nodes: { font: { size: 14, face: "system-ui, DejaVu Sans, sans-serif", color: "#1b2631", strokeWidth: 3, strokeColor: "#ffffff" },
               scaling: { min: 6, max: 34, label: { enabled: true, min: 11, max: 22, maxVisible: 20, drawThreshold: 8 } },
               widthConstraint: { maximum: 170 }, borderWidth: 1, borderWidthSelected: 4 },
      edges: { arrows: { to: { enabled: true, scaleFactor: 0.45 } }, smooth: false, selectionWidth: 2, hoverWidth: 0.5,
               color: { highlight: S.selection }, font: { size: 10, align: "middle", color: "#566573", strokeWidth: 3, strokeColor: "#ffffff" } },
      physics: { enabled: false, solver: "forceAtlas2Based", stabilization: { enabled: false },
                 forceAtlas2Based: { gravitationalConstant: -90, centralGravity: 0.01, springLength: 110, springConstant: 0.06, damping: 0.5, avoidOverlap: 0.7 } },
      interaction: { hover: true, tooltipDelay: 150, hideEdgesOnDrag: true, keyboard: false },
      layout: { improvedLayout: false }
    });
    GV.net.on("click", (p) => {
      if (p.nodes.length) unitClicked(p.nodes[0]);
      else if (!p.edges.length) clearSelection();
    });
    GV.net.on("doubleClick", (p) => { if (p.nodes.length && p.nodes[0][0] === "n") focusOn(+p.nodes[0].slice(1)); });
    GV.net.on("stabilizationIterationsDone", settle);
    api.network = GV.net;
  }
  function unitClicked(id) {
    const u = GV.byId.get(id);
    if (!u) return;
    if (u.cluster) expand(u);
    else selectNode(u.node, { keepView: true });
  }
  function shownKind(i) { return !GV.hidden.has(kindOf(i)); }
  function realUnit(i) { return { id: "n" + i, node: i }; }
  function clusterUnit(members, path, label) {
    return { id: "c:" + path.map((p) => p[0] + "=" + p[1]).join("|"), cluster: true, members: members, path: path, label: label };
  }
  function keyValue(key, i) {
    if (key === "kind") return kindOf(i);
    if (key === "label") return "";
    const g = GD.clusters[key];
    return g.names[g.of[i]];
  }
  function kindLabel(kind) { const k = KINDS.find((x) => x.kind === kind); return k ? k.label : kind; }
  function clusterLabel(key, value, count, path) {
    if (key === "kind") return kindLabel(value) + " (" + count + ")";
    const kindStep = (path || []).filter((p) => p[0] === "kind").pop();
    return (kindStep ? kindLabel(kindStep[1]) + " \u00B7 " : "") + shorten(value, 40) + " (" + count + ")";
  }
  function split(members, path) {
    const used = new Set(path.map((p) => p[0]));
    const keys = [state.group, "kind", "jurisdiction", "source"].filter((k, n, all) => all.indexOf(k) === n && !used.has(k));
    for (const key of keys) {
      const parts = new Map();
      members.forEach((i) => { const v = keyValue(key, i); if (!parts.has(v)) parts.set(v, []); parts.get(v).push(i); });
      if (parts.size > 1 || keys[keys.length - 1] === key) {
        if (parts.size === 1 && members.length > EXPAND_CAP) break;
        return Array.from(parts.entries()).map((kv) => kv[1].length === 1 ? realUnit(kv[1][0])
          : clusterUnit(kv[1], path.concat([[key, kv[0]]]), clusterLabel(key, kv[0], kv[1].length, path)));
      }
    }
    // nothing splits them: alphabetical runs of at most EXPAND_CAP
    const sorted = members.slice().sort((a, b) => GD.label[a].localeCompare(GD.label[b]));
    const out = [];
    for (let s = 0; s < sorted.length; s += EXPAND_CAP) {
      const run = sorted.slice(s, s + EXPAND_CAP), name = shorten(GD.label[run[0]], 14) + " \u2026 " + shorten(GD.label[run[run.length - 1]], 14);
      out.push(clusterUnit(run, path.concat([["label", s]]), name + " (" + run.length + ")"));
    }
    return out;
  }
  function focusUnits(i) {
    const units = [realUnit(i)], seen = new Set([i]);
    const ring1 = neighbours(i).filter(shownKind);
    if (ring1.length > FOCUS_CAP) {
      const byKind = new Map();
      ring1.forEach((j) => { const k = kindOf(j); if (!byKind.has(k)) byKind.set(k, []); byKind.get(k).push(j); });
      byKind.forEach((list, k) => {
        if (list.length <= RING_CLUSTER) list.forEach((j) => { seen.add(j); units.push(realUnit(j)); });
        else units.push(clusterUnit(list, [["near", GD.ids[i]], ["kind", k]], clusterLabel("kind", k, list.length)));
      });
      return units;
    }
    ring1.forEach((j) => { seen.add(j); units.push(realUnit(j)); });
    for (const j of ring1.slice().sort((a, b) => GD.imp[b] - GD.imp[a])) {
      if (units.length >= FOCUS_CAP) break;
      const more = neighbours(j).filter((m) => !seen.has(m) && shownKind(m));
      if (units.length + more.length > FOCUS_CAP) continue;
      more.forEach((m) => { seen.add(m); units.push(realUnit(m)); });
    }
    return units;
  }
  function overviewUnits() {
    const members = [];
    for (let i = 0; i < N; i++) if (shownKind(i)) members.push(i);
    return members.length <= OVERVIEW_REAL_MAX ? members.map(realUnit) : split(members, []);
  }
  function expand(u) {
    const members = u.members.filter(shownKind);
    GV.origin = GV.pos.get(u.id) || null;
    const present = new Set(GV.units.filter((x) => !x.cluster).map((x) => x.node));
    const fresh = members.length <= EXPAND_CAP ? members.filter((i) => !present.has(i)).map(realUnit) : split(members, u.path);
    notice("Opened " + u.label + ".");
    draw(GV.units.filter((x) => x.id !== u.id).concat(fresh), {});
  }
  function focusOn(i) {
    state.focus = GD.ids[i]; state.overview = false;
    if (!shownKind(i)) { GV.hidden.delete(kindOf(i)); const box = $("kind-" + kindOf(i)); if (box) box.checked = true; }
    draw(focusUnits(i), { fit: true, select: i });
    if (!state.sel || !graphHas(idx.has(state.sel) ? idx.get(state.sel) : -1)) { state.sel = GD.ids[i]; state.aud = null; showNodePanel(i); }
    writeUrl();
  }
  function showOverview() {
    state.overview = true; state.focus = null;
    draw(overviewUnits(), { fit: true });
    writeUrl();
  }
  function showGraph() {
    ensureNetwork();
    if (GV.units.length) return;
    const start = state.focus ? idx.get(state.focus) : (state.sel && idx.has(state.sel) ? idx.get(state.sel) : null);
    if (state.overview || start === null || start === undefined) {
      if (!state.overview && N <= OVERVIEW_REAL_MAX * 2 && AC.models.length) {
        const first = idx.get(AC.models[access.model !== null ? access.model : 0].iri);
        if (first !== undefined) { focusOn(first); return; }
      }
      showOverview();
    } else focusOn(start);
  }
  function draw(units, opts) {
    const started = performance.now();
    api.settled = false;
    GV.units = units; GV.byId = new Map(units.map((u) => [u.id, u]));
    const unitOf = new Int32Array(N).fill(-1);
    units.forEach((u, k) => { if (u.cluster) u.members.forEach((m) => { if (shownKind(m)) unitOf[m] = k; }); else unitOf[u.node] = k; });
    const edgeItems = [], agg = new Map(), linked = new Uint8Array(units.length);
    const consider = (e) => {
      const a = unitOf[GD.edges[3 * e]], b = unitOf[GD.edges[3 * e + 1]];
      if (a < 0 || b < 0 || a === b) return;
      linked[a] = 1; linked[b] = 1;
      if (!units[a].cluster && !units[b].cluster) edgeItems.push(realEdge(e));
      else { const key = a + ">" + b; agg.set(key, (agg.get(key) || 0) + 1); }
    };
    if (units.length < 2000 && units.every((u) => !u.cluster)) {
      const seen = new Set();
      units.forEach((u) => edgeIds(u.node).forEach((e) => { if (!seen.has(e)) { seen.add(e); consider(e); } }));
    } else for (let e = 0; e < E; e++) consider(e);
    let strong = Array.from(agg.entries()).sort((x, y) => y[1] - x[1]);
    const weak = strong.length > 80 ? strong.length - 80 : 0;
    strong = strong.slice(0, 80);
    strong.forEach((kv) => {
      const key = kv[0], count = kv[1], ab = key.split(">");
      edgeItems.push({ id: "a" + key, from: units[+ab[0]].id, to: units[+ab[1]].id, width: Math.min(8, 1 + Math.log2(count)),
                       color: { color: "#aab7b8", highlight: S.selection }, title: count + " link" + (count > 1 ? "s" : ""), arrows: { to: { enabled: false } } });
    });
    const placed = [], fresh = [], lonely = [];
    const items = units.map((u, k) => {
      const item = u.cluster ? clusterItem(u) : nodeItem(u.node);
      const saved = GV.pos.get(u.id);
      if (saved) { item.x = saved.x; item.y = saved.y; }
      if (!linked[k] && units.length > 1) {
        // a node the reader has seen stays where it was when hiding a class takes its last drawn link
        if (saved) { item.physics = false; item.fixed = true; placed.push(item); } else lonely.push(item);
        return item;
      }
      if (saved) placed.push(item);
      else fresh.push(item);
      return item;
    });
    placeFresh(fresh, placed, unitOf, units);
    placeLonely(lonely, placed.concat(fresh));
    GV.lonely = new Set(lonely.map((item) => item.id));
    GV.nodes.clear(); GV.edges.clear();
    GV.nodes.add(items); GV.edges.add(edgeItems);
    GV.styled = new Map();
    GV.drawn = edgeItems;
    restyleGraph();
    $("net-status").textContent = units.filter((u) => !u.cluster).length + " nodes, " + units.filter((u) => u.cluster).length + " clusters, " + edgeItems.length + " edges drawn" + (weak ? " (" + weak + " thinner bundles left out)" : "") + (lonely.length ? "; " + lonely.length + " without a drawn link, set apart below" : "");
    api.timings.lastDraw = performance.now() - started;
    if (opts.select !== undefined) { GV.net.selectNodes(["n" + opts.select]); markTimeline(opts.select); }
    if (fresh.length) layout(placed, fresh, opts.fit);
    else { settle(); if (opts.fit) GV.net.fit(); }
  }
  function nodeItem(i) {
    const label = shorten(GD.label[i], 44);
    return { id: "n" + i, group: kindOf(i), label: label, value: GD.imp[i], title: GD.label[i] + " \u2014 " + kstyle(i).label };
  }
  function clusterItem(u) {
    // explicit styles, no vis group: vis lets a group's colour win over the node's own on update
    const kindStep = u.path.filter((p) => p[0] === "kind").pop();
    const k = kindStep ? KINDS.find((x) => x.kind === kindStep[1]) : null;
    const background = k ? k.color : S.cluster.color;
    return { id: u.id, label: u.label, value: 10 + 4 * Math.log2(1 + u.members.length), shape: "dot", borderWidth: 2,
             color: { background: background, border: S.cluster.border, highlight: { background: background, border: S.selection }, hover: { background: background, border: "#000" } },
             title: u.members.length + " nodes: " + u.path.filter((p) => p[0] !== "near" && p[0] !== "label").map((p) => p[0] + " " + p[1]).join(" \u203A ") + " \u2014 click to open",
             font: { size: 15, face: "system-ui, DejaVu Sans, sans-serif", bold: true } };
  }
  function realEdge(e) {
    const rel = GD.relations[GD.edges[3 * e + 2]], st = S.access.indexOf(rel) >= 0 ? S.relationStyles.access : (S.relationStyles[rel] || S.relationStyles["default"]);
    const item = { id: "e" + e, from: "n" + GD.edges[3 * e], to: "n" + GD.edges[3 * e + 1], title: relLabel(rel), width: st.width, dashes: st.dashes,
                   color: { color: st.color, highlight: S.selection, opacity: 1 }, relation: rel };
    if (GV.edgeLabels) item.label = relLabel(rel);
    return item;
  }
  function placeFresh(fresh, placed, unitOf, units) {
    const at = new Map(placed.map((p) => [p.id, p]));
    const golden = Math.PI * (3 - Math.sqrt(5));
    fresh.forEach((item, n) => {
      let base = GV.origin;
      if (!base && item.id[0] === "n") {
        const i = +item.id.slice(1);
        for (const e of edgeIds(i)) { const k = unitOf[other(e, i)]; const p = k >= 0 ? at.get(units[k].id) : null; if (p) { base = p; break; } }
      }
      const r = base ? 40 + 25 * Math.sqrt(n % 30) : 28 * Math.sqrt(n + 1);
      base = base || { x: 0, y: 0 };
      item.x = base.x + r * Math.cos(n * golden); item.y = base.y + r * Math.sin(n * golden);
    });
    GV.origin = null;
  }
  function placeLonely(lonely, others) {
    // nodes with no drawn link sit in a block under the linked ones (physics would push them into a ring)
    if (!lonely.length) return;
    let minX = 0, maxY = 0;
    if (others.length) { minX = Math.min.apply(null, others.map((o) => o.x)); maxY = Math.max.apply(null, others.map((o) => o.y)); }
    const cols = Math.max(4, Math.ceil(Math.sqrt(lonely.length)));
    lonely.forEach((item, n) => {
      item.x = minX + (n % cols) * 120; item.y = maxY + 140 + Math.floor(n / cols) * 60;
      item.physics = false; item.fixed = true;
    });
  }
  function setLonelyApart() {
    // once the linked nodes have settled, put the block back under them
    if (!GV.lonely.size) return;
    const positions = GV.net.getPositions();
    const others = Object.keys(positions).filter((id) => !GV.lonely.has(id)).map((id) => positions[id]);
    const items = Array.from(GV.lonely).map((id) => ({ id: id }));
    placeLonely(items, others);
    GV.nodes.update(items);
  }
  function layout(placed, fresh, fit) {
    GV.pendingFit = fit;
    if (placed.length) GV.nodes.update(placed.map((p) => ({ id: p.id, fixed: true })));
    GV.net.setOptions({ physics: { enabled: true } });
    GV.net.stabilize(Math.min(400, 80 + fresh.length * 2));
  }
  function settle() {
    if (!GV.net) return;
    GV.net.setOptions({ physics: { enabled: false } });
    setLonelyApart();
    const positions = GV.net.getPositions();
    Object.keys(positions).forEach((id) => GV.pos.set(id, positions[id]));
    const unfix = GV.nodes.get({ filter: (n) => n.fixed === true && n.physics !== false }).map((n) => ({ id: n.id, fixed: false }));
    if (unfix.length) GV.nodes.update(unfix);
    if (GV.pendingFit) { GV.net.fit(); GV.pendingFit = false; }
    api.settled = true;
    api.timings.settled = performance.now();
  }
  function restyleGraph() {
    // only what changed: each vis update redraws the canvas
    if (!GV.net || !GV.units.length) return;
    if (state.view !== "graph") { GV.styleStale = true; return; }
    GV.styleStale = false;
    const nodeUpdates = [], edgeUpdates = [];
    GV.units.forEach((u) => {
      if (u.cluster || !GD.rules[u.node]) return;
      const name = ruleState(u.node, state.on);
      if (GV.styled.get(u.id) === name) return;
      GV.styled.set(u.id, name);
      nodeUpdates.push({ id: u.id, opacity: Math.max(S.states[name].opacity, 0.25) });
    });
    GV.drawn.forEach((e) => {
      if (e.id[0] !== "e" || S.access.indexOf(e.relation) < 0) return;
      const a = +e.from.slice(1), b = +e.to.slice(1), rule = GD.rules[a] ? a : GD.rules[b] ? b : -1;
      if (rule < 0) return;
      const name = ruleState(rule, state.on), st = S.states[name];
      e.rule = GD.ids[rule];
      if (e.state === name) return;
      e.state = name;
      const color = name === "in-force" ? (kindOf(rule) === "prohibition" ? "#c0392b" : "#1e8449") : st.color;
      edgeUpdates.push({ id: e.id, width: st.width, dashes: st.dashes, color: { color: color, opacity: st.opacity, highlight: S.selection } });
    });
    if (nodeUpdates.length) GV.nodes.update(nodeUpdates);
    if (edgeUpdates.length) GV.edges.update(edgeUpdates);
  }
  function setEdgeLabels(on) {
    GV.edgeLabels = on;
    if (!GV.net) return;
    GV.edges.update(GV.drawn.filter((e) => e.id[0] === "e").map((e) => ({ id: e.id, label: on ? relLabel(e.relation) : undefined })));
  }
  function refilter() {
    if (!GV.net) return;
    if (state.overview) { draw(overviewUnits(), {}); return; }
    const keep = [];
    GV.units.forEach((u) => {
      if (u.cluster) { if (u.members.some(shownKind)) keep.push(u); }
      else if (shownKind(u.node) || GD.ids[u.node] === state.focus) keep.push(u);
    });
    if (state.focus) {  // bring back what the focus shows of a class ticked again, at its old place
      const have = new Set(keep.filter((u) => !u.cluster).map((u) => u.node));
      focusUnits(idx.get(state.focus)).forEach((u) => { if (!u.cluster && !have.has(u.node)) keep.push(u); });
    }
    draw(keep, {});
  }
  function buildGraphLegend() {
    const box = $("kinds");
    KINDS.forEach((k) => {
      const row = el("label", null, "legend-row"), cb = el("input");
      cb.type = "checkbox"; cb.id = "kind-" + k.kind; cb.checked = !GV.hidden.has(k.kind); cb.dataset.kind = k.kind;
      cb.addEventListener("change", () => { if (cb.checked) GV.hidden.delete(k.kind); else GV.hidden.add(k.kind); refilter(); });
      const g = el("span", GLYPH[k.shape] || GLYPH.dot, "glyph"); g.style.color = k.color;
      row.appendChild(cb); row.appendChild(g); row.appendChild(el("span", k.label)); row.appendChild(el("span", String(k.count), "count"));
      box.appendChild(row);
    });
    const sl = $("states-legend");
    ["in-force", "uncertain", "planned", "not-in-force"].forEach((s) => {
      const st = S.states[s], row = el("div", null, "legend-row"), line = el("span", null, "swatch-line");
      line.style.borderTopColor = st.color || "#1e8449"; line.style.borderTopStyle = st.dashes ? "dashed" : "solid"; line.style.opacity = Math.max(st.opacity, 0.3);
      row.appendChild(line); row.appendChild(el("span", st.label)); sl.appendChild(row);
    });
    sl.appendChild(el("div", "in force: green permits, red prohibits", "legend-row hint"));
    const esl = $("edges-legend");
    [["access", "rule: target / assignee / permits / prohibits"], ["prov:wasGeneratedBy", "enacted by"], ["prov:wasInvalidatedBy", "ended by"],
     ["rkg:after", "after (recorded order)"], ["prov:wasDerivedFrom", "source"], ["default", "other relation"]].forEach((pair) => {
      const st = S.relationStyles[pair[0]], row = el("div", null, "legend-row"), line = el("span", null, "swatch-line");
      line.style.borderTopColor = st.color; line.style.borderTopStyle = st.dashes ? "dashed" : "solid"; line.style.borderTopWidth = Math.max(1, st.width) + "px";
      row.appendChild(line); row.appendChild(el("span", pair[1])); esl.appendChild(row);
    });
    const sel = el("div", null, "legend-row"), ring = el("span", null, "swatch-line"); ring.style.borderTopColor = S.selection;
    sel.appendChild(ring); sel.appendChild(el("span", "selected")); esl.appendChild(sel);
  }
  $("overview").addEventListener("click", showOverview);
  $("group-by").addEventListener("change", (ev) => { state.group = ev.target.value; if (state.overview) showOverview(); else writeUrl(); });
  $("edge-labels").addEventListener("change", (ev) => setEdgeLabels(ev.target.checked));
  $("fit").addEventListener("click", () => GV.net && GV.net.fit({ animation: { duration: 300 } }));
  $("relayout").addEventListener("click", () => {
    if (!GV.net) return;
    GV.units.forEach((u) => GV.pos.delete(u.id));
    draw(GV.units, { fit: true });
  });

  // ---------------------------------------------------------------- the timeline (rows drawn as they scroll into view)
  const TL = { rowH: 19, active: -1 };
  function placeDateLine() {
    const r = range();
    const pct = (toDays(state.on) - r.lo) / Math.max(1, r.hi - r.lo);
    $("tl-asof").style.setProperty("--asof", String(Math.min(Math.max(pct, 0), 1)));
    $("tl-asof-label").textContent = "on " + state.on;
    buildAxis();
    drawTimelineRows();
  }
  function buildAxis() {
    const head = $("tl-head"), r = range();
    head.replaceChildren();
    const start = new Date(r.lo * DAY);
    let d = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1));
    const months = [];
    while (d.getTime() / DAY < r.hi) { months.push(new Date(d)); d.setUTCMonth(d.getUTCMonth() + 1); }
    const step = Math.max(1, Math.ceil(months.length / 10));
    months.forEach((m, i) => {
      if (i % step) return;
      const s = el("span", m.toLocaleString("en", { month: "short", year: "numeric", timeZone: "UTC" }));
      s.style.left = (100 * (m.getTime() / DAY - r.lo) / (r.hi - r.lo)) + "%";
      head.appendChild(s);
    });
  }
  function drawTimelineRows() {
    const body = $("tl-body"), rows = $("tl-rows"), r = range();
    $("tl-spacer").style.height = (GD.timeline.length * TL.rowH) + "px";
    const first = Math.max(0, Math.floor(body.scrollTop / TL.rowH) - 5), count = Math.ceil((body.clientHeight || 200) / TL.rowH) + 10;
    rows.style.top = (first * TL.rowH) + "px";
    rows.replaceChildren();
    const pct = (day) => (day - r.lo) / Math.max(1, r.hi - r.lo);
    GD.timeline.slice(first, first + count).forEach((i, n) => {
      const a = attrs(i), planned = ["planned", "forecast"].indexOf(a.status) >= 0, k = first + n;
      const row = el("div", null, "tl-row" + (planned ? " planned" : "") + (k === TL.active ? " active" : ""));
      row.dataset.id = GD.ids[i]; row.dataset.k = String(k); row.setAttribute("role", "option"); row.setAttribute("aria-selected", String(k === TL.active));
      const label = el("span", GD.label[i], "tl-label");
      if (a.status && a.status !== "occurred") label.appendChild(el("span", " (" + a.status + ")", "status"));
      const track = el("div", null, "tl-track"), bar = el("div", null, "tl-bar" + (planned ? " planned" : ""));
      const e = a.earliest ? toDays(a.earliest) : null, l = a.latest ? toDays(a.latest) : null;
      if (e === null && l === null) bar.classList.add("undated");
      else {
        const from = e === null ? r.lo : e, to = l === null ? r.hi : l + 1;
        if (e === null) bar.classList.add("open-start");
        if (l === null) bar.classList.add("open-end");
        if (e !== null && l !== null && e === l) bar.classList.add("exact");
        bar.style.left = (100 * pct(from)) + "%"; bar.style.width = (100 * (pct(to) - pct(from))) + "%";
      }
      row.title = (a.date_text || "no date given") + "  [" + bounds(a) + "]" + (a.status ? "  " + a.status : "");
      track.appendChild(bar); row.appendChild(label); row.appendChild(track);
      row.addEventListener("click", () => { TL.active = k; timelinePick(i); });
      rows.appendChild(row);
    });
  }
  function markTimeline(i) {
    TL.active = i < 0 ? -1 : GD.timeline.indexOf(i);
    if (state.view === "graph") drawTimelineRows();
  }
  function timelinePick(i) {
    if (state.view === "graph") focusOn(i);
    selectNode(i, { keepView: true });
    const body = $("tl-body"), top = TL.active * TL.rowH;
    if (top < body.scrollTop || top > body.scrollTop + body.clientHeight - TL.rowH) body.scrollTop = top - body.clientHeight / 2;
    drawTimelineRows();
  }
  $("tl-body").addEventListener("scroll", drawTimelineRows);
  $("tl-body").addEventListener("keydown", (ev) => {
    const last = GD.timeline.length - 1;
    const to = { ArrowDown: TL.active + 1, ArrowUp: TL.active - 1, Home: 0, End: last, PageDown: TL.active + 10, PageUp: TL.active - 10 }[ev.key];
    if (to === undefined || last < 0) return;
    TL.active = Math.min(Math.max(to, 0), last);
    timelinePick(GD.timeline[TL.active]);
    ev.preventDefault();
  });

  // ---------------------------------------------------------------- search (arrow keys choose, Enter opens, Escape closes)
  let searchIndex = null;
  function norm(s) { return String(s).normalize("NFKC").toLowerCase().replace(/[\s\-_.\u00B7]+/g, ""); }
  function search(q) {
    q = norm(q);
    if (!q) return [];
    if (!searchIndex) searchIndex = GD.label.map((l, i) => [l].concat(GD.aliases[i] || []).map(norm));
    const hits = [];
    for (let i = 0; i < N; i++) {
      let rank = 9;
      for (const name of searchIndex[i]) {
        if (name === q) { rank = 0; break; }
        const at = name.indexOf(q);
        if (at === 0) rank = Math.min(rank, 1); else if (at > 0) rank = Math.min(rank, 2);
      }
      if (rank < 9) hits.push([rank, GD.label[i].length, i]);
    }
    hits.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    return hits.slice(0, 20).map((h) => h[2]);
  }
  const searchBox = $("search"), results = $("results");
  let activeResult = -1;
  function showResults() {
    results.replaceChildren();
    activeResult = -1;
    search(searchBox.value).forEach((i, n) => {
      const li = el("li", shorten(GD.label[i], 90));
      li.appendChild(el("span", kstyle(i).label, "kind"));
      li.setAttribute("role", "option"); li.id = "result-" + n; li.dataset.node = String(i);
      li.addEventListener("mousedown", (ev) => { ev.preventDefault(); pick(i); });
      results.appendChild(li);
    });
    searchBox.setAttribute("aria-expanded", String(results.children.length > 0));
    moveResult(results.children.length ? 0 : -1);
  }
  function moveResult(n) {
    const items = results.children;
    if (!items.length) { searchBox.removeAttribute("aria-activedescendant"); return; }
    activeResult = (n + items.length) % items.length;
    Array.from(items).forEach((li, k) => li.setAttribute("aria-selected", String(k === activeResult)));
    searchBox.setAttribute("aria-activedescendant", items[activeResult].id);
    items[activeResult].scrollIntoView({ block: "nearest" });
  }
  function closeResults() { results.replaceChildren(); searchBox.setAttribute("aria-expanded", "false"); searchBox.removeAttribute("aria-activedescendant"); }
  function pick(i) {
    closeResults();
    searchBox.value = GD.label[i];
    const id = GD.ids[i];
    if (state.view === "access" && modelRow.has(id)) { selectModel(modelRow.get(id)); return; }
    if (state.view === "access" && column(id)) { selectColumn(id); return; }
    if (state.view !== "graph") setView("graph");
    focusOn(i);
    selectNode(i, { keepView: true });
  }
  searchBox.addEventListener("input", showResults);
  searchBox.addEventListener("keydown", (ev) => {
    if (ev.key === "ArrowDown") { moveResult(activeResult + 1); ev.preventDefault(); }
    else if (ev.key === "ArrowUp") { moveResult(activeResult - 1); ev.preventDefault(); }
    else if (ev.key === "Enter") { const li = results.children[activeResult]; if (li) pick(+li.dataset.node); ev.preventDefault(); }
    else if (ev.key === "Escape") { if (results.children.length) { closeResults(); ev.stopPropagation(); } }
  });
  searchBox.addEventListener("blur", () => setTimeout(closeResults, 150));

  // ---------------------------------------------------------------- keyboard, panel folding
  document.addEventListener("keydown", (ev) => { if (ev.key === "Escape" && !ev.defaultPrevented) clearSelection(); });
  $("panel-toggle").addEventListener("click", () => {
    const folded = document.body.classList.toggle("panel-folded");
    $("panel-toggle").setAttribute("aria-expanded", String(!folded));
    if (GV.net) GV.net.redraw();
  });
  if (window.matchMedia && window.matchMedia("(max-width: 900px)").matches) $("side").open = false;  // the graph first
  if (window.matchMedia && window.matchMedia("(max-width: 480px)").matches) {
    document.body.classList.add("panel-folded"); $("panel-toggle").setAttribute("aria-expanded", "false");
  }
  window.addEventListener("resize", () => { if (access.model !== null && state.view === "access") renderLanes(access.model); });

  // ---------------------------------------------------------------- start
  readUrl();
  $("group-by").value = state.group;
  if (served) $("to-sparql").hidden = false;
  if (AC.known.length) {
    $("known").disabled = false;
    $("known").title = "Answer from what the sources published by this date say (regkg check --known-on); empty: every recorded source";
    $("known").value = state.known;
  }
  if (AC.places.length) {
    AC.places.forEach((code) => { const o = el("option", "in " + code); o.value = code; $("place").appendChild(o); });
    $("place-box").hidden = false; $("place").value = state.place;
  }
  if (AC.actions.length) {
    AC.actions.forEach((a) => { const name = a.split(":").pop(), o = el("option", name); o.value = name; $("action").appendChild(o); });
    $("action-box").hidden = false; $("action").value = state.action;
  }
  applyVariant();
  buildDecisionLegend();
  buildGraphLegend();
  renderMatrix();
  const startModel = state.sel && modelRow.has(state.sel) ? modelRow.get(state.sel) : (AC.models.length ? 0 : null);
  setDate(state.on, $("notice").textContent);
  if (startModel !== null) {
    if (state.aud && column(state.aud)) selectCell(startModel, state.aud);
    else if (state.sel && modelRow.has(state.sel)) selectModel(startModel);
    else { access.model = startModel; renderLanes(startModel); updateCells(); }
  }
  if (state.sel && !modelRow.has(state.sel)) {
    if (column(state.sel) && state.view === "access") selectColumn(state.sel);
    else if (idx.has(state.sel)) showNodePanel(idx.get(state.sel));
  }
  setView(state.view);
  if (state.view === "graph" && state.sel && idx.has(state.sel) && graphHas(idx.get(state.sel))) GV.net.selectNodes(["n" + idx.get(state.sel)]);
  requestAnimationFrame(() => { api.timings.firstView = performance.now(); api.ready = true; });

  // ---------------------------------------------------------------- the page's API, for the console and the browser tests
  Object.assign(api, {
    state: () => JSON.parse(JSON.stringify(state)),
    setDate: setDate, setView: setView, stepEvent: stepEvent, search: search, selectNode: (iri) => idx.has(iri) && selectNode(idx.get(iri), {}),
    focus: (iri) => { if (!idx.has(iri)) return false; if (state.view !== "graph") setView("graph"); focusOn(idx.get(iri)); return true; },
    overview: () => { if (state.view !== "graph") setView("graph"); showOverview(); },
    selectCell: (m, a) => selectCell(modelRow.get(m), a),
    checkJson: (m, a, day) => checkJson(modelRow.get(m), column(a), day || state.on),
    cells: () => Array.from(document.querySelectorAll("#matrix button.cell")).map((b) => ({ model: AC.models[+b.dataset.m].iri, audience: b.dataset.col, decision: b.dataset.decision, symbol: b.textContent })),
    ruleState: (iri, day) => ruleState(idx.get(iri), day || state.on),
    units: () => GV.units.map((u) => ({ id: u.id, cluster: !!u.cluster, label: u.cluster ? u.label : GD.label[u.node], node: u.cluster ? null : GD.ids[u.node],
                                        size: u.cluster ? u.members.length : 1, lonely: GV.lonely.has(u.id) })),
    expand: (id) => { const u = GV.byId.get(id); if (u && u.cluster) expand(u); return !!u; },
    drawnEdges: () => GV.drawn.map((e) => ({ id: e.id, from: e.from, to: e.to, relation: e.relation || null, label: GV.edges.get(e.id).label || null, state: e.state || null, rule: e.rule || null })),
    positions: () => (GV.net ? GV.net.getPositions() : {}),
    panelText: () => panel.textContent,
    changeDates: () => changeDates.slice(),
    range: () => { const r = range(); return [fromDays(r.lo), fromDays(r.hi)]; },
    setKnown: setKnown, setPlace: setPlace, setAction: setAction
  });
})();
