"""``regkg build / validate / export / stats / show / schema``: thin wrappers over the core."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from graph.cli.access import DATE

__all__ = ["build_cmd", "validate_cmd", "export_cmd", "stats_cmd", "show_cmd", "schema_cmd", "open_projection"]


def _dirs(ctx: click.Context) -> tuple[Path | None, Path | None]:
    obj = ctx.find_root().obj or {}
    return obj.get("data_dir"), obj.get("home")


def open_store(ctx: click.Context):
    """The current graph of this invocation's data and home (built first if needed)."""
    from graph.policy import index_projection
    from graph.store.build import open_graph

    data_dir, home = _dirs(ctx)
    return open_graph(home=home, data_dir=data_dir, indexer=index_projection)


# The projection this process loaded last. It stays referenced until the process ends, and `main`
# then exits without tearing it down: freeing a million-triple projection object by object took
# longer (0.8 s) than everything `regkg check` does with it, and the OS reclaims it at once. Only
# the last is kept: a process that runs many commands (a test, a notebook) frees the others.
LOADED: list = []
# Set by the console script (graph.cli.main): the collector of a process that runs regkg alone is
# tuned for its projection; a test or a notebook that calls the CLI in its own process is not.
TUNE_COLLECTOR = False


def open_projection(ctx: click.Context):
    """The networkx projection of the current graph (unpickled from the build: no RDF is read)."""
    from graph.policy import index_projection
    from graph.store.build import load_projection

    data_dir, home = _dirs(ctx)
    G = load_projection(home=home, data_dir=data_dir, indexer=index_projection)
    LOADED[:] = [G]
    if TUNE_COLLECTOR:
        _settle_collector()
    return G


def _settle_collector() -> None:
    """Tune this process's garbage collector for a loaded projection: the projection and its
    indexes are hundreds of thousands of objects that live until the process ends and hold no
    garbage, so they are moved out of the collector's walk (``gc.freeze``); and a table's thousands
    of decisions make short-lived objects in bursts, so the youngest generation is collected less
    often. On the whole record, `regkg availability` took 2.6 s of CPU where it took 3.0 s, and
    `regkg viz` 76 s where it took 82 s, in as much memory (a youngest generation five times larger
    again cost `viz` 0.3 GB more for no time). The console script's own process only
    (:data:`TUNE_COLLECTOR`): frozen objects are never collected, so a test session or a notebook
    that runs commands in its own process keeps its collector as it was."""
    import gc

    gc.freeze()
    gc.set_threshold(10_000, 10, 10)


@click.command("build")
@click.option("--no-validate", is_flag=True, help="Skip SHACL validation (not recommended).")
@click.option("--ntriples", type=click.Path(path_type=Path, dir_okay=False), metavar="FILE",
              help="Bulk-load this N-Triples file instead of building from the data directory "
                   "(no validation; the loaded graph stays current until the next build).")
@click.pass_context
def build_cmd(ctx: click.Context, no_validate: bool, ntriples: Path | None) -> None:
    """Build the graph from the data directory, validate it, and make it the current graph."""
    from graph.store.build import build, load_ntriples

    data_dir, home = _dirs(ctx)
    if ntriples is not None:
        with _progress_bar(f"loading {ntriples.name}") as progress:
            result = load_ntriples(ntriples, home, progress=progress)
    else:
        from graph.policy import index_projection

        result = build(data_dir, home, validate=not no_validate, indexer=index_projection)
    click.echo(f"built {result.triples} triples from {result.data_dir} in {result.seconds:.2f} s -> {result.path}")


class _progress_bar:
    """A progress callback drawing a bar on stderr when stderr is a terminal; ``None`` otherwise."""

    def __init__(self, label: str):
        self.label, self.bar = label, None

    def __enter__(self):
        if not sys.stderr.isatty():
            return None
        self.bar = click.progressbar(length=1, label=self.label, file=sys.stderr, show_eta=True)
        self.bar.__enter__()
        return self.update

    def update(self, done: int, total: int) -> None:
        self.bar.length = max(total, 1)
        self.bar.update(done - self.bar.pos)

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.__exit__(*exc)


@click.command("validate")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.pass_context
def validate_cmd(ctx: click.Context, paths: tuple[Path, ...]) -> None:
    """Check data files (YAML and Turtle) and the graph they make against the SHACL shapes.

    PATHS are files or directories, checked together with the data directory so their references
    to known records resolve; by default the data directory alone.
    """
    from graph.data.loader import load_dataset
    from graph.data.paths import default_data_dir
    from graph.data.rdf_build import build_dataset
    from graph.data.validate import require_valid, territory_warnings

    data_dir, _ = _dirs(ctx)
    base = Path(data_dir or default_data_dir())
    ds = load_dataset(_with_data_dir(base, list(paths)))
    graphs = build_dataset(ds)
    require_valid(graphs.main)  # one account per record, as a build validates it
    for warning in territory_warnings(ds):
        click.echo(f"warning: {warning}", err=True)
    click.echo(f"ok: {len(ds.origin)} records, {len(graphs.default)} triples in {len(graphs.named)} source "
               "graphs, conforms to ontology/shapes.ttl")


