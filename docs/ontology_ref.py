"""The ontology reference, written at build time from ``ontology/regkg.ttl`` and ``ontology/shapes.ttl``.

For each class: its label, comment, super-classes (the reused W3C and other vocabularies linked to
their terms), the properties whose domain it is, the SHACL shapes that target it, and an example
from the shipped data (the richest instance: the one with the most distinct properties, ties by
IRI); for each property: domain, range, super-property and an example triple; the concept schemes
with their concepts; every shape; the classes of other vocabularies the data uses, each with an
example too. ``docs/hooks.py`` calls :func:`render`; ``python -m docs.ontology_ref`` prints it.

pyLODE (``pylode``, the OntPub profile) renders ``regkg.ttl`` as a conventional standalone
ontology document too; the hook writes it beside this page (``ontology-pylode.html``). It reads
neither the shapes nor the data, hence this page.
"""

from __future__ import annotations

import re
import sys
from collections import defaultdict

from rdflib import OWL, RDF, RDFS, SKOS, Graph, Namespace, URIRef

SH = Namespace("http://www.w3.org/ns/shacl#")
RKG = "https://w3id.org/regkg/ns#"
XSD_STRING = URIRef("http://www.w3.org/2001/XMLSchema#string")
EXAMPLE_TRIPLES = 24
VALUES_PER_PROPERTY = 3

#: The vocabularies regkg.ttl and shapes.ttl reuse: namespace -> (prefix, name, specification).
VOCABULARIES = {
    "http://www.w3.org/ns/odrl/2/": ("odrl", "ODRL Information Model 2.2 (W3C Recommendation)",
                                     "https://www.w3.org/TR/odrl-model/"),
    "http://www.w3.org/ns/prov#": ("prov", "PROV-O: the PROV Ontology (W3C Recommendation)",
                                   "https://www.w3.org/TR/prov-o/"),
    "http://www.w3.org/2006/time#": ("time", "Time Ontology in OWL (W3C Recommendation)",
                                     "https://www.w3.org/TR/owl-time/"),
    "http://www.w3.org/ns/org#": ("org", "The Organization Ontology (W3C Recommendation)",
                                  "https://www.w3.org/TR/vocab-org/"),
    "http://www.w3.org/2004/02/skos/core#": ("skos", "SKOS Simple Knowledge Organization System (W3C Recommendation)",
                                             "https://www.w3.org/TR/skos-reference/"),
    "http://www.w3.org/ns/shacl#": ("sh", "SHACL Shapes Constraint Language (W3C Recommendation)",
                                    "https://www.w3.org/TR/shacl/"),
    "http://www.w3.org/2002/07/owl#": ("owl", "OWL 2 Web Ontology Language (W3C Recommendation)",
                                       "https://www.w3.org/TR/owl2-overview/"),
    "http://www.w3.org/2000/01/rdf-schema#": ("rdfs", "RDF Schema 1.1 (W3C Recommendation)",
                                              "https://www.w3.org/TR/rdf-schema/"),
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#": ("rdf", "RDF 1.1 Concepts (W3C Recommendation)",
                                                    "https://www.w3.org/TR/rdf11-concepts/"),
    "http://www.w3.org/2001/XMLSchema#": ("xsd", "XML Schema Definition Language 1.1 Datatypes (W3C Recommendation)",
                                          "https://www.w3.org/TR/xmlschema11-2/"),
    "http://purl.org/dc/terms/": ("dcterms", "DCMI Metadata Terms (Dublin Core, not W3C)",
                                  "https://www.dublincore.org/specifications/dublin-core/dcmi-terms/"),
    "https://schema.org/": ("schema", "schema.org (not W3C)", "https://schema.org/"),
    "http://semanticweb.cs.vu.nl/2009/11/sem/": ("sem", "Simple Event Model (VU Amsterdam, not W3C)",
                                                 "https://semanticweb.cs.vu.nl/2009/11/sem/"),
}


def _load():
    from graph.data.paths import ontology_dir

    onto, shapes = Graph(), Graph()
    onto.parse(ontology_dir() / "regkg.ttl")
    shapes.parse(ontology_dir() / "shapes.ttl")
    return onto, shapes


def _qname(g: Graph, term) -> str:
    try:
        return g.namespace_manager.normalizeUri(term) if isinstance(term, URIRef) else str(term)
    except Exception:  # noqa: BLE001 - a term no prefix abbreviates
        return f"<{term}>"


def anchor(term: URIRef) -> str:
    """The anchor of an rkg term on this page: its local name.

    >>> anchor(URIRef("https://w3id.org/regkg/ns#AIModel"))
    'AIModel'
    """
    return re.sub(r"[^A-Za-z0-9_-]", "-", str(term).split("#")[-1].split("/")[-1])


