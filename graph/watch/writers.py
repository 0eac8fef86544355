"""A :class:`graph.watch.report.Report` as Markdown, HTML, CSV or JSON (:func:`render`).

Everything a source or a curator wrote is escaped: HTML through Jinja2's autoescaping (one file,
no script, no outside resource, printable), Markdown with backslash escapes, CSV cells that a
spreadsheet would read as a formula prefixed with an apostrophe. A source's address becomes a link
only when it is an ``http`` or ``https`` URL. The output holds no clock time.
"""

from __future__ import annotations

import csv
import functools
import io
import json
import re
import urllib.parse
from pathlib import Path

from graph.errors import InputError

__all__ = ["render", "FORMATS", "safe_url", "md_text"]

FORMATS = ("md", "html", "csv", "json")
_TEMPLATES = Path(__file__).resolve().parent / "templates"


def safe_url(url) -> str | None:
    """``url`` when it is an absolute ``http(s)`` URL with a host, else ``None`` (never a link).

    >>> safe_url("https://example.org/a b"), safe_url("javascript:alert(1)"), safe_url("//evil")
    ('https://example.org/a%20b', None, None)
    """
    if not isinstance(url, str):
        return None
    parts = urllib.parse.urlsplit(url.strip())
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return urllib.parse.quote(url.strip(), safe=":/?#[]@!$&'()*+,;=%~")


_MD_SPECIAL = re.compile(r"([\\`*_\[\]{}<>()#+!|~])")


def md_text(text) -> str:
    """Text for Markdown: one line, its punctuation backslash-escaped (no HTML, link or emphasis).

    >>> md_text("<b>x</b> | [a](b)")
    '\\\\<b\\\\>x\\\\</b\\\\> \\\\| \\\\[a\\\\]\\\\(b\\\\)'
    """
    text = " ".join(str(text if text is not None else "").split())
    return _MD_SPECIAL.sub(r"\\\1", text)


def _md_link(label, url) -> str:
    target = safe_url(url)
    if target is None:
        return md_text(label)
    return f"[{md_text(label)}](<{target.replace('<', '%3C').replace('>', '%3E')}>)"


def render(report, fmt: str) -> str:
    """The report as text in ``fmt`` (:data:`FORMATS`)."""
    if fmt not in FORMATS:
        raise InputError(f"unknown report format '{fmt}' (expected one of: {', '.join(FORMATS)})")
    return {"md": markdown, "html": html, "csv": csv_text, "json": json_text}[fmt](report)


def json_text(report) -> str:
    return json.dumps(report.to_dict(), indent=2, ensure_ascii=False) + "\n"


@functools.lru_cache(maxsize=None)
def _environment():
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    env = Environment(loader=FileSystemLoader(_TEMPLATES), autoescape=True, trim_blocks=True, lstrip_blocks=True,
                      undefined=StrictUndefined)
    env.filters["safe_url"] = safe_url
    env.filters["brief_lines"] = brief_lines
    env.filters["brief_summary"] = lambda b: brief_lines(b, full=False)
    return env


def html(report) -> str:
    return _environment().get_template("report.html").render(r=report.to_dict(), changes=report.changes)


# --------------------------------------------------------------------------- CSV

CSV_COLUMNS = ("party", "party_label", "described", "model", "channel", "action", "place", "device", "purpose",
               "on", "answer", "conditions", "because", "sources", "changes")


def _cell(value) -> str:
    text = " ".join(str(value if value is not None else "").split())
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def csv_text(report) -> str:
    """One row per question; ``changes`` lists ``date: before -> after (acts)``."""
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(CSV_COLUMNS)
    for row in report.rows:
        q, a = row["question"], row["answer"]
        conditions = "; ".join(f"if {c['if']}: {c['then']}" for c in a["conditions"])
        because = "; ".join(f"{e['effect']}: {e['label']}" for e in a["evidence"])
        urls = " ".join(dict.fromkeys(s["url"] for e in a["evidence"] for s in e["sources"] if safe_url(s["url"])))
        changes = "; ".join(f"{c['on']}: {c['before']['decision']} -> {c['after']['decision']}"
                            + (f" ({', '.join(x['label'] for x in c['acts'])})" if c["acts"] else "")
                            for c in row["changes"])
        w.writerow([_cell(v) for v in (q["party"], q["party_label"], q["described"], q["model"]["label"],
                                       (q["channel"] or {}).get("label", "any"), q["action"], q["place"], q["device"],
                                       q["purpose"], report.on, a["decision"], conditions, because, urls, changes)])
    return out.getvalue()


