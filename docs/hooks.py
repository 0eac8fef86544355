"""MkDocs hooks (``hooks:`` in mkdocs.yml): the pages written at build time.

- ``reference/ontology.md``: the ontology reference (:mod:`docs.ontology_ref`), from
  ``ontology/regkg.ttl`` and ``ontology/shapes.ttl``, with examples read from the shipped data;
- ``reference/ontology-pylode.html``: pyLODE's document of ``regkg.ttl``;
- ``reference/queries.md``: the saved-query gallery (:mod:`docs.gallery`), each query answered on
  the shipped data.

The shipped data's graph is built once into ``build/docs/home-record`` (the examples' graph,
:mod:`docs.examples`) and rebuilt only when the data change.
"""

from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.structure.files import File

REPO = Path(__file__).resolve().parents[1]


def on_files(files, config):
    if str(REPO) not in sys.path:  # MkDocs puts back sys.path after loading a hook: the docs package is here
        sys.path.insert(0, str(REPO))
    from docs import gallery, ontology_ref
    from docs.examples import data_dir, ensure_built, home_for
    from graph.store.build import open_graph

    ensure_built("record")
    store = open_graph(home_for("record"), data_dir("record"), rebuild=False)
    html = ontology_ref.pylode_html()
    if html is None:
        raise SystemExit("pyLODE is not installed: run `make setup` (the docs extra of pyproject.toml)")
    for path, content in (("reference/ontology.md", ontology_ref.render(store)),
                          ("reference/queries.md", gallery.render(store)),
                          ("reference/ontology-pylode.html", html)):
        files.append(File.generated(config, path, content=content))
    return files
