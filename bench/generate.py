"""Synthetic regkg data at any size: the YAML authoring format and the same graph as N-Triples.

    python bench/generate.py --triples 100k --out bench/out/100k            # data/*.yaml + graph.nt
    python bench/generate.py --triples 1m --out bench/out/1m --format nt     # N-Triples only

The world it writes looks like the seed data, scaled up: companies with models, channels, customer
and partner groups; governments with approved-institution groups and foreign-national refinements;
government actions (export-control directives, suspensions, partial reinstatements, licence
exemptions, forecasts of lifting, framework proposals) with imprecise dates ("mid-June 2026",
"Q3 2026", "H2 2027"); ODRL policies with channel, date, nationality and membership constraints
(and / or); statements, figure series (with projections), prices and scores. Every record cites a
source section and has a status. Everything is drawn from a seeded RNG, so a size and a seed give
the same files every time.

The N-Triples come from the real pipeline (pydantic models -> :func:`graph.data.rdf_build.build_graph`),
not from a second writer that could drift from it. The YAML is split into files well under the
loader's 20 MiB limit. Other benchmarks import :func:`generate` / :func:`ensure_dataset`.
"""

from __future__ import annotations

import argparse
import calendar
import datetime as dt
import json
import random
import sys
import time
from pathlib import Path
from typing import Iterator

__all__ = ["parse_size", "World", "generate", "ensure_dataset", "write_yaml", "write_ntriples", "plain"]

RECORDED = "2026-11-24"
RECORDS_PER_FILE = 4000
# Triples the pipeline makes per company unit, and for the fixed part (governments, sources):
# measured on this generator (20 units -> 10,749 triples, 200 units -> 88,159).
TRIPLES_PER_UNIT = 430
TRIPLES_FIXED = 2150

COUNTRIES = ["US", "CN", "GB", "FR", "DE", "JP", "KR", "IN", "CA", "IL", "AE", "SG", "BR", "NL", "SE",
             "CH", "AU", "ES", "IT", "TW", "PL", "FI", "IE", "NO", "DK", "AT", "BE", "MX", "SA", "ID"]
SYLLABLES = ["ar", "bel", "cor", "dex", "el", "fal", "gen", "hal", "ion", "jun", "kor", "lum", "mer",
             "nov", "or", "pra", "quin", "ros", "sol", "tor", "ul", "vex", "wen", "xan", "yor", "zep"]
SUFFIXES = ["AI", "Labs", "Systems", "Research", "Intelligence", "Dynamics", "Compute", "Minds"]
MODEL_WORDS = ["Aster", "Boreal", "Cirrus", "Delta", "Ember", "Fjord", "Gale", "Helix", "Iris", "Juno",
               "Kestrel", "Lyra", "Meridian", "Nimbus", "Orion", "Pulsar", "Quill", "Rune", "Sable", "Tern"]
BENCHMARKS = ["Intelligence Index", "Coding Index", "Agentic Index", "Long-context Recall"]
MONTHS = list(calendar.month_name)[1:]


def parse_size(text: str) -> int:
    """``"10k"`` -> 10000, ``"1m"`` -> 1000000, ``"2500"`` -> 2500.

    >>> parse_size("100k"), parse_size("1M"), parse_size("750")
    (100000, 1000000, 750)
    """
    text = text.strip().lower()
    scale = {"k": 1_000, "m": 1_000_000}.get(text[-1:], 1)
    return int(float(text[:-1] if scale > 1 else text) * scale)


# -- imprecise dates ------------------------------------------------------------------------------

