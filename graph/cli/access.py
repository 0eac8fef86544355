"""``regkg check / who-can / what-can / availability / groups / timeline / diff``.

Thin commands over :mod:`graph.policy.access`, :mod:`graph.policy.audiences` and :mod:`graph.policy.timeline`: parse
options, resolve names (:func:`graph.store.names.resolve`), call the core, print. ``check`` exits with
the decision's status: 0 permit, 1 deny, 3 not_applicable, 4 indeterminate (2: usage or input
error, e.g. an unknown name or a bad date). A ``--party`` that names nothing in the graph is a
party described only by the other options ("Acme Corp"); every other unknown name is an error.
"""

from __future__ import annotations

import datetime as dt
import json

import click

__all__ = ["check_cmd", "who_can_cmd", "what_can_cmd", "availability_cmd", "groups_cmd", "timeline_cmd", "diff_cmd"]



class DateType(click.ParamType):
    """``YYYY-MM-DD``; anything else is a usage error (exit 2) saying what was expected."""

    name = "DATE"

    def convert(self, value, param, ctx) -> dt.date:
        from graph.errors import InputError
        from graph.policy.state import parse_date

        try:
            return parse_date(value)
        except InputError as exc:
            self.fail(str(exc), param, ctx)


DATE = DateType()


def _projection(ctx: click.Context):
    """The projection of the current graph (unpickled from the build: no RDF is read)."""
    from graph.cli.core import open_projection

    return open_projection(ctx)


def _emit(data) -> None:
    click.echo(json.dumps(data, indent=2, ensure_ascii=False, default=str))


def json_option(f):
    return click.option("--json", "as_json", is_flag=True, help="Print JSON.")(f)


def known_on_option(f):
    """``--known-on DATE``: answer from the sources published by that date (graph.policy.knowledge)."""
    return click.option("--known-on", "known_on", type=DATE, default=None,
                        help="Answer from what the sources published by this date say (YYYY-MM-DD); a source "
                             "perhaps published by then makes an answer that depends on it indeterminate.")(f)


def _knowledge(G, known_on):
    """What is known on ``known_on`` (every source when ``None``): the one call into graph.policy.knowledge."""
    from graph.policy.knowledge import knowledge

    return knowledge(G, known_on)


def party_options(f):
    """The options that describe who is asking."""
    for option in reversed([
        click.option("--party", help="The party asking: an organisation or person (name or alias); a name "
                                     "the graph does not know is a new party described by the other options."),
        click.option("--member-of", "member_of", multiple=True, metavar="GROUP",
                     help="A group the party is a member of (repeatable); see 'regkg groups'."),
        click.option("--not-member-of", "not_member_of", multiple=True, metavar="GROUP",
                     help="A group whose members the source does not name, which the party is not in (repeatable)."),
        click.option("--employer", "employer", multiple=True, metavar="ORG",
                     help="The party's employer: an organisation, or a group (an unnamed member of it); a name "
                          "the graph does not know is taken as it is; 'none' for a private person. Repeat it for "
                          "a second employer. Not given, the employer is an open fact the answer's conditions name."),
        click.option("--nationality", metavar="CC", help="The party's nationality, a two-letter country code (KR)."),
    ]):
        f = option(f)
    return f


def question_options(f):
    """The options that describe the use asked about: where, what, to whom, and on which facts."""
    for option in reversed([
        click.option("--channel", help="The delivery channel or service (ChatGPT, API, Codex, an app)."),
        click.option("--in", "place", metavar="CC", help="Where the use takes place: an ISO 3166 code (IT, US-TX)."),
        click.option("--action", default="use", show_default=True, metavar="ACTION",
                     help="The ODRL action asked about (use, distribute, reproduce, ...)."),
        click.option("--recipient", metavar="PARTY", help="Who receives the model, for distribute and the like."),
        click.option("--device", type=click.Choice(["work", "personal"]),
                     help="Whose device (or network): one the employer issues or manages, or the party's own."),
        click.option("--purpose", type=click.Choice(["work", "private"]),
                     help="What the use is for: the party's job (on duty), or its own ends."),
        click.option("--strict", is_flag=True, help="Answer from stated facts only: an answer that needs a "
                                                      "curator's inference is indeterminate, naming it."),
    ]):
        f = option(f)
    return f