def _link(g: Graph, term) -> str:
    """A term as a link: to its section for rkg terms, to its IRI (which dereferences) otherwise."""
    if not isinstance(term, URIRef):
        return f"`{term}`"
    name = _qname(g, term)
    if str(term).startswith(RKG):
        return f"[`{name}`](#{anchor(term)})"
    return f"[`{name}`]({term})"


def _text(value) -> str:
    return " ".join(str(value).split()).replace("|", "\\|") if value is not None else ""


def _example(store, subject_query: str, g: Graph) -> list[str]:
    """The Turtle lines describing the first subject ``subject_query`` returns (``?x``)."""
    from graph.sparql.formats import compact

    rows = store.query(subject_query).rows
    if not rows:
        return []
    x = rows[0][0]
    triples = store.query(f"SELECT ?p ?o WHERE {{ <{x}> ?p ?o }} ORDER BY ?p ?o").rows
    by_p: dict = defaultdict(list)
    for p, o in triples:
        by_p[p].append(o)
    order = sorted(by_p, key=lambda p: (p != RDF.type, p != RDFS.label, compact(p)))
    entries = []
    for p in order[:EXAMPLE_TRIPLES]:
        values = by_p[p]
        text = ", ".join(_turtle(compact(o), o) for o in values[:VALUES_PER_PROPERTY])
        more = f"  # and {len(values) - VALUES_PER_PROPERTY} more" if len(values) > VALUES_PER_PROPERTY else ""
        entries.append((f"    {'a' if p == RDF.type else compact(p)} {text}", more))
    lines = [compact(x)]
    for i, (text, more) in enumerate(entries):
        lines.append(text + (" ." if i == len(entries) - 1 else " ;") + more)
    if len(order) > EXAMPLE_TRIPLES:
        lines.append(f"# ... and {len(order) - EXAMPLE_TRIPLES} more properties")
    return lines


def _turtle(text: str, term) -> str:
    from rdflib import Literal

    if isinstance(term, Literal):
        lexical = str(term).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
        if len(lexical) > 160:
            lexical = lexical[:159] + "…"
        if term.language:
            return f'"{lexical}"@{term.language}'
        if term.datatype and term.datatype != XSD_STRING:
            from graph.sparql.formats import compact

            return f'"{lexical}"^^{compact(URIRef(term.datatype))}'
        return f'"{lexical}"'
    return text


def _class_example(store, cls: URIRef) -> str:
    return ("SELECT ?x (COUNT(DISTINCT ?p) AS ?n) WHERE { ?x a <%s> ; ?p ?o . FILTER(isIRI(?x)) } "
            "GROUP BY ?x ORDER BY DESC(?n) ?x LIMIT 1" % cls)


def _count(store, query: str) -> int:
    rows = store.query(query).rows
    return int(rows[0][0]) if rows and rows[0][0] is not None else 0