# --------------------------------------------------------------------------- Markdown

def markdown(report) -> str:
    r = report.to_dict()
    lines = [f"# {md_text(r['title'])}", ""]
    head = f"Answers on **{r['on']}**"
    if r["known_on"]:
        head += f", as known on **{r['known_on']}** (from the sources published by then)"
    if r["since"]:
        head += f"; changes since **{r['since']}**"
    n = len(r["parties"])
    lines += [head + f". {len(r['rows'])} question{'s' if len(r['rows']) != 1 else ''}: {n} part{'y' if n == 1 else 'ies'}, "
              "each asked about every model listed.",
              "", "## Built from", ""]
    b = r["built_from"]
    data = b.get("data")
    lines += [f"- content key of the build: `{b.get('content_key') or 'unknown'}`",
              "- data: " + (f"git commit `{data['commit']}` (the last to change it)" + (
                  ", with changes not committed (the content key names them)" if data["uncommitted_changes"] else "")
                  if data else "not in a git checkout"),
              f"- regkg {b.get('regkg')}",
              "- options: " + "; ".join(f"`{k}`: {md_text(v) if v is not None else 'not given'}"
                                        for k, v in (b.get("options") or {}).items()), "", "## Knowledge horizon", ""]
    h = r["horizon"]
    if h:
        lines.append(f"The newest source counted is '{md_text(h['label'])}' (published "
                     f"{md_text(h['date_text'] or 'date not stated')}, {h['earliest'] or '?'}..{h['latest'] or '?'}). "
                     "What happened after it is not in regkg; each answer below names the newest source about its model.")
    else:
        lines.append("No source is counted" + (f" as published by {r['known_on']}." if r["known_on"] else "."))
    lines += ["", "## Parties", "", "| id | party | as asked |", "| --- | --- | --- |"]
    lines += [f"| `{p['id']}` | {md_text(p['label'])} | {md_text(p['described'])} |" for p in r["parties"]]
    lines += ["", f"## Answers on {r['on']}", "", "| party | model or service | channel | action | answer |",
              "| --- | --- | --- | --- | --- |"]
    for row in r["rows"]:
        q, a = row["question"], row["answer"]
        answer = f"**{a['decision']}**" + "".join(f"<br>if {md_text(c['if'])}: {c['then']}" for c in a["conditions"])
        lines.append(f"| {md_text(q['party_label'])} | {md_text(q['model']['label'])} | "
                     f"{md_text((q['channel'] or {}).get('label', 'any'))} | {q['action']} | {answer} |")
    if r["since"]:
        lines += ["", f"## What changed between {r['since']} and {r['on']}", ""]
        changes = report.changes
        if not changes:
            lines.append(f"No answer changed between {r['since']} and {r['on']}.")
        else:
            lines += ["| date | party | model (channel) | before | after | act | authority |",
                      "| --- | --- | --- | --- | --- | --- | --- |"]
            for c in changes:
                q = c["question"]
                what = md_text(q["model"]["label"]) + (f" ({md_text(q['channel']['label'])})" if q["channel"] else "")
                acts = "<br>".join(_md_act(a) for a in c["acts"]) or "no event: a date in a rule's constraint, or the sources' accounts"
                who = "<br>".join(md_text("; ".join(a["authority"]) or a["actor"] or "")
                                  + (f" (at the request of {md_text(a['at_request_of'])})" if a["at_request_of"] else "")
                                  for a in c["acts"])
                lines.append(f"| {c['on']} | {md_text(q['party_label'])} | {what} | {_md_brief(c['before'])} | "
                             f"{_md_brief(c['after'])} | {acts} | {who} |")
    lines += ["", "## Each answer, with its reasons"]
    for i, row in enumerate(r["rows"], 1):
        lines += _md_row(i, row, r)
    return "\n".join(lines) + "\n"