def _party(G, party, member_of, employer, nationality, not_member_of=()):
    from graph.policy import question

    return question.party(G, party, member_of, employer, nationality, not_member_of)


def _ask(G, channel, place, action, recipient, strict, device=None, purpose=None, asset=None) -> dict:
    """The keyword arguments of :func:`graph.policy.access.decide` for the question options."""
    from graph.policy import question

    return question.ask(G, channel, place, action, recipient, strict, device, purpose, asset)


def _model(G, name: str) -> str:
    from graph.policy import question

    return question.asset(G, name)


def _channel(G, name: str | None, asset: str | None = None) -> str | None:
    from graph.policy import question

    return question.channel(G, name, asset)


def describe_party(party: dict) -> str:
    """"a member of All Anthropic customers, nationality KR"; "anyone" when nothing was given."""
    who = party.get("party")
    parts = [who["label"] + ("" if who.get("in_graph", True) else " (not in the graph)")] if who else []
    parts += [f"a member of {g['label']}" for g in party.get("member_of", [])]
    parts += [f"not one of {g['label']}" for g in party.get("not_member_of", [])]
    employers = party.get("employers") or ([party["employer"]] if party.get("employer") else [])
    if employers:
        parts.append("employed by " + " and ".join(e["label"] for e in employers))
    if party.get("private"):
        parts.append("no employer")
    if party.get("nationality"):
        parts.append(f"nationality {party['nationality']}")
    return ", ".join(parts) or "anyone"


def _print_evidence(evidence, indent: str = "  ", G=None) -> None:
    for e in evidence:
        click.echo(f"{indent}- {e.effect}: {e.label}")
        if e.where:
            click.echo(f"{indent}    where: {' or '.join(describe_facts(dict(alt), G) for alt in e.where)}")
        if e.authority:
            click.echo(f"{indent}    by: {e.authority}")
        click.echo(f"{indent}    event: {e.event_label} [{e.date_text}; {e.earliest or '?'}..{e.latest or '?'}; "
                   f"{e.event_state}]")
        click.echo(f"{indent}    source: {_cited(e)}")
        if e.quote and e.quote.text:
            url = f" <{e.quote.url}>" if e.quote.url else ""
            click.echo(f"{indent}    quote: \"{e.quote.text}\"{url}")
        if e.inferred_from:
            click.echo(f"{indent}    inferred from {e.inferred_from}")


#: The option that states each open fact (the policy layer names facts, never options).
FACT_OPTIONS = {"place": "--in", "employer": "--employer", "device": "--device", "purpose": "--purpose",
                "nationality": "--nationality", "channel": "--channel", "recipient": "--recipient",
                "member": "--member-of", "recipient-member": "--recipient"}


def fact_option(fact: str, group: str | None = None) -> str:
    """The option that states an open fact (``--member-of approved-us-institutions``)."""
    option = FACT_OPTIONS.get(fact, "")
    if group and fact in ("member", "recipient-member"):
        return f"{option} {group.rsplit('/', 1)[-1]}"
    return option


def _label(G, node: str) -> str:
    return str(G.nodes[node].get("label", node)) if G is not None and node in G else node.rsplit("/", 1)[-1]


def describe_facts(facts: dict, G=None) -> str:
    """A condition row's facts in words: "employer: Iowa state government; device: work"."""
    parts = []
    for fact, values in facts.items():
        if fact in ("member_of", "recipient_member_of"):
            who = "" if fact == "member_of" else "the recipient is "
            items = values.items() if isinstance(values, dict) else (v.rsplit("=", 1) for v in values)
            for g, yes in items:
                yes = yes is True or yes == "yes"
                parts.append(f"{who}{'one' if yes else 'not one'} of '{_label(G, g)}'")
            continue
        names = [("another" if v == "other" else _label(G, v)) if fact in ("employer", "channel", "recipient")
                 else ("elsewhere" if v == "other" and fact == "place" else ("another" if v == "other" else v))
                 for v in values]
        parts.append(f"{fact}: {' or '.join(names)}")
    return "; ".join(parts)


