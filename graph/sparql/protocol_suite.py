"""Run the W3C SPARQL 1.1 Protocol tests against a live endpoint and score it.

The manifest (w3c/rdf-tests, ``sparql/sparql11/protocol/manifest.ttl``) is read where it lies,
never copied. Each case is one or more HTTP requests (method, path, headers, body) with what the
response must be: a status class (2xx/3xx or 4xx), a format (``boolean``, ``tabular``, ``RDF``:
the Content-Type must be one of that kind) and, for ASK, the boolean. ``ut:graphData`` names the
graphs the dataset cases need, loaded as named graphs named by their ``rdfs:label``
(:func:`dataset_quads`). A read-only endpoint takes the 27 cases that do not update: the seven
update cases are reported apart, as refused (4xx) or not.

``/sparql/`` in the manifest's paths is replaced by the endpoint's own paths: one for queries,
one for updates (the same URL for regkg; ``/query`` and ``/update`` for Oxigraph's server).
"""

from __future__ import annotations

import dataclasses
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import httpx
from rdflib import Graph, Namespace
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS

__all__ = ["Case", "Request", "Outcome", "load_cases", "dataset_quads", "run_case", "score", "UPDATES"]

MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
HT = Namespace("http://www.w3.org/2011/http#")
CNT = Namespace("http://www.w3.org/2011/content#")
UT = Namespace("http://www.w3.org/2009/sparql/tests/test-update#")
HTS = "http://www.w3.org/2011/http-statusCodes#StatusCode"

#: The cases that update the store: a read-only endpoint must refuse them.
UPDATES = frozenset({"update_dataset_default_graph", "update_dataset_default_graphs",
                     "update_dataset_named_graphs", "update_dataset_full", "update_post_form",
                     "update_post_direct", "update_base_uri"})

_FORMATS = {
    "boolean": ("application/sparql-results+json", "application/sparql-results+xml"),
    "tabular": ("application/sparql-results+json", "application/sparql-results+xml", "text/csv",
                "text/tab-separated-values"),
    "RDF": ("application/rdf+xml", "text/turtle", "application/n-triples", "text/plain",
            "application/ld+json", "text/html", "application/xhtml+xml"),
}


@dataclasses.dataclass(frozen=True)
class Request:
    """One request of a case and what its response must be."""

    method: str
    path: str  # after /sparql/: "" or "?..."
    headers: tuple[tuple[str, str], ...]
    body: bytes | None
    statuses: tuple[str, ...]  # "2xx", "3xx", "4xx"
    format: str | None
    boolean: bool | None


@dataclasses.dataclass(frozen=True)
class Case:
    """One test of the manifest: its local name, title, requests and the graphs it needs."""

    name: str
    title: str
    requests: tuple[Request, ...]
    graphs: tuple[tuple[str, str], ...]  # (graph name, data file name)

    @property
    def updates(self) -> bool:
        return self.name in UPDATES


@dataclasses.dataclass
class Outcome:
    """How one case went: passed, or the first difference found."""

    case: Case
    passed: bool
    problem: str = ""


def load_cases(root: Path) -> list[Case]:
    """The cases of ``root/manifest.ttl``, in the manifest's order."""
    g = Graph().parse(root / "manifest.ttl", format="turtle")
    manifest = next(g.subjects(RDF.type, MF.Manifest))
    entries = Collection(g, g.value(manifest, MF.entries))
    return [_case(g, entry) for entry in entries]


def _case(g: Graph, entry) -> Case:
    action = g.value(entry, MF.action)
    requests = tuple(_request(g, r) for r in Collection(g, g.value(action, HT.requests)))
    graphs = tuple(sorted((str(g.value(d, RDFS.label)), Path(str(g.value(d, UT.graph))).name)
                          for d in g.objects(entry, UT.graphData)))
    return Case(str(entry).rsplit("#", 1)[-1], str(g.value(entry, MF.name)), requests, graphs)


