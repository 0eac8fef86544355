"""The offline query page of ``regkg serve``: one HTML document, its CSS and JS inline, no CDN.

The saved queries (with their parameters, types and defaults) and the prefixes travel as JSON in
``<script type="application/json">`` elements with ``<``, ``>`` and ``&`` escaped, and every value
from the data reaches the page through ``textContent``, never ``innerHTML``.

What the page does for an analyst:

* choosing a saved query shows a field for each of its parameters, filled with its default, with
  its type and help; running it asks ``/queries/NAME?param=value`` (bound by the server, never
  pasted into the text). Once the text is edited it runs as typed, through ``/sparql``;
* results show IRIs as prefixed names and, where the graph has one, their label; an IRI of the
  data links into the graph browser (``/browse?focus=IRI``, with the date the query page was opened
  on, ``?on=``, or the saved query's date parameter), which links back here with its date;
* the address always says what is shown, shortly: ``?example=model-history&model=Fable%205`` for a
  saved query, ``?query=...`` without its comment lines for a typed one. Reloading restores it.
"""

from __future__ import annotations

import json

__all__ = ["render_page"]


def _script_json(value) -> str:
    return json.dumps(value).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def render_page(examples: list[dict], prefixes: dict[str, str] | None = None) -> str:
    """The query page with ``examples`` (``name``, ``question``, ``query`` and optionally
    ``params``: ``name``, ``type``, ``default``, ``help``) in its menu, and ``prefixes`` (prefix ->
    namespace IRI) for showing IRIs as prefixed names.

    >>> page = render_page([{"name": "x", "question": "</script><b>", "query": "ASK {}"}])
    >>> "</script><b>" in page
    False
    """
    return (_PAGE.replace("__EXAMPLES__", _script_json(examples))
            .replace("__PREFIXES__", _script_json(prefixes or {})))