def render(store) -> str:
    """The reference page (Markdown), with examples read from ``store``."""
    onto, shapes = _load()
    g = onto + shapes
    for prefix, ns in onto.namespaces():
        g.bind(prefix, ns, override=True)
    g.bind("rkgsh", "https://w3id.org/regkg/shapes#")

    ontology = next(onto.subjects(RDF.type, OWL.Ontology))
    classes = sorted((c for c in onto.subjects(RDF.type, OWL.Class) if str(c).startswith(RKG)), key=str)
    props = sorted({p for t in (OWL.ObjectProperty, OWL.DatatypeProperty, RDF.Property)
                    for p in onto.subjects(RDF.type, t) if str(p).startswith(RKG)}, key=str)
    schemes = sorted(onto.subjects(RDF.type, SKOS.ConceptScheme), key=str)
    node_shapes = sorted(shapes.subjects(RDF.type, SH.NodeShape), key=str)
    targets = defaultdict(list)
    for s in node_shapes:
        for c in shapes.objects(s, SH.targetClass):
            targets[c].append(s)

    out = [
        "# Ontology reference",
        "",
        f"**{_text(onto.value(ontology, RDFS.label))}** `{ontology}`, version "
        f"{_text(onto.value(ontology, OWL.versionInfo))}: {_text(onto.value(ontology, RDFS.comment))}",
        "",
        "Generated when this site was built, from `ontology/regkg.ttl` (the vocabulary) and "
        "`ontology/shapes.ttl` (the SHACL shapes `regkg validate` and every build check), with an "
        "example from the shipped data for each class and property. Namespace `rkg:` = "
        f"`{RKG}`; data resources are `https://w3id.org/regkg/id/<kind>/<id>`, concept schemes "
        "`https://w3id.org/regkg/<scheme>/<value>`. The same vocabulary as a conventional ontology "
        "document, rendered by [pyLODE](https://github.com/RDFLib/pyLODE): "
        "[ontology-pylode.html](ontology-pylode.html).",
        "",
        "## Reused vocabularies",
        "",
        "regkg adds only what these lack (statuses, dates as written, precisions, a few domain "
        "relations); a link on a term below goes to the term itself.",
        "",
        "| prefix | vocabulary | terms used |",
        "|---|---|---|",
    ]
    used = defaultdict(set)
    for t in g:
        for term in t:
            if isinstance(term, URIRef):
                for ns in VOCABULARIES:
                    if str(term).startswith(ns) and len(str(term)) > len(ns):
                        used[ns].add(term)
    for ns, (prefix, name, spec) in VOCABULARIES.items():
        if used[ns]:
            out.append(f"| `{prefix}:` | [{name}]({spec}) | {len(used[ns])} |")

    out += ["", "## Classes", "", "| class | label | what it is |", "|---|---|---|"]
    out += [f"| {_link(g, c)} | {_text(onto.value(c, RDFS.label))} | {_text(onto.value(c, RDFS.comment))} |"
            for c in classes]
    for c in classes:
        out += ["", f"### {_text(onto.value(c, RDFS.label))} (`{_qname(g, c)}`) {{ #{anchor(c)} }}", "",
                f"`{c}`", "", _text(onto.value(c, RDFS.comment)), ""]
        supers = sorted(onto.objects(c, RDFS.subClassOf), key=str)
        if supers:
            out.append("- Subclass of: " + ", ".join(_link(g, s) for s in supers))
        subs = sorted(onto.subjects(RDFS.subClassOf, c), key=str)
        if subs:
            out.append("- Superclass of: " + ", ".join(_link(g, s) for s in subs))
        domain = sorted(onto.subjects(RDFS.domain, c), key=str)
        if domain:
            out.append("- Properties (domain): " + ", ".join(_link(g, p) for p in domain))
        ranged = sorted(onto.subjects(RDFS.range, c), key=str)
        if ranged:
            out.append("- Values of: " + ", ".join(_link(g, p) for p in ranged))
        if targets.get(c):
            out.append("- Shapes: " + ", ".join(f"[`{_qname(g, s)}`](#{_shape_anchor(s)})" for s in targets[c]))
        n = _count(store, f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ ?x a <{c}> }}")
        out.append(f"- In the shipped data: {n} instance{'s' if n != 1 else ''}")
        example = _example(store, _class_example(store, c), g)
        if example:
            out += ["", "Example from the data:", "", "```turtle", *example, "```"]

    out += ["", "## Properties", "", "| property | kind | label | domain | range |", "|---|---|---|---|---|"]
    for p in props:
        kinds = [k for k in (OWL.ObjectProperty, OWL.DatatypeProperty) if (p, RDF.type, k) in onto]
        kind = "object" if OWL.ObjectProperty in kinds else "datatype" if kinds else "property"
        out.append(f"| {_link(g, p)} | {kind} | {_text(onto.value(p, RDFS.label))} | "
                   f"{', '.join(_link(g, d) for d in onto.objects(p, RDFS.domain))} | "
                   f"{', '.join(_link(g, r) for r in onto.objects(p, RDFS.range))} |")
    for p in props:
        out += ["", f"### `{_qname(g, p)}` {{ #{anchor(p)} }}", "", _text(onto.value(p, RDFS.comment)), ""]
        for label, pred in (("Subproperty of", RDFS.subPropertyOf), ("See also", RDFS.seeAlso)):
            values = sorted(onto.objects(p, pred), key=str)
            if values:
                out.append(f"- {label}: " + ", ".join(_link(g, v) for v in values))
        if (p, RDF.type, URIRef("http://www.w3.org/ns/odrl/2/LeftOperand")) in onto:
            out.append("- An ODRL left operand: constraints and refinements compare it")
        n = _count(store, f"SELECT (COUNT(*) AS ?n) WHERE {{ ?s <{p}> ?o }}")
        out.append(f"- In the shipped data: {n} triple{'s' if n != 1 else ''}")
        rows = store.query(f"SELECT ?s ?o WHERE {{ ?s <{p}> ?o }} ORDER BY ?s ?o LIMIT 1").rows
        if rows:
            from graph.sparql.formats import compact

            s, o = rows[0]
            out += ["", "```turtle", f"{compact(s)} {_qname(g, p)} {_turtle(compact(o), o)} .", "```"]

    out += ["", "## Concept schemes", ""]
    for scheme in schemes:
        concepts = sorted(onto.subjects(SKOS.inScheme, scheme), key=str)
        out += [f"### {_text(onto.value(scheme, RDFS.label))} (`{_qname(g, scheme)}`) {{ #{anchor(scheme)} }}", "",
                _text(onto.value(scheme, RDFS.comment)), ""]
        if concepts:
            extra = [p for p in (URIRef(RKG + "authorityRank"),) if any(onto.objects(c, p) for c in concepts)]
            out += ["| concept | label | definition" + "".join(f" | {_qname(g, p)}" for p in extra) + " |",
                    "|---|---|---|" + "---|" * len(extra)]
            for c in concepts:
                out.append(f"| `{_qname(g, c)}` | {_text(onto.value(c, SKOS.prefLabel) or onto.value(c, RDFS.label))} | "
                           f"{_text(onto.value(c, SKOS.definition) or onto.value(c, RDFS.comment))}"
                           + "".join(f" | {_text(onto.value(c, p))}" for p in extra) + " |")
        else:
            out.append("Its concepts are data, not vocabulary: see the data's channels.")
        out.append("")

    out += ["## Shapes", "", "`ontology/shapes.ttl`: what every build and `regkg validate` require of a "
            "graph (pySHACL, together with the vocabulary above).", ""]
    for s in node_shapes:
        out += [f"### `{_qname(g, s)}` {{ #{_shape_anchor(s)} }}", ""]
        comment = shapes.value(s, RDFS.comment)
        if comment:
            out += [_text(comment), ""]
        for label, pred in (("Targets the class", SH.targetClass), ("Targets subjects of", SH.targetSubjectsOf),
                            ("Targets objects of", SH.targetObjectsOf), ("Targets the node", SH.targetNode)):
            values = sorted(shapes.objects(s, pred), key=str)
            if values:
                out.append(f"- {label}: " + ", ".join(_link(g, v) for v in values))
        for prop in shapes.objects(s, SH.property):
            path = shapes.value(prop, SH.path)
            rules = []
            for pred, o in sorted(shapes.predicate_objects(prop), key=lambda po: str(po[0])):
                if pred in (SH.path, SH.message, RDFS.comment):
                    continue
                rules.append(f"{_qname(g, pred)} {_node(shapes, g, o)}")
            message = shapes.value(prop, SH.message)
            out.append(f"- `{_qname(g, path) if path is not None else '?'}`: " + "; ".join(f"`{r}`" for r in rules)
                       + (f" — *{_text(message)}*" if message else ""))
        for sparql in shapes.objects(s, SH.sparql):
            message = shapes.value(sparql, SH.message)
            out.append("- a SPARQL constraint" + (f" — *{_text(message)}*" if message else ""))
        out.append("")

    out += ["## Classes of other vocabularies in the data", "",
            "The data types resources with these classes as well (ODRL rules, constraints and "
            "party collections; SKOS concepts...): what each is, with an example.", ""]
    others = store.query("SELECT ?c (COUNT(DISTINCT ?x) AS ?n) WHERE { ?x a ?c . "
                         f"FILTER(!STRSTARTS(STR(?c), \"{RKG}\")) }} GROUP BY ?c ORDER BY ?c").rows
    for c, n in others:
        out += [f"### `{_qname(g, c)}`", "", f"{_link(g, c)}: {int(n)} in the shipped data.", ""]
        example = _example(store, _class_example(store, c), g)
        if example:
            out += ["```turtle", *example, "```", ""]
    return "\n".join(out).rstrip() + "\n"


