"""How the HTML browser draws the projection: pure data, no logic beyond two lookups.

Node kinds (the ``kind`` attribute of :func:`graph.store.project.project`) map to a colour, a
vis-network shape, a size and a legend label; relations map to an edge label and style; the
as-of states of a rule map to an edge/node style. The page reads all of it from its embedded JSON,
so Python and JavaScript never disagree on a colour.
"""

from __future__ import annotations

import re

__all__ = [
    "KIND_STYLES", "OTHER_KIND", "HIDDEN_BY_DEFAULT", "RELATION_LABELS", "RELATION_STYLES",
    "RULE_STATES", "ACCESS_RELATIONS", "DECISION_STYLES", "DECISION_ORDER", "SELECTION_COLOR",
    "CLUSTER_STYLE", "kind_style", "relation_label",
]

# kind -> (legend label, colour, vis shape, size). Shapes are drawn with the label beneath them
# (dot, diamond, star, triangle, triangleDown, square, hexagon), so long labels never inflate a node.
# Order is the legend's order: who acts, what they act on, the rules, then the evidence.
KIND_STYLES: dict[str, dict] = {
    "government": {"label": "Government body", "color": "#c0392b", "shape": "triangleDown", "size": 20},
    "company": {"label": "Company", "color": "#2e86c1", "shape": "dot", "size": 15},
    "organization": {"label": "Other organization", "color": "#85c1e9", "shape": "dot", "size": 13},
    "person": {"label": "Person", "color": "#a569bd", "shape": "dot", "size": 11},
    "country": {"label": "Country", "color": "#5d6d7e", "shape": "dot", "size": 11},
    "model": {"label": "AI model", "color": "#f39c12", "shape": "star", "size": 22},
    "group": {"label": "Group / audience", "color": "#16a085", "shape": "hexagon", "size": 15},
    "service": {"label": "Service (app, website)", "color": "#e59866", "shape": "star", "size": 18},
    "channel": {"label": "Channel", "color": "#76d7c4", "shape": "hexagon", "size": 12},
    "event": {"label": "Event / action", "color": "#8e44ad", "shape": "diamond", "size": 15},
    "policy": {"label": "Policy", "color": "#1d8348", "shape": "square", "size": 13},
    "permission": {"label": "Permission (rule)", "color": "#27ae60", "shape": "triangle", "size": 13},
    "prohibition": {"label": "Prohibition (rule)", "color": "#e74c3c", "shape": "triangle", "size": 13},
    "duty": {"label": "Duty (rule)", "color": "#d4ac0d", "shape": "triangle", "size": 11},
    "constraint": {"label": "Constraint", "color": "#aab7b8", "shape": "dot", "size": 7},
    "statement": {"label": "Statement", "color": "#99a3a4", "shape": "square", "size": 8},
    "figure": {"label": "Figure", "color": "#ccd1d1", "shape": "dot", "size": 6},
    "figure-series": {"label": "Figure series", "color": "#abb2b9", "shape": "square", "size": 8},
    "price": {"label": "Price", "color": "#f1948a", "shape": "dot", "size": 7},
    "score": {"label": "Benchmark score", "color": "#f7dc6f", "shape": "dot", "size": 7},
    "source": {"label": "Source document", "color": "#6e2c00", "shape": "square", "size": 14},
    "source-section": {"label": "Source section", "color": "#ba8b65", "shape": "square", "size": 10},
    "quote": {"label": "Quote (a page's words)", "color": "#d7ccc8", "shape": "dot", "size": 6},
    "inference": {"label": "Curator's inference", "color": "#c39bd3", "shape": "dot", "size": 7},
}
OTHER_KIND = {"label": "Other", "color": "#999999", "shape": "dot", "size": 8}

# Kinds unticked when the page opens: a hundred figures and statements, and three section nodes
# that every sourced node points at, would pull the layout into one hairball around the rules the
# page is about. One click brings them back; sources always show in the side panel.
HIDDEN_BY_DEFAULT = frozenset({"figure", "figure-series", "statement", "source-section", "quote"})

