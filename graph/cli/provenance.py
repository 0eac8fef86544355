"""``regkg sources / conflicts``: the source documents behind the graph, and where they disagree.

Thin commands over :mod:`graph.store.provenance` (the documents, from the projection and the store)
and the saved query ``conflicts`` (what two named graphs say differently), which runs the same on
the embedded store and on a remote one (``--endpoint``).
"""

from __future__ import annotations

import json

import click

__all__ = ["sources_cmd", "conflicts_cmd", "conflicts"]


@click.command("sources")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def sources_cmd(ctx, as_json):
    """The source documents: publisher, date (and how it was established), URL, facts supported, graph."""
    from graph.cli.core import open_projection, open_store
    from graph.store.provenance import graph_sizes, source_documents, supported_by

    G = open_projection(ctx)
    sizes, facts = graph_sizes(open_store(ctx)), supported_by(G)
    docs = [{**vars(d), "id": d.id, "graph": d.iri, "facts": facts.get(d.iri, 0), "triples": sizes.get(d.iri, 0)}
            for d in source_documents(G).values()]
    if as_json:
        click.echo(json.dumps(docs, indent=2, ensure_ascii=False))
        return
    for d in docs:
        click.echo(f"{d['id']}: {d['label']}")
        click.echo(f"    publisher: {d['publisher_label'] or 'not stated'}; kind: {d['kind'] or 'not stated'}"
                   + (f"; language: {d['language']}" if d["language"] else ""))
        click.echo(f"    published: {d['date_text'] or 'not stated'} ({d['earliest'] or '?'}..{d['latest'] or '?'}"
                   + (f", {d['status']}" if d["status"] else "") + ")")
        if d["date_basis"]:
            click.echo(f"    how that date was established: {d['date_basis']}")
        where = d["url"] or d["citation"]
        if where:
            click.echo(f"    {'url' if d['url'] else 'reference'}: {where}"
                       + (f" (retrieved {d['retrieved']})" if d["retrieved"] else ""))
        click.echo(f"    supports {d['facts']} facts; named graph <{d['graph']}> ({d['triples']} triples)")


def conflicts(store) -> list[dict]:
    """The disputed record properties of ``store`` (the saved query ``conflicts``), one entry per
    record and property, with every document's account and the prevailing one if the data names it."""
    from graph.sparql.queries import run_saved

    grouped: dict[tuple, dict] = {}
    for row in run_saved(store, "conflicts").dicts():
        key = (str(row["record"]), str(row["property"]))
        entry = grouped.setdefault(key, {
            "record": key[0], "label": str(row["label"]) if row["label"] is not None else key[0],
            "property": key[1], "accounts": [],
            "prevails": str(row["prevails"]) if row["prevails"] is not None else None,
            "reason": str(row["reason"]) if row["reason"] is not None else None})
        account = {"source": str(row["source"]), "value": str(row["value"]),
                   "title": str(row["sourceTitle"]) if row["sourceTitle"] is not None else str(row["source"])}
        if account not in entry["accounts"]:
            entry["accounts"].append(account)
    return list(grouped.values())


_PROPERTIES = {
    "http://semanticweb.cs.vu.nl/2009/11/sem/hasEarliestBeginTimeStamp": "earliest date",
    "http://semanticweb.cs.vu.nl/2009/11/sem/hasLatestEndTimeStamp": "latest date",
    "https://w3id.org/regkg/ns#status": "status", "https://schema.org/value": "value",
    "https://w3id.org/regkg/ns#inputPrice": "input price", "https://w3id.org/regkg/ns#outputPrice": "output price",
}


@click.command("conflicts")
@click.option("--endpoint", metavar="URL", help="Ask this SPARQL 1.1 query endpoint instead of the built graph.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def conflicts_cmd(ctx, endpoint, as_json):
    """Where source documents disagree (a date, a status, a number): every account, and whose prevails."""
    from graph.cli.core import open_store

    if endpoint:
        from graph.store.remote import RemoteStore, endpoint_auth

        store = RemoteStore(endpoint, auth=endpoint_auth())
    else:
        store = open_store(ctx)
    found = conflicts(store)
    if as_json:
        click.echo(json.dumps(found, indent=2, ensure_ascii=False))
        return
    if not found:
        click.echo("no conflicts: no two source documents give different values for one record")
    for c in found:
        click.echo(f"{c['label']}: {_PROPERTIES.get(c['property'], c['property'])}")
        for a in c["accounts"]:
            click.echo(f"    '{a['title']}' says {a['value']}")
        if c["prevails"]:
            title = next((a["title"] for a in c["accounts"] if a["source"] == c["prevails"]), c["prevails"])
            click.echo(f"    prevails: '{title}', because {c['reason'] or 'no reason is recorded'}")
        else:
            click.echo("    no source prevails in the data: a decision that depends on this is indeterminate")