def _caveat(note: dict) -> str:
    """A note as the CLI words it: the policy layer's text, with the option that states an open fact."""
    if note.get("kind") == "open-fact":
        option = fact_option(note["fact"], note.get("group"))
        if note["fact"] == "member":
            option += " (or --not-member-of)"
        return f"{note['text']}; give {option}" if option else note["text"]
    return note["text"]


def caveats_worded(d) -> list[str]:
    """Every caveat of ``d``, each note's in the CLI's words: a caveat with no note behind it (those
    :mod:`graph.policy.knowledge` adds: disputed sources, the knowledge horizon) is kept as it is."""
    worded = {n["text"]: _caveat(n) for n in d.notes}
    out = [worded.get(c, c) for c in d.caveats]
    out += [w for text, w in worded.items() if text not in d.caveats]
    return list(dict.fromkeys(out))


def decision_json(d) -> dict:
    """A decision as ``--json`` prints it: the policy layer's data, the CLI's words for the caveats,
    and the option that states each open fact."""
    data = d.to_dict()
    data["caveats"] = caveats_worded(d)
    for m in data.get("missing", []):
        m["option"] = fact_option(m["fact"], m.get("group"))
    return data


#: How many sources a line of evidence names in text; --json and `regkg show EVENT` give every one.
SHOWN_SOURCES = 3


def _cited(e) -> str:
    """The evidence's sources, the first few by name: an event in the public record has a dozen."""
    labels = e.sources or (e.source,)
    more = len(labels) - SHOWN_SOURCES
    event = e.event.rsplit("/", 1)[-1]
    return "; ".join(labels[:SHOWN_SOURCES]) + (f"; and {more} more (regkg show {event} lists them)" if more > 0 else "")


def _question(d) -> str:
    """"distribute Claude Mythos 5 through API in IT to Acme": what was asked, as a phrase."""
    action = "" if d.action == "odrl:use" else d.action.split(":", 1)[1] + " "
    channel = f" through {d.channel['label']}" if d.channel else ""
    place = f" in {d.place}" if d.place else ""
    recipient = f" to {d.recipient['label']}" if d.recipient else ""
    return f"{action}{d.model['label']}{channel}{place}{recipient}"


def _print_decision(d, G=None) -> None:
    strict = " (stated facts only)" if d.strict else ""
    click.echo(f"{d.decision}: {_question(d)} on {d.on} for {describe_party(d.party)}{strict}")
    if d.conditions:
        click.echo("conditions:")
        labels = {e.rule: e.label for e in d.evidence}
        for row in d.conditions:
            then = row["then"] + (f" ({' or '.join(row['could_be'])})" if row.get("could_be") else "")
            click.echo(f"  - if {describe_facts(row['if'], G) or 'otherwise'}: {then}")
            for rule in row["because"]:
                click.echo(f"      because: {labels.get(rule, rule)}")
    if d.evidence:
        click.echo("because:")
        _print_evidence(d.evidence, G=G)
    else:
        click.echo("because: no rule in force on that date is about this party and this model")
    if d.next_change:
        names = "; ".join(f"'{e['label']}' ({e['date_text']})" for e in d.next_change["events"])
        click.echo(f"next change: from {d.next_change['on']} the answer may change: {names}")
    caveats = caveats_worded(d)
    if caveats:
        click.echo("caveats:")
        for c in caveats:
            click.echo(f"  - {c}")


@click.command("check")
@click.argument("model")
@click.option("--on", "on", type=DATE, required=True, help="The date asked about (YYYY-MM-DD).")
@party_options
@question_options
@known_on_option
@click.option("--explain", is_flag=True, help="Also list the rules about MODEL that cannot apply to this question, "
                                                "each with why (another place, another employer, ...).")