RELATION_LABELS: dict[str, str] = {
    "odrl:target": "target", "odrl:assignee": "assignee", "odrl:assigner": "assigner",
    "odrl:permission": "permits", "odrl:prohibition": "prohibits", "odrl:duty": "duty",
    "odrl:constraint": "constraint", "odrl:refinement": "refinement", "odrl:rightOperand": "right operand",
    "prov:wasGeneratedBy": "enacted by", "prov:wasInvalidatedBy": "ended by",
    "prov:wasDerivedFrom": "source", "prov:wasAttributedTo": "attributed to",
    "prov:wasAssociatedWith": "associated with", "sem:hasActor": "actor", "rkg:affects": "affects",
    "rkg:after": "after", "rkg:participant": "participant", "rkg:audience": "audience",
    "rkg:atRequestOf": "at request of", "rkg:developer": "developer", "rkg:provider": "provider",
    "rkg:subject": "about", "dcterms:subject": "subject", "rkg:series": "series", "rkg:country": "country",
    "dcterms:isPartOf": "part of", "dcterms:publisher": "publisher", "org:memberOf": "member of",
}

# Edges that say who may do what with which model: they take the as-of state of their rule.
ACCESS_RELATIONS = frozenset({
    "odrl:target", "odrl:assignee", "odrl:permission", "odrl:prohibition", "odrl:duty", "odrl:constraint",
})

# relation -> vis edge style; anything else is drawn thin and grey.
RELATION_STYLES: dict[str, dict] = {
    "default": {"color": "#9aa5b1", "width": 1, "dashes": False},
    "access": {"color": "#34495e", "width": 2, "dashes": False},
    "prov:wasGeneratedBy": {"color": "#8e44ad", "width": 1.5, "dashes": False},
    "prov:wasInvalidatedBy": {"color": "#8e44ad", "width": 1.5, "dashes": [8, 4]},
    "rkg:after": {"color": "#b39ddb", "width": 1, "dashes": [4, 4]},
    "prov:wasDerivedFrom": {"color": "#d5b59c", "width": 0.5, "dashes": [2, 4]},
}

# as-of state of a rule -> how its node and access edges are drawn, and what the legend says.
RULE_STATES: dict[str, dict] = {
    "in-force": {"label": "in force", "opacity": 1.0, "width": 3, "dashes": False},
    "uncertain": {"label": "uncertain (date window contains the as-of date)", "opacity": 0.85,
                  "width": 2, "dashes": [10, 6], "color": "#e67e22"},
    "planned": {"label": "planned / forecast (never in force)", "opacity": 0.35, "width": 1,
                "dashes": [2, 5], "color": "#7f8c8d"},
    "not-in-force": {"label": "not in force", "opacity": 0.15, "width": 1, "dashes": False, "color": "#bdc3c7"},
}


# decision -> how a cell, a lane and the chart file draw it. Never colour alone: each has its own
# symbol, and "indeterminate" is hatched, so a grey-scale print or a colour-blind reader tells
# them apart.
DECISION_STYLES: dict[str, dict] = {
    "permit": {"label": "permit", "symbol": "\u2713", "color": "#1a7f37", "ink": "#ffffff", "hatch": False,
               "help": "the sources say this audience may use the model on this date"},
    "deny": {"label": "deny", "symbol": "\u2715", "color": "#cf222e", "ink": "#ffffff", "hatch": False,
             "help": "a prohibition in force covers this audience on this date"},
    "indeterminate": {"label": "indeterminate", "symbol": "?", "color": "#d4a72c", "ink": "#1b1f24", "hatch": True,
                      "help": "the sources cannot decide: the answer depends on when an imprecisely dated event happened"},
    "not_applicable": {"label": "not applicable", "symbol": "\u2013", "color": "#d0d7de", "ink": "#1b1f24",
                       "hatch": False, "help": "no rule in force speaks about this audience and this model"},
}
DECISION_ORDER = ("permit", "deny", "indeterminate", "not_applicable")

# The selection's colour: used by nothing in the legends (no class, rule state or edge style).
SELECTION_COLOR = "#e6007e"

# An overview cluster (a group of nodes drawn as one).
CLUSTER_STYLE = {"label": "Cluster (click to open)", "color": "#eef2f5", "border": "#5d6d7e", "shape": "dot"}


def kind_style(kind: str | None) -> dict:
    """The style of a node kind; unknown kinds get :data:`OTHER_KIND`.

    >>> kind_style("model")["shape"]
    'star'
    >>> kind_style("no-such-kind")["label"]
    'Other'
    """
    return KIND_STYLES.get(kind or "", OTHER_KIND)


def relation_label(relation: str) -> str:
    """The edge label of a relation: a short phrase, else the local name split into words.

    >>> relation_label("prov:wasGeneratedBy")
    'enacted by'
    >>> relation_label("rkg:hasNewThing")
    'has new thing'
    """
    if relation in RELATION_LABELS:
        return RELATION_LABELS[relation]
    local = relation.rsplit(":", 1)[-1].rsplit("/", 1)[-1]
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", local).lower()
