(function () {
  "use strict";
  // regkg's graph browser. Data is only ever written with textContent, attributes set one by one,
  // or SVG elements built node by node: never innerHTML. Every decision and every rule state was
  // computed in Python by graph.policy (see viz/access.py, viz/acts.py and viz/graphdata.py); this
  // script looks the chosen date up in those tables, matches the decisions' condition rows against
  // the controls (viz.access.matching_rows is its twin), and has no time rule of its own.
  const DATA = JSON.parse(document.getElementById("regkg-data").textContent);
  const S = DATA.style, GD = DATA.graph, AC = DATA.access, ACTS = DATA.acts || [], DOCS = DATA.docs || { list: [], of: {} };
  const PL = DATA.places || { codes: [], labels: {}, up: {} };
  const N = GD.ids.length;
  const KINDS = GD.kinds;
  const idx = new Map(GD.ids.map((id, i) => [id, i]));
  const GLYPH = { dot: "\u25CF", diamond: "\u25C6", star: "\u2605", triangle: "\u25B2", triangleDown: "\u25BC", square: "\u25A0", hexagon: "\u2B22" };
  const STATE_SHORT = { "in-force": "in force", "uncertain": "uncertain", "planned": "planned", "not-in-force": "not in force" };
  const OUTCOME = { permit: "May use", deny: "May not use", indeterminate: "Cannot tell, or depends", not_applicable: "No rule speaks" };
  const FOCUS_CAP = 120, RING_CLUSTER = 12, EXPAND_CAP = 150, OVERVIEW_REAL_MAX = 400, ROWS_MAX = 60, COLS_MAX = 150, PAGE = 20;
  const FACT_NAMES = ["place", "channel", "device", "purpose", "employer"];
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
  function labelOf(iri) { return idx.has(iri) ? GD.label[idx.get(iri)] : (FACT_LABEL.get(iri) || String(iri).split("/").pop()); }
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
  function placeName(code) { return code === "other" ? "another place" : (PL.labels[code] || (AC.facts.place.labels || {})[code] || code); }
  /** Places in a list: by country, each country followed by its states ("United States", then "Iowa (United States)"). */
  function placeOrder(a, b) {
    const up = (c) => PL.up[c] || (AC.facts.place.chain || {})[c] || [];
    const ua = up(a), ub = up(b), ta = ua.length ? ua[ua.length - 1] : a, tb = ub.length ? ub[ub.length - 1] : b;
    return placeName(ta).localeCompare(placeName(tb)) || ta.localeCompare(tb) || ua.length - ub.length || placeName(a).localeCompare(placeName(b));
  }
  function docOfNode(i) { return (GD.sources[i] || []).map((s) => DOCS.of[s]).filter((d) => d !== undefined); }


  // ---------------------------------------------------------------- decisions (looked up, never made)
  const modelRow = new Map(AC.models.map((m, i) => [m.iri, i]));
  const audCol = new Map(AC.audiences.map((a, i) => [a.iri, i]));
  const partyCol = new Map(AC.parties.map((p, i) => [p.iri, i]));
  const channelOwner = new Map();  // a channel or service that is part of a row's service -> that row
  AC.models.forEach((m, mi) => (m.channels || []).forEach((c) => channelOwner.set(c.iri, mi)));
  const DEC = AC.decisions.map((pairs) => { const o = {}; pairs.forEach((p) => { if (p[0] !== "on") o[p[0]] = p[1]; }); return o; });
  const LISTED = new Set(AC.listed || []), ITEMS = AC.items || [], listedParts = new Map();
  /** A part of a decision: the lists of evidence, conditions, caveats... are stored item by item (viz.access). */
  function partValue(key, p) {
    const value = AC.parts[p];
    if (!LISTED.has(key) || !Array.isArray(value)) return value;
    if (!listedParts.has(p)) listedParts.set(p, value.map((i) => ITEMS[i]));
    return listedParts.get(p);
  }
  function part(d, key) { const p = DEC[d][key]; return p === undefined || p === null ? undefined : partValue(key, p); }
  const decisionOf = DEC.map((_, d) => part(d, "decision"));
  const FACTS = AC.facts || {};
  const FACT_LABEL = new Map();
  ["place", "channel", "employer"].forEach((f) => { const F = FACTS[f] || {}; Object.keys(F.labels || {}).forEach((v) => FACT_LABEL.set(v, F.labels[v])); });
  function column(iri) {
    if (audCol.has(iri)) return { t: "a", i: audCol.get(iri), iri: iri, label: AC.audiences[audCol.get(iri)].label, kind: AC.audiences[audCol.get(iri)].kind };
    if (partyCol.has(iri)) return { t: "p", i: partyCol.get(iri), iri: iri, label: AC.parties[partyCol.get(iri)].label, kind: AC.parties[partyCol.get(iri)].kind };
    return null;
  }
  function cellList(mi, col) { const row = AC.rows[mi]; return (col.t === "a" ? row.cells : row.parties)[col.i] || null; }
  function decisionIndex(mi, col, day) { const list = cellList(mi, col); return list ? list[bisectRight(AC.rows[mi].starts, day)] : -1; }
  function decisionAt(mi, col, day) { const d = decisionIndex(mi, col, day); return d < 0 ? null : decisionOf[d]; }
  /** What `regkg check --json` prints for this cell on `day`, rebuilt from the table (viz.access.cell_json). */
  function checkJson(mi, col, day) {
    const d = decisionIndex(mi, col, day);
    return d < 0 ? null : decisionJson(d, day);
  }
  function decisionJson(d, day) {
    const out = {};
    AC.decisions[d].forEach((pair) => {
      const key = pair[0], p = pair[1];
      if (key === "on") out[key] = day;
      else if (key === "caveats") out[key] = partValue(key, p).map((c) => typeof c === "string" ? c : c.join(day));
      else if (key === "notes") out[key] = partValue(key, p).map((n) => Object.assign({}, n, { text: typeof n.text === "string" ? n.text : n.text.join(day) }));
      else out[key] = partValue(key, p);
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

  // ---------------------------------------------------------------- the controls' selection, matched against the rows
  // A decision's rows say which values of the open facts give which answer; a row matches when,
  // for each fact it names, the selected value's atoms meet its values (viz.access.matching_rows).
  // How values nest (a state in its country, a download in its app) is viz.access.fact_options'.
  function selection(channel, col) {
    const s = {};
    FACT_NAMES.forEach((f) => { if (state[f]) s[f] = state[f]; });
    if (channel) s.channel = channel;
    if (col && !employerAsked(col)) delete s.employer;
    return s;
  }
  /** The employers a column's audience has by definition ("Employees of the Iowa state government":
   *  the Iowa state government), as the engine implies them (graph.policy.applies.employers_implied). */
  function ownEmployers(col) { return col && col.t === "a" ? (AC.audiences[col.i].employers || []) : []; }
  /** Whether the employer chosen above is asked in this column: always, unless the audience has its own
   *  employer and the one chosen is neither it nor within it (another employer is not this audience's
   *  question: the engine would take it as a second employer, which the page has not decided). */
  function employerAsked(col) {
    const own = ownEmployers(col), v = state.employer;
    if (!v || !own.length) return true;
    if (own.indexOf(v) >= 0) return true;
    const up = ((FACTS.employer || {}).chain || {})[v] || [];
    return up.some((u) => own.indexOf(u) >= 0);
  }
  function selectionKey(sel) { return FACT_NAMES.map((f) => sel[f] || "").join("\u0001"); }
  function selectedAtoms(fact, value, atoms) {
    if (fact === "device" || fact === "purpose") return [value];
    const F = FACTS[fact] || {}, inside = (F.inside || {})[value] || [];
    const out = atoms.filter((a) => a === value || inside.indexOf(a) >= 0);
    if (atoms.indexOf(value) < 0) {
      const up = ((F.chain || {})[value] || []).find((c) => atoms.indexOf(c) >= 0);
      out.push(up !== undefined ? up : "other");
    }
    return out;
  }
  function matchRows(d, sel) {
    const rows = part(d, "conditions") || [];
    if (!rows.length) return [{ if: {}, then: decisionOf[d], because: [] }];
    const atoms = {};
    (part(d, "missing") || []).forEach((m) => { if (!m.group) atoms[m.fact] = m.values || []; });
    return rows.filter((row) => Object.keys(row.if).every((fact) => {
      const values = row.if[fact];
      if (!(fact in sel) || !Array.isArray(values)) return true;
      const chosen = selectedAtoms(fact, sel[fact], atoms[fact] && atoms[fact].length ? atoms[fact] : values);
      return chosen.some((a) => values.indexOf(a) >= 0);
    }));
  }
  const answers = new Map();
  /** The answer of decision `d` under the selection: one value, or several (a split cell), with the rows left. */
  function answerOf(d, sel) {
    const key = d + "\u0002" + selectionKey(sel);
    if (answers.has(key)) return answers.get(key);
    const rows = matchRows(d, sel);
    const values = S.decisionOrder.filter((v) => rows.some((r) => r.then === v));
    let value = values.length === 1 ? values[0] : "indeterminate";
    const sources = part(d, "undetermined_by_sources") || [];
    if (decisionOf[d] === "indeterminate" && (sources.length || !(part(d, "conditions") || []).length)) value = "indeterminate";
    const out = { value: value, values: values, rows: rows, split: values.length > 1, fromSources: value === "indeterminate" && values.length === 1 && values[0] !== "indeterminate" };
    answers.set(key, out);
    return out;
  }
  function answerAt(mi, col, day, channel) {
    const d = decisionIndex(mi, col, day);
    return d < 0 ? null : answerOf(d, selection(channel, col));
  }
  function factValueText(fact, v) {
    if (fact === "device") return v === "work" ? "a work device or network" : "a personal device";
    if (fact === "purpose") return v === "work" ? "for work" : "for private ends";
    if (fact === "place") return placeName(v);
    if (v === "other") return fact === "employer" ? "another employer, or none" : fact === "channel" ? "another channel" : "another";
    return labelOf(v);
  }
  const FACT_WORDS = { place: "in", channel: "through", device: "on", purpose: "", employer: "employed by", nationality: "a national of", recipient: "given to" };
  /** A row's facts in words ("on a work device, employed by Iowa state agencies"). */
  function rowText(row, most) {
    const parts = [];
    Object.keys(row.if).forEach((fact) => {
      const v = row.if[fact];
      if (fact === "member_of" || fact === "recipient_member_of") {
        Object.keys(v).forEach((g) => parts.push((fact === "member_of" ? "" : "the recipient ") + (v[g] ? "one of " : "not one of ") + labelOf(g)));
        return;
      }
      const names = v.map((x) => factValueText(fact, x)), shown = names.slice(0, most || 4);
      const text = shown.join(" or ") + (names.length > shown.length ? " or " + (names.length - shown.length) + " more" : "");
      parts.push(((FACT_WORDS[fact] || fact) + " " + text).trim());
    });
    return parts.length ? parts.join(", ") : "in every case";
  }

  // ---------------------------------------------------------------- dates: the range and the change dates
  let changeDates = [];
  function computeChangeDates() {
    const set = new Set();
    AC.rows.forEach((r) => r.starts.forEach((d) => set.add(d)));
    Object.keys(GD.rules).forEach((k) => GD.rules[k].starts.forEach((d) => set.add(d)));
    changeDates = Array.from(set).sort();
  }

  // ---------------------------------------------------------------- which table answers: the action and as known when
  // viz/access.py decided one table per other action and per state of knowledge it was asked to hold
  // (the known-on dates between which the same sources count); the page only picks one.
  const BASE = AC.tables[0];
  AC.rows = BASE.rows;
  const heldKnown = AC.tables.filter((t) => t.known).map((t) => t.known);
  const heldActions = Array.from(new Set(AC.tables.filter((t) => t.action).map((t) => t.action)));
  function knownEpoch(iso) {
    if (!iso || !AC.known.length) return null;
    return AC.known[Math.max(0, bisectRight(AC.known, iso) - 1)];
  }
  function applyTable() {
    const known = state.known || null, action = state.action ? "odrl:" + state.action : null;
    const t = AC.tables.find((x) => x.known === known && x.action === action) || BASE;
    AC.rows = t.rows;
    computeChangeDates();
  }
  function askedHow() {
    const bits = [];
    if (state.action) bits.push("to " + state.action);
    if (state.place) bits.push("in " + placeName(state.place));
    if (state.channel) bits.push("through " + labelOf(state.channel));
    if (state.device) bits.push("on " + factValueText("device", state.device));
    if (state.purpose) bits.push(factValueText("purpose", state.purpose));
    if (state.employer) bits.push("employed by " + labelOf(state.employer));
    if (state.known) bits.push("as known on " + state.known);
    return bits.length ? ", " + bits.join(", ") : "";
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
  /** The years a typed date may name: the data's span, padded as the chart pads it. */
  function yearSpan() {
    const base = dataDays || [toDays(DATA.asOf), toDays(DATA.asOf)];
    const pad = Math.max(7, Math.round((base[1] - base[0]) * 0.05));
    return [+fromDays(Math.min(base[0], toDays(DATA.asOf)) - pad).slice(0, 4), +fromDays(Math.max(base[1], toDays(DATA.asOf)) + pad).slice(0, 4)];
  }

  // ---------------------------------------------------------------- the state, and the URL that carries it
  const state = { view: "access", on: DATA.asOf, known: "", action: "", place: "", channel: "", device: "", purpose: "", employer: "",
                  focus: null, sel: null, aud: null, ch: null, group: "kind", overview: false,
                  actPlace: "", authority: "", facets: {}, actQuery: "", zoom: null };
  function readUrl() {
    if (DATA.focus && idx.has(DATA.focus)) state.focus = DATA.focus;  // regkg viz --focus: the graph opens there
    const q = new URLSearchParams(location.search), h = new URLSearchParams(location.hash.slice(1));
    const get = (k) => (h.has(k) ? h.get(k) : q.get(k));
    const on = get("on") || get("as-of");
    if (on) { const p = parseDate(on); if (p.iso) state.on = p.iso; else notice("Ignored the date '" + shorten(on, 40) + "' in the address: " + p.error); }
    const known = get("known");
    if (known && isDate(known) && heldKnown.length) {
      const epoch = knownEpoch(known);
      if (heldKnown.indexOf(epoch) >= 0) {
        state.known = epoch;
        if (epoch !== known) notice("As known on " + known + ": the same sources count as on " + epoch + ", so the answers are those as known on " + epoch + ".");
      }
    }
    const place = (get("in") || "").toUpperCase();
    if (place && ((FACTS.place.values || []).indexOf(place) >= 0 || place === "OTHER")) state.place = place === "OTHER" ? "other" : place;
    ["channel", "employer"].forEach((f) => { const v = get(f); if (v && ((FACTS[f].values || []).indexOf(v) >= 0 || v === "other")) state[f] = v; });
    ["device", "purpose"].forEach((f) => { const v = get(f); if (v && FACTS[f].values.indexOf(v) >= 0) state[f] = v; });
    const action = get("action");
    if (action && heldActions.indexOf("odrl:" + action) >= 0) state.action = action;
    const focus = get("focus"), sel = get("sel"), aud = get("aud"), view = get("view"), group = get("group"), ch = get("ch");
    if (focus && idx.has(focus)) state.focus = focus;
    if (sel && (idx.has(sel) || modelRow.has(sel) || audCol.has(sel) || partyCol.has(sel) || DOCS.list.some((d) => d.iri === sel))) state.sel = sel;
    if (aud && column(aud)) state.aud = aud;
    if (ch && channelOwner.has(ch)) state.ch = ch;
    if (group && ["kind", "jurisdiction", "source"].indexOf(group) >= 0) state.group = group;
    state.overview = get("overview") === "1";
    const actPlace = (get("place") || "").toUpperCase();
    if (actPlace && PL.codes.indexOf(actPlace) >= 0) state.actPlace = actPlace;
    const authority = get("authority");
    if (authority && ACTS.some((a) => actAuthority(a) === authority)) state.authority = authority;
    FACET_KEYS.forEach((k) => { const v = get("f-" + k); if (v) state.facets[k] = v; });
    state.actQuery = get("q") || "";
    if (view === "graph" || view === "access" || view === "acts") state.view = view;
    else if (focus && state.focus) state.view = "graph";
    else if (state.actPlace || state.authority) state.view = "acts";
  }
  function writeUrl() {
    const p = new URLSearchParams();
    p.set("view", state.view);
    p.set("on", state.on);
    if (state.known) p.set("known", state.known);
    if (state.place) p.set("in", state.place);
    ["channel", "device", "purpose", "employer"].forEach((f) => { if (state[f]) p.set(f, state[f]); });
    if (state.action) p.set("action", state.action);
    if (state.focus) p.set("focus", state.focus);
    if (state.overview) p.set("overview", "1");
    if (state.group !== "kind") p.set("group", state.group);
    if (state.sel) p.set("sel", state.sel);
    if (state.aud) p.set("aud", state.aud);
    if (state.ch) p.set("ch", state.ch);
    if (state.actPlace) p.set("place", state.actPlace);
    if (state.authority) p.set("authority", state.authority);
    Object.keys(state.facets).forEach((k) => { if (state.facets[k]) p.set("f-" + k, state.facets[k]); });
    if (state.actQuery) p.set("q", state.actQuery);
    try { history.replaceState(null, "", location.pathname + "#" + p.toString()); } catch (err) { /* an origin that forbids it keeps the old URL */ }
  }

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


  // ---------------------------------------------------------------- typed dates: read, never rewritten while typed
  // The field is plain text: it takes ISO (2025-03-01) and the browser's own order (03/01/2025 in
  // the United States, 01/03/2025 in Britain), shows how it read the date, refuses what it cannot
  // read with a message beside it, and keeps the last good answer on screen meanwhile.
  const ORDER = (function () {
    try {
      const parts = new Intl.DateTimeFormat(undefined, { year: "numeric", month: "2-digit", day: "2-digit" }).formatToParts(new Date(Date.UTC(2025, 10, 22, 12)));
      const order = parts.filter((p) => p.type === "year" || p.type === "month" || p.type === "day").map((p) => p.type);
      return order.length === 3 ? order : ["month", "day", "year"];
    } catch (err) { return ["month", "day", "year"]; }
  })();
  const LOCAL_FORMAT = ORDER.map((t) => (t === "year" ? "YYYY" : t === "month" ? "MM" : "DD")).join("/");
  /** A typed date: {iso} or {error}, with the years the data spans (yearSpan) allowed only. */
  function parseDate(text, typing) {
    const t = String(text).trim(), shown = "'" + shorten(t, 30) + "'";
    let y, m, d, found;
    if (!t) return { error: "no date given" };
    let last;  // the part typed last, which may still grow
    if ((found = /^(\d+)-(\d{1,2})-(\d{1,2})$/.exec(t))) { y = found[1]; m = found[2]; d = found[3]; last = d; }
    else if ((found = /^(\d{1,4})[\/.](\d{1,4})[\/.](\d{1,4})$/.exec(t))) {
      const parts = [found[1], found[2], found[3]];
      if (parts[0].length === 4) { y = parts[0]; m = parts[1]; d = parts[2]; }
      else { const by = {}; ORDER.forEach((k, i) => { by[k] = parts[i]; }); y = by.year; m = by.month; d = by.day; }
      last = parts[2];
    } else return { error: "cannot read " + shown + " as a date: write YYYY-MM-DD or " + LOCAL_FORMAT };
    // while keys are being typed, a date is taken only once its last part cannot grow into another
    // one (2023-04-1 may become 2023-04-15; 03/01/202 is no year yet); Enter takes short forms too
    if (typing && last !== y && last.length < 2) return { error: "not finished" };
    if (!/^\d{4}$/.test(y)) return { error: "the year in " + shown + " needs four digits" };
    if (m.length > 2 || d.length > 2) return { error: shown + " is no calendar date" };
    const iso = y + "-" + m.padStart(2, "0") + "-" + d.padStart(2, "0");
    if (!isDate(iso)) return { error: shown + " is no calendar date" };
    const span = yearSpan();
    if (+y < span[0] || +y > span[1]) return { error: "the data spans " + span[0] + " to " + span[1] + ": " + y + " is outside it" };
    return { iso: iso };
  }
  function longDate(iso) {
    return new Date(iso + "T12:00:00Z").toLocaleDateString("en-GB", { weekday: "short", day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
  }
  const onInput = $("on"), slider = $("slider");
  function dateMessage(field, message, text) {
    field.setAttribute("aria-invalid", text ? "true" : "false");
    message.textContent = text || "";
    message.className = text ? "date-error" : "date-read";
  }
  function showReadDate() {
    if (onInput.getAttribute("aria-invalid") !== "true") $("on-read").textContent = longDate(state.on);
  }
  function commitTyped(final) {
    const p = parseDate(onInput.value, !final);
    if (p.iso) {
      dateMessage(onInput, $("on-read"), "");
      if (p.iso !== state.on) setDate(p.iso, undefined, true);
      else showReadDate();
    } else if (final) dateMessage(onInput, $("on-read"), p.error + ". The answers shown are still those on " + state.on + ".");
    return !!p.iso;
  }
  onInput.addEventListener("input", () => commitTyped(false));
  onInput.addEventListener("change", () => commitTyped(true));
  onInput.addEventListener("keydown", (ev) => { if (ev.key === "Enter") { commitTyped(true); ev.preventDefault(); } });
  function setDate(iso, why, typed) {
    if (!isDate(iso)) return false;
    state.on = iso;
    if (!typed || document.activeElement !== onInput) { onInput.value = iso; dateMessage(onInput, $("on-read"), ""); }
    showReadDate();
    const r = range();
    slider.min = String(r.lo); slider.max = String(r.hi); slider.value = String(toDays(iso));
    slider.setAttribute("aria-valuetext", iso);
    if (why !== null) notice(why || "");
    const parts = api.timings.dateParts = {}, mark = (name, t0) => { parts[name] = performance.now() - t0; return performance.now(); };
    let t = performance.now();
    if (state.view === "access") updateCells(); else cellsStale = true;
    t = mark("cells", t);
    if (access.model !== null && state.view === "access") renderLanes(access.model);
    else lanesStale = true;
    t = mark("lanes", t);
    if (state.view === "acts") renderActs(); else actsStale = true;
    t = mark("acts", t);
    restyleGraph(); t = mark("graph", t);
    placeDateLine(); t = mark("timeline", t);
    refreshPanel(); t = mark("panel", t);
    writeUrl(); mark("url", t);
    return true;
  }
  /** The days ◀/▶ step through: those of the focused model (Access view) or of the acts shown
   *  (Places & acts), else every day on which an answer can change. */
  function stepDays() {
    if (state.view === "access" && access.model !== null) {
      const row = AC.rows[access.model], set = new Set(row.starts);
      row.events.forEach((e) => { const w = GD.windows[e]; if (w) { if (w[0]) set.add(w[0]); if (w[1]) set.add(addDays(w[1], 1)); } });
      return { days: Array.from(set).sort(), what: AC.models[access.model].label, events: row.events };
    }
    if (state.view === "acts" && actFilterOn()) {
      const set = new Set(), events = [];
      filteredActs().forEach((a) => [a.start, a.end].forEach((t) => {
        if (!t) return;
        if (t.earliest) set.add(t.earliest);
        if (t.latest) set.add(addDays(t.latest, 1));
        if (typeof t.node === "number") events.push(t.node);
      }));
      return { days: Array.from(set).sort(), what: actFilterText(), events: events };
    }
    return { days: changeDates, what: null, events: null };
  }
  function stepEvent(dir) {
    const s = stepDays(), list = s.days;
    const k = dir > 0 ? bisectRight(list, state.on) : bisectRight(list, addDays(state.on, -1)) - 1;
    const whose = s.what ? " for " + s.what : "";
    if (k < 0 || k >= list.length) { notice(dir > 0 ? "No later event changes an answer" + whose + "." : "No earlier event changes an answer" + whose + "."); return null; }
    const day = list[k], ev = eventsAt(day, s.events);
    setDate(day, (ev.length ? "On " + day + ": " + ev.map((e) => describeBound(e, day)).join("; ") : "On " + day + ": an answer can change") + (s.what ? " (" + s.what + ")." : "."));
    if (ev.length && state.view === "graph") selectNode(ev[0], { keepView: true });
    return day;
  }
  function eventsAt(day, among) {
    return (among || GD.timeline).filter((i) => { const w = GD.windows[i]; return w && (w[0] === day || (w[1] && addDays(w[1], 1) === day)); });
  }
  function describeBound(i, day) {
    const w = GD.windows[i];
    return "'" + GD.label[i] + "' " + (w[0] === day ? "may have happened from this day" : "has certainly happened by this day");
  }
  slider.addEventListener("input", () => setDate(fromDays(+slider.value)));
  $("prev-event").addEventListener("click", () => stepEvent(-1));
  $("next-event").addEventListener("click", () => stepEvent(1));
  /** Answer as known on `iso` (empty: from every recorded source): the table of its state of knowledge. */
  function setKnown(iso) {
    if (iso) {
      const p = parseDate(iso);
      if (!p.iso) { dateMessage($("known"), $("known-read"), p.error + "."); return false; }
      const epoch = knownEpoch(p.iso);
      if (heldKnown.indexOf(epoch) < 0) {
        dateMessage($("known"), $("known-read"), "This page holds no table as known on " + p.iso + " (regkg viz --known-on " + p.iso + ").");
        return false;
      }
      iso = p.iso;
    }
    const epoch = iso ? knownEpoch(iso) : "";
    state.known = epoch || "";
    if (document.activeElement !== $("known")) $("known").value = state.known;
    dateMessage($("known"), $("known-read"), "");
    applyTable(); renderMatrix();
    if (access.model !== null) renderLanes(access.model);
    refreshPanel(); writeUrl();
    notice(!iso ? "Answers from every recorded source." : epoch === iso ? "As known on " + iso + "."
      : "As known on " + iso + ": the same sources count as on " + epoch + " (no publication window opens or closes between), so the answers are those as known on " + epoch + ".");
    return true;
  }
  $("known").addEventListener("change", () => setKnown($("known").value.trim()));
  $("known").addEventListener("keydown", (ev) => { if (ev.key === "Enter") { setKnown($("known").value.trim()); ev.preventDefault(); } });
  /** Answer about another action a rule names (distribute, ...), or use when empty. */
  function setAction(name) {
    name = name || "";
    if (name && heldActions.indexOf("odrl:" + name) < 0) return false;
    state.action = name; $("action").value = name;
    applyTable(); renderMatrix();
    if (access.model !== null) renderLanes(access.model);
    refreshPanel(); writeUrl();
    return true;
  }
  $("action").addEventListener("change", () => setAction($("action").value));
  /** Select a value of an open fact (place, channel, device, purpose, employer); empty: not said. */
  function setFact(fact, value) {
    value = value || "";
    if (fact === "place" && value !== "other") value = value.toUpperCase();
    if (value && value !== "other" && (FACTS[fact].values || []).indexOf(value) < 0) return false;
    if (value === "other" && (fact === "device" || fact === "purpose")) return false;
    state[fact] = value; $("fact-" + fact).value = value;
    updateCells(); renderMatrixNote();
    if (access.model !== null) renderLanes(access.model);
    refreshPanel(); writeUrl();
    return true;
  }
  FACT_NAMES.forEach((f) => $("fact-" + f).addEventListener("change", () => setFact(f, $("fact-" + f).value)));
  /** The place (a shorthand for the Where selector) as the old address called it. */
  function setPlace(code) { return setFact("place", code); }


  // ---------------------------------------------------------------- views
  const VIEWS = ["access", "acts", "graph"];
  function setView(view) {
    state.view = view;
    VIEWS.forEach((v) => {
      const tab = $("tab-" + v), on = v === view;
      tab.setAttribute("aria-selected", String(on));
      tab.tabIndex = on ? 0 : -1;
      $(v).hidden = !on;
    });
    if (view === "graph") { showGraph(); if (GV.styleStale) restyleGraph(); }
    else if (view === "access") {
      if (cellsStale) { cellsStale = false; updateCells(); }
      if (lanesStale && access.model !== null) { lanesStale = false; renderLanes(access.model); }
    } else if (view === "acts") { actsStale = false; renderActs(); }
    writeUrl();
  }
  VIEWS.forEach((v) => $("tab-" + v).addEventListener("click", () => setView(v)));
  $("tabs").addEventListener("keydown", (ev) => {
    const k = VIEWS.indexOf(state.view);
    const next = ev.key === "ArrowRight" ? VIEWS[(k + 1) % VIEWS.length] : ev.key === "ArrowLeft" ? VIEWS[(k + VIEWS.length - 1) % VIEWS.length] : null;
    if (next) { setView(next); $("tab-" + next).focus(); ev.preventDefault(); }
  });

  // ---------------------------------------------------------------- the Access view
  const access = { model: null, col: null, ch: null, lines: [], cols: [], allCols: false };
  let lanesStale = false, cellsStale = false;  // redrawn when the Access view shows again
  function decisionStyle(value) { return S.decisions[value] || S.decisions.not_applicable; }
  function paintCell(button, ans, mi, col, ch) {
    const value = ans ? ans.value : "not_applicable", st = decisionStyle(value);
    const until = AC.rows[mi].known_until, after = !!(until && until.latest && state.on > until.latest);
    const current = access.model === mi && access.col && access.col.iri === col.iri && (access.ch || null) === (ch || null);
    button.className = "cell d-" + value + (ans && ans.split ? " d-split" : "") + (current ? " current" : "") + (after ? " after-horizon" : "");
    button.dataset.decision = value;
    if (ans && ans.split) {
      const colours = ans.values.map((v) => decisionStyle(v).color), n = colours.length;
      button.textContent = ans.values.map((v) => decisionStyle(v).symbol).join("");
      button.style.background = "linear-gradient(90deg, " + colours.map((c, k) => c + " " + (100 * k / n) + "% " + (100 * (k + 1) / n) + "%").join(", ") + ")";
      button.style.color = "#fff";
      button.dataset.split = ans.values.join(",");
    } else {
      button.textContent = st.symbol;
      button.style.background = st.color;
      button.style.color = st.ink;
      delete button.dataset.split;
    }
    const beyond = (after ? "; after the knowledge horizon (known until " + until.latest + "): the state may have changed since" : "")
      + (employerAsked(col) ? "" : "; with their own employer (" + ownEmployers(col).map(labelOf).join(", ") + "), not the one chosen above");
    button.classList.toggle("own-employer", !employerAsked(col));
    const who = AC.models[mi].label + (ch ? " through " + labelOf(ch) : "") + " (" + AC.models[mi].kind + "), " + col.label;
    const how = ans && ans.split ? "depends: " + ans.rows.map((r) => decisionStyle(r.then).label + " " + rowText(r, 2)).join("; ") : st.label;
    button.setAttribute("aria-label", who + ": " + how + " on " + state.on + askedHow() + beyond);
    button.title = (ans && ans.split ? how : st.label + ": " + st.help) + beyond;
  }
  function channelDepth(mi, iri) {
    let depth = 1, node = iri;
    const byIri = new Map((AC.models[mi].channels || []).map((c) => [c.iri, c]));
    while (byIri.has(node) && byIri.get(node).parent && byIri.get(node).parent !== AC.models[mi].iri && depth < 6) { node = byIri.get(node).parent; depth++; }
    return depth;
  }
  function matrixSelection() {
    const q = $("matrix-filter").value.trim().toLowerCase();
    const hitModel = (mi) => !q || AC.models[mi].label.toLowerCase().indexOf(q) >= 0 || (AC.models[mi].channels || []).some((c) => c.label.toLowerCase().indexOf(q) >= 0);
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
    const lines = [];
    rows.forEach((mi) => {
      lines.push({ mi: mi, ch: null, depth: 0 });
      (AC.models[mi].channels || []).forEach((c) => lines.push({ mi: mi, ch: c.iri, depth: channelDepth(mi, c.iri) }));
    });
    return { lines: lines, cols: access.allCols ? cols : cols.slice(0, COLS_MAX), total: total, shown: rows.length, colTotal: cols.length };
  }
  let matrixInfo = null;
  function renderMatrix() {
    const sel = matrixInfo = matrixSelection();
    access.lines = sel.lines; access.cols = sel.cols;
    const table = $("matrix");
    table.replaceChildren();
    const head = table.createTHead().insertRow();
    const corner = el("th", (AC.models.some((m) => m.kind === "service") ? "model or service" : "model") + " \u2193 · audience \u2192"); corner.className = "hint"; head.appendChild(corner);
    sel.cols.forEach((c, k) => {
      const th = el("th"), b = el("button", c.label, "head");
      b.type = "button"; b.title = c.label + ": what may it use?"; b.dataset.col = c.iri; b.dataset.r = "-1"; b.dataset.c = String(k); b.tabIndex = -1;
      b.addEventListener("click", () => selectColumn(c.iri));
      th.scope = "col"; th.appendChild(b); head.appendChild(th);
    });
    const body = table.createTBody();
    sel.lines.forEach((line, r) => {
      const mi = line.mi, tr = body.insertRow(), th = el("th");
      const name = line.ch ? labelOf(line.ch) : AC.models[mi].label, b = el("button", (line.ch ? "\u21B3 " : "") + name, "head" + (line.ch ? " channel" : ""));
      th.scope = "row"; b.type = "button"; b.dataset.model = String(mi); b.dataset.r = String(r); b.dataset.c = "-1"; b.tabIndex = -1;
      if (line.ch) { b.dataset.ch = line.ch; b.style.paddingLeft = (8 + 14 * line.depth) + "px"; b.title = name + " (part of " + AC.models[mi].label + "): who may use it?"; }
      else b.title = AC.models[mi].label + " (" + AC.models[mi].kind + "): who may use it?";
      if (!line.ch && AC.models[mi].kind === "service") b.appendChild(el("span", "service", "kind-tag"));
      b.addEventListener("click", () => selectModel(mi, line.ch));
      th.appendChild(b); tr.appendChild(th);
      if (line.ch) tr.className = "channel-row";
      sel.cols.forEach((c, k) => {
        const td = tr.insertCell();
        if (!cellList(mi, c)) { td.className = "empty"; td.title = "not decided here: no rule about this model names this audience (ask regkg check)"; return; }
        const cell = el("button", null, "cell"); cell.type = "button"; cell.tabIndex = -1;
        cell.dataset.m = String(mi); cell.dataset.col = c.iri; cell.dataset.r = String(r); cell.dataset.c = String(k);
        if (line.ch) cell.dataset.ch = line.ch;
        cell.addEventListener("click", () => selectCell(mi, c.iri, line.ch));
        td.appendChild(cell);
      });
    });
    renderMatrixNote();
    updateCells();
    const first = table.querySelector("button.cell.current") || table.querySelector("button.cell") || table.querySelector("button.head");
    if (first) first.tabIndex = 0;  // the table is one stop for Tab; the arrow keys move inside it
  }
  function renderMatrixNote() {
    const sel = matrixInfo;
    if (!sel) return;
    const parts = [];
    if (sel.total > sel.shown) parts.push("Showing " + sel.shown + " of " + sel.total + " models: type to filter.");
    if (sel.colTotal > sel.cols.length) parts.push("Showing " + sel.cols.length + " of " + sel.colTotal + " audiences.");
    const said = askedHow();
    parts.push(said ? "Answers" + said + "; a split cell depends on a fact not chosen above." : "A split cell depends on a fact not chosen above (where, channel, device, purpose, employer).");
    parts.push(AC.full ? "Every model is decided for every audience, as regkg availability does."
      : "Large graph: a model is decided for the audiences its rules name (regkg who-can); hatched grey cells were not decided.");
    $("matrix-note").textContent = parts.join(" ");
    $("show-all-cols").hidden = !(sel.colTotal > sel.cols.length);
  }
  $("show-all-cols").addEventListener("click", () => { access.allCols = true; renderMatrix(); });
  function updateCells() {
    document.querySelectorAll("#matrix button.cell").forEach((b) => {
      const mi = +b.dataset.m, col = column(b.dataset.col), ch = b.dataset.ch || null;
      paintCell(b, answerAt(mi, col, state.on, ch), mi, col, ch);
    });
    document.querySelectorAll("#matrix button.head").forEach((b) => {
      const on = (b.dataset.model !== undefined && +b.dataset.model === access.model && (b.dataset.ch || null) === (access.ch || null) && !access.col)
        || (b.dataset.col && access.col && access.col.iri === b.dataset.col && access.model === null);
      b.classList.toggle("current", !!on);
    });
  }
  $("matrix-filter").addEventListener("input", renderMatrix);
  $("matrix").addEventListener("focusin", (ev) => {
    const t = ev.target;
    if (!t.dataset || t.dataset.r === undefined) return;
    document.querySelectorAll('#matrix button[tabindex="0"]').forEach((b) => { if (b !== t) b.tabIndex = -1; });
    t.tabIndex = 0;
  });
  $("matrix").addEventListener("keydown", (ev) => {
    const t = ev.target;
    if (!t.dataset || t.dataset.r === undefined) return;
    const r = +t.dataset.r, c = +t.dataset.c, lastR = access.lines.length - 1, lastC = access.cols.length - 1;
    const to = { ArrowUp: [r - 1, c], ArrowDown: [r + 1, c], ArrowLeft: [r, c - 1], ArrowRight: [r, c + 1],
                 Home: [r, -1], End: [r, lastC], PageUp: [Math.max(-1, r - 10), c], PageDown: [Math.min(lastR, r + 10), c] }[ev.key];
    if (!to) return;
    ev.preventDefault();
    const nr = Math.min(Math.max(to[0], -1), lastR), nc = Math.min(Math.max(to[1], -1), lastC);
    if (nr === -1 && nc === -1) return;
    const next = document.querySelector('#matrix button[data-r="' + nr + '"][data-c="' + nc + '"]');
    if (next) next.focus();
  });
  function buildDecisionLegend() {
    const box = $("decision-legend");
    S.decisionOrder.forEach((d) => {
      const st = S.decisions[d], item = el("span", null, "item"), sw = el("span", st.symbol, "swatch d-" + d);
      sw.style.background = st.color; sw.style.color = st.ink;
      item.appendChild(sw); item.appendChild(el("span", st.label)); item.title = st.help;
      box.appendChild(item);
    });
    const item = el("span", null, "item"), sw = el("span", S.decisions.deny.symbol + S.decisions.permit.symbol, "swatch d-split");
    sw.style.background = "linear-gradient(90deg, " + S.decisions.deny.color + " 50%, " + S.decisions.permit.color + " 50%)"; sw.style.color = "#fff";
    item.appendChild(sw); item.appendChild(el("span", "depends on a fact not chosen (click for the conditions)")); box.appendChild(item);
  }
  function buildFactSelectors() {
    const any = { place: "anywhere (not said)", channel: "any channel (not said)", device: "any device (not said)", purpose: "any purpose (not said)", employer: "any employer (not said)" };
    FACT_NAMES.forEach((f) => {
      const box = $("fact-" + f), values = ((FACTS[f] || {}).values || []).slice();
      if (f === "place") values.sort(placeOrder);
      box.replaceChildren();
      const o = el("option", any[f]); o.value = ""; box.appendChild(o);
      values.forEach((v) => {
        const label = f === "place" ? placeName(v) + " (" + v + ")" : f === "device" || f === "purpose" ? factValueText(f, v) : labelOf(v);
        const opt = el("option", label); opt.value = v; box.appendChild(opt);
      });
      if (values.length && f !== "device" && f !== "purpose") {  // the values no rule names, as the rows call them
        const opt = el("option", factValueText(f, "other")); opt.value = "other"; box.appendChild(opt);
      }
      $("fact-" + f + "-box").hidden = !values.length;
      box.value = state[f];
    });
  }


  // ---------------------------------------------------------------- availability over time (the chart)
  // One lane per audience, lanes with the same answers at every date merged into one labelled lane;
  // the model's own events numbered under it and listed with their dates; zoomed to those events,
  // with a strip of the whole period underneath to drag a wider (or narrower) window on.
  const lanesOpen = new Set();  // merged lanes the reader opened
  function laneColumns(mi) { return AC.full ? AC.audiences.map((a) => column(a.iri)) : rowColumns(mi); }
  function modelSpan(mi) {
    const row = AC.rows[mi], days = [];
    row.events.forEach((e) => { const w = GD.windows[e]; if (w) { if (w[0]) days.push(toDays(w[0])); if (w[1]) days.push(toDays(w[1]) + 1); } });
    if (!days.length) row.starts.forEach((d) => days.push(toDays(d)));
    if (!days.length) return range();
    const lo = Math.min.apply(null, days), hi = Math.max.apply(null, days);
    const pad = Math.max(10, Math.round((hi - lo) * 0.06));
    return { lo: lo - pad, hi: hi + pad };
  }
  function chartRange(mi) { return state.zoom || modelSpan(mi); }
  /** The lane of one column: consecutive spans with the same answer as one segment. */
  function laneSegments(mi, col, ch) {
    const list = cellList(mi, col), starts = AC.rows[mi].starts, sel = selection(ch, col), out = [];
    if (!list) return out;
    list.forEach((d, k) => {
      const ans = answerOf(d, sel), key = ans.values.join("|") + "/" + ans.value;
      const from = k === 0 ? null : starts[k - 1], to = k === starts.length ? null : addDays(starts[k], -1);
      const last = out[out.length - 1];
      if (last && last.key === key) last.to = to;
      else out.push({ key: key, ans: ans, from: from, to: to, d: d });
    });
    return out;
  }
  function laneGroups(mi, ch) {
    const groups = new Map();
    laneColumns(mi).forEach((c) => {
      const segs = laneSegments(mi, c, ch), sig = segs.map((s) => s.key + "@" + s.from).join(";");
      if (!groups.has(sig)) groups.set(sig, { sig: sig, cols: [], segs: segs });
      groups.get(sig).cols.push(c);
    });
    return Array.from(groups.values());
  }
  function groupSummary(g) {
    const values = new Set(g.segs.map((s) => s.ans.value));
    if (values.size === 1 && values.has("not_applicable")) return "no rule";
    if (g.segs.length === 1) return decisionStyle(g.segs[0].ans.value).label + (g.segs[0].ans.split ? " (depends)" : "");
    return "the same answers";
  }
  function renderLanes(mi) {
    const box = $("lanes"), row = AC.rows[mi], ch = access.ch;
    const title = AC.models[mi].label + (ch ? " through " + labelOf(ch) : "") + (AC.models[mi].kind === "service" && !ch ? " (service)" : "");
    $("lanes-title").textContent = "Availability over time: " + title + askedHow();
    const width = Math.max(320, box.clientWidth || 900), narrow = width < 640;
    const labelW = narrow ? 120 : 260, laneH = 22, gap = 4;
    const r = chartRange(mi), span = Math.max(1, r.hi - r.lo), plotW = width - labelW - 12;
    const x = (iso) => labelW + (Math.min(Math.max(toDays(iso), r.lo), r.hi + 1) - r.lo) / (span + 1) * plotW;
    x.invert = (px) => fromDays(r.lo + Math.floor((px - labelW) / plotW * (span + 1)));
    // the lanes: identical ones merged unless opened
    const lanes = [];
    laneGroups(mi, ch).forEach((g) => {
      if (g.cols.length > 1 && !lanesOpen.has(g.sig)) lanes.push({ group: g, label: g.cols.length + " audiences: " + groupSummary(g), cols: g.cols, segs: g.segs });
      else g.cols.forEach((c, k) => lanes.push({ group: g.cols.length > 1 ? g : null, first: k === 0, label: c.label, cols: [c], segs: g.segs }));
    });
    // the events, numbered in date order, placed in rows so that none hides another
    const evs = row.events.filter((e) => GD.windows[e]).slice().sort((a, b) => {
      const wa = GD.windows[a], wb = GD.windows[b];
      return String(wa[0] || wa[1]).localeCompare(String(wb[0] || wb[1])) || String(wa[1]).localeCompare(String(wb[1])) || GD.label[a].localeCompare(GD.label[b]);
    });
    const rowsEnd = [], placed = [];  // as many rows as it takes: no mark ever covers another
    evs.forEach((e, n) => {
      const w = GD.windows[e], from = w[0] || w[1], to = w[1] || w[0];
      const x0 = x(from), x1 = Math.max(x0, x(addDays(to, 1)));
      const cx = Math.min(Math.max((x0 + x1) / 2, labelW + 8), width - 10);
      const inside = toDays(to) + 1 >= r.lo && toDays(from) <= r.hi + 1;
      let k = -1;  // an event outside the window is only listed: it takes no row
      if (inside) {
        k = rowsEnd.findIndex((end) => end < cx - 9);
        if (k < 0) { k = rowsEnd.length; rowsEnd.push(0); }
        rowsEnd[k] = cx + 9;
      }
      placed.push({ e: e, n: n + 1, x0: x0, x1: x1, cx: cx, row: k, inside: inside });
    });
    const markerRows = rowsEnd.length;
    const top = row.known_until && row.known_until.latest ? 40 : 24, lanesH = lanes.length * (laneH + gap);
    const eventsTop = top + lanesH + 6, height = eventsTop + markerRows * 20 + 18;
    const root = svg("svg", { viewBox: "0 0 " + width + " " + height, role: "img", "aria-label": "Availability of " + title + " over time, one lane per audience (identical lanes merged)" });
    const defs = svg("defs"), pat = svg("pattern", { id: "hatch", width: 7, height: 7, patternUnits: "userSpaceOnUse", patternTransform: "rotate(45)" });
    pat.appendChild(svg("rect", { width: 2.5, height: 7, fill: "rgba(0,0,0,.35)" }));
    defs.appendChild(pat); root.appendChild(defs);
    axis(root, r, x, top, eventsTop - 2);
    const first = fromDays(r.lo), last = fromDays(r.hi);
    lanes.forEach((ln, k) => {
      const y = top + k * (laneH + gap);
      const label = svg("text", { x: labelW - 6, y: y + laneH / 2 + 4, "text-anchor": "end", class: "lane-label" + (ln.group ? " merged" : "") }, shorten(ln.label, Math.floor((labelW - 10) / 6.6)));
      label.appendChild(svg("title", {}, ln.group ? ln.group.cols.map((c) => c.label).join("; ") + " \u2014 click to " + (lanesOpen.has(ln.group.sig) ? "merge them again" : "show each") : ln.label));
      if (ln.group && (ln.cols.length > 1 || ln.first)) {
        label.setAttribute("role", "button");
        label.setAttribute("data-group", String(ln.group.cols.length));
        label.addEventListener("click", () => { if (lanesOpen.has(ln.group.sig)) lanesOpen.delete(ln.group.sig); else lanesOpen.add(ln.group.sig); renderLanes(mi); });
      }
      root.appendChild(label);
      ln.segs.forEach((s, j) => {
        const from = s.from || first, to = s.to || last;
        if (to < first || from > last) return;
        lane(root, mi, ln.cols[0], s, from < first ? first : from, to > last ? last : to, x, y, laneH, !s.from, !s.to, ln.cols.length);
      });
    });
    // the date asked about
    if (toDays(state.on) >= r.lo && toDays(state.on) <= r.hi) {
      const xl = x(state.on);
      root.appendChild(svg("line", { x1: xl, x2: xl, y1: top - 4, y2: eventsTop - 2, stroke: "#c0392b", "stroke-width": 2, "pointer-events": "none" }));
      root.appendChild(svg("text", { x: Math.min(xl + 3, width - 70), y: top - 6, fill: "#c0392b", "pointer-events": "none" }, state.on));
    } else root.appendChild(svg("text", { x: toDays(state.on) < r.lo ? labelW + 2 : width - 150, y: top - 6, fill: "#c0392b" }, (toDays(state.on) < r.lo ? "\u2190 " : "") + state.on + (toDays(state.on) > r.hi ? " \u2192" : "")));
    horizon(root, row.known_until, x, r, top, top + lanesH, width);
    markers(root, placed, eventsTop);
    box.replaceChildren(root);
    eventList(placed);
    brush(mi, r);
  }
  /** The knowledge horizon: after the newest source about the model, the state may have changed since.
   *  Its shading lets every click through to the lanes and markers under it. */
  function horizon(root, until, x, r, top, bottom, width) {
    if (!until || !until.latest || toDays(until.latest) + 1 > r.hi) return;
    const xh = x(addDays(until.latest, 1)), g = svg("g", { class: "horizon", "data-latest": until.latest });
    g.appendChild(svg("rect", { x: xh, y: top - 4, width: Math.max(0, x(fromDays(r.hi + 1)) - xh), height: bottom - top + 4, fill: "rgba(255,255,255,.45)", "pointer-events": "none" }));
    g.appendChild(svg("line", { x1: xh, x2: xh, y1: top - 30, y2: bottom, stroke: "#555", "stroke-dasharray": "4 3", "pointer-events": "none" }));
    const t = svg("text", { x: Math.min(xh + 3, width - 130), y: top - 24, class: "axis" }, "known until " + until.latest);
    t.appendChild(svg("title", {}, "Knowledge horizon: the newest source about this model is '" + until.label + "' (" + until.date_text
      + "); after " + until.latest + " the state may have changed since"));
    g.appendChild(t);
    root.appendChild(g);
  }
  function lane(root, mi, col, s, from, to, x, y, h, openStart, openEnd, count) {
    const value = s.ans.value, st = decisionStyle(value), x0 = x(from), x1 = x(addDays(to, 1));
    const g = svg("g", { class: "seg", "data-decision": value });
    if (s.ans.split) {
      g.setAttribute("data-split", s.ans.values.join(","));
      const n = s.ans.values.length;
      s.ans.values.forEach((v, k) => g.appendChild(svg("rect", { x: x0, y: y + k * h / n, width: Math.max(1, x1 - x0), height: h / n, fill: decisionStyle(v).color })));
    } else g.appendChild(svg("rect", { x: x0, y: y, width: Math.max(1, x1 - x0), height: h, fill: st.color }));
    if (st.hatch && !s.ans.split) g.appendChild(svg("rect", { x: x0, y: y, width: Math.max(1, x1 - x0), height: h, fill: "url(#hatch)" }));
    if (x1 - x0 > 18) g.appendChild(svg("text", { x: x0 + 4, y: y + h / 2 + 4, fill: s.ans.split ? "#fff" : st.ink, "pointer-events": "none" }, s.ans.split ? s.ans.values.map((v) => decisionStyle(v).symbol).join("") : st.symbol));
    const when = openStart && openEnd ? "on every date" : openStart ? "until " + to : openEnd ? "from " + from : from + " to " + to;
    g.appendChild(svg("title", {}, (count > 1 ? count + " audiences" : col.label) + ": " + (s.ans.split ? "depends: " + s.ans.rows.map((r) => decisionStyle(r.then).label + " " + rowText(r, 2)).join("; ") : st.label) + " " + when));
    g.addEventListener("click", (ev) => {
      const box = ev.currentTarget.ownerSVGElement.getBoundingClientRect(), px = (ev.clientX - box.left) * ev.currentTarget.ownerSVGElement.viewBox.baseVal.width / box.width;
      const day = x.invert(px);
      setDate(day < from ? from : day > to ? to : day);
      selectCell(mi, col.iri, access.ch);
    });
    root.appendChild(g);
  }
  function axis(root, r, x, top, bottom) {
    const span = r.hi - r.lo, start = new Date(r.lo * DAY), months = [];
    let d = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1));
    while (d.getTime() / DAY <= r.hi) { months.push(new Date(d)); d.setUTCMonth(d.getUTCMonth() + 1); }
    const step = Math.max(1, Math.ceil(months.length / 10));
    months.forEach((m, i) => {
      if (i % step) return;
      const iso = m.toISOString().slice(0, 10), xm = x(iso);
      root.appendChild(svg("line", { x1: xm, x2: xm, y1: top - 4, y2: bottom, stroke: "#e5e8e8", "pointer-events": "none" }));
      root.appendChild(svg("text", { x: xm + 2, y: top - 8, class: "axis", "pointer-events": "none" }, m.toLocaleString("en", { month: "short", year: span > 500 || m.getUTCMonth() === 0 || i === 0 ? "numeric" : undefined, timeZone: "UTC" })));
    });
  }
  function markers(root, placed, y0) {
    // the windows first, all of them, then the numbered marks over them: a window never hides a mark
    placed.forEach((p) => {
      if (!p.inside || p.x1 - p.x0 <= 3) return;
      const planned = ["planned", "forecast"].indexOf(attrs(p.e).status) >= 0;
      root.appendChild(svg("rect", { x: p.x0, y: y0 + p.row * 20 + 3, width: p.x1 - p.x0, height: 12, rx: 3, fill: planned ? "#bfc9ca" : "#d7bde2", "pointer-events": "none" }));
    });
    placed.forEach((p) => {
      if (!p.inside) return;
      const i = p.e, y = y0 + p.row * 20, planned = ["planned", "forecast"].indexOf(attrs(i).status) >= 0;
      const g = svg("g", { class: "marker", "data-node": GD.ids[i], "data-n": p.n, role: "button" });
      g.appendChild(svg("circle", { cx: p.cx, cy: y + 9, r: 8.5, fill: planned ? "#7f8c8d" : "#8e44ad" }));
      g.appendChild(svg("text", { x: p.cx, y: y + 12.5, "text-anchor": "middle", fill: "#fff", class: "marker-n" }, p.n));
      g.appendChild(svg("title", {}, p.n + ". " + GD.label[i] + " \u2014 " + (attrs(i).date_text || "no date given") + " [" + (GD.windows[i][0] || "open") + " \u2026 " + (GD.windows[i][1] || "open") + "]"));
      g.addEventListener("click", () => selectNode(i, { keepView: true }));
      root.appendChild(g);
    });
  }
  function eventList(placed) {
    const ol = $("chart-events");
    ol.replaceChildren();
    placed.forEach((p) => {
      const i = p.e, li = el("li"), w = GD.windows[i];
      li.value = p.n; li.dataset.node = GD.ids[i];
      li.appendChild(el("span", (attrs(i).date_text || "no date given") + " ", "when"));
      li.appendChild(link(GD.label[i], () => selectNode(i, { keepView: true })));
      li.appendChild(el("span", " [" + (w[0] || "open") + " \u2026 " + (w[1] || "open") + "]" + (attrs(i).status && attrs(i).status !== "occurred" ? " (" + attrs(i).status + ")" : "") + (p.inside ? "" : " (outside the window shown)"), "hint"));
      ol.appendChild(li);
    });
    $("chart-events-title").hidden = !placed.length;
  }
  /** The whole period as a strip: drag across it to show that window; the buttons go back. */
  function brush(mi, r) {
    const box = $("brush"), width = Math.max(320, box.clientWidth || 900), h = 26, whole = range();
    const span = Math.max(1, whole.hi - whole.lo), x = (day) => 4 + (day - whole.lo) / span * (width - 8);
    const root = svg("svg", { viewBox: "0 0 " + width + " " + h, class: "brush", role: "group", "aria-label": "The whole period: drag to choose the window the chart shows" });
    root.appendChild(svg("rect", { x: 4, y: 4, width: width - 8, height: h - 8, fill: "#f4f6f7", stroke: "#d5d8dc" }));
    const row = AC.rows[mi];
    row.starts.forEach((d) => root.appendChild(svg("line", { x1: x(toDays(d)), x2: x(toDays(d)), y1: 6, y2: h - 6, stroke: "#8e44ad", "pointer-events": "none" })));
    const win = svg("rect", { x: x(r.lo), y: 2, width: Math.max(3, x(r.hi) - x(r.lo)), height: h - 4, fill: "rgba(11,92,173,.15)", stroke: "#0b5cad", "pointer-events": "none", class: "window" });
    root.appendChild(win);
    let from = null;
    const dayAt = (ev) => { const b = root.getBoundingClientRect(); return whole.lo + Math.round(((ev.clientX - b.left) * width / b.width - 4) / (width - 8) * span); };
    root.addEventListener("pointerdown", (ev) => { from = dayAt(ev); root.setPointerCapture(ev.pointerId); ev.preventDefault(); });
    root.addEventListener("pointermove", (ev) => {
      if (from === null) return;
      const to = dayAt(ev), a = Math.min(from, to), b = Math.max(from, to);
      win.setAttribute("x", String(x(a))); win.setAttribute("width", String(Math.max(3, x(b) - x(a))));
    });
    root.addEventListener("pointerup", (ev) => {
      if (from === null) return;
      const to = dayAt(ev), a = Math.min(from, to), b = Math.max(from, to);
      from = null;
      if (b - a >= 3) setZoom({ lo: a, hi: b });
    });
    box.replaceChildren(root);
    $("zoom-note").textContent = state.zoom ? "Showing " + fromDays(r.lo) + " to " + fromDays(r.hi) + "." : "Showing this model's events (" + fromDays(r.lo) + " to " + fromDays(r.hi) + "); drag on the strip to choose another window.";
  }
  function setZoom(z) { state.zoom = z; if (access.model !== null) renderLanes(access.model); }
  $("zoom-whole").addEventListener("click", () => setZoom(range()));
  $("zoom-model").addEventListener("click", () => setZoom(null));


  // ---------------------------------------------------------------- selections in the Access view
  function selectCell(mi, iri, ch) {
    if (access.model !== mi) state.zoom = null;
    access.model = mi; access.col = column(iri); access.ch = ch || null;
    state.sel = AC.models[mi].iri; state.aud = iri; state.ch = access.ch;
    updateCells(); renderLanes(mi); showCellPanel(mi, access.col, access.ch); openSheet(); writeUrl();
  }
  function selectModel(mi, ch) {
    if (access.model !== mi) state.zoom = null;
    access.model = mi; access.col = null; access.ch = ch || null;
    state.sel = AC.models[mi].iri; state.aud = null; state.ch = access.ch;
    updateCells(); renderLanes(mi);
    if (ch) showChannelPanel(mi, ch);
    else if (idx.has(AC.models[mi].iri)) showNodePanel(idx.get(AC.models[mi].iri)); else showModelOnly(mi);
    openSheet(); writeUrl();
  }
  function selectColumn(iri) {
    access.col = column(iri); access.model = null; access.ch = null;
    state.sel = iri; state.aud = null; state.ch = null;
    updateCells();
    if (idx.has(iri)) showNodePanel(idx.get(iri)); else showColumnOnly(access.col);
    openSheet(); writeUrl();
  }

  // ---------------------------------------------------------------- the panel (a bottom sheet on a phone)
  const panel = $("panel-body");
  let panelShows = null;  // a function that redraws the panel (after a date change)
  function refreshPanel() { if (panelShows) panelShows(); }
  function clearPanel() {
    panelShows = null;
    panel.replaceChildren(el("p", "Choose a cell for the evidence, a model or audience for its answers, or a node in the graph.", "hint"));
  }
  const phone = window.matchMedia ? window.matchMedia("(max-width: 600px)") : { matches: false };
  function openSheet() { if (phone.matches) { document.body.classList.add("sheet-open"); $("panel-toggle").setAttribute("aria-expanded", "true"); } }
  function closeSheet() { document.body.classList.remove("sheet-open"); if (phone.matches) $("panel-toggle").setAttribute("aria-expanded", "false"); }
  $("sheet-close").addEventListener("click", closeSheet);
  function link(text, onclick, title) {
    const b = el("button", text, "link"); b.type = "button"; if (title) b.title = title;
    b.addEventListener("click", onclick);
    return b;
  }
  function nodeLink(iri, text) {
    if (!idx.has(iri)) return el("span", text || labelOf(iri));
    return link(text || GD.label[idx.get(iri)], () => selectNode(idx.get(iri), {}));
  }
  function badge(value, split) {
    const st = decisionStyle(value), b = el("span", null, "decision d-" + value);
    b.style.background = st.color; b.style.color = st.ink;
    b.appendChild(el("span", st.symbol)); b.appendChild(el("span", split ? "depends" : st.label));
    b.title = st.help;
    return b;
  }
  function cliName(iri, label) { return iri.split("/").pop() || label; }
  /** A word a POSIX shell reads back as written: a label pasted into a terminal must stay text. */
  function shellWord(text) { return /^[A-Za-z0-9._\/:@%+=-]+$/.test(text) ? text : "'" + text.replace(/'/g, "'\\''") + "'"; }
  function checkCommand(mi, col, ch) {
    const who = col.kind === "group" ? "--member-of " + shellWord(cliName(col.iri, col.label)) : "--party " + shellWord(col.label);
    const channel = ch || state.channel;
    return "regkg check " + shellWord(AC.models[mi].label) + " --on " + state.on + " " + who + (state.place ? " --in " + state.place : "")
      + (channel ? " --channel " + shellWord(cliName(channel, labelOf(channel))) : "") + (state.device ? " --device " + state.device : "")
      + (state.purpose ? " --purpose " + state.purpose : "") + (state.employer && employerAsked(col) ? " --employer " + shellWord(state.employer === "other" ? "none" : cliName(state.employer, labelOf(state.employer))) : "")
      + (state.known ? " --known-on " + state.known : "") + (state.action ? " --action " + state.action : "") + " --json";
  }
  function baseCommand(mi, col) {
    const who = col.kind === "group" ? "--member-of " + shellWord(cliName(col.iri, col.label)) : "--party " + shellWord(col.label);
    return "regkg check " + shellWord(AC.models[mi].label) + " --on " + state.on + " " + who
      + (state.known ? " --known-on " + state.known : "") + (state.action ? " --action " + state.action : "") + " --json";
  }
  function showCellPanel(mi, col, ch) {
    panelShows = () => showCellPanel(mi, col, ch);
    const d = decisionIndex(mi, col, state.on);
    panel.replaceChildren();
    const h = el("h2"); h.appendChild(nodeLink(AC.models[mi].iri, AC.models[mi].label));
    if (ch) { h.appendChild(document.createTextNode(" through ")); h.appendChild(nodeLink(ch, labelOf(ch))); }
    h.appendChild(document.createTextNode(" \u00D7 ")); h.appendChild(nodeLink(col.iri, col.label)); panel.appendChild(h);
    if (d < 0) {
      panel.appendChild(el("p", "Not decided in this page: no rule about this model names this audience. Ask: " + checkCommand(mi, col, ch).replace(" --json", ""), "hint"));
      return;
    }
    const j = decisionJson(d, state.on), ans = answerOf(d, selection(ch, col));
    const p = el("p"); p.appendChild(badge(ans.value, ans.split)); p.appendChild(document.createTextNode(" on " + state.on + askedHow() + (ch ? ", through " + labelOf(ch) : ""))); panel.appendChild(p);
    if (ans.fromSources) panel.appendChild(el("p", "The sources cannot decide it (see below), whatever the facts chosen.", "hint"));
    if (!employerAsked(col)) {
      const own = ownEmployers(col).map(labelOf).join(", ");
      const note = el("p", col.label + " are employed by " + own + " by definition: the employer chosen above (" + factValueText("employer", state.employer)
        + ") is not theirs, so this answer is theirs, with their own employer. For one of them with a second employer, ask regkg check with --employer.", "hint own-employer");
      panel.appendChild(note);
    }
    if (ans.split || (j.conditions || []).length) conditionsBlock(ans, j);
    panel.appendChild(el("p", "Decided about the " + (j.model.kind || "model") + " " + j.model.label + " for " + col.label + ", with every fact not given left open (regkg check with no --in, --channel, --device, --purpose or --employer).", "about"));
    if (j.known_until && j.known_until.latest) {
      const after = state.on > j.known_until.latest;
      panel.appendChild(el("p", "Known until " + j.known_until.latest + ": the newest source about it is '" + j.known_until.label + "' (" + j.known_until.date_text + ")"
        + (after ? ". This date is after it: the state may have changed since." : "."), after ? "horizon after" : "horizon"));
    }
    const span = periodAt(mi, state.on);
    const holds = span.start && span.end ? "from " + span.start + " to " + span.end : span.start ? "from " + span.start + " on" : span.end ? "until " + span.end : "on every date";
    panel.appendChild(el("p", "The same answer holds " + holds + ": no recorded date falls between.", "hint"));
    panel.appendChild(el("h3", "Because"));
    const ul = el("ul"); ul.id = "evidence";
    const lines = j.evidence;
    if (!lines.length) ul.appendChild(el("li", "no rule in force on this date is about this audience and this model"));
    lines.forEach((e) => ul.appendChild(evidenceItem(e)));
    panel.appendChild(ul);
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
    section("Not said", (j.missing || []).filter((m) => !(m.fact in selection(ch, col))), (m, li) => {
      text(li, m.what + (m.could_be && m.could_be.length ? ": would make it " + m.could_be.join(" or ") : ""));
      if (FACT_NAMES.indexOf(m.fact) >= 0 && !m.group) text(li, " \u2014 choose it above");
      return li;
    });
    section("Sources it depends on", j.undetermined_by_sources, (s, li) => {
      if (s.why !== "conflict") {
        li.appendChild(nodeLink(s.source, s.label || s.source));
        return text(li, " \u2014 perhaps published by " + state.known + " ('" + (s.date_text || "not stated") + "')");
      }
      text(li, "the sources disagree about ");
      li.appendChild(nodeLink(s.about, s.about_label || s.about));
      return text(li, ": " + (s.accounts || []).map((a) => "'" + (a.label || a.source) + "'").join(" vs "));
    });
    section("Caveats", j.caveats, (t, li) => text(li, t));
    panel.appendChild(el("h3", "As regkg check --json gives it"));
    const cmd = el("code", baseCommand(mi, col)); cmd.id = "check-command"; panel.appendChild(cmd);
    if (askedHow() || ch) { panel.appendChild(el("p", "With the facts chosen above:", "hint")); panel.appendChild(el("code", checkCommand(mi, col, ch))); }
    const pre = el("pre", JSON.stringify(j, null, 2)); pre.id = "check-json"; panel.appendChild(pre);
  }
  /** The rows a selection leaves, each answer with its condition and its rules. */
  function conditionsBlock(ans, j) {
    panel.appendChild(el("h3", ans.split ? "It depends" : "Under the facts chosen"));
    const ul = el("ul", null, "conditions"); ul.id = "conditions";
    ans.rows.forEach((row) => {
      const li = el("li"); li.appendChild(badge(row.then));
      li.appendChild(document.createTextNode(" " + rowText(row, 6)));
      if ((row.because || []).length) {
        const why = el("div", "because: ", "hint");
        row.because.forEach((r, k) => { if (k) why.appendChild(document.createTextNode("; ")); why.appendChild(nodeLink(r, labelOf(r))); });
        li.appendChild(why);
      }
      ul.appendChild(li);
    });
    const hidden = (j.conditions || []).length - ans.rows.length;
    if (hidden > 0) ul.appendChild(el("li", hidden + " other condition" + (hidden > 1 ? "s do" : " does") + " not match the facts chosen above.", "hint"));
    panel.appendChild(ul);
  }
  /** One evidence line: the rule, its authority, the event, and its sources as links to their pages. */
  function evidenceItem(e) {
    const li = el("li", null, "evidence");
    li.appendChild(el("strong", e.effect + ": "));
    li.appendChild(nodeLink(e.rule, e.label));
    if (e.inferred || e.inferred_from) li.appendChild(inferredMark(e));
    if (e.where) li.appendChild(el("div", "only " + e.where.map((alt) => rowText({ if: alt }, 3)).join("; or "), "hint"));
    if (e.authority) li.appendChild(el("div", "by: " + e.authority, "authority"));
    const ev = el("div");
    ev.appendChild(document.createTextNode("event: "));
    ev.appendChild(nodeLink(e.event, e.event_label));
    ev.appendChild(document.createTextNode(" [" + e.date_text + "; " + (e.earliest || "?") + ".." + (e.latest || "?") + "; " + e.event_state + "]"));
    li.appendChild(ev);
    if (e.quote && e.quote.text) {
      const q = el("blockquote", "\u201C" + e.quote.text + "\u201D", "quote");
      if (e.quote.url) { const a = el("a", " (" + (e.quote.source || "the page") + ")"); a.href = e.quote.url; a.target = "_blank"; a.rel = "noopener noreferrer"; q.appendChild(a); }
      li.appendChild(q);
    }
    const docs = [];
    [e.rule, e.event].forEach((n) => { if (idx.has(n)) docOfNode(idx.get(n)).forEach((d) => { if (docs.indexOf(d) < 0) docs.push(d); }); });
    if (docs.length) {
      const src = el("ul", null, "sources");
      docs.forEach((d) => src.appendChild(docItem(d)));
      li.appendChild(src);
    } else li.appendChild(el("div", "source: " + e.source, "hint"));
    return li;
  }
  /** A source document: its page (a link), publisher and date, and a button for everything it supports. */
  function docItem(d, sections) {
    const doc = DOCS.list[d], li = el("li", null, "doc");
    if (doc.url) { const a = el("a", doc.title); a.href = doc.url; a.target = "_blank"; a.rel = "noopener noreferrer"; a.className = "doc-link"; li.appendChild(a); }
    else li.appendChild(el("span", doc.title));
    if (sections && sections.length) li.appendChild(el("span", " (" + sections.join("; ") + ")", "sections"));
    li.appendChild(el("span", " \u2014 " + [doc.publisher, doc.date_text].filter(Boolean).join(", "), "hint"));
    li.appendChild(document.createTextNode(" "));
    li.appendChild(link("what it supports", () => showDocPanel(d), "everything this document is cited for"));
    return li;
  }
  let supports = null;
  function supportedBy(d) {
    if (!supports) {
      supports = new Map();
      Object.keys(GD.sources).forEach((i) => GD.sources[i].forEach((s) => {
        const doc = DOCS.of[s];
        if (doc === undefined) return;
        if (!supports.has(doc)) supports.set(doc, new Set());
        supports.get(doc).add(+i);
      }));
    }
    return Array.from(supports.get(d) || []);
  }
  function showDocPanel(d) {
    panelShows = () => showDocPanel(d);
    const doc = DOCS.list[d];
    state.sel = doc.iri; state.aud = null; writeUrl();
    panel.replaceChildren(el("h2", doc.title));
    const chip = el("span", "Source document", "chip"); chip.style.background = "#6e2c00"; panel.appendChild(chip);
    const dl = el("dl");
    const row = (term, value) => { if (value) { dl.appendChild(el("dt", term)); dl.appendChild(el("dd", value)); } };
    row("Publisher", doc.publisher); row("Kind", doc.kind); row("Date", doc.date_text);
    row("Bounds", (doc.earliest || "open") + " \u2026 " + (doc.latest || "open")); row("Read on", doc.retrieved); row("Language", doc.language);
    panel.appendChild(dl);
    if (doc.url) { const p = el("p"); const a = el("a", doc.url); a.href = doc.url; a.target = "_blank"; a.rel = "noopener noreferrer"; a.id = "doc-url"; p.appendChild(a); panel.appendChild(p); }
    const nodes = supportedBy(d).sort((a, b) => kindOf(a).localeCompare(kindOf(b)) || GD.label[a].localeCompare(GD.label[b]));
    panel.appendChild(el("h3", "It supports (" + nodes.length + ")"));
    const ul = el("ul"); ul.id = "doc-supports";
    nodes.forEach((i) => { const li = el("li"); li.appendChild(el("span", kstyle(i).label + ": ", "hint")); li.appendChild(link(shorten(GD.label[i], 120), () => selectNode(i, {}))); ul.appendChild(li); });
    panel.appendChild(ul);
    openSheet();
  }
  function inferredMark(e) {
    const from = Array.isArray(e.inferred_from) ? e.inferred_from.join(", ") : (e.inferred_from || "");
    const m = el("span", "inferred", "inferred");
    m.title = "a curator's inference, not stated by the source" + (from ? "; from " + from : "");
    return m;
  }
  function answersBox(title, items) {
    // items: [{ans, label, onclick}] grouped by the answer under the selection
    const box = el("div");
    box.appendChild(el("h3", title));
    const groups = S.decisionOrder.map((d) => [d, false]).concat([["indeterminate", true]]);
    groups.forEach((g) => {
      const these = items.filter((it) => it.ans.value === g[0] && !!it.ans.split === g[1]);
      if (!these.length) return;
      const p = el("p"); p.appendChild(badge(g[0], g[1])); p.appendChild(document.createTextNode(" " + (g[1] ? "Depends on a fact not chosen" : OUTCOME[g[0]]) + " (" + these.length + ")"));
      box.appendChild(p);
      const ul = el("ul");
      these.forEach((it) => {
        const li = el("li"); li.appendChild(link(it.label, it.onclick));
        if (it.ans.split) li.appendChild(el("span", " \u2014 " + it.ans.rows.map((r) => decisionStyle(r.then).label + " " + rowText(r, 2)).join("; "), "hint"));
        ul.appendChild(li);
      });
      box.appendChild(ul);
    });
    if (!items.length) box.appendChild(el("p", "No decision recorded in this page.", "hint"));
    return box;
  }
  function whoMay(mi, ch) {
    const items = rowColumns(mi).map((c) => ({ ans: answerAt(mi, c, state.on, ch), label: c.label, onclick: () => { setView("access"); selectCell(mi, c.iri, ch); } }))
      .filter((it) => it.ans);
    return answersBox("Who may use it on " + state.on + askedHow() + (ch ? ", through " + labelOf(ch) : ""), items);
  }
  function whatMay(col) {
    const items = [];
    AC.models.forEach((m, mi) => { const a = answerAt(mi, col, state.on); if (a) items.push({ ans: a, label: m.label, onclick: () => { setView("access"); selectCell(mi, col.iri); } }); });
    const box = answersBox("What may it use on " + state.on + askedHow(), items);
    if (col.t === "p") box.appendChild(el("p", "Asked as this party alone, with no group given: the sources name no member of most groups, so say which it belongs to with regkg what-can --party \u2026 --member-of GROUP.", "hint"));
    return box;
  }
  function showModelOnly(mi) { panelShows = () => showModelOnly(mi); panel.replaceChildren(el("h2", AC.models[mi].label), whoMay(mi)); }
  function showChannelPanel(mi, ch) {
    panelShows = () => showChannelPanel(mi, ch);
    panel.replaceChildren();
    const h = el("h2"); h.appendChild(nodeLink(ch, labelOf(ch))); panel.appendChild(h);
    const p = el("p", "Part of "); p.appendChild(nodeLink(AC.models[mi].iri, AC.models[mi].label));
    p.appendChild(document.createTextNode(": its answers are the service's, for a use through this channel.")); panel.appendChild(p);
    panel.appendChild(whoMay(mi, ch));
    if (idx.has(ch)) { const a = attrs(idx.get(ch)); if (a.description) panel.appendChild(el("p", a.description, "hint")); }
  }
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
    row("Type", a.event_type || a.statement_kind || a.organization_kind || a.document_kind);
    row("Legal basis", a.legal_basis);
    row("Authority", a.authority);
    row("Value", a.value !== undefined ? String(a.value) + (a.unit ? " " + a.unit : "") : undefined);
    row("About", a.description);
    row("Note", a.note);
    row("Recorded", a.recorded);
    if (a.inferred || a.inferred_from) row("Inferred", "a curator's inference" + (a.inferred_from ? " from " + [].concat(a.inferred_from).join(", ") : ""));
    row("IRI", id);
    panel.appendChild(dl);
    if (a.url) { const p = el("p"); const l = el("a", a.url); l.href = a.url; l.target = "_blank"; l.rel = "noopener noreferrer"; p.appendChild(l); panel.appendChild(p); }
    if (modelRow.has(id)) {
      panel.appendChild(whoMay(modelRow.get(id)));
      panel.appendChild(link("Availability over time \u2192", () => { setView("access"); selectModel(modelRow.get(id)); }));
    } else if (channelOwner.has(id)) {
      panel.appendChild(whoMay(channelOwner.get(id), id));
      panel.appendChild(link("Availability over time \u2192", () => { setView("access"); selectModel(channelOwner.get(id), id); }));
    }
    const col = column(id);
    if (col) panel.appendChild(whatMay(col));
    else if (["company", "organization", "government", "person"].indexOf(kindOf(i)) >= 0)
      panel.appendChild(el("p", "What may it use: not computed in this page (large graph); ask regkg what-can --party " + shellWord(GD.label[i]) + " --on " + state.on, "hint"));
    if (GD.rules[i]) panel.appendChild(ruleBlock(i));
    const myActs = ACTS.filter((x) => x.policy === i || (x.start && x.start.node === i) || (x.end && x.end.node === i) || x.authority === i);
    if (myActs.length) {
      panel.appendChild(el("h3", "Acts (" + myActs.length + ")"));
      const ul = el("ul");
      myActs.slice(0, 30).forEach((x) => { const li = el("li"); li.appendChild(link(x.label, () => showActPanel(ACTS.indexOf(x)))); li.appendChild(el("span", " " + actWhen(x), "hint")); ul.appendChild(li); });
      panel.appendChild(ul);
    }
    if (kindOf(i) === "source") { const d = DOCS.list.findIndex((x) => x.iri === id); if (d >= 0) panel.appendChild(link("Everything it supports \u2192", () => showDocPanel(d))); }
    panel.appendChild(el("h3", "Sources"));
    const srcs = el("ul"); srcs.id = "panel-sources";
    const docs = docOfNode(i);
    docs.forEach((d) => srcs.appendChild(docItem(d, (GD.sources[i] || []).filter((s) => DOCS.of[s] === d && s !== DOCS.list[d].iri).map((s) => GD.sections[s] || s))));
    (GD.sources[i] || []).filter((s) => DOCS.of[s] === undefined).forEach((s) => srcs.appendChild(el("li", GD.sections[s] || s)));
    if (!(GD.sources[i] || []).length) srcs.appendChild(el("li", "none recorded"));
    panel.appendChild(srcs);
    if (served) {
      const q = queryLink(i);
      if (q) { const p = el("p"); const aq = el("a", "Ask about it in SPARQL \u2192"); aq.href = q; p.appendChild(aq); panel.appendChild(p); }
    }
    panel.appendChild(connections(i));
    openSheet();
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
    const k = kindOf(i), id = encodeURIComponent(GD.ids[i]), on = "&on=" + state.on;
    if (k === "model" || k === "service" || k === "channel") return "/?example=model-history&model=" + id + on;
    if (["company", "organization", "government"].indexOf(k) >= 0) return "/?example=organization-events&organization=" + id + on;
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
    closeSheet();
    writeUrl();
  }


  // ---------------------------------------------------------------- places and acts: a view per place, per authority, and facets
  // Every act (a policy an event put in force: viz/acts.py) with where it binds, who made it, whom
  // and what it is about, and when it started and ended. Choosing a place shows the acts there (and
  // those binding there from a place above it), lane by lane; facets count and filter as
  // Datasette's do; the words typed filter across labels, places, authorities and notes.
  const FACET_KEYS = ["jurisdiction", "authority", "legal_basis", "status", "event_type", "effect"];
  const FACET_TITLES = { jurisdiction: "Jurisdiction", authority: "Authority", legal_basis: "Legal basis", status: "Status", event_type: "Event type", effect: "Effect" };
  const EFFECT_WORDS = { prohibition: "restricts", permission: "allows", both: "restricts and allows" };
  let actsStale = true, actPage = 0;
  function iriOf(ref) { return typeof ref === "number" ? GD.ids[ref] : ref; }
  function nameOf(ref) { return typeof ref === "number" ? GD.label[ref] : labelOf(ref); }
  function actAuthority(a) { return a.authority === null || a.authority === undefined ? "" : iriOf(a.authority); }
  function facetValues(a, key) {
    if (key === "jurisdiction") return a.places.length ? a.places : ["(none recorded)"];
    if (key === "authority") return [a.authority_label || "(none recorded)"];
    if (key === "effect") return [EFFECT_WORDS[a.effect] || a.effect];
    return [a[key] || "(none recorded)"];
  }
  function facetLabel(key, v) { return key === "jurisdiction" && v !== "(none recorded)" ? placeName(v) + " (" + v + ")" : String(v).replace(/-/g, " "); }
  const actText = ACTS.map((a) => norm([a.label, a.authority_label, a.note, a.event_type, a.legal_basis, a.status, (a.start || {}).label, (a.end || {}).label]
    .concat(a.places.map((p) => p + " " + placeName(p))).concat(a.audiences.map(nameOf)).concat(a.lanes.map((l) => nameOf(l.target) + " " + l.channels.map(nameOf).join(" ")))
    .concat(a.scope).filter(Boolean).join(" ")));
  function placeMatch(a, P) {
    if (!P) return "";
    let how = "";
    a.places.forEach((c) => {
      if (c === P || (PL.up[c] || []).indexOf(P) >= 0) how = "here";
      else if (!how && (PL.up[P] || []).indexOf(c) >= 0) how = "above";
    });
    return how;
  }
  function actFilterOn() { return !!(state.actPlace || state.authority || state.actQuery || Object.keys(state.facets).some((k) => state.facets[k])); }
  function actFilterText() {
    const bits = [];
    if (state.actPlace) bits.push(placeName(state.actPlace));
    if (state.authority) bits.push(labelOf(state.authority));
    Object.keys(state.facets).forEach((k) => { if (state.facets[k]) bits.push(FACET_TITLES[k].toLowerCase() + " " + facetLabel(k, state.facets[k])); });
    if (state.actQuery) bits.push("'" + state.actQuery + "'");
    return bits.join(", ");
  }
  function actMatches(k, except) {
    const a = ACTS[k];
    if (state.actPlace && !placeMatch(a, state.actPlace)) return false;
    if (state.authority && actAuthority(a) !== state.authority) return false;
    for (const key of FACET_KEYS) {
      if (key === except || !state.facets[key]) continue;
      if (facetValues(a, key).indexOf(state.facets[key]) < 0) return false;
    }
    if (state.actQuery) {
      const words = tokens(state.actQuery);
      if (!words.every((w) => actText[k].indexOf(w) >= 0)) return false;
    }
    return true;
  }
  function filteredActs() { return ACTS.filter((_, k) => actMatches(k)); }
  function buildActControls() {
    const place = $("act-place");
    const codes = PL.codes.filter((c) => ACTS.some((a) => placeMatch(a, c))).sort(placeOrder);
    codes.forEach((c) => { const o = el("option", placeName(c) + " (" + c + ")"); o.value = c; place.appendChild(o); });
    place.value = state.actPlace;
    const auth = $("act-authority"), seen = new Map();
    ACTS.forEach((a) => { const k = actAuthority(a); if (k && !seen.has(k)) seen.set(k, a.authority_label || labelOf(k)); });
    Array.from(seen.entries()).sort((x, y) => x[1].localeCompare(y[1])).forEach((kv) => { const o = el("option", kv[1]); o.value = kv[0]; auth.appendChild(o); });
    auth.value = state.authority;
    $("act-search").value = state.actQuery;
  }
  $("act-place").addEventListener("change", () => setActPlace($("act-place").value));
  $("act-authority").addEventListener("change", () => setAuthority($("act-authority").value));
  $("act-search").addEventListener("input", () => { state.actQuery = $("act-search").value.trim(); actPage = 0; renderActs(); writeUrl(); });
  function setActPlace(code) {
    code = (code || "").toUpperCase();
    if (code && PL.codes.indexOf(code) < 0) return false;
    state.actPlace = code; $("act-place").value = code; actPage = 0;
    if (state.view !== "acts") setView("acts"); else renderActs();
    writeUrl();
    return true;
  }
  function setAuthority(iri) {
    if (iri && !ACTS.some((a) => actAuthority(a) === iri)) return false;
    state.authority = iri || ""; $("act-authority").value = state.authority; actPage = 0;
    if (state.view !== "acts") setView("acts"); else renderActs();
    writeUrl();
    return true;
  }
  function setFacet(key, value) {
    if (value) state.facets[key] = value; else delete state.facets[key];
    actPage = 0; renderActs(); writeUrl();
  }
  function renderFacets() {
    const box = $("facets");
    box.replaceChildren();
    FACET_KEYS.forEach((key) => {
      const counts = new Map();
      ACTS.forEach((a, k) => { if (actMatches(k, key)) facetValues(a, key).forEach((v) => counts.set(v, (counts.get(v) || 0) + 1)); });
      const sec = el("section", null, "facet"); sec.dataset.facet = key;
      sec.appendChild(el("h3", FACET_TITLES[key]));
      const ul = el("ul");
      Array.from(counts.entries()).sort((x, y) => y[1] - x[1] || String(x[0]).localeCompare(String(y[0]))).slice(0, 12).forEach((kv) => {
        const li = el("li"), chosen = state.facets[key] === kv[0];
        const b = link(facetLabel(key, kv[0]), () => setFacet(key, chosen ? "" : kv[0]), chosen ? "remove this filter" : "show only these");
        b.dataset.value = kv[0];
        if (chosen) { b.classList.add("chosen"); b.textContent = "\u2715 " + b.textContent; }
        li.appendChild(b); li.appendChild(el("span", " " + kv[1], "count"));
        ul.appendChild(li);
      });
      if (counts.size > 12) ul.appendChild(el("li", "\u2026 " + (counts.size - 12) + " more", "hint"));
      sec.appendChild(ul);
      box.appendChild(sec);
    });
  }
  function actWhen(a) {
    const s = a.start, e = a.end;
    const from = s ? (s.date_text || s.earliest || s.latest || "?") : "in force by its source";
    return from + (e ? " \u2192 " + (e.date_text || e.latest || e.earliest || "?") : "");
  }
  function actSpan(a) {
    const s = a.start, e = a.end;
    const from = s ? (s.earliest || s.latest) : null, to = e ? (e.latest || e.earliest) : null;
    return { from: from, fromLate: s ? (s.latest || s.earliest) : null, to: to, toEarly: e ? (e.earliest || e.latest) : null };
  }
  function renderActs() {
    const t0 = performance.now();
    const list = ACTS.map((a, k) => k).filter((k) => actMatches(k));
    renderFacets();
    const what = actFilterText();
    $("act-count").textContent = list.length + " act" + (list.length === 1 ? "" : "s") + (what ? " for " + what : "") + " (of " + ACTS.length + ")";
    $("act-lanes-title").textContent = state.actPlace ? "Acts in " + placeName(state.actPlace) + ", lane by lane" : state.authority ? "Acts of " + labelOf(state.authority) + ", lane by lane" : "Acts, lane by lane";
    actLanes(list);
    const pages = Math.max(1, Math.ceil(list.length / PAGE));
    actPage = Math.min(actPage, pages - 1);
    const ol = $("act-list");
    ol.replaceChildren();
    ol.start = actPage * PAGE + 1;
    list.slice(actPage * PAGE, actPage * PAGE + PAGE).forEach((k) => {
      const a = ACTS[k], li = el("li");
      li.dataset.act = String(k);
      li.appendChild(link(a.label, () => showActPanel(k)));
      const where = a.places.map((c) => c).join(", ");
      li.appendChild(el("div", [actWhen(a), a.authority_label, where, a.status, EFFECT_WORDS[a.effect]].filter(Boolean).join(" \u00B7 ")
        + (state.actPlace && placeMatch(a, state.actPlace) === "above" ? " \u00B7 binds there from " + a.places.filter((c) => (PL.up[state.actPlace] || []).indexOf(c) >= 0).map(placeName).join(", ") : ""), "hint"));
      ol.appendChild(li);
    });
    const nav = $("act-pages");
    nav.replaceChildren();
    if (list.length > PAGE) {
      const prev = el("button", "\u2039 Previous"), next = el("button", "Next \u203A");
      prev.type = next.type = "button"; prev.disabled = actPage === 0; next.disabled = actPage >= pages - 1;
      prev.addEventListener("click", () => { actPage--; renderActs(); });
      next.addEventListener("click", () => { actPage++; renderActs(); });
      nav.appendChild(prev);
      nav.appendChild(el("span", " " + (actPage * PAGE + 1) + "\u2013" + Math.min(list.length, (actPage + 1) * PAGE) + " of " + list.length + " ", "hint"));
      nav.appendChild(next);
    }
    api.timings.acts = performance.now() - t0;
  }
  /** The acts shown as bars from their start to their end (or on, when nothing ended them), one lane per
   *  thing they are about (a service, or one channel of it). */
  function actLanes(list) {
    const box = $("act-lanes"), lanes = new Map();
    list.forEach((k) => ACTS[k].lanes.forEach((ln) => {
      const key = iriOf(ln.target) + "|" + ln.channels.map(iriOf).join(",");
      if (!lanes.has(key)) lanes.set(key, { label: nameOf(ln.target) + (ln.channels.length ? ": " + ln.channels.map(nameOf).join(", ") : ""), acts: [] });
      const lane = lanes.get(key);
      if (lane.acts.indexOf(k) < 0) lane.acts.push(k);
    }));
    const all = Array.from(lanes.values()).sort((a, b) => b.acts.length - a.acts.length || a.label.localeCompare(b.label));
    const shown = all.slice(0, 40);
    const days = [];
    list.forEach((k) => { const s = actSpan(ACTS[k]); [s.from, s.to, s.fromLate, s.toEarly].forEach((d) => { if (d) days.push(toDays(d)); }); });
    if (!shown.length || !days.length) { box.replaceChildren(el("p", list.length ? "None of these acts has a date." : "No act matches.", "hint")); return; }
    const lo0 = Math.min.apply(null, days), hi0 = Math.max.apply(null, days.concat([toDays(state.on)].filter((d) => Math.abs(d - lo0) < 3650)));
    const pad = Math.max(14, Math.round((hi0 - lo0) * 0.05)), r = { lo: lo0 - pad, hi: hi0 + pad };
    const width = Math.max(320, box.clientWidth || 900), narrow = width < 640, labelW = narrow ? 120 : 280, plotW = width - labelW - 12;
    const x = (iso) => labelW + (Math.min(Math.max(toDays(iso), r.lo), r.hi + 1) - r.lo) / (r.hi - r.lo + 1) * plotW;
    // a lane holds its acts in rows, so that two acts of one lane never cover each other
    const rowsOf = shown.map((lane) => {
      const ends = [], placed = [];
      lane.acts.slice().sort((a, b) => String(actSpan(ACTS[a]).from).localeCompare(String(actSpan(ACTS[b]).from))).forEach((k) => {
        const s = actSpan(ACTS[k]), x0 = x(s.from || fromDays(r.lo)), x1 = s.to ? x(addDays(s.to, 1)) : x(fromDays(r.hi));
        let row = ends.findIndex((e) => e < x0 - 2);
        if (row < 0) { row = ends.length; ends.push(0); }
        ends[row] = Math.max(x1, x0 + 8);
        placed.push({ k: k, x0: x0, x1: Math.max(x1, x0 + 6), row: row, open: !s.to });
      });
      return { lane: lane, placed: placed, rows: Math.max(1, ends.length) };
    });
    const barH = 16, top = 22;
    let y = top;
    const height = top + rowsOf.reduce((n, l) => n + l.rows * (barH + 3) + 6, 0) + 6;
    const root = svg("svg", { viewBox: "0 0 " + width + " " + height, role: "img", "aria-label": "Acts over time, one lane per service or channel" });
    axis(root, r, x, top, height - 4);
    rowsOf.forEach((l) => {
      const t = svg("text", { x: labelW - 6, y: y + barH / 2 + 4, "text-anchor": "end", class: "lane-label" }, shorten(l.lane.label, Math.floor((labelW - 10) / 6.6)));
      t.appendChild(svg("title", {}, l.lane.label)); root.appendChild(t);
      l.placed.forEach((p) => {
        const a = ACTS[p.k], yy = y + p.row * (barH + 3), planned = ["planned", "forecast", "announced"].indexOf(a.status) >= 0;
        const colour = a.effect === "prohibition" ? S.decisions.deny.color : a.effect === "permission" ? S.decisions.permit.color : "#8e44ad";
        const g = svg("g", { class: "act-bar", "data-act": String(p.k), role: "button" });
        g.appendChild(svg("rect", { x: p.x0, y: yy, width: p.x1 - p.x0, height: barH, rx: 3, fill: colour, "fill-opacity": planned ? 0.35 : 0.85, stroke: planned ? colour : "none", "stroke-dasharray": planned ? "3 2" : "none" }));
        const s = actSpan(a);
        if (s.fromLate && s.from && s.fromLate !== s.from) g.appendChild(svg("rect", { x: p.x0, y: yy, width: Math.max(1, x(addDays(s.fromLate, 1)) - p.x0), height: barH, fill: "url(#act-hatch)" }));
        const text = (a.authority_label || "") + (a.status ? " \u00B7 " + a.status : "");
        if (p.x1 - p.x0 > 60) g.appendChild(svg("text", { x: p.x0 + 4, y: yy + barH - 4, fill: "#fff", class: "act-text", "pointer-events": "none" }, shorten(text, Math.floor((p.x1 - p.x0) / 6.5))));
        if (p.open) g.appendChild(svg("text", { x: p.x1 - 10, y: yy + barH - 4, fill: "#fff", "pointer-events": "none" }, "\u2192"));
        g.appendChild(svg("title", {}, a.label + " \u2014 " + text + "; " + actWhen(a) + (a.places.length ? "; " + a.places.map(placeName).join(", ") : "")));
        g.addEventListener("click", () => showActPanel(p.k));
        root.appendChild(g);
      });
      y += l.rows * (barH + 3) + 6;
    });
    const defs = svg("defs"), pat = svg("pattern", { id: "act-hatch", width: 6, height: 6, patternUnits: "userSpaceOnUse", patternTransform: "rotate(45)" });
    pat.appendChild(svg("rect", { width: 2.5, height: 6, fill: "rgba(255,255,255,.55)" })); defs.appendChild(pat); root.insertBefore(defs, root.firstChild);
    if (toDays(state.on) >= r.lo && toDays(state.on) <= r.hi) {
      const xl = x(state.on);
      root.appendChild(svg("line", { x1: xl, x2: xl, y1: top - 4, y2: height - 2, stroke: "#c0392b", "stroke-width": 2, "pointer-events": "none" }));
    }
    box.replaceChildren(root);
    if (all.length > shown.length) box.appendChild(el("p", "Showing the " + shown.length + " busiest of " + all.length + " lanes: filter to see the others.", "hint"));
  }
  function showActPanel(k) {
    panelShows = () => showActPanel(k);
    const a = ACTS[k];
    panel.replaceChildren();
    const h = el("h2"); h.appendChild(typeof a.policy === "number" ? nodeLink(GD.ids[a.policy], a.label) : el("span", a.label)); panel.appendChild(h);
    const chip = el("span", "Act: " + (EFFECT_WORDS[a.effect] || a.effect), "chip"); chip.style.background = a.effect === "permission" ? S.decisions.permit.color : S.decisions.deny.color; panel.appendChild(chip);
    const dl = el("dl");
    const row = (term, value) => { if (value === undefined || value === null || value === "" || (Array.isArray(value) && !value.length)) return; dl.appendChild(el("dt", term)); const dd = el("dd"); if (value instanceof Node) dd.appendChild(value); else dd.textContent = value; dl.appendChild(dd); };
    row("Authority", a.authority !== null && a.authority !== undefined ? nodeLink(iriOf(a.authority), a.authority_label) : null);
    row("Where", a.places.map((c) => placeName(c) + " (" + c + ")").join(", "));
    row("Also binds", (a.reach || []).join("; "));
    row("About", a.lanes.map((l) => nameOf(l.target) + (l.channels.length ? " (" + l.channels.map(nameOf).join(", ") + ")" : "")).filter((v, i, all) => all.indexOf(v) === i).join("; "));
    row("Whom", a.audiences.map(nameOf).join("; "));
    row("Scope", a.scope.join("; "));
    const when = (t) => { if (!t) return null; const s = el("span"); s.appendChild(typeof t.node === "number" ? nodeLink(GD.ids[t.node], t.label) : el("span", t.label)); s.appendChild(document.createTextNode(" \u2014 " + (t.date_text || "no date") + " [" + bounds(t) + "]")); return s; };
    row("Started", when(a.start) || "in force by its source (no enacting event)");
    row("Ended", when(a.end) || "not recorded as ended");
    row("Status", a.status); row("Event type", a.event_type); row("Legal basis", a.legal_basis); row("Note", a.note);
    panel.appendChild(dl);
    const targets = Array.from(new Set(a.lanes.map((l) => iriOf(l.target)))).filter((t) => modelRow.has(t) || channelOwner.has(t));
    targets.forEach((t) => {
      const mi = modelRow.has(t) ? modelRow.get(t) : channelOwner.get(t);
      panel.appendChild(link("Who may use " + labelOf(t) + (a.places.length === 1 ? " in " + placeName(a.places[0]) : "") + " \u2192", () => {
        if (a.places.length === 1 && (FACTS.place.values || []).indexOf(a.places[0]) >= 0) setFact("place", a.places[0]);
        setView("access"); selectModel(mi, modelRow.has(t) ? null : t);
      }));
    });
    panel.appendChild(el("h3", "Sources"));
    const docs = [];
    a.sources.forEach((s) => { const d = DOCS.of[s]; if (d !== undefined && docs.indexOf(d) < 0) docs.push(d); });
    const ul = el("ul"); ul.id = "act-sources";
    docs.forEach((d) => ul.appendChild(docItem(d)));
    if (!docs.length) ul.appendChild(el("li", "none recorded"));
    panel.appendChild(ul);
    openSheet();
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


  // ---------------------------------------------------------------- search: every word, across names, aliases, places and notes
  // (arrow keys choose, Enter opens, Escape closes; the count is said, and the results page on)
  let searchIndex = null, resultsPage = 0, lastHits = [];
  function norm(s) { return String(s).normalize("NFKC").toLowerCase().replace(/[\s\-_.\u00B7'\u2019]+/g, ""); }
  function tokens(q) { return String(q).normalize("NFKC").toLowerCase().split(/[\s,;]+/).map(norm).filter(Boolean); }
  function buildSearchIndex() {
    const juris = GD.clusters.jurisdiction;
    searchIndex = GD.label.map((l, i) => {
      const names = [l].concat(GD.aliases[i] || []), a = attrs(i), place = juris.names[juris.of[i]] || "";
      const more = [place, PL.labels[place] || "", a.note || "", a.description || "", a.date_text || "", a.event_type || "", a.status || ""];
      return { names: names.map(norm), all: norm(names.join(" ")), hay: norm(names.concat(more).join(" ")) };
    });
  }
  function search(q) {
    const words = tokens(q), whole = norm(q);
    if (!words.length) return [];
    if (!searchIndex) buildSearchIndex();
    const hits = [];
    for (let i = 0; i < N; i++) {
      const s = searchIndex[i];
      let rank = 9;
      for (const name of s.names) {
        if (name === whole) { rank = 0; break; }
        const at = name.indexOf(whole);
        if (at === 0) rank = Math.min(rank, 1); else if (at > 0) rank = Math.min(rank, 2);
      }
      if (rank === 9 && words.every((w) => s.all.indexOf(w) >= 0)) rank = 3;
      if (rank === 9 && words.every((w) => s.hay.indexOf(w) >= 0)) rank = 4;
      if (rank < 9) hits.push([rank, GD.label[i].length, i]);
    }
    hits.sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2]);
    return hits.map((h) => h[2]);
  }
  const searchBox = $("search"), results = $("results");
  let activeResult = -1;
  function showResults(keepPage) {
    if (!keepPage) { resultsPage = 0; lastHits = search(searchBox.value); }
    results.replaceChildren();
    activeResult = -1;
    const total = lastHits.length, from = resultsPage * PAGE, page = lastHits.slice(from, from + PAGE);
    $("results-count").textContent = searchBox.value.trim() ? (total ? total + " result" + (total > 1 ? "s" : "") + (total > PAGE ? ", " + (from + 1) + "\u2013" + (from + page.length) + " shown" : "") : "no result") : "";
    if (!searchBox.value.trim()) { searchBox.setAttribute("aria-expanded", "false"); return; }
    const head = el("li", total ? total + " result" + (total > 1 ? "s" : "") + (total > PAGE ? " (" + (from + 1) + "\u2013" + (from + page.length) + ")" : "") : "No result for every word of '" + shorten(searchBox.value.trim(), 40) + "'", "count-line");
    head.setAttribute("role", "presentation"); head.id = "results-head";
    results.appendChild(head);
    const option = (li, n) => { li.setAttribute("role", "option"); li.id = "result-" + n; return li; };
    if (resultsPage > 0) {
      const prev = option(el("li", "\u2039 previous " + PAGE, "more"), "prev"); prev.dataset.page = "-1";
      prev.addEventListener("mousedown", (ev) => { ev.preventDefault(); pageResults(-1); });
      results.appendChild(prev);
    }
    page.forEach((i, n) => {
      const li = option(el("li", shorten(GD.label[i], 90)), n);
      li.appendChild(el("span", kstyle(i).label, "kind"));
      li.dataset.node = String(i);
      li.addEventListener("mousedown", (ev) => { ev.preventDefault(); pick(i); });
      results.appendChild(li);
    });
    if (from + PAGE < total) {
      const next = option(el("li", "next " + Math.min(PAGE, total - from - PAGE) + " \u203A", "more"), "next"); next.dataset.page = "1";
      next.addEventListener("mousedown", (ev) => { ev.preventDefault(); pageResults(1); });
      results.appendChild(next);
    }
    searchBox.setAttribute("aria-expanded", "true");
    moveResult(page.length ? (resultsPage > 0 ? 1 : 0) : -1);
  }
  function pageResults(dir) { resultsPage = Math.max(0, resultsPage + dir); showResults(true); }
  function options() { return Array.from(results.querySelectorAll('li[role="option"]')); }
  function moveResult(n) {
    const items = options();
    if (!items.length || n < 0) { searchBox.removeAttribute("aria-activedescendant"); return; }
    activeResult = (n + items.length) % items.length;
    items.forEach((li, k) => li.setAttribute("aria-selected", String(k === activeResult)));
    searchBox.setAttribute("aria-activedescendant", items[activeResult].id);
    items[activeResult].scrollIntoView({ block: "nearest" });
  }
  function closeResults() { results.replaceChildren(); searchBox.setAttribute("aria-expanded", "false"); searchBox.removeAttribute("aria-activedescendant"); }
  function pick(i) {
    closeResults();
    searchBox.value = GD.label[i];
    const id = GD.ids[i];
    if (state.view === "access" && modelRow.has(id)) { selectModel(modelRow.get(id)); return; }
    if (state.view === "access" && channelOwner.has(id)) { selectModel(channelOwner.get(id), id); return; }
    if (state.view === "access" && column(id)) { selectColumn(id); return; }
    if (kindOf(i) === "source") { const d = DOCS.list.findIndex((x) => x.iri === id); if (d >= 0) { showDocPanel(d); return; } }
    if (state.view !== "graph") setView("graph");
    focusOn(i);
    selectNode(i, { keepView: true });
  }
  searchBox.addEventListener("input", () => showResults(false));
  searchBox.addEventListener("keydown", (ev) => {
    if (ev.key === "ArrowDown") { moveResult(activeResult + 1); ev.preventDefault(); }
    else if (ev.key === "ArrowUp") { moveResult(activeResult - 1); ev.preventDefault(); }
    else if (ev.key === "Enter") {
      const li = options()[activeResult];
      if (li && li.dataset.page) pageResults(+li.dataset.page);
      else if (li) pick(+li.dataset.node);
      ev.preventDefault();
    } else if (ev.key === "Escape") { if (results.children.length) { closeResults(); ev.stopPropagation(); } }
  });
  searchBox.addEventListener("blur", () => setTimeout(closeResults, 150));

  // ---------------------------------------------------------------- keyboard, panel folding
  document.addEventListener("keydown", (ev) => { if (ev.key === "Escape" && !ev.defaultPrevented) clearSelection(); });
  $("panel-toggle").addEventListener("click", () => {
    if (phone.matches) { if (document.body.classList.contains("sheet-open")) closeSheet(); else openSheet(); return; }
    const folded = document.body.classList.toggle("panel-folded");
    $("panel-toggle").setAttribute("aria-expanded", String(!folded));
    if (GV.net) GV.net.redraw();
  });
  if (window.matchMedia && window.matchMedia("(max-width: 900px)").matches) $("side").open = false;  // the graph first
  if (phone.matches) $("panel-toggle").setAttribute("aria-expanded", "false");
  window.addEventListener("resize", () => {
    if (access.model !== null && state.view === "access") renderLanes(access.model);
    if (state.view === "acts") renderActs();
  });

  // ---------------------------------------------------------------- start
  readUrl();
  $("group-by").value = state.group;
  if (served) $("to-sparql").hidden = false;
  if (heldKnown.length) {
    $("known-box").hidden = false;
    $("known").title = "Answer from what the sources published by this date say (regkg check --known-on); empty: every recorded source";
    $("known").value = state.known;
  }
  if (heldActions.length) {
    heldActions.forEach((a) => { const name = a.split(":").pop(), o = el("option", name); o.value = name; $("action").appendChild(o); });
    $("action-box").hidden = false; $("action").value = state.action;
  }
  $("on").placeholder = "YYYY-MM-DD or " + LOCAL_FORMAT;
  $("on").title = "Type a date as YYYY-MM-DD or " + LOCAL_FORMAT + "; the data spans " + yearSpan().join(" to ");
  applyTable();
  buildFactSelectors();
  buildActControls();
  buildDecisionLegend();
  buildGraphLegend();
  renderMatrix();
  const startModel = state.sel && modelRow.has(state.sel) ? modelRow.get(state.sel) : (AC.models.length ? 0 : null);
  setDate(state.on, $("notice").textContent);
  if (startModel !== null) {
    if (state.aud && column(state.aud)) selectCell(startModel, state.aud, state.ch);
    else if (state.sel && modelRow.has(state.sel)) selectModel(startModel, state.ch);
    else { access.model = startModel; renderLanes(startModel); updateCells(); }
  }
  if (state.sel && !modelRow.has(state.sel)) {
    const d = DOCS.list.findIndex((x) => x.iri === state.sel);
    if (d >= 0) showDocPanel(d);
    else if (column(state.sel) && state.view === "access") selectColumn(state.sel);
    else if (idx.has(state.sel)) showNodePanel(idx.get(state.sel));
  }
  closeSheet();
  setView(state.view);
  if (state.view === "graph" && state.sel && idx.has(state.sel) && graphHas(idx.get(state.sel))) GV.net.selectNodes(["n" + idx.get(state.sel)]);
  requestAnimationFrame(() => { api.timings.firstView = performance.now(); api.ready = true; });

  // ---------------------------------------------------------------- the page's API, for the console and the browser tests
  Object.assign(api, {
    state: () => JSON.parse(JSON.stringify(state)),
    setDate: setDate, setView: setView, stepEvent: stepEvent, search: search, parseDate: parseDate,
    selectNode: (iri) => idx.has(iri) && selectNode(idx.get(iri), {}),
    focus: (iri) => { if (!idx.has(iri)) return false; if (state.view !== "graph") setView("graph"); focusOn(idx.get(iri)); return true; },
    overview: () => { if (state.view !== "graph") setView("graph"); showOverview(); },
    selectCell: (m, a, ch) => selectCell(modelRow.get(m), a, ch || null),
    selectModel: (m, ch) => selectModel(modelRow.get(m), ch || null),
    checkJson: (m, a, day) => checkJson(modelRow.get(m), column(a), day || state.on),
    answer: (m, a, ch, day) => { const x = answerAt(modelRow.get(m), column(a), day || state.on, ch || null); return x && { decision: x.value, values: x.values, split: x.split, rows: x.rows }; },
    cells: () => Array.from(document.querySelectorAll("#matrix button.cell")).map((b) => ({ model: AC.models[+b.dataset.m].iri, audience: b.dataset.col, channel: b.dataset.ch || null,
                                                                                          decision: b.dataset.decision, split: b.dataset.split || null, symbol: b.textContent })),
    ruleState: (iri, day) => ruleState(idx.get(iri), day || state.on),
    units: () => GV.units.map((u) => ({ id: u.id, cluster: !!u.cluster, label: u.cluster ? u.label : GD.label[u.node], node: u.cluster ? null : GD.ids[u.node],
                                        size: u.cluster ? u.members.length : 1, lonely: GV.lonely.has(u.id) })),
    expand: (id) => { const u = GV.byId.get(id); if (u && u.cluster) expand(u); return !!u; },
    drawnEdges: () => GV.drawn.map((e) => ({ id: e.id, from: e.from, to: e.to, relation: e.relation || null, label: GV.edges.get(e.id).label || null, state: e.state || null, rule: e.rule || null })),
    positions: () => (GV.net ? GV.net.getPositions() : {}),
    panelText: () => panel.textContent,
    changeDates: () => changeDates.slice(),
    range: () => { const r = range(); return [fromDays(r.lo), fromDays(r.hi)]; },
    chartRange: () => { if (access.model === null) return null; const r = chartRange(access.model); return [fromDays(r.lo), fromDays(r.hi)]; },
    setZoom: (a, b) => setZoom(a && b ? { lo: toDays(a), hi: toDays(b) } : null),
    setKnown: setKnown, setPlace: setPlace, setAction: setAction, setFact: setFact,
    setActPlace: setActPlace, setAuthority: setAuthority, setFacet: setFacet,
    acts: () => filteredActs().map((a) => ({ label: a.label, places: a.places, authority: a.authority_label, status: a.status, effect: a.effect })),
    showAct: (label) => { const k = ACTS.findIndex((a) => a.label === label); if (k >= 0) showActPanel(k); return k >= 0; }
  });
})();