def _when(rng: random.Random, year_from: int = 2024, year_to: int = 2027) -> dict:
    """A time as a source would write it, with the bounds and precision that text implies."""
    year = rng.randint(year_from, year_to)
    month = rng.randint(1, 12)
    last = calendar.monthrange(year, month)[1]
    kind = rng.choices(["day", "part-of-month", "month", "quarter", "half-year", "year", "unknown"],
                       [4, 4, 4, 2, 1, 1, 2])[0]
    if kind == "day":
        day = rng.randint(1, last)
        d = dt.date(year, month, day)
        return {"text": f"{day} {MONTHS[month - 1]} {year}", "earliest": d, "latest": d, "precision": "day"}
    if kind == "part-of-month":
        part, lo, hi = rng.choice([("early", 1, 10), ("mid", 11, 20), ("late", 21, last)])
        return {"text": f"{part}-{MONTHS[month - 1]} {year}", "earliest": dt.date(year, month, lo),
                "latest": dt.date(year, month, hi), "precision": "part-of-month"}
    if kind == "month":
        return {"text": f"{MONTHS[month - 1]} {year}", "earliest": dt.date(year, month, 1),
                "latest": dt.date(year, month, last), "precision": "month"}
    if kind == "quarter":
        q = (month - 1) // 3
        end = dt.date(year, 3 * q + 3, calendar.monthrange(year, 3 * q + 3)[1])
        return {"text": f"Q{q + 1} {year}", "earliest": dt.date(year, 3 * q + 1, 1), "latest": end,
                "precision": "quarter"}
    if kind == "half-year":
        h = 0 if month <= 6 else 1
        return {"text": f"H{h + 1} {year}", "earliest": dt.date(year, 6 * h + 1, 1),
                "latest": dt.date(year, 12, 31) if h else dt.date(year, 6, 30), "precision": "half-year"}
    if kind == "year":
        return {"text": f"in {year}", "earliest": dt.date(year, 1, 1), "latest": dt.date(year, 12, 31),
                "precision": "year"}
    return {"text": f"not stated; before {MONTHS[month - 1]} {year}", "latest": dt.date(year, month, last),
            "precision": "unknown"}


def _when_after(rng: random.Random, day: dt.date) -> dict:
    """An imprecise time wholly after ``day`` (an action that ends what an earlier one started)."""
    start = day + dt.timedelta(days=rng.randint(5, 240))
    kind = rng.choice(["day", "part-of-month", "month"])
    if kind == "day":
        return {"text": f"{start.day} {MONTHS[start.month - 1]} {start.year}", "earliest": start, "latest": start,
                "precision": "day"}
    last = calendar.monthrange(start.year, start.month)[1]
    if kind == "month":
        return {"text": f"{MONTHS[start.month - 1]} {start.year}, after the release", "earliest": start,
                "latest": dt.date(start.year, start.month, last), "precision": "month"}
    part = "early" if start.day <= 10 else "mid" if start.day <= 20 else "late"
    end = dt.date(start.year, start.month, {"early": 10, "mid": 20, "late": last}[part])
    return {"text": f"{part}-{MONTHS[start.month - 1]} {start.year}", "earliest": start, "latest": end,
            "precision": "part-of-month"}


def _later(rng: random.Random, when: dict) -> dict:
    """A time after ``when`` (for an event the source orders after another)."""
    start = when.get("earliest") or when.get("latest") or dt.date(2025, 1, 1)
    d = start + dt.timedelta(days=rng.randint(3, 120))
    lo, hi = d, d + dt.timedelta(days=rng.choice([0, 9, 30]))
    text = f"{d.day} {MONTHS[d.month - 1]} {d.year}" if lo == hi else f"shortly after; by {hi.isoformat()}"
    return {"text": text, "earliest": lo, "latest": hi, "precision": "day" if lo == hi else "unknown"}


# -- the world --------------------------------------------------------------------------------------

