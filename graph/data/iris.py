"""Namespace IRIs as plain strings, for the modules on the start-up path that must not import rdflib.

``regkg check`` answers from the cached projection in about 1.7× the time of ``import rdflib``;
importing rdflib for its namespace objects alone would cost a third of that. Everything else uses
the rdflib namespaces of :mod:`graph.data.vocab`, and ``tests/test_foundation.py`` checks that these
strings are the same IRIs.
"""

__all__ = ["REGKG_BASE", "ID", "ODRL", "XSD", "SD", "FORMATS", "DEVICE", "PURPOSE", "CONCEPT_PREFIXES"]

REGKG_BASE = "https://w3id.org/regkg/"
ID = REGKG_BASE + "id/"  # graph.data.vocab.ID: data resources, ID + "<kind>/<id>"
ODRL = "http://www.w3.org/ns/odrl/2/"  # rdflib.namespace.ODRL2
XSD = "http://www.w3.org/2001/XMLSchema#"  # rdflib.namespace.XSD
SD = "http://www.w3.org/ns/sparql-service-description#"  # SPARQL 1.1 Service Description
FORMATS = "http://www.w3.org/ns/formats/"  # W3C unique URIs for file formats
DEVICE = REGKG_BASE + "device/"  # graph.data.vocab.DEVICE: the right operands of rkg:device
PURPOSE = REGKG_BASE + "purpose/"  # graph.data.vocab.PURPOSE: regkg's right operands of odrl:purpose
#: The concept schemes a constraint's right operand may name, by the prefix the projection writes.
CONCEPT_PREFIXES = {"device:": DEVICE, "purpose:": PURPOSE}