def brief_lines(b: dict, full: bool = True) -> list[str]:
    """The lines under a decision in a change's before or after: its conditions, the disputes it
    depends on (with each account, or, in a summary table, ``full=False``, only what about)."""
    return ([f"if {c['if']}: {c['then']}" for c in b["conditions"]]
            + [f"sources disagree about '{x['about']}'" + (": " + "; ".join(
                f"{a['who']} {'say' if len(a['sources']) > 1 else 'says'} {a['says']}" for a in x["accounts"])
                if x["accounts"] and full else "") for x in b.get("disputes", [])])


def _md_brief(b: dict) -> str:
    return f"**{b['decision']}**" + "".join(f"<br>{md_text(line)}" for line in brief_lines(b, full=False))


def _md_act(a: dict) -> str:
    links = " ".join(_md_link(f"[{j}]", s["url"]) for j, s in enumerate(a["sources"][:3], 1) if safe_url(s["url"]))
    return f"{md_text(a['label'])} ({md_text(a['date_text'])})" + (f" {links}" if links else "")


def _md_row(i: int, row: dict, r: dict) -> list[str]:
    q, a = row["question"], row["answer"]
    title = f"{md_text(q['party_label'])} · {md_text(q['model']['label'])}"
    if q["channel"]:
        title += f" through {md_text(q['channel']['label'])}"
    if q["action"] != "use":
        title += f" ({q['action']})"
    out = ["", f"### {i}. {title}", "", f"**{a['decision']}** on {r['on']} for {md_text(q['described'])}."]
    if a["conditions"]:
        out += ["", "Conditions:", ""]
        for c in a["conditions"]:
            could = f" ({' or '.join(c['could_be'])})" if c["could_be"] else ""
            because = f"; because: {md_text('; '.join(c['because']))}" if c["because"] else ""
            out.append(f"- if {md_text(c['if'])}: **{c['then']}**{could}{because}")
    out += ["", "Because:", ""]
    if not a["evidence"]:
        out.append("- no rule in force on that date is about this party and this model")
    for e in a["evidence"]:
        where = f" (where {md_text(e['where'])})" if e["where"] else ""
        out.append(f"- **{e['effect']}**: {md_text(e['label'])}{where}")
        ev = e["event"]
        out.append(f"  by {md_text(e['authority'] or 'unknown')}; event '{md_text(ev['label'])}' "
                   f"[{md_text(ev['date_text'])}; {ev['earliest'] or '?'}..{ev['latest'] or '?'}; {ev['state']}]")
        if e["quote"]:
            out.append(f"  > “{md_text(e['quote']['text'])}” — "
                       + _md_link(e["quote"].get("source") or e["quote"].get("url") or "source", e["quote"].get("url")))
        if e["inferred_from"]:
            out.append(f"  inferred from {md_text(e['inferred_from'])}")
        out.append("  sources: " + ("; ".join(_md_link(s["label"], s["url"]) for s in e["sources"]) or "none recorded"))
    if row["changes"]:
        out += ["", f"Changes since {r['since']} (the answer then: **{row['since']['decision']}**):", ""]
        for c in row["changes"]:
            acts = "".join(f"; {md_text(x['label'])} ({md_text(x['date_text'])}"
                           + (f"; by {md_text(x['actor'])}" if x["actor"] else "") + ")" for x in c["acts"])
            out.append(f"- {c['on']}: {c['before']['decision']} → {c['after']['decision']}{acts}")
            out += [f"  - now {md_text(line)}" for line in brief_lines(c["after"])]
    elif r["since"]:
        out += ["", f"No change since {r['since']}."]
    if a["caveats"]:
        out += ["", "Caveats:", ""] + [f"- {md_text(c)}" for c in a["caveats"]]
    if a["known_until"]:
        k = a["known_until"]
        out += ["", f"Newest source about {md_text(q['model']['label'])}: '{md_text(k['label'])}' "
                    f"({k['earliest'] or '?'}..{k['latest'] or '?'})."]
    return out