def _with_data_dir(base: Path, paths: list[Path]) -> list[Path]:
    """The data files of ``base`` plus ``paths``, each file once (a path may lie inside ``base``)."""
    from graph.data.loader import data_files

    files = {p.resolve(): p for p in data_files([base])} if base.exists() else {}
    for p in data_files(paths):
        files.setdefault(p.resolve(), p)
    return list(files.values())


@click.command("export")
@click.option("--format", "fmt", type=click.Choice(["ttl", "nt", "jsonld", "xml", "nq", "trig"]), default="ttl",
              show_default=True, help="A graph format (the default graph: every fact once, with the documents' "
                                      "metadata) or a dataset format (nq, trig: plus one named graph per source document).")
@click.option("-o", "--output", type=click.Path(path_type=Path), help="File to write (default: standard output).")
@click.pass_context
def export_cmd(ctx: click.Context, fmt: str, output: Path | None) -> None:
    """Export the whole graph as Turtle, N-Triples, JSON-LD, RDF/XML, or with its named graphs as N-Quads or TriG."""
    from graph.store.export import serialize, write_atomically

    data = serialize(open_store(ctx), fmt)
    if output is None:
        sys.stdout.buffer.write(data)
    else:
        write_atomically(output, data)
        click.echo(f"wrote {output} ({len(data)} bytes)", err=True)


@click.command("stats")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def stats_cmd(ctx: click.Context, as_json: bool) -> None:
    """Count the graph's triples and its nodes by kind."""
    from graph.store.describe import stats

    store = open_store(ctx)
    counts = stats(open_projection(ctx), triples=len(store), graphs=len(store.named_graphs()))
    if as_json:
        click.echo(json.dumps(counts, indent=2))
    else:
        for kind, n in counts.items():
            click.echo(f"{kind:>16}  {n}")


@click.command("show")
@click.argument("name")
@click.option("--known-on", "known_on", type=DATE, default=None,
              help="Only what the sources published by this date say (YYYY-MM-DD).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def show_cmd(ctx: click.Context, name: str, known_on, as_json: bool) -> None:
    """Everything known about one entity (by name or alias), each line with every source that states it."""
    import dataclasses

    from graph.policy.knowledge import knowledge
    from graph.store.describe import describe

    k = knowledge(open_projection(ctx), known_on)
    G = k.graph
    d = describe(G, name)
    if as_json:
        data = dataclasses.asdict(d)
        data.update(known_on=k.known_on and k.known_on.isoformat(), known_until=k.horizon(d.iri),
                    documents=k.sources_of(d.iri))
        click.echo(json.dumps(data, indent=2, default=str))
        return
    attrs = d.attrs
    click.echo(f"{attrs.get('label')}  [{attrs.get('kind')}]  {d.iri}")
    if attrs.get("aliases"):
        click.echo(f"  also: {', '.join(attrs['aliases'])}")
    if attrs.get("description"):
        click.echo(f"  {attrs['description']}")
    click.echo(f"  source: {_cite(G, attrs.get('sources', []))}")
    for doc, says in (attrs.get("claims") or {}).items():
        click.echo(f"  account of {G.nodes[doc].get('label', doc) if doc in G else doc}: "
                   + ", ".join(f"{key} {value}" for key, value in says.items()))
    for f in d.facts:
        when = f"  [{_when(f)}]" if f.date_text else ""
        status = f" ({f.status})" if f.status else ""
        click.echo(f"- {f.kind}: {f.label}{status}{when}")
        click.echo(f"    {f.relation}; source: {_cite(G, _stating(G, f))}")


def _when(f) -> str:
    bounds = f"{f.earliest or '?'} .. {f.latest or '?'}"
    return f"{f.date_text}; {bounds}"


def _stating(G, f) -> list[str]:
    """The cited sections of a fact that lie in a document stating the link (every source of it);
    a stating document none of whose sections the fact cites is named itself."""
    if not f.documents:
        return f.sources
    part_of = {s: v for s in f.sources if s in G for _, v, r in G.out_edges(s, data="relation")
               if r == "dcterms:isPartOf"}
    cited = [s for s in f.sources if part_of.get(s) in f.documents]
    return cited + [doc for doc in f.documents if doc not in part_of.values()]


def _cite(G, sections: list[str]) -> str:
    return "; ".join(G.nodes[s].get("label", s) if s in G else s for s in sections) or "none"


@click.command("schema")
@click.option("-o", "--output", type=click.Path(path_type=Path), help="File to write (default: standard output).")
@click.option("--watchlist", is_flag=True, help="The schema of a watchlist file instead ('regkg report').")
def schema_cmd(output: Path | None, watchlist: bool) -> None:
    """Print the JSON Schema of the YAML authoring format (or of a watchlist), generated from the pydantic models."""
    from graph.store.export import write_atomically

    if watchlist:
        from graph.data.watchlist import Watchlist as Model
    else:
        from graph.data.models import DataFile as Model
    text = json.dumps(Model.model_json_schema(by_alias=True), indent=2) + "\n"
    if output is None:
        click.echo(text, nl=False)
    else:
        write_atomically(output, text.encode())
