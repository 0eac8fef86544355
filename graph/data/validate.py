"""SHACL validation of a graph against ``ontology/shapes.ttl`` with pySHACL.

The shapes live in Turtle; this module only runs them and turns the report into
:class:`Violation` records a person can read (focus node, path, message).
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import rdflib
from rdflib.namespace import SH

from graph.data.models import GOVERNMENT_KINDS
from graph.data.paths import ontology_dir
from graph.errors import InputError

__all__ = ["Violation", "validate_graph", "require_valid", "load_ontology", "load_shapes", "territory_warnings"]


@dataclasses.dataclass(frozen=True)
class Violation:
    focus: str
    path: str | None
    message: str

    def __str__(self) -> str:
        where = f" ({self.path})" if self.path else ""
        return f"{self.focus}{where}: {self.message}"


def load_ontology() -> rdflib.Graph:
    """The regkg ontology (``ontology/regkg.ttl``), concept schemes included."""
    return rdflib.Graph().parse(ontology_dir() / "regkg.ttl", format="turtle")


def load_shapes(path: Path | None = None) -> rdflib.Graph:
    """The SHACL shapes graph."""
    return rdflib.Graph().parse(path or ontology_dir() / "shapes.ttl", format="turtle")


def validate_graph(graph: rdflib.Graph) -> list[Violation]:
    """Validate ``graph`` with the ontology mixed in; an empty list means it conforms.

    >>> from graph.store.build import graph_from_data
    >>> validate_graph(graph_from_data()[1])
    []
    """
    import pyshacl  # imported here: it is slow to import and only builds and validate need it

    # The concept schemes live in the ontology, so shapes that check scheme membership need it mixed in.
    conforms, report, _ = pyshacl.validate(
        graph + load_ontology(), shacl_graph=load_shapes(), inference="none",
        abort_on_first=False, allow_warnings=True, advanced=True)
    if conforms:
        return []
    violations = []
    for result in report.subjects(rdflib.RDF.type, SH.ValidationResult):
        path = report.value(result, SH.resultPath)
        violations.append(Violation(
            focus=str(report.value(result, SH.focusNode)),
            path=str(path) if isinstance(path, rdflib.URIRef) else None,
            message=str(report.value(result, SH.resultMessage) or "violates a shape")))
    return sorted(violations, key=lambda v: (v.focus, v.path or "", v.message))


def require_valid(graph: rdflib.Graph) -> None:
    """Raise :class:`InputError` listing the violations, if there are any."""
    violations = validate_graph(graph)
    if violations:
        shown = "\n  ".join(str(v) for v in violations[:20])
        more = f"\n  ... and {len(violations) - 20} more" if len(violations) > 20 else ""
        raise InputError(f"the graph does not conform to ontology/shapes.ttl "
                         f"({len(violations)} violations):\n  {shown}{more}")


def territory_warnings(ds) -> list[str]:
    """Rules for everyone with no place of their own from an authority with a jurisdiction (issue 19):
    they bind within that jurisdiction only, which the rule does not say. Each warning names the
    file and line of the policy, and what to write instead.
    """
    orgs = {o.id: o for o in ds.records("organizations")}
    universal = {g.id for g in ds.records("groups") if g.universal}

    def jurisdiction(org_id):
        seen, first = set(), orgs.get(org_id)
        while org_id in orgs and org_id not in seen:
            seen.add(org_id)
            if orgs[org_id].jurisdiction:
                return orgs[org_id].jurisdiction
            org_id = orgs[org_id].parent
        # as graph.policy.applies: a government body with no territory said binds in its country
        return first.country if first is not None and first.kind in GOVERNMENT_KINDS else None

    def reads_place(constraints) -> bool:
        return any(getattr(c, "left", None) == "spatial" or (not hasattr(c, "left") and reads_place(c.operands))
                   for c in constraints)

    out = []
    for p in ds.records("policies"):
        where = jurisdiction(p.assigner)
        if where is None:
            continue
        for r in [*p.permissions, *p.prohibitions]:
            if r.assignee in universal and not reads_place(r.constraints) and r.extraterritorial is None:
                out.append(f"{ds.origin.get(p.id, p.id)}: rule '{r.id}' is for everyone with no place of its own; "
                           f"it binds within {where}, where '{p.assigner}' has jurisdiction: say so with "
                           f"{{left: spatial, operator: isPartOf, right: {where}}}, or set 'extraterritorial' "
                           "(with the page's words) if it binds beyond")
    return out