class World:
    """All records of one synthetic data set, by DataFile list; ``units`` companies drive the size."""

    def __init__(self, units: int, seed: int = 7):
        self.rng = random.Random(seed)
        self.units = max(units, 4)
        self.records: dict[str, list[dict]] = {k: [] for k in (
            "sources", "organizations", "people", "models", "groups", "channels", "events",
            "policies", "statements", "figures", "prices", "scores")}
        self.names: set[str] = set()
        self.released: dict[str, dict] = {}  # model id -> when it was released
        self._build()

    # A pronounceable, unique display name: look-alike names are the hostile corpus's job.
    # A longer stem after a few collisions keeps this fast at any size (2 syllables give 5,408 names).
    def _name(self, words: int = 2) -> str:
        for attempt in range(1000):
            stem = "".join(self.rng.choice(SYLLABLES) for _ in range(words + attempt // 8)).capitalize()
            name = f"{stem} {self.rng.choice(SUFFIXES)}"
            if name not in self.names:
                self.names.add(name)
                return name
        raise RuntimeError("no free name")  # unreachable: stems grow by a syllable every 8 attempts

    def _person(self) -> str:
        return f"{self.rng.choice(SYLLABLES).capitalize()}{self.rng.choice(SYLLABLES)} {self.rng.choice(MODEL_WORDS)}"

    def _cite(self) -> list[str]:
        src = self.rng.randrange(self.n_sources)
        return [f"synthetic-report-{src}#s{self.rng.randint(1, 12)}"]

    def add(self, kind: str, /, **record) -> dict:  # positional-only: records have a 'kind' field too
        if kind == "events":  # every event date and rule is quoted from a cited page (issue 20)
            record["when"] = {**record["when"], "quote": self._quote(record)}
        elif kind == "policies":
            for rules in ("permissions", "prohibitions"):
                if rules in record:
                    record[rules] = [{**r, "quote": self._quote(record),
                                      **({"constraints": [{**c, "quote": self._quote(record)} for c in r["constraints"]]}
                                         if r.get("constraints") else {})} for r in record[rules]]
        self.records[kind].append(record)
        return record

    @staticmethod
    def _quote(record: dict) -> dict:
        """The (synthetic) words of the record's first cited section."""
        return {"text": f"the synthetic report's words on {record['id']}", "source": record["sources"][0]}

    def _build(self) -> None:
        self.n_sources = max(2, self.units // 25)
        self._publishers_and_sources()
        self._governments()
        companies = [self._company(i) for i in range(self.units)]
        self._group_everyone()
        for i, company in enumerate(companies):
            self._company_offer(company, companies)
            if i % 6 == 0:
                self._government_action(company, companies)

    def _publishers_and_sources(self) -> None:
        self.add("organizations", id="synthetic-securities", name="Synthetic Securities", kind="publisher",
                 country="KR", sources=["synthetic-report-0#s1"], status="reported")
        for i in range(self.n_sources):
            self.add("sources", id=f"synthetic-report-{i}", title=f"Global AI issue check no. {i + 1}",
                     publisher="synthetic-securities", kind="research-report", language="en",
                     date=_when(self.rng, 2025, 2026), status="estimate",
                     sections=[{"id": f"s{j}", "number": str(j), "title": f"Section {j}"} for j in range(1, 13)])

    def _governments(self) -> None:
        self.govs = []
        for cc in COUNTRIES:
            gid = f"gov-{cc.lower()}"
            self.add("organizations", id=gid, name=f"Government of {cc}", aliases=[f"{cc} government"],
                     kind="government", country=cc, sources=self._cite(), status="reported")
            self.add("organizations", id=f"regulator-{cc.lower()}", name=f"{cc} AI Safety Office",
                     kind="regulator", country=cc, parent=gid, sources=self._cite(), status="reported")
            approved = self.add("groups", id=f"approved-{cc.lower()}-institutions",
                                name=f"Approved {cc} institutions", aliases=[f"approved institutions ({cc})"],
                                defined_by=gid, min_members=self.rng.randint(10, 200),
                                members_text=f"institutions approved by the {cc} government; not named",
                                sources=self._cite(), status="reported")
            self.add("groups", id=f"foreign-staff-{cc.lower()}", name=f"Foreign-national staff of approved {cc} institutions",
                     part_of="everyone", refinement=[
                         {"left": "employer", "operator": "isPartOf", "right": approved["id"]},
                         {"left": "nationality", "operator": "neq", "right": cc}],
                     sources=self._cite(), status="reported")
            self.govs.append((cc, gid, approved["id"]))

    def _group_everyone(self) -> None:
        self.add("groups", id="everyone", name="Everyone", aliases=["anyone", "the public"],
                 description="Any party at all; the audience of an open-weight release.", universal=True,
                 sources=self._cite(), status="reported")

    def _company(self, i: int) -> dict:
        rng = self.rng
        name = self._name()
        cid = f"co-{i}"
        cc = rng.choice(COUNTRIES[:12])
        org = self.add("organizations", id=cid, name=name, aliases=[name.split()[0]], kind="company",
                       country=cc, sources=self._cite(), status="reported")
        self.add("people", id=f"ceo-{i}", name=self._person(),
                 affiliation=cid, role="chief executive", sources=self._cite(), status="reported")
        chans = []
        for suffix, label in (("api", "API"), ("chat", "Chat")):
            chans.append(self.add("channels", id=f"{cid}-{suffix}", name=f"{name} {label}", provider=cid,
                                  sources=self._cite(), status="reported")["id"])
        models = []
        for m in range(rng.randint(2, 4)):
            word = rng.choice(MODEL_WORDS)
            version = f"{rng.randint(1, 6)}.{rng.randint(0, 9)}"
            mname = f"{name.split()[0]} {word} {version}"
            mid = f"{cid}-m{m}"
            models.append(self.add("models", id=mid, name=mname, aliases=[f"{word} {version}", f"{word}-{version}"],
                                   developer=cid, openness=rng.choice(["open-weights", "closed", "closed", "unknown"]),
                                   family=word, description=f"{name}'s {word} model, version {version}.",
                                   sources=self._cite(), status=rng.choice(["reported", "occurred"])))
        customers = self.add("groups", id=f"{cid}-customers", name=f"All {name} customers",
                             aliases=[f"{name} customers"], defined_by=cid, sources=self._cite(), status="reported")
        return {"org": org, "country": cc, "channels": chans, "models": models, "customers": customers["id"]}

    def _company_offer(self, c: dict, companies: list[dict]) -> None:
        """Releases, the customer-access policy, a planned GA, statements, figures, prices, scores."""
        rng, cid = self.rng, c["org"]["id"]
        partners = self.add("groups", id=f"{cid}-preview-partners", name=f"{c['org']['name']} preview partners",
                            members=sorted({p["org"]["id"] for p in rng.sample(companies, 3)} - {cid}),
                            defined_by=cid, members_text="a small number of partners", sources=self._cite(),
                            status="reported")
        for model in c["models"]:
            self._release(c, model, partners["id"])
            self.add("prices", id=f"{model['id']}-price", model=model["id"], input=round(rng.uniform(0.1, 15), 2),
                     output=round(rng.uniform(0.5, 60), 2), publisher="synthetic-securities",
                     as_of="as of the report", sources=self._cite(), status="reported")
            self.add("scores", id=f"{model['id']}-score", model=model["id"], benchmark=rng.choice(BENCHMARKS),
                     value=round(rng.uniform(20, 80), 1), rank=rng.randint(1, 500), publisher="synthetic-securities",
                     sources=self._cite(), status="reported")
        self.add("figures", id=f"{cid}-revenue", subject=cid, measure="revenue", unit="USD m",
                 values={"2024": round(rng.uniform(1, 900), 1), "2025": round(rng.uniform(1, 2000), 1),
                         "2026E": round(rng.uniform(1, 5000), 1)},
                 as_of="projections as of the report", sources=self._cite(), status="reported")
        self.add("statements", id=f"{cid}-outlook", label=f"{c['org']['name']} expects demand to keep growing",
                 kind=rng.choice(["forecast", "claim", "position"]), by=cid, about=[cid, c["models"][0]["id"]],
                 when=_when(rng, 2025, 2027), text=f"{c['org']['name']} says demand for its models keeps growing.",
                 sources=self._cite(), status=rng.choice(["forecast", "announced", "opinion"]))

    def _release(self, c: dict, model: dict, partners: str) -> None:
        rng, mid, cid = self.rng, model["id"], c["org"]["id"]
        when = _when(rng, 2024, 2026)
        if not when.get("latest"):  # give every release an upper bound, so later actions can follow it
            when = {**when, "latest": when.get("earliest") or dt.date(2025, 12, 31)}
        self.released[mid] = when
        policy = self.add("policies", id=f"{mid}-access", label=f"{c['org']['name']}'s customers may use {model['name']}",
                          type="offer", assigner=cid, sources=self._cite(), status="reported", permissions=[{
                              "id": f"{mid}-customers-use", "target": [mid], "assignee": c["customers"], "action": "use",
                              "constraints": [{"or": [
                                  {"left": "deliveryChannel", "operator": "isAnyOf", "right": c["channels"]},
                                  {"left": "dateTime", "operator": "gteq", "right": when.get("latest") or dt.date(2026, 1, 1)}]}],
                              "note": f"customers may use {model['name']} through the API or chat"}])
        self.add("events", id=f"{mid}-release", label=f"{c['org']['name']} releases {model['name']}",
                 type="model-release", actor=cid, affects=[mid], audience=c["customers"], channels=c["channels"],
                 when=when, enacts=[policy["id"]], sources=self._cite(), status="occurred")
        if rng.random() < 0.3:  # a partner preview, then a merely planned general availability
            pre = self.add("policies", id=f"{mid}-preview", label=f"{model['name']} preview for partners",
                           type="offer", assigner=cid, sources=self._cite(), status="occurred", permissions=[{
                               "id": f"{mid}-partners-use", "target": [mid], "assignee": partners, "action": "use"}])
            prev = self.add("events", id=f"{mid}-preview-release", label=f"{model['name']} preview to partners",
                            type="preview-release", actor=cid, affects=[mid], audience=partners, when=_later(rng, when),
                            enacts=[pre["id"]], sources=self._cite(), status="occurred")
            self.add("events", id=f"{mid}-ga-plan", label=f"{model['name']} general availability (planned)",
                     type="general-availability", actor=cid, affects=[mid], after=[prev["id"]],
                     when={"text": "in the coming weeks (no timeline given)", "precision": "unknown"},
                     sources=self._cite(), status="planned")

    def _government_action(self, c: dict, companies: list[dict]) -> None:
        """A directive on a company's models, the suspension it causes, and what follows."""
        rng, cid = self.rng, c["org"]["id"]
        cc, gid, approved = next(g for g in self.govs if g[0] == c["country"])
        mids = [m["id"] for m in c["models"]]
        n = len(self.records["events"])
        # The suspension ends the release's access policy, so it (and the directive) come after every
        # release of these models: the compliance engine refuses an order that contradicts the dates.
        last_release = max(self.released[m["id"]]["latest"] for m in c["models"])
        when = _when_after(rng, last_release)
        directive = self.add("policies", id=f"directive-{n}-policy", label=f"Export-control directive on {c['org']['name']}'s models",
                             assigner=gid, sources=self._cite(), status="occurred", prohibitions=[{
                                 "id": f"directive-{n}-no-export", "target": mids, "assignee": cid, "action": "distribute",
                                 "constraints": [{"left": "nationality", "operator": "neq", "right": cc}]}])
        d_event = self.add("events", id=f"directive-{n}", label=f"{cc} export-control directive on {c['org']['name']}'s models",
                           type="export-control-directive", actor=gid, affects=mids, participants=[cid],
                           authority="national-security authority", when=when, enacts=[directive["id"]],
                           sources=self._cite(), status="occurred")
        suspension = self.add("policies", id=f"suspension-{n}-policy", label=f"{c['org']['name']} suspends access",
                              assigner=cid, sources=self._cite(), status="occurred", prohibitions=[{
                                  "id": f"suspension-{n}-all", "target": mids, "assignee": c["customers"], "action": "use"}])
        s_when = {**when, "text": f"{when['text']}, immediately after the directive"}
        s_event = self.add("events", id=f"suspension-{n}", label=f"{c['org']['name']} suspends access for all customers",
                           type="access-suspension", actor=cid, affects=mids, audience=c["customers"], after=[d_event["id"]],
                           when=s_when, enacts=[suspension["id"]], ends=[f"{m}-access" for m in mids],
                           sources=self._cite(), status="occurred")
        reinst = self.add("policies", id=f"reinstatement-{n}-policy", label=f"{c['org']['name']}'s first model reinstated",
                          type="agreement", assigner=gid, sources=self._cite(), status="occurred", permissions=[
                              {"id": f"reinstatement-{n}-approved", "target": mids[:1], "assignee": approved, "action": "use"},
                              {"id": f"reinstatement-{n}-foreign", "target": mids[:1], "assignee": f"foreign-staff-{cc.lower()}",
                               "action": "use", "constraints": [{"and": [
                                   {"left": "memberOf", "operator": "eq", "right": approved},
                                   {"left": "purpose", "operator": "eq", "right": "work"}]}]}])
        self.add("events", id=f"reinstatement-{n}", label=f"{mids[0]} allowed again for approved {cc} institutions",
                 type="access-reinstatement", actor=gid, participants=[cid], affects=mids[:1], audience=approved,
                 after=[s_event["id"]], when=_later(rng, when), enacts=[reinst["id"]], sources=self._cite(), status="occurred")
        self.add("events", id=f"lifting-forecast-{n}", label=f"Restriction on {mids[-1]} reportedly to be lifted soon",
                 type="restriction-lifting", actor=gid, affects=mids[-1:], after=[s_event["id"]],
                 when={"text": "soon (reports; no date)", "earliest": when.get("earliest") or when["latest"],
                       "precision": "unknown"}, sources=self._cite(), status="forecast")
        self.add("statements", id=f"disagreement-{n}", label=f"{cc} government and {c['org']['name']} disagree",
                 kind="disagreement", about=[gid, cid, *mids], text="The two sides disagreed on the risk and the response.",
                 sources=self._cite(), status="reported")


def _units_for(triples: int) -> int:
    return max(4, round((triples - TRIPLES_FIXED) / TRIPLES_PER_UNIT))


def generate(triples: int, seed: int = 7) -> World:
    """The world whose graph has about ``triples`` triples."""
    return World(_units_for(triples), seed)


# -- writers ---------------------------------------------------------------------------------------

def _chunks(world: World) -> Iterator[tuple[str, dict]]:
    """(file name, DataFile dict) pairs, each file at most RECORDS_PER_FILE records."""
    for kind, records in world.records.items():
        for start in range(0, len(records), RECORDS_PER_FILE):
            yield f"{kind}-{start // RECORDS_PER_FILE:03d}.yaml", {"recorded": RECORDED, kind: records[start:start + RECORDS_PER_FILE]}


def write_yaml(world: World, data_dir: Path) -> list[Path]:
    """The world as YAML files of the authoring format under ``data_dir`` (libyaml when present)."""
    import yaml

    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    data_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, content in _chunks(world):
        path = data_dir / name
        with path.open("w", encoding="utf-8") as f:
            f.write("# Synthetic data written by bench/generate.py: not facts about the real world.\n")
            yaml.dump(plain(content), f, Dumper=dumper, sort_keys=False, allow_unicode=True, width=110)
        written.append(path)
    return written


def plain(value):
    """Dates as ISO strings (the loader keeps dates as text for pydantic to check)."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value.isoformat() if isinstance(value, dt.date) else value


def write_ntriples(world: World, path: Path) -> int:
    """The world's graph as N-Triples, through the real pipeline (pydantic models -> rdf_build)."""
    from graph.data.loader import Dataset
    from graph.data.models import DataFile
    from graph.data.rdf_build import build_graph

    files = []
    for _, content in _chunks(world):
        kind = next(k for k in content if k != "recorded")
        content = {kind: [{**r, "recorded": RECORDED} for r in content[kind]]}
        files.append(DataFile.model_validate(content))
    graph = build_graph(Dataset(files=files, turtle_files=[], origin={}))
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".nt.tmp")
    graph.serialize(destination=str(tmp), format="nt", encoding="utf-8")
    tmp.replace(path)
    return len(graph)


def ensure_dataset(triples: int, out: Path, formats: tuple[str, ...] = ("yaml", "nt"), seed: int = 7) -> dict:
    """Generate into ``out`` unless a finished run with the same size and seed is there already."""
    out = Path(out)
    meta_path = out / "generated.json"
    want = {"triples_asked": triples, "seed": seed}
    if meta_path.exists():
        meta = json.loads(meta_path.read_text())
        if {k: meta.get(k) for k in want} == want and all(f in meta.get("formats", []) for f in formats):
            return meta
    world = generate(triples, seed)
    meta = {**want, "formats": list(formats), "records": sum(map(len, world.records.values()))}
    started = time.perf_counter()
    if "yaml" in formats:
        meta["yaml_files"] = len(write_yaml(world, out / "data"))
    if "nt" in formats:
        meta["triples"] = write_ntriples(world, out / "graph.nt")
    meta["seconds"] = round(time.perf_counter() - started, 2)
    out.mkdir(parents=True, exist_ok=True)
    meta_path.write_text(json.dumps(meta, indent=2))
    return meta


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--triples", default="10k", help="about how many triples: 10k, 100k, 1m (default 10k)")
    parser.add_argument("--out", type=Path, required=True, help="directory to write data/*.yaml and graph.nt into")
    parser.add_argument("--format", default="yaml,nt", help="yaml, nt or yaml,nt (default)")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    formats = tuple(f.strip() for f in args.format.split(",") if f.strip())
    started = time.perf_counter()
    meta = ensure_dataset(parse_size(args.triples), args.out, formats, args.seed)
    print(f"{args.out}: {meta['records']} records, {meta.get('triples', '?')} triples "
          f"({', '.join(formats)}) in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