@json_option
@click.pass_context
def check_cmd(ctx, model, on, party, member_of, not_member_of, employer, nationality, channel, place, action,
              recipient, device, purpose, strict, known_on, explain, as_json):
    """May this party use MODEL (a model or a service) on a date?

    permit (exit 0), deny (1), not_applicable (3), indeterminate (4).
    """
    G = _projection(ctx)
    k = _knowledge(G, known_on)
    asset = _model(G, model)
    ask = _ask(G, channel, place, action, recipient, strict, device, purpose, asset)
    who = _party(G, party, member_of, employer, nationality, not_member_of)
    d = k.decide(G, asset, on, who, **ask)
    unused = None
    if explain:
        from graph.policy.access import explain as why_not

        unused = why_not(k.graph, asset, on, who, ask["channel"], ask["action"], place=ask["place"],
                         recipient=ask["recipient"], device=device, purpose=purpose)
    if as_json:
        data = decision_json(d)
        if unused is not None:
            data["not_applying"] = unused
        _emit(data)
    else:
        _print_decision(d, G)
        if unused is not None:
            click.echo("rules that do not apply:" if unused else "rules that do not apply: none")
            for u in unused:
                click.echo(f"  - {u['label']}: {u['text']}")
    ctx.exit(d.exit_code)


def _grouped_json(grouped: dict, key: str) -> dict:
    return {outcome: [{key: _subject(d, key), **decision_json(d)} for d in ds] for outcome, ds in grouped.items()}


def _subject(d, key: str) -> dict:
    if key == "model":
        return d.model
    return d.party["member_of"][0] if d.party["member_of"] else d.party["party"]


def _print_grouped(grouped: dict, key: str) -> None:
    for outcome, decisions in grouped.items():
        click.echo(f"{outcome.replace('_', ' ')}:")
        if not decisions:
            click.echo("  (none)")
        for d in decisions:
            click.echo(f"  * {_subject(d, key)['label']}")
            _print_evidence(d.evidence, "    ")
            for c in d.caveats:
                if c.startswith("undetermined") or key == "model":
                    click.echo(f"    ! {c}")
            for row in d.conditions:  # a row's answer that a fact not given changes says how
                click.echo(f"    ? if {describe_facts(row['if']) or 'otherwise'}: {row['then']}")


@click.command("who-can")
@click.argument("model")
@click.option("--on", "on", type=DATE, required=True, help="The date asked about (YYYY-MM-DD).")
@party_options
@question_options
@known_on_option
@json_option
@click.pass_context
def who_can_cmd(ctx, model, on, party, member_of, not_member_of, employer, nationality, channel, place, action,
                recipient, device, purpose, strict, known_on, as_json):
    """Which audiences may use MODEL on a date: permitted, denied, undetermined, not applicable.

    Each audience is asked about as a member of it, plus what the party options add.
    """
    from graph.policy.access import party_view
    from graph.policy.audiences import who_can

    G = _projection(ctx)
    node = _model(G, model)
    who = _party(G, party, member_of, employer, nationality, not_member_of)
    ask = _ask(G, channel, place, action, recipient, strict, device, purpose, node)
    k = _knowledge(G, known_on)
    grouped = who_can(k.graph, node, on, who, decider=k.decide, **ask)
    if as_json:
        _emit({"model": {"iri": node, "label": G.nodes[node]["label"]}, "on": on.isoformat(),
               "known_on": known_on and known_on.isoformat(), "known_until": k.horizon(node),
               "party": party_view(G, who), **_ask_json(ask), **_grouped_json(grouped, "audience")})
        return
    click.echo(f"who may {_verb(ask)} {G.nodes[node]['label']}{_where(G, ask)} on {on}"
               + (f", as known on {known_on}" if known_on else ""))
    _print_grouped(grouped, "audience")
    _print_horizon(k.horizon(node), G.nodes[node]["label"], on)


def _verb(ask: dict) -> str:
    return ask["action"].split(":", 1)[1]


def _where(G, ask: dict) -> str:
    channel = f" through {G.nodes[ask['channel']]['label']}" if ask.get("channel") else ""
    return channel + (f" in {ask['place']}" if ask.get("place") else "")


def _ask_json(ask: dict) -> dict:
    return {"action": ask["action"], "place": ask["place"], "channel": ask["channel"], "recipient": ask["recipient"],
            "strict": ask["strict"], "device": ask.get("device"), "purpose": ask.get("purpose")}