_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>regkg SPARQL</title>
<style>
body { font: 14px/1.4 system-ui, sans-serif; margin: 1em 1.5em; color: #222; }
header { display: flex; flex-wrap: wrap; gap: .4em 1.2em; align-items: baseline; }
h1 { font-size: 1.3em; margin: 0 0 .5em; }
:focus-visible { outline: 3px solid #0b5cad; outline-offset: 1px; }
textarea { width: 100%; height: 16em; font: 13px/1.35 ui-monospace, monospace; box-sizing: border-box; }
.bar { margin: .5em 0; display: flex; gap: .6em; align-items: center; flex-wrap: wrap; }
#question { color: #555; font-style: italic; }
#params { display: flex; flex-wrap: wrap; gap: .4em 1.2em; margin: .4em 0; }
#params:empty { display: none; }
#params label { display: flex; flex-direction: column; font-size: 12px; color: #444; }
#params input { font: inherit; font-size: 14px; padding: 2px 6px; min-width: 14em; }
#params .type { color: #777; }
#edited { color: #8a4b00; }
#status { color: #555; }
#error { color: #a00; white-space: pre-wrap; font-family: ui-monospace, monospace; }
#results { overflow: auto; max-width: 100%; }
table { border-collapse: collapse; margin-top: .5em; font-size: 13px; }
th, td { border: 1px solid #ccc; padding: 2px 6px; text-align: left; vertical-align: top; }
th { background: #f3f3f3; position: sticky; top: 0; }
td .pname { display: block; color: #666; font: 11px ui-monospace, monospace; }
td .dt { color: #888; font-size: 11px; margin-left: .3em; }
pre#graph { background: #f8f8f8; padding: .5em; overflow: auto; }
a.off { pointer-events: none; color: #999; }
</style></head>
<body>
<header><h1>regkg SPARQL</h1><a id="to-browse" href="/browse">Graph browser &rarr;</a></header>
<div class="bar">
  <label>Saved query: <select id="examples"><option value="">(write your own, or choose one)</option></select></label>
  <span id="question"></span>
</div>
<div id="params" role="group" aria-label="Parameters of the saved query"></div>
<textarea id="query" spellcheck="false" aria-label="SPARQL query"></textarea>
<div class="bar">
  <button id="run">Run (Ctrl+Enter)</button>
  <span id="edited"></span>
  <a id="link" href="#">Link to this query</a>
  <a id="csv" class="off" href="#">Download CSV</a>
  <a id="json" class="off" href="#">Download JSON</a>
  <a id="ttl" class="off" href="#">Download Turtle</a>
  <span id="status" role="status"></span>
</div>
<div id="error" role="alert"></div>
<div id="results"></div>
<script type="application/json" id="saved">__EXAMPLES__</script>
<script type="application/json" id="prefixes">__PREFIXES__</script>
<script>
"use strict";
const saved = JSON.parse(document.getElementById("saved").textContent);
const prefixes = JSON.parse(document.getElementById("prefixes").textContent);
const $ = (id) => document.getElementById(id);
const menu = $("examples"), editor = $("query");
const DATA_NS = prefixes.id || "https://w3id.org/regkg/id/";
let chosen = null;  // the saved query shown, while its text is unedited
const opened = new URLSearchParams(location.search);
const openedOn = /^\\d{4}-\\d{2}-\\d{2}$/.test(opened.get("on") || "") ? opened.get("on") : null;
/** The date the links into the browser keep: the saved query's date parameter, else the page's own. */
function linkDate() {
  if (isSaved()) {
    for (const p of chosen.params || []) {
      const input = document.getElementById("param-" + p.name);
      if (p.type === "date" && input && /^\\d{4}-\\d{2}-\\d{2}$/.test(input.value.trim())) return input.value.trim();
    }
  }
  return openedOn;
}
function browseLink(focus) {
  const p = new URLSearchParams();
  if (focus) p.set("focus", focus);
  const on = linkDate();
  if (on) p.set("on", on);
  const q = p.toString();
  return "/browse" + (q ? "?" + q : "");
}

for (const q of saved) {
  const opt = document.createElement("option");
  opt.value = q.name; opt.textContent = q.name;
  menu.appendChild(opt);
}

function choose(name, values) {
  const q = saved.find((s) => s.name === name);
  chosen = q || null;
  menu.value = q ? q.name : "";
  $("question").textContent = q ? q.question : "";
  $("params").replaceChildren();
  if (!q) return;
  editor.value = q.query;
  for (const p of q.params || []) {
    const label = document.createElement("label"), input = document.createElement("input");
    const head = document.createElement("span"), type = document.createElement("span");
    head.textContent = p.name + " ";
    type.className = "type"; type.textContent = "(" + p.type + ")";
    head.appendChild(type);
    input.name = p.name; input.id = "param-" + p.name;
    input.value = values && values.has(p.name) ? values.get(p.name) : (p.default || "");
    input.placeholder = p.default || "";
    input.title = p.help || "";
    input.addEventListener("input", () => setLinks(null));
    input.addEventListener("keydown", (e) => { if (e.key === "Enter") run(); });
    label.appendChild(head); label.appendChild(input);
    $("params").appendChild(label);
  }
  edited();
  setLinks(null);
}
menu.addEventListener("change", () => { choose(menu.value, null); if (chosen) run(); });

function edited() {
  const changed = chosen && editor.value !== chosen.query;
  $("edited").textContent = changed ? "edited: runs as typed; the parameters no longer apply" : "";
  $("params").querySelectorAll("input").forEach((i) => { i.disabled = !!changed; });
  return changed;
}
editor.addEventListener("input", () => { edited(); setLinks(null); });

function paramValues() {
  const out = new URLSearchParams();
  $("params").querySelectorAll("input").forEach((i) => { if (i.value.trim()) out.set(i.name, i.value.trim()); });
  return out;
}
function withoutComments(text) {
  // whole-line comments only: a '#' inside an IRI or a string stays
  return text.split("\\n").filter((line) => !/^\\s*#/.test(line)).join("\\n").trim();
}
function isSaved() { return chosen && !edited(); }
function permalink() {
  let p;
  if (isSaved()) { p = paramValues(); p.set("example", chosen.name); }
  else p = new URLSearchParams({ query: withoutComments(editor.value) });
  if (openedOn) p.set("on", openedOn);
  return location.pathname + "?" + p.toString();
}
function requestUrl(format) {
  let url;
  if (isSaved()) { const p = paramValues(); if (format) p.set("format", format); url = "queries/" + encodeURIComponent(chosen.name) + "?" + p.toString(); }
  else { const p = new URLSearchParams({ query: editor.value }); if (format) p.set("format", format); url = "sparql?" + p.toString(); }
  return url;
}
function setLinks(kind) {
  const page = permalink();
  $("to-browse").href = browseLink(null);
  $("link").href = page;
  try { history.replaceState(null, "", page); } catch (err) { /* keep the old address */ }
  for (const [id, ok] of [["csv", kind === "table"], ["json", kind === "table"], ["ttl", kind === "graph"]]) {
    const a = $(id);
    a.href = ok ? requestUrl(id) : "#";
    a.className = ok ? "" : "off";
  }
}

function prefixed(iri) {
  let best = null;
  for (const [p, ns] of Object.entries(prefixes)) if (iri.startsWith(ns) && (!best || ns.length > best[1].length)) best = [p, ns];
  return best ? best[0] + ":" + iri.slice(best[1].length) : null;
}
const labels = new Map();
function cell(term) {
  const td = document.createElement("td");
  if (!term) return td;
  if (term.type === "uri") {
    const name = prefixed(term.value), label = labels.get(term.value);
    let main;
    if (term.value.startsWith(DATA_NS)) {
      main = document.createElement("a");
      main.href = browseLink(term.value);
      main.title = "open in the graph browser: " + term.value;
    } else { main = document.createElement("span"); main.title = term.value; }
    main.textContent = label || name || term.value;
    td.appendChild(main);
    if (label && name) { const small = document.createElement("span"); small.className = "pname"; small.textContent = name; td.appendChild(small); }
    return td;
  }
  td.textContent = term.value;
  if (term.datatype) { const dt = document.createElement("span"); dt.className = "dt"; dt.textContent = prefixed(term.datatype) || term.datatype; td.appendChild(dt); }
  if (term["xml:lang"]) td.title = "@" + term["xml:lang"];
  return td;
}

async function fetchLabels(data) {
  const iris = new Set();
  for (const b of data.results.bindings) for (const v of data.head.vars) if (b[v] && b[v].type === "uri" && !labels.has(b[v].value)) iris.add(b[v].value);
  const list = Array.from(iris).filter((i) => !/[<>"{}|^`\\\\\\s]/.test(i)).slice(0, 2000);
  if (!list.length) return;
  const text = "SELECT ?s (SAMPLE(?l) AS ?label) WHERE { VALUES ?s { " + list.map((i) => "<" + i + ">").join(" ") +
    " } ?s <http://www.w3.org/2000/01/rdf-schema#label>|<http://www.w3.org/2004/02/skos/core#prefLabel> ?l } GROUP BY ?s";
  try {
    const r = await fetch("sparql", { method: "POST", headers: { "Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json" }, body: text });
    if (!r.ok) return;
    for (const b of (await r.json()).results.bindings) labels.set(b.s.value, b.label.value);
  } catch (err) { /* names without labels still read as prefixed names */ }
}

function showTable(data) {
  const out = $("results");
  if ("boolean" in data) { out.textContent = "ASK: " + data.boolean; return 1; }
  const table = document.createElement("table");
  const head = table.createTHead().insertRow();
  for (const v of data.head.vars) { const th = document.createElement("th"); th.textContent = v; head.appendChild(th); }
  const body = table.createTBody();
  for (const b of data.results.bindings) {
    const row = body.insertRow();
    for (const v of data.head.vars) row.appendChild(cell(b[v]));
  }
  out.appendChild(table);
  return data.results.bindings.length;
}

let runs = 0;  // a newer run makes an older one's answer moot: only the latest is shown
async function run() {
  const mine = ++runs;
  $("error").textContent = ""; $("results").textContent = ""; $("status").textContent = "running...";
  const started = performance.now();
  const accept = "application/sparql-results+json, text/turtle;q=0.9";
  try {
    const response = isSaved()
      ? await fetch(requestUrl(null), { headers: { "Accept": accept } })
      : await fetch("sparql", { method: "POST", headers: { "Content-Type": "application/sparql-query", "Accept": accept }, body: editor.value });
    const text = await response.text();
    if (mine !== runs) return;
    const seconds = ((performance.now() - started) / 1000).toFixed(2);
    if (!response.ok) { $("error").textContent = response.status + " " + text; $("status").textContent = ""; setLinks("none"); return; }
    const type = response.headers.get("content-type") || "";
    if (type.startsWith("text/turtle")) {
      const pre = document.createElement("pre"); pre.id = "graph"; pre.textContent = text;
      $("results").appendChild(pre);
      setLinks("graph");
      $("status").textContent = (response.headers.get("x-result-count") || "?") + " triples in " + seconds + " s";
    } else {
      const data = JSON.parse(text);
      if ("results" in data) await fetchLabels(data);
      if (mine !== runs) return;
      const n = showTable(data);
      setLinks("table");
      $("status").textContent = n + " rows in " + seconds + " s";
    }
  } catch (err) {
    if (mine !== runs) return;
    $("error").textContent = String(err); $("status").textContent = "";
  }
}

$("run").addEventListener("click", run);
editor.addEventListener("keydown", (e) => { if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) run(); });
const initial = new URLSearchParams(location.search);
if (initial.get("example") && saved.some((s) => s.name === initial.get("example"))) { choose(initial.get("example"), initial); run(); }
else if (initial.get("query")) { editor.value = initial.get("query"); setLinks(null); run(); }
else if (saved.length) { choose(saved[0].name, null); }
</script>
</body></html>
"""
