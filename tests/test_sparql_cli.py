"""``regkg sparql / queries / serve --get``, through click's runner and once as a real process."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from graph.cli import cli
from graph.sparql.queries import load_queries

MODELS = "PREFIX rkg: <https://w3id.org/regkg/ns#> SELECT ?m WHERE { ?m a rkg:AIModel } ORDER BY ?m"


@pytest.fixture(scope="module")
def run():
    runner = CliRunner()

    def invoke(*args: str, input: str | None = None):
        return runner.invoke(cli, list(args), input=input, catch_exceptions=False)

    return invoke


def test_table_is_the_default(run):
    r = run("sparql", MODELS)
    assert r.exit_code == 0
    lines = r.output.splitlines()
    assert lines[0].strip() == "m" and lines[-1].endswith("rows)")
    assert "<https://w3id.org/regkg/id/model/claude-mythos-5>" in lines


def test_identifiers_in_tables_paste_back_into_a_query(store):
    """Every IRI a saved query's table shows, pasted into a query, is that IRI again
    (`id:model/claude-mythos-5` was printed once, and is no prefixed name)."""
    import pyoxigraph as ox

    from graph.sparql.formats import compact
    from graph.sparql.queries import run_saved
    from graph.store.stores import PREFIX_IRIS

    empty, seen = ox.Store(), set()
    for name, q in load_queries().items():
        result = run_saved(store, name)
        for row in result.rows if result.kind == "select" else ():
            seen.update(t for t in row if t is not None and t.__class__.__name__ == "URIRef")
    assert len(seen) > 100
    for iri in seen:
        printed = compact(iri)
        back = next(iter(empty.query(f"SELECT ?x WHERE {{ VALUES ?x {{ {printed} }} }}", prefixes=PREFIX_IRIS)))
        assert back["x"].value == str(iri), printed
    assert compact(next(iter(seen))) != str(next(iter(seen)))  # printed as a name or <IRI>, never bare


@pytest.mark.parametrize("fmt, start", [("csv", "m\r\n"), ("tsv", "?m\n"), ("json", '{"head"'), ("xml", "<?xml")])
def test_result_formats(run, fmt, start):
    r = run("sparql", MODELS, "--format", fmt)
    assert r.exit_code == 0 and r.stdout_bytes.startswith(start.encode())  # CRLF kept, as CSV wants


def test_json_is_sparql_results(run):
    data = json.loads(run("sparql", MODELS, "--format", "json").output)
    assert data["head"]["vars"] == ["m"] and len(data["results"]["bindings"]) >= 10


@pytest.mark.parametrize("fmt, marker", [("ttl", "@prefix"), ("nt", "<https://w3id.org/regkg/id/model/"),
                                         ("jsonld", '"@id"')])
def test_graph_formats(run, fmt, marker):
    r = run("sparql", "CONSTRUCT WHERE { ?m a <https://w3id.org/regkg/ns#AIModel> }", "--format", fmt)
    assert r.exit_code == 0 and marker in r.output


def test_construct_defaults_to_turtle(run):
    r = run("sparql", "-n", "model-neighbourhood")
    assert r.exit_code == 0 and "@prefix" in r.output and "gpt-5-6" in r.output


def test_query_from_file_and_stdin(run, tmp_path):
    path = tmp_path / "q.rq"
    path.write_text(MODELS)
    from_file = run("sparql", "-f", str(path), "--format", "csv").output
    from_stdin = run("sparql", "--format", "csv", input=MODELS).output
    assert from_file == from_stdin == run("sparql", MODELS, "--format", "csv").output


def test_saved_query_with_parameters(run):
    r = run("sparql", "-n", "model-history", "--param", "model=Fable 5", "--format", "csv")
    assert r.exit_code == 0 and "/model/fable-5" in r.output and "claude-mythos-5\r" not in r.output
    assert run("sparql", "-n", "model-restricted", "-p", "model=fable-5").output.strip() == "true"


@pytest.mark.parametrize("args, message", [
    (["SELECT * WHERE {\n ?s ?p \n}"], "line 3, column"),
    (["SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }"], "SERVICE"),
    (["INSERT DATA { <urn:a> <urn:b> <urn:c> }"], "read-only"),
    (["-n", "no-such-query"], "no saved query"),
    (["-n", "model-history", "--param", "colour=red"], "no parameter 'colour'"),
    (["-n", "model-history", "--param", "model"], "key=value"),
    (["-n", "model-history", "--param", "model=mythos 9"], "unknown model"),
    ([MODELS, "--param", "model=x"], "-n NAME"),
    (["CONSTRUCT WHERE { ?s ?p ?o }", "--format", "csv"], "cannot answer"),
    ([MODELS, "-n", "prices"], "one of QUERY"),
])
def test_errors_exit_2_with_a_message(run, args, message):
    r = CliRunner().invoke(cli, ["sparql", *args])
    assert r.exit_code == 2, r.output
    assert message in r.output and "Traceback" not in r.output


def test_queries_lists_every_saved_query(run):
    r = run("queries")
    assert r.exit_code == 0
    for name, q in load_queries().items():
        assert f"{name} " in r.output and q.question[:40] in r.output
    assert "--param model=<model>" in r.output
    assert "default: Claude Mythos 5" in run("queries", "-v").output


def test_serve_get_runs_one_request_in_process(run):
    r = run("serve", "--get", "/sparql?query=ASK%20%7B%20%3Fs%20%3Fp%20%3Fo%20%7D")
    assert r.exit_code == 0 and json.loads(r.output)["boolean"] is True
    r = CliRunner().invoke(cli, ["serve", "--get", "/queries/no-such-query"])
    assert r.exit_code == 1 and "no saved query" in r.output


def test_installed_command_prints_syntax_errors(run_regkg):
    done = run_regkg("sparql", "SELECT * WHERE {\n ?s ?p \n}")
    assert done.returncode == 2 and done.stderr.startswith("error: SPARQL syntax error at line 3")
    done = run_regkg("sparql", "-n", "prices", "--format", "tsv")
    assert done.returncode == 0 and done.stdout.startswith("?model\t")


def test_saved_query_pages(run):
    whole = run("sparql", "-n", "rules", "--format", "csv").output.splitlines()
    first = run("sparql", "-n", "rules", "--format", "csv", "--limit", "4").output.splitlines()
    rest = run("sparql", "-n", "rules", "--format", "csv", "--offset", "4").output.splitlines()
    assert first[0] == rest[0] == whole[0] and len(first) == 5
    assert first[1:] + rest[1:] == whole[1:]


def test_paging_needs_a_saved_ordered_query(run):
    r = run("sparql", "SELECT * WHERE { ?s ?p ?o }", "--limit", "2")
    assert r.exit_code == 2 and "saved query" in r.output
    unordered = [q.name for q in load_queries().values() if "ORDER BY" not in q.text]
    for name in unordered:
        r = run("sparql", "-n", name, "--limit", "2")
        assert r.exit_code == 2 and "cannot be paged" in r.output


def test_no_saved_query_uses_a_reserved_request_parameter():
    from graph.sparql.queries import RESERVED_PARAMS

    assert not [(q.name, p.name) for q in load_queries().values() for p in q.params if p.name in RESERVED_PARAMS]
