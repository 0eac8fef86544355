"""Read ``data/**/*.yaml`` into validated records, with errors that name the file and line.

:func:`load_dataset` is the only entry point: it parses each YAML file, validates it against
:class:`graph.data.models.DataFile`, applies the file's default ``recorded`` date, merges the files and
checks that every id is unique and every reference points at a record of the right kind.
Turtle files (``*.ttl``) beside the YAML are returned as paths; :mod:`graph.data.rdf_build` loads them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from pathlib import Path
from typing import Any, Iterator

import yaml
from pydantic import ValidationError

from graph.data.models import DISPUTABLE_FIELDS, RECORD_KINDS, DataFile, Event, Group, Policy, Rule
from graph.errors import InputError

__all__ = ["Dataset", "load_dataset", "data_files", "original_of", "independent_originals", "load_proposal"]

MAX_FILE_BYTES = 20 * 1024 * 1024


@dataclasses.dataclass
class Dataset:
    """All records of a data directory, merged, with where each one was written."""

    files: list[DataFile]
    turtle_files: list[Path]
    origin: dict[str, str]  # record id -> "file:line"

    def records(self, kind: str) -> list[Any]:
        """Every record of one top-level list (``"models"``, ``"events"``, ...) across files."""
        return [r for f in self.files for r in getattr(f, kind)]

    def by_id(self) -> dict[str, Any]:
        return {r.id: r for kind in RECORD_KINDS for r in self.records(kind)}


def data_files(paths: list[Path]) -> list[Path]:
    """The YAML and Turtle files named by ``paths`` (files, or directories searched recursively)."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.suffix in (".yaml", ".yml", ".ttl") and p.is_file())
        elif path.is_file():
            found.append(path)
        else:
            raise InputError(f"{path}: no such file or directory")
    return found


def load_dataset(paths: list[Path] | Path) -> Dataset:
    """Load and check every data file under ``paths``.

    Raises
    ------
    InputError
        On the first malformed file, unknown field, bad value, duplicate id or dangling reference,
        with the file and line (or record id) and what was expected.

    Examples
    --------
    >>> from graph.data.paths import default_data_dir
    >>> ds = load_dataset(default_data_dir())
    >>> "claude-mythos-5" in ds.by_id()
    True
    """
    paths = [paths] if isinstance(paths, Path) else list(paths)
    yaml_paths, turtle = [], []
    for p in data_files(paths):
        (turtle if p.suffix == ".ttl" else yaml_paths).append(p)
    files, origin = [], {}
    for path in yaml_paths:
        data_file, lines = _load_file(path)
        files.append(data_file)
        for rid, line in lines.items():
            if rid in origin:
                raise InputError(f"{path}:{line}: duplicate id '{rid}' (first defined at {origin[rid]})")
            origin[rid] = f"{path}:{line}"
    dataset = Dataset(files=files, turtle_files=turtle, origin=origin)
    _check_references(dataset)
    _check_consistency(dataset)
    return dataset


def load_proposal(base: list[Path] | Path, proposed: list[Path]) -> tuple[Dataset, dict[str, str], dict[str, str]]:
    """The data under ``base`` with the records of the ``proposed`` files (``regkg propose``): a
    proposed record with a new id is added; one with the id of a record of ``base`` replaces it
    (to give another account of it, say). Checked as :func:`load_dataset` checks, so a proposed
    record that names an unknown id, or a record that now names a replaced record wrongly, is an
    error with the file and line.

    Returns the merged dataset, the added ids and the replaced ids (each mapped to where the
    proposal writes it; the replaced one's old place is in the base dataset's ``origin``).
    """
    base_ds = load_dataset(base)
    added, replaced, files, origin = {}, {}, [], {}
    for path in data_files(list(proposed)):
        if path.suffix == ".ttl":
            raise InputError(f"{path}: a proposal is YAML records in the authoring format, not Turtle")
        data_file, lines = _load_file(path)
        files.append(data_file)
        for rid, line in lines.items():
            if rid in origin:
                raise InputError(f"{path}:{line}: duplicate id '{rid}' (first proposed at {origin[rid]})")
            origin[rid] = f"{path}:{line}"
            (replaced if rid in base_ds.origin else added)[rid] = origin[rid]
    if not files:
        raise InputError("no proposal file given")
    gone = set(replaced)
    kept = [f.model_copy(update={kind: [r for r in getattr(f, kind) if r.id not in gone] for kind in RECORD_KINDS})
            for f in base_ds.files]
    merged = Dataset(kept + files, base_ds.turtle_files, {**{k: v for k, v in base_ds.origin.items() if k not in gone},
                                                         **origin})
    _check_references(merged)
    _check_consistency(merged)
    return merged, added, replaced


