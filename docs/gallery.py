"""The saved-query gallery, written at build time: each query of ``ontology/queries/`` with its
question, parameters, text, and its answer on the shipped data (the whole ``data/``).

``docs/hooks.py`` calls :func:`render` while ``mkdocs build`` runs; ``python -m docs.gallery``
prints the page (for a look without building the site).
"""

from __future__ import annotations

import re
import sys

SHOWN_ROWS = 10
SHOWN_TRIPLES = 20
CELL_WIDTH = 90


def _cell(text: str) -> str:
    text = " ".join(text.split())
    if len(text) > CELL_WIDTH:
        text = text[: CELL_WIDTH - 1] + "…"
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;").replace("*", "\\*").replace("_", "\\_")


def _term(text: str) -> str:
    """An IRI or a prefixed name as code (it pastes back into a query), a literal as text."""
    if text.startswith("<") or re.fullmatch(r"[a-z]+:[\w./#-]+", text):
        return "`" + text.replace("|", "\\|") + "`"
    return _cell(text)


def query_body(text: str) -> str:
    """The query without its comment header (the question, parameters and example answer are above it)."""
    lines = text.splitlines()
    while lines and (lines[0].startswith("#") or not lines[0].strip()):
        lines.pop(0)
    return "\n".join(lines).rstrip()


def render(store) -> str:
    """The gallery page (Markdown) for the saved queries, answered on ``store``."""
    from graph.sparql.formats import compact
    from graph.sparql.queries import load_queries, run_saved

    queries = load_queries()
    out = [
        "# Saved-query gallery",
        "",
        "Every saved query of `ontology/queries/`, with the question it answers, its parameters, its "
        "text and its answer on the shipped data (the whole `data/`, seed and public record), run "
        "when this site was built: the answers below are those of the data this site was built "
        f"from. Long answers show their first {SHOWN_ROWS} rows; `regkg sparql -n NAME --limit N "
        "--offset M` pages through the rest (every listing has an `ORDER BY`). Parameters are bound "
        "as RDF terms in a `VALUES` block, never pasted into the text "
        "([Saved queries](../analyst/saved-queries.md)).",
        "",
        "| query | question |",
        "|---|---|",
    ]
    out += [f"| [`{name}`](#{name}) | {_cell(q.question)} |" for name, q in queries.items()]
    for name, q in queries.items():
        out += ["", f"## `{name}` {{ #{name} }}", "", q.question, ""]
        if q.params:
            out += ["| parameter | type | default | what it is |", "|---|---|---|---|"]
            out += [f"| `{p.name}` | {p.type} | {_cell(p.default or '')} | {_cell(p.help)} |" for p in q.params]
            out.append("")
        command = f"regkg sparql -n {name}" + "".join(
            f" -p {p.name}={_shell(p.default)}" for p in q.params if p.default is not None)
        out += ["```sparql", query_body(q.text), "```", ""]
        result = run_saved(store, name, {})
        if result.kind == "graph":
            g = result.graph()
            lines = [line for line in g.serialize(format="turtle").splitlines() if not line.startswith("@prefix")]
            lines = [line for line in lines if line.strip() or False]
            out += [f"`{command}` on the shipped data: {len(result.triples)} triples; the first lines, as Turtle:",
                    "", "```turtle", *lines[:SHOWN_TRIPLES], *(["# ..."] if len(lines) > SHOWN_TRIPLES else []),
                    "```"]
        elif result.kind == "ask":
            out += [f"`{command}` on the shipped data: `{'true' if result.boolean else 'false'}`"]
        else:
            n = len(result.rows)
            shown = result.rows[:SHOWN_ROWS]
            what = f"{n} row{'s' if n != 1 else ''}" + (f"; the first {len(shown)}" if n > len(shown) else "")
            out += [f"`{command}` on the shipped data ({what}):", ""]
            if n:
                out += ["| " + " | ".join(result.variables) + " |", "|" + "---|" * len(result.variables)]
                out += ["| " + " | ".join(_term(compact(t)) if t is not None else "" for t in row) + " |"
                        for row in shown]
    return "\n".join(out) + "\n"


def _shell(value: str) -> str:
    return value if re.fullmatch(r"[\w.#:/-]+", value) else "'" + value.replace("'", "'\\''") + "'"


if __name__ == "__main__":
    from docs.examples import data_dir, ensure_built, home_for

    ensure_built("record")
    from graph.store.build import open_graph

    sys.stdout.write(render(open_graph(home_for("record"), data_dir("record"))))
