"""The offline query page of ``regkg serve``: one HTML document, its CSS and JS inline, no CDN.

The saved queries travel as JSON in a ``<script type="application/json">`` element with ``<``,
``>`` and ``&`` escaped, and every value from the data reaches the page through ``textContent``,
never ``innerHTML``. The page's URL carries the query (``/query?query=...``), so a query can be
bookmarked or sent; downloads are links to ``/sparql?query=...&format=csv|json|ttl``.
"""

from __future__ import annotations

import json

__all__ = ["render_page"]


def render_page(examples: list[dict]) -> str:
    """The query page with ``examples`` (``name``, ``question``, ``query``) in its menu.

    >>> page = render_page([{"name": "x", "question": "</script><b>", "query": "ASK {}"}])
    >>> "</script><b>" in page
    False
    """
    data = json.dumps(examples).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return _PAGE.replace("__EXAMPLES__", data)


_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>regkg SPARQL</title>
<style>
body { font: 14px/1.4 system-ui, sans-serif; margin: 1.5em; color: #222; }
h1 { font-size: 1.3em; margin: 0 0 .5em; }
textarea { width: 100%; height: 16em; font: 13px/1.35 ui-monospace, monospace; box-sizing: border-box; }
.bar { margin: .5em 0; display: flex; gap: .6em; align-items: center; flex-wrap: wrap; }
#question { color: #555; font-style: italic; }
#status { color: #555; }
#error { color: #a00; white-space: pre-wrap; font-family: ui-monospace, monospace; }
table { border-collapse: collapse; margin-top: .5em; font-size: 13px; }
th, td { border: 1px solid #ccc; padding: 2px 6px; text-align: left; vertical-align: top; }
th { background: #f3f3f3; position: sticky; top: 0; }
pre#graph { background: #f8f8f8; padding: .5em; overflow: auto; }
a.off { pointer-events: none; color: #999; }
</style></head>
<body>
<h1>regkg SPARQL</h1>
<div class="bar">
  <label>Example: <select id="examples"><option value="">(choose a saved query)</option></select></label>
  <span id="question"></span>
</div>
<textarea id="query" spellcheck="false" aria-label="SPARQL query"></textarea>
<div class="bar">
  <button id="run">Run (Ctrl+Enter)</button>
  <a id="link" href="#">Link to this query</a>
  <a id="csv" class="off" href="#">Download CSV</a>
  <a id="json" class="off" href="#">Download JSON</a>
  <a id="ttl" class="off" href="#">Download Turtle</a>
  <span id="status"></span>
</div>
<div id="error"></div>
<div id="results"></div>
<script type="application/json" id="saved">__EXAMPLES__</script>
<script>
"use strict";
const saved = JSON.parse(document.getElementById("saved").textContent);
const $ = (id) => document.getElementById(id);
const menu = $("examples"), editor = $("query");

for (const q of saved) {
  const opt = document.createElement("option");
  opt.value = q.name; opt.textContent = q.name;
  menu.appendChild(opt);
}
menu.addEventListener("change", () => {
  const q = saved.find((s) => s.name === menu.value);
  if (q) { editor.value = q.query; $("question").textContent = q.question; }
});

function endpointUrl(format) {
  const params = new URLSearchParams({ query: editor.value });
  if (format) params.set("format", format);
  return "sparql?" + params.toString();
}

function setLinks(kind) {
  const page = location.pathname + "?" + new URLSearchParams({ query: editor.value }).toString();
  $("link").href = page;
  history.replaceState(null, "", page);
  for (const [id, ok] of [["csv", kind === "table"], ["json", kind === "table"], ["ttl", kind === "graph"]]) {
    const a = $(id);
    a.href = ok ? endpointUrl(id) : "#";
    a.className = ok ? "" : "off";
  }
}

function cell(term) {
  const td = document.createElement("td");
  if (!term) return td;
  td.textContent = term.value;
  if (term.type === "uri") td.title = term.value;
  if (term.datatype) td.title = term.datatype;
  if (term["xml:lang"]) td.title = "@" + term["xml:lang"];
  return td;
}

function showTable(data) {
  const out = $("results");
  if ("boolean" in data) { out.textContent = "ASK: " + data.boolean; return 1; }
  const table = document.createElement("table");
  const head = table.insertRow();
  for (const v of data.head.vars) {
    const th = document.createElement("th"); th.textContent = v; head.appendChild(th);
  }
  for (const b of data.results.bindings) {
    const row = table.insertRow();
    for (const v of data.head.vars) row.appendChild(cell(b[v]));
  }
  out.appendChild(table);
  return data.results.bindings.length;
}

async function run() {
  $("error").textContent = ""; $("results").textContent = ""; $("status").textContent = "running...";
  const started = performance.now();
  try {
    const response = await fetch("sparql", {
      method: "POST",
      headers: { "Content-Type": "application/sparql-query",
                 "Accept": "application/sparql-results+json, text/turtle;q=0.9" },
      body: editor.value,
    });
    const text = await response.text();
    const seconds = ((performance.now() - started) / 1000).toFixed(2);
    if (!response.ok) { $("error").textContent = response.status + " " + text; $("status").textContent = ""; setLinks("none"); return; }
    const type = response.headers.get("content-type") || "";
    if (type.startsWith("text/turtle")) {
      const pre = document.createElement("pre"); pre.id = "graph"; pre.textContent = text;
      $("results").appendChild(pre);
      setLinks("graph");
      $("status").textContent = (response.headers.get("x-result-count") || "?") + " triples in " + seconds + " s";
    } else {
      const n = showTable(JSON.parse(text));
      setLinks("table");
      $("status").textContent = n + " rows in " + seconds + " s";
    }
  } catch (err) {
    $("error").textContent = String(err); $("status").textContent = "";
  }
}

$("run").addEventListener("click", run);
editor.addEventListener("keydown", (e) => { if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) run(); });
const initial = new URLSearchParams(location.search).get("query");
if (initial) { editor.value = initial; run(); }
else if (saved.length) { menu.value = saved[0].name; menu.dispatchEvent(new Event("change")); }
</script>
</body></html>
"""