def _load_file(path: Path) -> tuple[DataFile, dict[str, int]]:
    if path.stat().st_size > MAX_FILE_BYTES:
        raise InputError(f"{path}: file is larger than {MAX_FILE_BYTES // 2**20} MiB")
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not UTF-8 text (byte {exc.start})") from None
    try:
        node, raw = _parse(text)
    except yaml.YAMLError as exc:
        raise InputError(f"{path}: {_yaml_message(exc)}") from None
    except RecursionError:
        raise InputError(f"{path}: malformed YAML: nested too deeply to be a data file") from None
    if not isinstance(raw, dict):
        raise InputError(f"{path}:1: expected a mapping with lists such as 'models:' or 'events:'")
    try:
        data_file = DataFile.model_validate(raw)
    except ValidationError as exc:
        raise InputError(_validation_message(path, node, exc)) from None
    data_file = _with_recorded_default(data_file)
    return data_file, _id_lines(path, node)


def _parse(text: str) -> tuple[Any, Any]:
    """The document's node tree (its line numbers name the records) and its data, parsed once."""
    loader = _UniqueKeyLoader(text)
    try:
        node = loader.get_single_node()
        return node, (loader.construct_document(node) if node is not None else {})
    finally:
        loader.dispose()


#: libyaml's parser when PyYAML was built with it (the public record's 50 files parse ~5x faster).
_BASE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _UniqueKeyLoader(_BASE_LOADER):
    """A safe loader that refuses duplicate keys (PyYAML keeps the last one silently)."""

    def construct_mapping(self, node, deep=False):
        seen: dict[Any, int] = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"duplicate key '{key}' (first at line {seen[key]})", key_node.start_mark)
            seen[key] = key_node.start_mark.line + 1
        return super().construct_mapping(node, deep=deep)


# Dates stay strings for pydantic to check: PyYAML's own timestamp parsing raises a bare ValueError
# on "2026-13-40", without the file and line a person needs.
_UniqueKeyLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _yaml_message(exc: yaml.YAMLError) -> str:
    mark = getattr(exc, "problem_mark", None)
    problem = getattr(exc, "problem", None) or str(exc)
    if "nesting depth" in problem:  # libyaml's words for what the pure-Python parser hits as recursion
        problem = "nested too deeply to be a data file"
    where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
    return f"{where}malformed YAML: {problem}"


def _validation_message(path: Path, node: yaml.Node, exc: ValidationError) -> str:
    err = exc.errors()[0]
    loc = [p for p in err["loc"] if not (isinstance(p, str) and (p in ("Constraint", "LogicalConstraint")
                                                                   or p.startswith("function-")))]
    line = _line_of(node, loc)
    field = ".".join(str(p) for p in loc)
    msg = err["msg"]
    if err["type"] == "extra_forbidden":
        msg = f"unknown field '{loc[-1]}'"
    elif err["type"] == "missing":
        msg = f"missing required field '{loc[-1]}'"
    elif "input" in err and not isinstance(err["input"], (dict, list)):
        msg = f"{msg} (got {err['input']!r})"
    more = f" (and {exc.error_count() - 1} more problems)" if exc.error_count() > 1 else ""
    return f"{path}:{line}: {field}: {msg}{more}"