def _node(shapes: Graph, g: Graph, o, depth: int = 0) -> str:
    """A shape's value as Turtle: a blank node written out in brackets, a list in parentheses."""
    from rdflib import BNode
    from rdflib.collection import Collection

    if not isinstance(o, BNode) or depth > 3:
        return _qname(g, o)
    if (o, RDF.first, None) in shapes:
        return "(" + " ".join(_node(shapes, g, x, depth + 1) for x in Collection(shapes, o)) + ")"
    inner = " ; ".join(f"{_qname(g, p)} {_node(shapes, g, v, depth + 1)}"
                       for p, v in sorted(shapes.predicate_objects(o), key=lambda pv: str(pv[0])))
    return f"[ {inner} ]"


def _shape_anchor(shape) -> str:
    return "shape-" + anchor(shape)


def pylode_html() -> str | None:
    """pyLODE's OntPub document of regkg.ttl, or None when pyLODE is not installed."""
    try:
        from pylode import OntPub
    except ImportError:
        return None
    from graph.data.paths import ontology_dir

    return OntPub(ontology=str(ontology_dir() / "regkg.ttl")).make_html()


if __name__ == "__main__":
    from docs.examples import data_dir, ensure_built, home_for

    ensure_built("record")
    from graph.store.build import open_graph

    sys.stdout.write(render(open_graph(home_for("record"), data_dir("record"))))