def _request(g: Graph, node) -> Request:
    path = str(g.value(node, HT.absolutePath))
    headers = []
    listed = g.value(node, HT.headers)
    for header in Collection(g, listed) if listed is not None else ():
        headers.append((str(g.value(header, HT.fieldName)), str(g.value(header, HT.fieldValue))))
    body = None
    content = g.value(node, HT.body)
    if content is not None:
        encoding = str(g.value(content, CNT.characterEncoding) or "UTF-8")
        body = str(g.value(content, CNT.chars)).encode(encoding)
    response = g.value(node, HT.resp)
    statuses = tuple(sorted(str(s)[len(HTS):].lower() for s in g.objects(response, MF.expectedStatus)))
    fmt = g.value(response, MF.expectedFormat)
    boolean = g.value(response, MF.expectedBoolean)
    return Request(str(g.value(node, HT.methodName)), path[len("/sparql/"):], tuple(headers), body,
                   statuses, str(fmt) if fmt is not None else None,
                   boolean.toPython() if boolean is not None else None)


def dataset_quads(root: Path, cases: list[Case]) -> bytes:
    """Every graph the cases name, as N-Quads: each data file in the graph its label names.

    >>> dataset_quads(Path("."), [])
    b''
    """
    lines = []
    for name, file in sorted({g for case in cases for g in case.graphs}):
        for line in (root / file).read_text(encoding="utf-8").splitlines():
            if line.strip().endswith("."):
                lines.append(f"{line.strip()[:-1].rstrip()} <{name}> .\n")
    return "".join(lines).encode()


def run_case(case: Case, query_url: str, update_url: str, client: httpx.Client) -> Outcome:
    """Send the case's requests in order; the outcome names the first one that went wrong."""
    for number, req in enumerate(case.requests, 1):
        is_update = any(v.startswith("application/sparql-update") for _, v in req.headers) or (
            req.body is not None and req.body.startswith(b"update=")) or req.path.startswith("?update=")
        url = (update_url if is_update else query_url) + req.path
        try:
            response = client.request(req.method, url, headers=list(req.headers), content=req.body)
        except httpx.HTTPError as exc:
            return Outcome(case, False, f"request {number}: {exc}")
        problem = _check(req, response)
        if problem:
            return Outcome(case, False, f"request {number} ({req.method} {req.path[:60]}): {problem}")
    return Outcome(case, True)


def _check(req: Request, response: httpx.Response) -> str:
    status = f"{response.status_code // 100}xx"
    if status not in req.statuses:
        return f"status {response.status_code}, expected {' or '.join(req.statuses)}: {response.text[:200]!r}"
    media_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
    if req.format is not None and media_type not in _FORMATS[req.format]:
        return f"Content-Type {media_type or 'none'} is not a {req.format} format"
    if req.boolean is not None:
        try:
            found = _boolean(media_type, response.content)
        except (ValueError, KeyError, ET.ParseError) as exc:
            return f"cannot read a boolean from the {media_type} answer: {exc}"
        if found is not req.boolean:
            return f"answered {found}, expected {req.boolean}"
    return ""


def _boolean(media_type: str, body: bytes) -> bool:
    if media_type == "application/sparql-results+json":
        return json.loads(body)["boolean"]
    root = ET.fromstring(body)
    element = root.find("{http://www.w3.org/2005/sparql-results#}boolean")
    if element is None:
        raise ValueError("no <boolean>")
    return element.text.strip() == "true"


def score(outcomes: list[Outcome]) -> dict[str, tuple[int, int]]:
    """``{"read-only cases": (passed, of), "update cases refused": (refused, of)}``.

    An update case counts as refused when its first request (the update) got a 4xx.
    """
    reading = [o for o in outcomes if not o.case.updates]
    updating = [o for o in outcomes if o.case.updates]
    refused = sum(o.problem.startswith("request 1 ") and "expected 2xx or 3xx" in o.problem
                  and "status 4" in o.problem for o in updating)
    return {"read-only cases": (sum(o.passed for o in reading), len(reading)),
            "update cases refused": (refused, len(updating))}