def _line_of(node: yaml.Node | None, loc: list) -> int:
    """Line (1-based) of the deepest YAML node on the pydantic error path ``loc``."""
    line = node.start_mark.line + 1 if node is not None else 1
    for step in loc:
        child = None
        if isinstance(node, yaml.MappingNode):
            child = next((v if k.value == str(step).rstrip("_") else k for k, v in node.value
                          if k.value == str(step).rstrip("_")), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
            child = node.value[step]
        if child is None:
            break
        node, line = child, child.start_mark.line + 1
    return line


def _id_lines(path: Path, node: yaml.Node) -> dict[str, int]:
    """Map each record id (and rule id) of a file to the line where its record starts."""
    lines: dict[str, int] = {}
    for kind_key, kind_node in node.value if isinstance(node, yaml.MappingNode) else []:
        if kind_key.value not in RECORD_KINDS or not isinstance(kind_node, yaml.SequenceNode):
            continue
        for item in kind_node.value:
            for rid, line in _ids_in(item):
                if rid in lines:
                    raise InputError(f"{path}:{line}: duplicate id '{rid}' (first at line {lines[rid]})")
                lines[rid] = line
    return lines


def _ids_in(item: yaml.Node) -> Iterator[tuple[str, int]]:
    if not isinstance(item, yaml.MappingNode):
        return
    for key, value in item.value:
        if key.value == "id" and isinstance(value, yaml.ScalarNode):
            yield value.value, item.start_mark.line + 1
        elif key.value in ("permissions", "prohibitions") and isinstance(value, yaml.SequenceNode):
            for rule in value.value:
                yield from _ids_in(rule)


def _with_recorded_default(data_file: DataFile) -> DataFile:
    default: dt.date | None = data_file.recorded
    if default is None:
        return data_file
    update = {}
    for kind in RECORD_KINDS:
        records = getattr(data_file, kind)
        update[kind] = [r if r.recorded else r.model_copy(update={"recorded": default}) for r in records]
    return data_file.model_copy(update=update)


# Which record kinds each reference field may point at.
_REF_KINDS = {
    "organization": ("organizations",),
    "party": ("organizations", "people", "groups"),
    "actor": ("organizations", "people"),
    "model": ("models",),
    "asset": ("models", "channels"),
    "event": ("events",),
    "policy": ("policies",),
    "channel": ("channels",),
    "group": ("groups",),
    "source": ("sources",),
    "act": ("events", "policies"),
    "anything": RECORD_KINDS,
}


def _check_references(ds: Dataset) -> None:
    kind_of = {r.id: kind for kind in RECORD_KINDS for r in ds.records(kind)}
    sections = {f"{s.id}#{sec.id}" for s in ds.records("sources") for sec in s.sections}

    def check(owner: str, field: str, ref: str | None, allowed: str) -> None:
        if ref is None:
            return
        kinds = _REF_KINDS[allowed]
        where = ds.origin.get(owner, owner)
        if ref not in kind_of:
            raise InputError(f"{where}: record '{owner}', field '{field}': unknown id '{ref}' "
                             f"(expected the id of one of: {', '.join(kinds)})")
        if kind_of[ref] not in kinds:
            raise InputError(f"{where}: record '{owner}', field '{field}': '{ref}' is one of the "
                             f"{kind_of[ref]}, expected one of: {', '.join(kinds)}")

    for kind in RECORD_KINDS:
        for record in ds.records(kind):
            for src in getattr(record, "sources", []):
                if src not in sections:
                    raise InputError(f"{ds.origin.get(record.id, record.id)}: record '{record.id}': unknown "
                                     f"source section '{src}' (expected '<document id>#<section id>')")
            for field, ref, allowed in _references(record):
                check(record.id, field, ref, allowed)
            _check_variants(ds.origin.get(record.id, record.id), record, sections)
            _check_quotes(ds.origin.get(record.id, record.id), record)
    documents = {s.id: s for s in ds.records("sources")}
    for event in ds.records("events"):
        _check_independent_sources(ds.origin.get(event.id, event.id), event, documents)


def original_of(document: str, documents: dict[str, Any]) -> str:
    """The original a cited document stands for (issue 20, the relay rule): a page that only repeats
    another source (``relays: X``) stands for X's original; a page that repeats an original that is
    not a source here (``relays_external: "Reuters (original not stored)"``) stands for that original,
    named without its parenthesised remarks and case; any other page is its own original.

    >>> from types import SimpleNamespace as S
    >>> docs = {"a": S(relays=None, relays_external="Reuters (original not stored)"),
    ...         "b": S(relays="a", relays_external=None), "c": S(relays=None, relays_external=None)}
    >>> original_of("b", docs), original_of("c", docs)
    ('external:reuters', 'c')
    """
    seen: set[str] = set()
    while document in documents and document not in seen:
        seen.add(document)
        source = documents[document]
        if source.relays:
            document = source.relays
            continue
        if source.relays_external:
            name = re.sub(r"\s*\([^)]*\)", "", source.relays_external).strip().casefold()
            return f"external:{name}"
        return document
    return document


def independent_originals(event: Event, documents: dict[str, Any]) -> dict[str, list[str]]:
    """The independent originals an event's sources (and its variants' sources) come from, each
    with the cited documents that stand for it: the count ``independent_sources`` must state."""
    cited = [s.split("#")[0] for s in event.sources] + [s.split("#")[0] for v in event.variants for s in v.sources]
    originals: dict[str, list[str]] = {}
    for document in dict.fromkeys(cited):
        originals.setdefault(original_of(document, documents), []).append(document)
    return originals


def _check_independent_sources(where: str, event: Event, documents: dict[str, Any]) -> None:
    """A stated ``independent_sources`` is the number of independent originals the relay rule finds."""
    if event.independent_sources is None:
        return
    originals = independent_originals(event, documents)
    if event.independent_sources != len(originals):
        listed = "; ".join(f"{o.removeprefix('external:')} ({', '.join(docs)})" for o, docs in originals.items())
        raise InputError(
            f"{where}: record '{event.id}', independent_sources: states {event.independent_sources} but its sources "
            f"come from {len(originals)} independent original{'' if len(originals) == 1 else 's'} ({listed}); "
            f"expected {len(originals)}, or mark the pages that only repeat another ('relays: <source id>' or the "
            "same 'relays_external')")


def _check_variants(where: str, record: Any, sections: set[str]) -> None:
    """A variant names known sections of other documents and replaces fields the record has;
    ``prevails`` names a document that gives one of the accounts."""
    variants, prevails = getattr(record, "variants", []), getattr(record, "prevails", None)
    allowed = DISPUTABLE_FIELDS.get(type(record).__name__, ("status",))
    own = {src.split("#")[0] for src in getattr(record, "sources", [])}
    accounts = set(own)
    for i, variant in enumerate(variants):
        at = f"{where}: record '{record.id}', variants.{i}"
        for src in variant.sources:
            if src not in sections:
                raise InputError(f"{at}: unknown source section '{src}' (expected '<document id>#<section id>')")
        docs = {src.split("#")[0] for src in variant.sources}
        if docs & accounts:
            raise InputError(f"{at}: document '{sorted(docs & accounts)[0]}' already gives an account of this "
                             "record; a document says one thing about a record (its named graph holds it)")
        accounts |= docs
        fields = set(variant.replacements())
        if not fields:
            raise InputError(f"{at}: a variant gives another value for one of: {', '.join(allowed)} "
                             "(sources that say the same belong in the record's own 'sources')")
        if fields - set(allowed):
            raise InputError(f"{at}: field '{sorted(fields - set(allowed))[0]}' cannot vary on a "
                             f"{type(record).__name__.lower()} (expected one of: {', '.join(allowed)})")
    if prevails is not None and prevails.source not in accounts:
        raise InputError(f"{where}: record '{record.id}', prevails.source: '{prevails.source}' gives no account "
                         f"of this record (expected one of: {', '.join(sorted(accounts))})")
    if prevails is not None and not variants:
        raise InputError(f"{where}: record '{record.id}': 'prevails' needs 'variants' (nothing disagrees)")


def _check_consistency(ds: Dataset) -> None:
    """What references alone do not catch, refused where it is written (issue 19): a policy ended
    and never enacted, a group part of itself, a cycle in ``after:``, an order the dates contradict."""
    events = {e.id: e for e in ds.records("events")}
    enacted = {p for e in events.values() for p in e.enacts}
    for e in events.values():
        for p in e.ends:
            if p not in enacted:
                raise InputError(f"{ds.origin.get(e.id, e.id)}: record '{e.id}', field 'ends': policy '{p}' is ended "
                                 "but no event enacts it (expected an event with 'enacts: [" + p + "]', or drop the ending)")
    _check_group_cycles(ds)
    _check_after(ds, events)


def _check_group_cycles(ds: Dataset) -> None:
    up: dict[str, set[str]] = {}
    for g in ds.records("groups"):
        up.setdefault(g.id, set()).update(x for x in (g.part_of, *(a.group for a in g.among)) if x)
        for m in g.members:
            up.setdefault(m, set()).add(g.id)
    for start in sorted(up):
        path, todo, seen = {start: [start]}, [start], set()
        while todo:
            node = todo.pop()
            for nxt in sorted(up.get(node, ())):
                if nxt == start:
                    chain = " -> ".join(path[node] + [start])
                    raise InputError(f"{ds.origin.get(start, start)}: group '{start}' is part of itself ({chain}): "
                                     "expected part_of, among and members to lead up, never back")
                if nxt not in seen:
                    seen.add(nxt)
                    path[nxt] = path[node] + [nxt]
                    todo.append(nxt)


def _check_after(ds: Dataset, events: dict) -> None:
    """``after:`` has no cycle, and never puts an event before one whose window ends first."""
    later_than = {e.id: set(e.after) for e in events.values()}
    for start in sorted(later_than):
        todo, path = [start], {start: [start]}
        while todo:
            node = todo.pop()
            for earlier in sorted(later_than.get(node, ())):
                if earlier == start:
                    chain = " after ".join(path[node] + [start])
                    raise InputError(f"{ds.origin.get(start, start)}: record '{start}', field 'after': the recorded "
                                     f"order is a cycle ({chain}): expected each event after earlier ones only")
                if earlier not in path:
                    path[earlier] = path[node] + [earlier]
                    todo.append(earlier)
    for e in events.values():
        for other in e.after:
            before = events.get(other)
            if before is None or e.when is None or before.when is None:
                continue
            if e.when.latest and before.when.earliest and e.when.latest < before.when.earliest:
                raise InputError(
                    f"{ds.origin.get(e.id, e.id)}: record '{e.id}', field 'after': it is after '{other}', but its "
                    f"dates end on {e.when.latest}, before '{other}' can have begun ({before.when.earliest}): "
                    "expected an order the dates allow (fix the dates or the order)")


def _check_quotes(where: str, record: Any) -> None:
    """Every quote of a record is on a page the record (or, for a variant's date, the variant) cites."""
    own = list(getattr(record, "sources", []))
    for path, quote in _quotes(record):
        allowed = own
        if path.startswith("variants."):
            allowed = own + list(record.variants[int(path.split(".")[1])].sources)
        if quote.source not in allowed:
            docs = {s.split("#")[0] for s in allowed}
            hint = (f"cite the section it is on in 'sources'" if quote.source.split("#")[0] in docs
                    else "a quote is from a page the record cites")
            raise InputError(f"{where}: record '{record.id}', {path}.quote: '{quote.source}' is not one of its "
                             f"sources ({', '.join(allowed)}): {hint}")


def _quotes(record: Any) -> Iterator[tuple[str, Any]]:
    """(where, quote) for every quote a record carries: its date's, its variants' dates', its rules'
    and their constraints'."""
    when = getattr(record, "when", None)
    if when is not None and getattr(when, "quote", None) is not None:
        yield "when", when.quote
    for i, variant in enumerate(getattr(record, "variants", [])):
        if variant.when is not None and variant.when.quote is not None:
            yield f"variants.{i}.when", variant.when.quote
    for kind in ("permissions", "prohibitions"):
        for rule in getattr(record, kind, []):
            for name in ("quote", "extraterritorial"):
                if getattr(rule, name) is not None:
                    yield f"rule '{rule.id}'" + ("" if name == "quote" else ".extraterritorial"), getattr(rule, name)
            yield from ((f"rule '{rule.id}'.constraints", q) for q in _constraint_quotes(rule.constraints))


def _constraint_quotes(constraints: list) -> Iterator[Any]:
    for c in constraints:
        if c.quote is not None:
            yield c.quote
        if not hasattr(c, "left"):
            yield from _constraint_quotes(c.operands)


def _references(record: Any) -> Iterator[tuple[str, str | None, str]]:
    """(field, referenced id, kind of reference) for every reference a record makes."""
    match record.__class__.__name__:
        case "Source":
            yield "publisher", record.publisher, "organization"
            yield "relays", record.relays, "source"
        case "Organization":
            yield "parent", record.parent, "organization"
        case "Person":
            yield "affiliation", record.affiliation, "organization"
        case "Model":
            yield "developer", record.developer, "organization"
        case "Group":
            yield from (("members", m, "party") for m in record.members)
            yield "part_of", record.part_of, "group"
            yield from (("among", a.group, "group") for a in record.among)
            yield "defined_by", record.defined_by, "actor"
            yield from _constraint_refs(record.refinement)
        case "Channel":
            yield "provider", record.provider, "organization"
            yield "part_of", record.part_of, "channel"
            yield from (("offers", m, "model") for m in record.offers)
        case "Event":
            yield from _event_refs(record)
        case "Policy":
            yield "assigner", record.assigner, "actor"
            yield from (("complies_with", a, "act") for a in record.complies_with)
            for rule in [*record.permissions, *record.prohibitions]:
                yield from _rule_refs(rule)
        case "Statement":
            yield "by", record.by, "actor"
            yield from (("about", a, "anything") for a in record.about)
        case "FigureSeries":
            yield "subject", record.subject, "organization"
        case "Price" | "Score":
            yield "model", record.model, "model"
            yield "publisher", getattr(record, "publisher", None), "organization"


def _event_refs(event: Event) -> Iterator[tuple[str, str | None, str]]:
    yield "actor", event.actor, "actor"
    yield from (("affects", m, "anything") for m in event.affects)
    yield from (("participants", p, "party") for p in event.participants)
    yield from (("channels", c, "channel") for c in event.channels)
    yield "audience", event.audience, "party"
    yield from (("after", e, "event") for e in event.after)
    yield "at_request_of", event.at_request_of, "actor"
    yield from (("enacts", p, "policy") for p in event.enacts)
    yield from (("ends", p, "policy") for p in event.ends)


def _rule_refs(rule: Rule) -> Iterator[tuple[str, str | None, str]]:
    yield from (("target", t, "asset") for t in rule.target)
    yield "assignee", rule.assignee, "party"
    yield from _constraint_refs(rule.constraints)
    for duty in rule.duties:
        yield from _constraint_refs(duty.constraints)


def _constraint_refs(constraints: list) -> Iterator[tuple[str, str | None, str]]:
    for c in constraints:
        if hasattr(c, "left"):
            kind = {"employer": "party", "memberOf": "group", "deliveryChannel": "channel",
                    "recipient": "party"}.get(c.left)
            if kind:
                for ref in c.right if isinstance(c.right, list) else [c.right]:
                    yield f"constraint {c.left}", str(ref), kind
        else:
            yield from _constraint_refs(c.operands)