@click.command("what-can")
@party_options
@click.option("--on", "on", type=DATE, required=True, help="The date asked about (YYYY-MM-DD).")
@question_options
@known_on_option
@json_option
@click.pass_context
def what_can_cmd(ctx, party, member_of, not_member_of, employer, nationality, on, channel, place, action, recipient,
                 device, purpose, strict, known_on, as_json):
    """Which models (and services) a party may use on a date."""
    from graph.policy.access import party_view
    from graph.policy.audiences import what_can

    G = _projection(ctx)
    who = _party(G, party, member_of, employer, nationality, not_member_of)
    ask = _ask(G, channel, place, action, recipient, strict, device, purpose)
    k = _knowledge(G, known_on)
    grouped = what_can(k.graph, who, on, decider=k.decide, **ask)
    if as_json:
        _emit({"party": party_view(G, who), "on": on.isoformat(), "known_on": known_on and known_on.isoformat(),
               **_ask_json(ask), **_grouped_json(grouped, "model")})
        return
    click.echo(f"what {describe_party(party_view(G, who))} may {_verb(ask)}{_where(G, ask)} on {on}"
               + (f", as known on {known_on}" if known_on else ""))
    _print_grouped(grouped, "model")


@click.command("availability")
@click.option("--on", "on", type=DATE, required=True, help="The date asked about (YYYY-MM-DD).")
@party_options
@question_options
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json", "markdown"]), default="table",
              show_default=True)
@known_on_option
@json_option
@click.pass_context
def availability_cmd(ctx, on, party, member_of, not_member_of, employer, nationality, channel, place, action,
                     recipient, device, purpose, strict, fmt, known_on, as_json):
    """Models × audiences on a date: each cell is permit, deny, not_applicable or indeterminate."""
    from graph.policy.access import party_view
    from graph.policy.audiences import availability

    G = _projection(ctx)
    who = _party(G, party, member_of, employer, nationality, not_member_of)
    ask = _ask(G, channel, place, action, recipient, strict, device, purpose)
    k = _knowledge(G, known_on)
    a = availability(k.graph, on, who, decider=k.decide, **ask)
    horizons = {m["iri"]: k.horizon(m["iri"]) for m in a.models}
    if as_json or fmt == "json":
        data = {**a.to_dict(), "party": party_view(G, who), **_ask_json(ask)}
        data["known_on"] = known_on and known_on.isoformat()
        for m in data["models"]:
            m["known_until"] = horizons[m["iri"]]
        _emit(data)
        return
    header = ["model", *(x["label"] for x in a.audiences)]
    rows = [[m["label"], *(a.cells[m["iri"]][x["iri"]].decision for x in a.audiences)] for m in a.models]
    click.echo(_format_table(header, rows, fmt), nl=False)
    for m in a.models:  # after a CSV table, on stderr: the table stays machine-readable
        _print_horizon(horizons[m["iri"]], m["label"], on, err=fmt == "csv")


def _print_horizon(until: dict | None, label: str | None, on: dt.date, err: bool = False) -> None:
    """The knowledge horizon, when the date asked about is after the newest source about ``label``
    (about anything, when ``None``)."""
    if until and until["latest"] and until["latest"] < on.isoformat():
        about = f"the sources about {label}" if label else "regkg's sources"
        click.echo(f"note: {about} end around {until['latest']} (the newest: '{until['label']}'); "
                   f"the state on {on} may have changed since", err=err)


def _format_table(header: list[str], rows: list[list[str]], fmt: str) -> str:
    if fmt == "csv":
        import csv
        import io

        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerows([header, *rows])
        return out.getvalue()
    if fmt == "markdown":
        lines = [header, ["---"] * len(header), *rows]
        return "".join("| " + " | ".join(cells) + " |\n" for cells in lines)
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]

    def line(cells: list[str]) -> str:
        return "  ".join(c.ljust(w) for c, w in zip(cells, widths)).rstrip() + "\n"

    return line(header) + line(["-" * w for w in widths]) + "".join(line(r) for r in rows)


