"""Records to RDF: a pure function from a :class:`graph.data.loader.Dataset` to an RDF dataset.

Every record becomes a resource with a stable IRI (:func:`graph.data.vocab.iri`). Statements carry
``prov:wasDerivedFrom`` their source sections, ``rkg:status`` and ``rkg:recordedOn``; times carry
the text as written (``rkg:dateText``), SEM earliest/latest bounds and a precision concept.
Policies are ODRL 2.2; events are PROV activities that generate (enact) or invalidate (end) them.

The layout of the dataset (:class:`SourceGraphs`)
-------------------------------------------------
* **One named graph per source document**, named by the document's IRI, holds what that document
  says: every record that cites one of its sections (and the document's own title, publisher and
  sections). A record cited by two documents is in both graphs. Where a document says something
  else about a record (a :class:`graph.data.models.Variant`: another date, status or number), its
  graph holds the record with *its* values: both accounts are kept, each in its own graph.
* **The default graph** is the union of the named graphs plus the documents' metadata (publication
  window and how it was established, kind, URL or reference, retrieval date, the curator's
  ``rkg:prevailingSource`` where sources disagree). It is stored, not computed at query time, so a
  query without ``FROM`` sees every fact once on any store: pyoxigraph's "default graph as union"
  returns a triple once per graph that holds it, and other stores do not union by default. The
  metadata stays out of the named graphs, so ``GRAPH ?g`` ranges over source documents only.
* ``main`` is the default graph with one account per record (the variants' values left out):
  what SHACL validates, since a disputed date gives an event two dates in the union.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import decimal
from pathlib import Path
from typing import Any

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection

from graph.data.loader import Dataset
from graph.data.models import GOVERNMENT_KINDS, ORG_KIND_RANKS, RECORD_KINDS, Constraint, Inference, LogicalConstraint, Rule, When
from graph.data.vocab import DCTERMS, ODRL2, ORG, PROV, RDF, RDFS, RKG, SDO, SEM, SKOS, XSD, bind_prefixes, concept, iri

__all__ = ["build_graph", "build_dataset", "SourceGraphs"]


@dataclasses.dataclass
class SourceGraphs:
    """The RDF of a dataset: the default graph, what SHACL validates, and one graph per document."""

    default: Graph  # the documents' metadata and every document's facts (the union)
    main: Graph  # the default graph with one account per record (variants left out)
    named: dict[URIRef, Graph]  # source document IRI -> what it says

    def nquads(self) -> bytes:
        """The dataset as N-Quads: the default graph, then each named graph (sorted by IRI).

        >>> from graph.data.loader import load_dataset
        >>> from graph.data.paths import default_data_dir
        >>> lines = build_dataset(load_dataset(default_data_dir())).nquads().splitlines()
        >>> any(line.endswith(b"<https://w3id.org/regkg/id/source/samsung-2026-global-ai> .") for line in lines)
        True
        """
        parts = [_ntriples(self.default)]
        for doc in sorted(self.named):
            suffix = f" <{doc}> .".encode()
            parts.append(b"".join(line[:-2] + suffix + b"\n" for line in _ntriples(self.named[doc]).splitlines()
                                  if line.endswith(b" .")))
        return b"".join(parts)


def _ntriples(g: Graph) -> bytes:
    return g.serialize(format="nt", encoding="utf-8")


def build_graph(ds: Dataset) -> Graph:
    """The default graph of a dataset: every document's facts and the documents' metadata.

    >>> from graph.data.loader import load_dataset
    >>> from graph.data.paths import default_data_dir
    >>> g = build_graph(load_dataset(default_data_dir()))
    >>> len(g) > 500
    True
    """
    return build_dataset(ds).default


def build_dataset(ds: Dataset) -> SourceGraphs:
    """The RDF dataset of ``ds``: one named graph per source document (see the module docstring).

    Extra Turtle files go into the default graph as they are: they cite no document.

    >>> from graph.data.loader import load_dataset
    >>> from graph.data.paths import default_data_dir
    >>> graphs = build_dataset(load_dataset(default_data_dir()))
    >>> [str(doc) for doc in graphs.named]
    ['https://w3id.org/regkg/id/source/samsung-2026-global-ai']
    >>> len(graphs.default) > len(graphs.named[next(iter(graphs.named))]) > 500
    True
    """
    main, extra = Graph(), Graph()
    bind_prefixes(main)
    b = _Builder(main, extra, {r.id: kind for kind in RECORD_KINDS for r in ds.records(kind)},
                 {d.id: d.language for d in ds.records("sources") if d.language})
    for kind, add in (
        ("sources", b.source), ("organizations", b.organization), ("people", b.person),
        ("models", b.model), ("groups", b.group), ("channels", b.channel), ("events", b.event),
        ("policies", b.policy), ("statements", b.statement), ("figures", b.figures),
        ("prices", b.price), ("scores", b.score),
    ):
        for record in ds.records(kind):
            b.record(add, record)
    for path in ds.turtle_files:
        _parse_turtle(main, path)
    default = main
    if len(extra):
        default = Graph()
        bind_prefixes(default)
        default += main
        default += extra
    return SourceGraphs(default, main, b.documents)


def _parse_turtle(g: Graph, path) -> None:
    """Add a Turtle file's triples; refuse it whole when it is not strictly valid Turtle.

    pyoxigraph parses first because it is strict (rdflib only warns about an IRI with a space,
    which then breaks every N-Triples export) and names the line and column.
    """
    import pyoxigraph as ox

    from graph.errors import InputError

    try:
        with open(path, "rb") as f:
            for _ in ox.parse(f, format=ox.RdfFormat.TURTLE, base_iri=Path(path).resolve().as_uri()):
                pass
        g.parse(path, format="turtle")
    except (SyntaxError, ValueError, OSError) as exc:
        raise InputError(f"{path}: malformed Turtle: {exc}") from None
    except Exception as exc:  # rdflib raises many parser types; all mean "bad Turtle"
        raise InputError(f"{path}: malformed Turtle: {exc}") from None


def _local(node: URIRef) -> str:
    """The last segment of an IRI (``.../rule/x`` -> ``x``, ``...ns#quote`` -> ``quote``)."""
    return str(node).rsplit("/", 1)[-1].rsplit("#", 1)[-1]


class _Builder:
    """Adds one record at a time into the graphs of the documents that state it."""

    def __init__(self, main: Graph, extra: Graph, kind_of: dict[str, str], languages: dict[str, str] | None = None):
        self.main, self.extra = main, extra
        self.languages = languages or {}  # document id -> its language, the tag of the quotes from it
        self.documents: dict[URIRef, Graph] = {}
        self.targets: list[Graph] = [main]  # where add() writes: set per record (record())
        self.kind_of = kind_of  # record id -> its list in DataFile, to mint reference IRIs

    # -- shared pieces -------------------------------------------------------------------------
    def add(self, s, p, o) -> None:
        if o is not None:
            for g in self.targets:
                g.add((s, p, o))

    def graph_of(self, doc: str) -> Graph:
        """The named graph of the source document ``doc`` (an id)."""
        name = iri("sources", doc)
        if name not in self.documents:
            self.documents[name] = Graph(identifier=name)
            bind_prefixes(self.documents[name])
        return self.documents[name]

    def into(self, base: Graph, sources: list[str]) -> None:
        """Write what follows into ``base`` and the named graphs of the documents of ``sources``."""
        docs = dict.fromkeys(src.split("#")[0] for src in sources)
        self.targets = [base, *(self.graph_of(d) for d in docs)]

    def record(self, add, record: Any) -> None:
        """Add ``record`` as its own sources state it, then each variant as its sources state it."""
        if not hasattr(record, "variants"):  # a source document: its own graphs (see source())
            add(record)
            return
        self.into(self.main, record.sources)
        add(record)
        node = iri(self.kind_of[record.id], record.id)
        for variant in record.variants:
            self.into(self.extra, variant.sources)
            add(record.model_copy(update={**variant.replacements(), "sources": variant.sources,
                                          "variants": [], "prevails": None,
                                          "note": variant.note or record.note}))
        self.targets = [self.main]
        if record.prevails is not None:
            self.add(node, RKG.prevailingSource, iri("sources", record.prevails.source))
            self.add(node, RKG.prevailingReason, Literal(record.prevails.because))

    def ref(self, ref: str | None) -> URIRef | None:
        """The IRI of a referenced record (references were checked by the loader)."""
        if ref is None:
            return None
        return iri(self.kind_of[ref], ref)

    def cited(self, node: URIRef, record: Any) -> None:
        for src in record.sources:
            doc, section = src.split("#")
            self.add(node, PROV.wasDerivedFrom, iri("sources", f"{doc}/{section}"))
        self.add(node, RKG.status, concept("status", record.status))
        if record.recorded:
            self.add(node, RKG.recordedOn, Literal(record.recorded, datatype=XSD.date))
        if record.note:
            self.add(node, SKOS.note, Literal(record.note))
        if getattr(record, "inferred_from", None) is not None:
            self.inferred(node, record.inferred_from, record.id, record.sources[0])

    def inference(self, why: Inference, local: str, default_source: str) -> URIRef:
        """The ``rkg:Inference`` node of ``why``: the passage, the reasoning, the section."""
        node = iri("inferences", local)
        doc, section = (why.source or default_source).split("#")
        self.add(node, RDF.type, RKG.Inference)
        self.add(node, RDFS.label, Literal(f"inferred: {why.reasoning}"))
        self.add(node, RKG.passage, Literal(why.passage))
        self.add(node, RKG.reasoning, Literal(why.reasoning))
        self.add(node, RKG.inferenceSummary, _summary(why))
        self.add(node, PROV.wasDerivedFrom, iri("sources", f"{doc}/{section}"))
        return node

    def inferred(self, node: URIRef, why: Inference, local: str, default_source: str) -> None:
        """Mark ``node`` as the curator's inference (``rkg:inferred true``), with what it rests on."""
        self.add(node, RKG.inferred, Literal(True))
        self.add(node, RKG.inferredFrom, self.inference(why, local, default_source))
        self.add(node, RKG.inferenceSummary, _summary(why))

    def named(self, node: URIRef, record: Any, *types: URIRef) -> None:
        for t in types:
            self.add(node, RDF.type, t)
        self.add(node, RDFS.label, Literal(record.name))
        self.add(node, SKOS.prefLabel, Literal(record.name))
        for alias in record.aliases:
            self.add(node, SKOS.altLabel, Literal(alias))
        if record.description:
            self.add(node, DCTERMS.description, Literal(record.description))
        self.cited(node, record)

    def when(self, node: URIRef, when: When | None) -> None:
        if when is None:
            return
        self.add(node, RKG.dateText, Literal(when.text))
        if when.earliest:
            self.add(node, SEM.hasEarliestBeginTimeStamp, Literal(when.earliest, datatype=XSD.date))
        if when.latest:
            self.add(node, SEM.hasLatestEndTimeStamp, Literal(when.latest, datatype=XSD.date))
        self.add(node, RKG.precision, concept("precision", when.precision))
        self.quote(node, when.quote, RKG.dateQuote)

    def quote(self, node: URIRef, quote, predicate: URIRef = None) -> None:
        """``node predicate [ a rkg:Quote; rdf:value "words"@lang; prov:wasQuotedFrom <section> ]``:
        the words of a cited page, in the page's language (its document's ``language``)."""
        if quote is None:
            return
        predicate = predicate if predicate is not None else RKG.quote
        doc, section = quote.source.split("#")
        q = iri("quotes", f"{_local(node)}-{_local(predicate)}")
        self.add(node, predicate, q)
        self.add(q, RDF.type, RKG.Quote)
        self.add(q, RDF.value, Literal(quote.text, lang=self.languages.get(doc)))
        self.add(q, PROV.wasQuotedFrom, iri("sources", f"{doc}/{section}"))

    def country(self, code: str | None) -> URIRef | None:
        if code is None:
            return None
        node = iri("countries", code)
        self.add(node, RDF.type, SDO.Country)
        self.add(node, RDFS.label, Literal(code))
        self.add(node, SDO.identifier, Literal(code))
        return node

    # -- records -------------------------------------------------------------------------------
    def remember(self, kind: str, record: Any) -> URIRef:
        return iri(kind, record.id)

    def source(self, s) -> None:
        """The document's own title, publisher, language and sections go into its graph too (they are
        what the document says of itself); its date window, kind and provenance are metadata."""
        node = self.remember("sources", s)
        self.targets = [self.main, self.graph_of(s.id)]
        self.add(node, RDF.type, RKG.SourceDocument)
        self.add(node, RDFS.label, Literal(s.title))
        self.add(node, DCTERMS.title, Literal(s.title))
        if s.language:
            self.add(node, DCTERMS.language, Literal(s.language))
        self.add(node, DCTERMS.publisher, self.ref(s.publisher))
        self.sections(node, s)
        self.targets = [self.main]
        self.add(node, RKG.documentKind, Literal(s.kind))
        self.add(node, RKG.status, concept("status", s.status))
        if s.recorded:
            self.add(node, RKG.recordedOn, Literal(s.recorded, datatype=XSD.date))
        self.when(node, s.date)
        if s.date_basis:
            self.add(node, RKG.dateBasis, Literal(s.date_basis))
        if s.url:
            self.add(node, SDO.url, URIRef(s.url))
        if s.citation:
            self.add(node, DCTERMS.bibliographicCitation, Literal(s.citation))
        if s.retrieved:
            self.add(node, RKG.retrievedOn, Literal(s.retrieved, datatype=XSD.date))
        self.add(node, RKG.relays, self.ref(s.relays))
        if s.relays_external:
            self.add(node, RKG.relaysExternal, Literal(s.relays_external))
        if s.note:
            self.add(node, SKOS.note, Literal(s.note))

    def sections(self, node: URIRef, s) -> None:
        for sec in s.sections:
            sec_node = iri("sources", f"{s.id}/{sec.id}")
            self.add(sec_node, RDF.type, RKG.SourceSection)
            whole = sec.id == "page" and sec.title == s.title  # a page with no sections of its own
            self.add(sec_node, RDFS.label, Literal(s.title if whole else f"{s.title} — section {sec.number or sec.id}: {sec.title}"))
            self.add(sec_node, DCTERMS.title, Literal(sec.title))
            self.add(sec_node, DCTERMS.isPartOf, node)
            if sec.number:
                self.add(sec_node, RKG.sectionNumber, Literal(sec.number))

    def organization(self, o) -> None:
        node = self.remember("organizations", o)
        kind_class = RKG.GovernmentBody if o.kind in GOVERNMENT_KINDS else RKG.Company
        self.named(node, o, RKG.Organization, kind_class)
        self.add(node, RKG.organizationKind, concept("org-kind", o.kind))
        rank = o.authority_rank if o.authority_rank is not None else ORG_KIND_RANKS[o.kind]
        self.add(node, RKG.authorityRank, Literal(rank))
        self.add(node, RKG.country, self.country(o.country))
        self.add(node, RKG.jurisdiction, self.country(o.jurisdiction))
        self.add(node, ORG.subOrganizationOf, self.ref(o.parent))

    def person(self, p) -> None:
        node = self.remember("people", p)
        self.named(node, p, RKG.Person)
        self.add(node, ORG.memberOf, self.ref(p.affiliation))
        if p.role:
            self.add(node, SDO.jobTitle, Literal(p.role))

    def model(self, m) -> None:
        node = self.remember("models", m)
        self.named(node, m, RKG.AIModel)
        self.add(node, RKG.developer, self.ref(m.developer))
        self.add(node, RKG.openness, concept("openness", m.openness))
        if m.family:
            self.add(node, RKG.family, Literal(m.family))

    def group(self, grp) -> None:
        node = self.remember("groups", grp)
        self.named(node, grp, RKG.Audience)
        for member in grp.members:
            self.add(self.ref(member), ODRL2.partOf, node)
        self.add(node, RKG.refines, self.ref(grp.part_of))
        for among in grp.among:
            larger = self.ref(among.group)
            if among.inferred_from is None:
                self.add(node, ODRL2.partOf, larger)
                continue
            self.add(node, RKG.inferredPartOf, larger)
            link = self.inference(among.inferred_from, f"{grp.id}--among--{among.group}", grp.sources[0])
            for p, o in ((RDF.type, RDF.Statement), (RDF.subject, node), (RDF.predicate, RKG.inferredPartOf),
                         (RDF.object, larger)):
                self.add(link, p, o)
        self.add(node, RKG.definedBy, self.ref(grp.defined_by))
        if grp.min_members is not None:
            self.add(node, RKG.minimumMembers, Literal(grp.min_members))
        if grp.members_text:
            self.add(node, RKG.membersText, Literal(grp.members_text))
        if grp.universal:
            self.add(node, RKG.universal, Literal(True))
        if grp.member_kind != "any":
            self.add(node, RKG.memberKind, Literal(grp.member_kind))
        for i, c in enumerate(grp.refinement, 1):
            self.add(node, ODRL2.refinement, self.constraint(f"{grp.id}-r{i}", c))

    def channel(self, c) -> None:
        node = self.remember("channels", c)
        self.named(node, c, RKG.Channel, *([RKG.Service] if c.kind == "service" else []))
        self.add(node, SKOS.inScheme, RKG.ChannelScheme)
        self.add(node, RKG.provider, self.ref(c.provider))
        self.add(node, ODRL2.partOf, self.ref(c.part_of))
        for model in c.offers:
            self.add(node, RKG.offers, self.ref(model))

    def event(self, e) -> None:
        node = self.remember("events", e)
        self.add(node, RDF.type, RKG.Event)
        self.add(node, RDFS.label, Literal(e.label))
        self.add(node, RKG.eventType, concept("event-type", e.type))
        self.add(node, PROV.wasAssociatedWith, self.ref(e.actor))
        self.add(node, SEM.hasActor, self.ref(e.actor))
        self.when(node, e.when)
        for field, prop in (("affects", RKG.affects), ("participants", RKG.participant),
                            ("channels", RKG.channel), ("after", RKG.after)):
            for ref in getattr(e, field):
                self.add(node, prop, self.ref(ref))
        self.add(node, RKG.audience, self.ref(e.audience))
        self.add(node, RKG.atRequestOf, self.ref(e.at_request_of))
        if e.authority:
            self.add(node, RKG.authority, Literal(e.authority))
        if e.description:
            self.add(node, DCTERMS.description, Literal(e.description))
        self.add(node, RKG.jurisdiction, self.country(e.jurisdiction))
        if e.legal_basis:
            self.add(node, RKG.legalBasis, concept("legal-basis", e.legal_basis))
        if e.independent_sources is not None:
            self.add(node, RKG.independentSources, Literal(e.independent_sources))
        for policy in e.enacts:
            self.add(iri("policies", policy), PROV.wasGeneratedBy, node)
        for policy in e.ends:
            self.add(iri("policies", policy), PROV.wasInvalidatedBy, node)
        self.cited(node, e)

    def policy(self, p) -> None:
        node = self.remember("policies", p)
        self.add(node, RDF.type, {"set": ODRL2.Set, "offer": ODRL2.Offer, "agreement": ODRL2.Agreement}[p.type])
        self.add(node, RDF.type, RKG.AccessPolicy)
        self.add(node, ODRL2.uid, node)
        self.add(node, RDFS.label, Literal(p.label))
        self.add(node, ODRL2.assigner, self.ref(p.assigner))
        if p.description:
            self.add(node, DCTERMS.description, Literal(p.description))
        for act in p.complies_with:
            self.add(node, RKG.compliesWith, self.ref(act))
        self.cited(node, p)
        for rule in p.permissions:
            self.add(node, ODRL2.permission, self.rule(rule, ODRL2.Permission, p))
        for rule in p.prohibitions:
            self.add(node, ODRL2.prohibition, self.rule(rule, ODRL2.Prohibition, p))

    def rule(self, r: Rule, rule_class: URIRef, policy) -> URIRef:
        node = iri("rules", r.id)
        self.add(node, RDF.type, rule_class)
        self.add(node, RDFS.label, Literal(r.note or r.id))
        for target in r.target:
            self.add(node, ODRL2.target, self.ref(target))
        self.add(node, ODRL2.assignee, self.ref(r.assignee))
        self.add(node, ODRL2.assigner, self.ref(policy.assigner))
        self.add(node, ODRL2.action, ODRL2[r.action])
        self.quote(node, r.quote)
        if r.extraterritorial is not None:
            self.add(node, RKG.extraterritorial, Literal(True))
            self.quote(node, r.extraterritorial, RKG.extraterritorialQuote)
        for i, c in enumerate(r.constraints, 1):
            self.add(node, ODRL2.constraint, self.constraint(f"{r.id}-c{i}", c))
        for i, duty in enumerate(r.duties, 1):
            duty_node = iri("rules", f"{r.id}-duty{i}")
            self.add(duty_node, RDF.type, ODRL2.Duty)
            self.add(duty_node, RDFS.label, Literal(duty.note or duty.action))
            self.add(duty_node, ODRL2.action, Literal(duty.action))
            for j, c in enumerate(duty.constraints, 1):
                self.add(duty_node, ODRL2.constraint, self.constraint(f"{r.id}-duty{i}-c{j}", c))
            self.add(node, ODRL2.duty, duty_node)
        self.cited(node, policy)
        return node

    def constraint(self, local: str, c: Constraint | LogicalConstraint) -> URIRef:
        node = iri("constraints", local)
        self.quote(node, c.quote)
        if isinstance(c, LogicalConstraint):
            self.add(node, RDF.type, ODRL2.LogicalConstraint)
            items = [self.constraint(f"{local}-{i}", sub) for i, sub in enumerate(c.operands, 1)]
            head = BNode()
            for g in self.targets:
                Collection(g, head, items)
            self.add(node, ODRL2[c.operator], head)
            return node
        self.add(node, RDF.type, ODRL2.Constraint)
        left = RKG[c.left] if c.left in ("nationality", "employer", "memberOf", "device") else ODRL2[c.left]
        self.add(node, ODRL2.leftOperand, left)
        self.add(node, ODRL2.operator, ODRL2[c.operator])
        for value in c.right if isinstance(c.right, list) else [c.right]:
            self.add(node, ODRL2.rightOperand, self.right_operand(c.left, value))
        return node

    def right_operand(self, left: str, value: Any):
        if isinstance(value, dt.date):
            return Literal(value, datatype=XSD.date)
        if left in ("employer", "memberOf", "deliveryChannel", "recipient"):
            return self.ref(value)
        if left in ("nationality", "spatial"):
            return self.country(value)
        if left in ("device", "purpose"):
            return concept(left, value)
        return Literal(value)

    def statement(self, s) -> None:
        node = self.remember("statements", s)
        self.add(node, RDF.type, RKG.Statement)
        self.add(node, RDFS.label, Literal(s.label))
        self.add(node, RKG.statementKind, concept("statement-kind", s.kind))
        self.add(node, DCTERMS.description, Literal(s.text))
        self.add(node, PROV.wasAttributedTo, self.ref(s.by))
        for about in s.about:
            self.add(node, DCTERMS.subject, self.ref(about))
        self.add(node, DCTERMS.spatial, self.country(s.place))
        self.when(node, s.when)
        self.cited(node, s)

    def figures(self, f) -> None:
        series = self.remember("figures", f)
        self.add(series, RDF.type, RKG.FigureSeries)
        self.add(series, RDFS.label, Literal(f"{f.measure} ({f.unit})"))
        self.add(series, RKG.subject, self.ref(f.subject))
        self.cited(series, f)
        for period, value in f.values.items():
            node = iri("figures", f"{f.id}/{_slug(period)}")
            projected = str(period).endswith("E")
            self.add(node, RDF.type, RKG.Figure)
            self.add(node, RDFS.label, Literal(f"{f.measure} {period}: {value:g} {f.unit}"))
            self.add(node, RKG.series, series)
            self.add(node, RKG.subject, self.ref(f.subject))
            self.add(node, RKG.measure, Literal(f.measure))
            self.add(node, RKG.period, Literal(str(period)))
            self.add(node, SDO.value, _decimal(value))
            self.add(node, SDO.unitText, Literal(f.unit))
            if f.as_of and projected:
                self.add(node, RKG.asOfText, Literal(f.as_of))
            self.cited(node, f.model_copy(update={"status": "forecast" if projected else f.status}))

    def price(self, p) -> None:
        node = self.remember("prices", p)
        self.add(node, RDF.type, RKG.Price)
        self.add(node, RDFS.label, Literal(f"price of {p.model}: {p.input:g}/{p.output:g} {p.currency} per {p.per}"))
        self.add(node, RKG.model, self.ref(p.model))
        self.add(node, RKG.inputPrice, _decimal(p.input))
        self.add(node, RKG.outputPrice, _decimal(p.output))
        self.add(node, SDO.priceCurrency, Literal(p.currency))
        self.add(node, RKG.per, Literal(p.per))
        self.add(node, DCTERMS.publisher, self.ref(p.publisher))
        if p.as_of:
            self.add(node, RKG.asOfText, Literal(p.as_of))
        self.cited(node, p)

    def score(self, s) -> None:
        node = self.remember("scores", s)
        self.add(node, RDF.type, RKG.BenchmarkScore)
        self.add(node, RDFS.label, Literal(f"{s.model} on {s.benchmark}: {s.value:g}"))
        self.add(node, RKG.model, self.ref(s.model))
        self.add(node, RKG.benchmark, Literal(s.benchmark))
        self.add(node, SDO.value, _decimal(s.value))
        if s.rank:
            self.add(node, RKG.rank, Literal(s.rank))
        self.add(node, DCTERMS.publisher, self.ref(s.publisher))
        self.cited(node, s)


def _summary(why: Inference) -> Literal:
    return Literal(f"'{why.passage}': {why.reasoning}")


def _decimal(value: float) -> Literal:
    """An xsd:decimal in canonical form ("50", not "50.0"), the form stores write back on export."""
    text = format(decimal.Decimal(repr(float(value))), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return Literal(text, datatype=XSD.decimal)


def _slug(text: str) -> str:
    return "-".join(str(text).lower().split())
