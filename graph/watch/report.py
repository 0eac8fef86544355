"""The audit report of a watchlist: every answer on a date, what changed since another, and what
the report was built from.

:func:`build_report` asks every question of a watchlist (:func:`graph.watch.questions.questions`)
on ``on`` through :meth:`graph.policy.knowledge.Knowledge.decide` (so ``known_on`` answers from
the sources published by then, and disputed dates weigh as they do in ``regkg check``), and, with
``since``, lists each change of each answer after ``since`` up to ``on`` with the acts that made
it (:func:`graph.watch.answers.history`). The :class:`Report` is plain data; the writers of
:mod:`graph.watch.writers` lay it out as Markdown, HTML, CSV or JSON.

A report names what it was built from (:func:`built_from`): the build's content key
(:func:`graph.store.build.content_key`), the data's git commit when the data directory is in a git
checkout (and whether it has uncommitted changes), the regkg version and the options. It holds no
clock time, so the same inputs give the same bytes.
"""

from __future__ import annotations

import dataclasses
import hashlib
import subprocess
from pathlib import Path

import networkx as nx

from graph.data.watchlist import LoadedWatchlist
from graph.errors import InputError
from graph.policy.knowledge import Knowledge, knowledge
from graph.policy.state import parse_date
from graph.watch.answers import act_view, answer_view, ask_view, brief, history
from graph.watch.questions import questions

__all__ = ["Report", "build_report", "built_from", "data_commit", "watchlist_digest"]


@dataclasses.dataclass
class Report:
    """A watchlist's answers on ``on`` (and changes since ``since``), as plain data (:meth:`to_dict`)."""

    title: str
    on: str
    since: str | None
    known_on: str | None
    built_from: dict
    horizon: dict | None  # the newest source counted (regkg's knowledge horizon)
    parties: list[dict]
    rows: list[dict]  # one per question: question, answer, known_until, changes

    def to_dict(self) -> dict:
        return dataclasses.asdict(self)

    @property
    def changes(self) -> list[dict]:
        """Every change of every answer, by date, then party, model and channel."""
        out = [{**c, "question": r["question"]} for r in self.rows for c in r["changes"]]
        return sorted(out, key=lambda c: (c["on"], c["question"]["party"], c["question"]["model"]["label"],
                                          (c["question"]["channel"] or {}).get("label", "")))


def data_commit(data_dir: Path) -> dict | None:
    """The last git commit that changed ``data_dir`` (``commit``: what the data is, whatever code
    was committed since), the checkout's ``head``, and whether ``data_dir`` has changes not
    committed; ``None`` outside a git checkout (or without git)."""
    data_dir = Path(data_dir)

    def git(*args) -> str | None:
        done = subprocess.run(["git", "-C", str(data_dir), *args], capture_output=True, text=True, timeout=30)
        return done.stdout.strip() if done.returncode == 0 else None

    try:
        head = git("rev-parse", "HEAD")
        if head is None:
            return None
        last = git("log", "-1", "--format=%H", "--", ".") or None
        status = git("status", "--porcelain", "--", ".")
    except (OSError, subprocess.SubprocessError):
        return None
    return {"commit": last, "head": head, "uncommitted_changes": bool(status)}


def built_from(content_key: str | None, data_dir: Path | None, options: dict) -> dict:
    """What a report (or a feed) was built from: the build's content key, the data's commit, the
    regkg version and the options, in a fixed order."""
    from graph import __version__

    return {"content_key": content_key, "data": data_commit(data_dir) if data_dir else None,
            "regkg": __version__, "options": options}


def build_report(G: nx.MultiDiGraph, loaded: LoadedWatchlist, on, since=None, known_on=None,
                 provenance: dict | None = None, k: Knowledge | None = None) -> Report:
    """The report of the watchlist ``loaded`` on ``on`` (with changes since ``since``), as known on
    ``known_on`` (every source when ``None``).

    ``provenance`` is :func:`built_from`'s (the CLI passes the build's content key and the data
    directory); ``k`` a :class:`~graph.policy.knowledge.Knowledge` of ``G`` already made.

    Raises
    ------
    graph.errors.InputError
        ``since`` after ``on``; a name of the watchlist that resolves to nothing (file and line).
    """
    on = parse_date(on)
    since = parse_date(since) if since is not None else None
    if since is not None and since > on:
        raise InputError(f"--since {since} is after --on {on}: the changes are listed from the earlier date to the later")
    k = k or knowledge(G, known_on)
    H = k.graph
    w = loaded.watchlist
    asked = questions(G, loaded)
    rows = []
    for q in asked:
        first, changes = history(k, q, since, on) if since is not None else (None, [])
        d = k.decide(None, q.asset, on, q.party, q.channel, **q.options())
        rows.append({
            "question": ask_view(G, q),
            "answer": answer_view(H, d, k.counted),
            "since": brief(H, first) if first is not None else None,
            "changes": [{"on": c.on.isoformat(), "before": brief(H, c.before), "after": brief(H, c.after),
                         "acts": [act_view(H, a, c.before.evidence + c.after.evidence, k.counted) for a in c.acts]}
                        for c in changes],
        })
    parties = [{"id": p.id, "label": p.name, "described": next((r["question"]["described"] for r in rows
                                                                 if r["question"]["party"] == p.id), "")}
               for p in w.parties]
    return Report(w.title or f"Watchlist {Path(loaded.path).name}", on.isoformat(), since and since.isoformat(),
                  k.known_on and k.known_on.isoformat(), provenance or {}, k.newest(), parties, rows)


def watchlist_digest(loaded: LoadedWatchlist) -> str:
    """The SHA-256 of the watchlist's text: which watchlist a report answers."""
    return hashlib.sha256(loaded.text.encode()).hexdigest()