@click.command("groups")
@json_option
@click.pass_context
def groups_cmd(ctx, as_json):
    """The groups (audiences) with their ids, and their members where the source names them."""
    from graph.policy.audiences import groups

    found = groups(_projection(ctx))
    if as_json:
        _emit(found)
        return
    for g in found:
        by = f"  (defined by {g['defined_by']['label']})" if g["defined_by"] else ""
        click.echo(f"{g['id']}: {g['label']}{by}")
        if g["aliases"]:
            click.echo(f"    also: {', '.join(g['aliases'])}")
        if g["everyone"]:
            click.echo("    members: every party")
        elif g["members"]:
            click.echo(f"    members: {', '.join(m['label'] for m in g['members'])}")
        elif g["refinements"]:
            refines = f"members of {g['refines']['label']} with " if g["refines"] else ""
            click.echo(f"    members: {refines}{' and '.join(g['refinements'])}")
        else:
            click.echo(f"    members: none named in the source ({g['members_text'] or g['description'] or 'not described'});"
                       f" a party is a member only if you say so (--member-of {g['id']})")


@click.command("timeline")
@click.argument("name", required=False)
@click.option("--from", "start", type=DATE, help="Only events that may have happened on or after this date.")
@click.option("--to", "end", type=DATE, help="Only events that may have happened on or before this date.")
@known_on_option
@json_option
@click.pass_context
def timeline_cmd(ctx, name, start, end, known_on, as_json):
    """Events in order (about NAME, when given): dates as written with their bounds; plans marked."""
    import dataclasses

    from graph.policy.timeline import timeline

    k = _knowledge(_projection(ctx), known_on)
    entries = timeline(k.graph, name, start, end)
    if as_json:
        _emit([{**dataclasses.asdict(t), "documents": k.sources_of(t.event)} for t in entries])
        return
    for t in entries:
        window = f"{t.window[0] or '?'}..{t.window[1] or '?'}"
        mark = f"  [{t.status}: does not change access]" if t.planned else ""
        click.echo(f"{window:<22}  {t.label}{mark}")
        click.echo(f"{'':<22}    when: {t.date_text} ({t.status})"
                   + (f"; after: {'; '.join(t.after)}" if t.after else ""))
        for verb, policies in (("enacts", t.enacts), ("ends", t.ends)):
            if policies:
                click.echo(f"{'':<22}    {verb}: {'; '.join(policies)}")
        perhaps = [d["label"] for d in k.sources_of(t.event) if d["published"] == "perhaps"]
        if perhaps and not any(d["published"] == "yes" for d in k.sources_of(t.event)):
            click.echo(f"{'':<22}    known on {known_on} only if this was published by then: {'; '.join(perhaps)}")


@click.command("diff")
@click.option("--from", "start", type=DATE, required=True, help="The earlier date (YYYY-MM-DD).")
@click.option("--to", "end", type=DATE, required=True, help="The later date (YYYY-MM-DD).")
@party_options
@question_options
@known_on_option
@json_option
@click.pass_context
def diff_cmd(ctx, start, end, party, member_of, not_member_of, employer, nationality, channel, place, action,
             recipient, device, purpose, strict, known_on, as_json):
    """What changed in who may use what between two dates, and the events that changed it."""
    import dataclasses

    from graph.policy.access import party_view
    from graph.policy.timeline import diff

    G = _projection(ctx)
    who = _party(G, party, member_of, employer, nationality, not_member_of)
    ask = _ask(G, channel, place, action, recipient, strict, device, purpose)
    k = _knowledge(G, known_on)
    changes = diff(k.graph, start, end, who, decider=k.decide, **ask)
    until = k.newest()
    if as_json:
        _emit({"from": start.isoformat(), "to": end.isoformat(), "known_on": known_on and known_on.isoformat(),
               "known_until": until, "party": party_view(G, who), **_ask_json(ask),
               "changes": [dataclasses.asdict(c) for c in changes]})
        return
    _print_horizon(until, None, end)
    if not changes:
        click.echo(f"no change in who may use what between {start} and {end}")
    for c in changes:
        click.echo(f"{c.model['label']} × {c.audience['label']}: {c.before} -> {c.after}")
        for e in c.events:
            click.echo(f"    because of: {e['label']} [{e['date_text']}; {e['earliest'] or '?'}..{e['latest'] or '?'}]")
