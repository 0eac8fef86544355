"""The data layer: the authoring format and its path to RDF (``data/*.yaml`` → records → RDF).

Imports nothing of regkg but :mod:`graph.errors`. Entry points: :func:`graph.data.loader.load_dataset`
(YAML → pydantic records, with file:line errors), :func:`graph.data.rdf_build.build_graph`
(records → RDF), :func:`graph.data.validate.require_valid` (SHACL), :mod:`graph.data.vocab` (IRIs).
``paths`` lives here too: where data/ and ontology/ are is the first thing the data needs.
"""
