"""The authoring format: pydantic records for the YAML files under ``data/``.

One YAML file holds any of the top-level lists of :class:`DataFile`. Every record that states
something carries ``sources`` (``"<document id>#<section id>"``), a ``status`` and the date it was
``recorded`` (a file may give ``recorded:`` once for all its records). Times are :class:`When`:
the text as written plus earliest/latest bounds and a precision, so "mid-June 2026" stays
imprecise. The JSON Schema for editors is generated from these models (``regkg schema``).

No I/O here: :mod:`graph.data.loader` reads files and checks references between records.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal, Union

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, field_validator, model_validator

from graph.data.actions import ACTION_NAMES
from graph.data.places import check_place

__all__ = [
    "STATUSES", "EVENT_TYPES", "PRECISIONS", "OPENNESS", "ORG_KINDS", "ORG_KIND_RANKS", "GOVERNMENT_KINDS", "STATEMENT_KINDS",
    "LEFT_OPERANDS", "OPERATORS", "ACTIONS", "CHANNEL_KINDS",
    "When", "Inference", "Constraint", "LogicalConstraint", "Duty", "Rule", "Section", "Source",
    "Organization", "Person", "Model", "Group", "Among", "Channel", "Event", "Policy", "Statement",
    "FigureSeries", "Price", "Score", "DataFile", "RECORD_KINDS",
    "Variant", "Prevails", "DISPUTABLE_FIELDS", "LEGAL_BASES", "SOURCE_KINDS",
    "Quote", "QUOTE_MAX_WORDS", "quote_words", "DEVICES", "PURPOSES", "unquoted_constraint",
]

# Each tuple is a SKOS concept scheme of ontology/regkg.ttl; tests keep the two in step.
Status = Literal["occurred", "reported", "announced", "planned", "forecast", "estimate", "opinion"]
STATUSES: tuple[str, ...] = Status.__args__
EventType = Literal[
    "export-control-directive", "access-suspension", "access-reinstatement", "licence-exemption",
    "model-release", "preview-release", "general-availability", "restriction-lifting",
    "negotiation", "framework-proposal", "sec-filing", "ipo-postponement", "press-report",
    "model-adoption", "price-cut", "usage-report", "collaboration", "ipo",
    # The public record of government actions (issue 11):
    "access-ban", "access-restriction", "processing-limitation", "fine", "investigation", "court-ruling",
    "advisory", "bill", "removal-request", "conditions",
    # Acts that widen access, and providers' own terms (issue 20):
    "approval", "procurement", "provider-terms",
]
EVENT_TYPES: tuple[str, ...] = EventType.__args__
Precision = Literal["day", "week", "part-of-month", "month", "quarter", "half-year", "year", "unknown"]
PRECISIONS: tuple[str, ...] = Precision.__args__
Openness = Literal["open-weights", "closed", "unknown"]
OPENNESS: tuple[str, ...] = Openness.__args__
OrgKind = Literal["company", "government", "regulator", "ministry", "state-government", "publisher", "media",
                  "court", "legislature"]
ORG_KINDS: tuple[str, ...] = OrgKind.__args__
#: The authority rank of each organisation kind (higher lifts lower: graph.policy.authority), as
#: ontology/regkg.ttl declares it on the kind's concept (rkg:authorityRank); tests keep them in step.
ORG_KIND_RANKS: dict[str, int] = {"government": 30, "regulator": 30, "ministry": 30, "state-government": 20,
                                  "company": 10, "publisher": 10, "media": 10, "court": 30, "legislature": 30}
#: The kinds that are government bodies: one with no jurisdiction said binds in its country.
GOVERNMENT_KINDS = ("government", "regulator", "ministry", "state-government", "court", "legislature")
#: ``availability`` is what was actually reachable or usable, as reported (a website still answering
#: after an order): never a rule, so decisions only show it (graph.policy.availability).
StatementKind = Literal["position", "disagreement", "analysis", "complaint", "claim", "plan", "forecast", "observation",
                        "availability"]
STATEMENT_KINDS: tuple[str, ...] = StatementKind.__args__
LeftOperand = Literal["dateTime", "deliveryChannel", "purpose", "spatial", "recipient", "nationality", "employer",
                      "memberOf", "device"]
LEFT_OPERANDS: tuple[str, ...] = LeftOperand.__args__
Operator = Literal["eq", "neq", "lt", "lteq", "gt", "gteq", "isA", "isPartOf", "isAnyOf", "isNoneOf", "isAllOf", "hasPart"]
OPERATORS: tuple[str, ...] = Operator.__args__
#: The ODRL 2.2 actions (graph.data.actions): ``use`` by default, ``distribute`` for providing a model.
Action = Literal[ACTION_NAMES]  # type: ignore[valid-type]
ACTIONS: tuple[str, ...] = Action.__args__
ChannelKind = Literal["channel", "service"]
CHANNEL_KINDS: tuple[str, ...] = ChannelKind.__args__
#: The ground an authority acts on (issue 11's saved query ``actions-by-legal-basis``).
LegalBasis = Literal["privacy", "national-security", "export-control", "other"]
LEGAL_BASES: tuple[str, ...] = LegalBasis.__args__
SourceKind = Literal["research-report", "press-report", "filing", "web-page", "regulator-notice", "government-notice",
                     "news-article", "reference-page"]
SOURCE_KINDS: tuple[str, ...] = SourceKind.__args__
#: The values of the ``device`` left operand (ontology: the ``device:`` concept scheme): a device or
#: network the party's employer issues or manages (``work``), or the party's own (``personal``).
DEVICES: tuple[str, ...] = ("work", "personal")
#: The values of the ``purpose`` left operand (the ``purpose:`` concept scheme): in the course of the
#: party's job, on duty (``work``), or for the party's own ends (``private``).
PURPOSES: tuple[str, ...] = ("work", "private")
#: The most words a :class:`Quote` may have (issue 20: a scope or a date in the page's own words).
QUOTE_MAX_WORDS = 30
#: An ISO 3166-1 country code (``IT``) or ISO 3166-2 subdivision code (``US-TX``, ``JP-31``).
Place = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}(-[A-Z0-9]{1,3})?$"), AfterValidator(check_place)]
Country = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$"), AfterValidator(lambda c: check_place(c, True))]

Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9._-]*$", max_length=80)]
Ref = Id
SourceRef = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9._-]*#[a-z0-9][a-z0-9._-]*$")]
Label = Annotated[str, StringConstraints(min_length=1, max_length=500)]


class Strict(BaseModel):
    """Unknown fields are errors: a typo must not silently drop a fact."""

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


class When(Strict):
    """A time as the source wrote it, with bounds: ``{text: "mid-June 2026", earliest: 2026-06-11, ...}``.

    A missing bound means the source gives none; ``precision`` says how coarse ``text`` is.
    """

    text: Label
    earliest: dt.date | None = None
    latest: dt.date | None = None
    precision: Precision = "unknown"
    quote: Quote | None = Field(None, description="the words of a cited page that give this date")

    @model_validator(mode="after")
    def _bounds_in_order(self) -> "When":
        if self.earliest and self.latest and self.earliest > self.latest:
            raise ValueError(f"earliest {self.earliest} is after latest {self.latest}")
        return self


def quote_words(text: str) -> int:
    """How many words ``text`` has, counting a run of Chinese or Japanese characters (written
    without spaces) as one word per two characters.

    >>> quote_words("Iowa bans DeepSeek on state devices"), quote_words("禁止使用DeepSeek")
    (6, 3)
    """
    count = 0
    for token in text.split():
        cjk = len(re.findall(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]", token))
        rest = re.sub(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]", "", token)
        count += (cjk + 1) // 2 + (1 if rest.strip("()[]\"'.,;:!?-–—") else 0)
    return count


class Quote(Strict):
    """The words of a cited page that support a rule, a constraint or a date (issue 20).

    ``text`` is copied as the page writes it, in the page's language, at most
    :data:`QUOTE_MAX_WORDS` words (``...`` marks a cut); ``source`` is the ``<document>#<section>``
    it is on, one the record cites.
    """

    text: Label
    source: SourceRef = Field(description="'<document id>#<section id>' the words are on (one the record cites)")

    @field_validator("text")
    @classmethod
    def _short(cls, text: str) -> str:
        words = quote_words(text)
        if words > QUOTE_MAX_WORDS:
            raise ValueError(f"a quote has at most {QUOTE_MAX_WORDS} words (this one has {words}): "
                             "cut it to the words that say the scope or the date, marking the cut with '...'")
        return text


class Inference(Strict):
    """Why the curator holds a fact no source states: ``{passage: ..., reasoning: ...}``.

    ``passage`` is what the source says (quoted or paraphrased), ``reasoning`` how the fact
    follows from it; ``source`` the section it is in (default: the record's first source).
    """

    passage: Label
    reasoning: Label
    source: SourceRef | None = None


# -- What several sources say about one record (issue 10: conflicting sources) ------------------

#: Fields a :class:`Variant` may give another value for, by record kind (the rest of a record is
#: what its own ``sources`` say). The loader refuses a variant field the record does not have.
DISPUTABLE_FIELDS: dict[str, tuple[str, ...]] = {
    "Event": ("when", "status"), "Statement": ("when", "status"), "Policy": ("status",),
    "Price": ("input", "output", "status"), "Score": ("value", "status"),
    "FigureSeries": ("values", "status"),
}


class Variant(Strict):
    """What other sources say differently about the same record: another date, status or number.

    ``sources: [...]`` names the sections that say it; the other fields replace the record's own
    values in those sources' named graphs (a variant without a replacing field says the same as the
    record: list its sources in the record instead). Both accounts are kept, each in its own graph.
    """

    sources: list[SourceRef] = Field(min_length=1, description="'<document>#<section>' ids that say this")
    when: When | None = None
    status: Status | None = None
    value: float | None = None
    input: float | None = Field(None, ge=0)
    output: float | None = Field(None, ge=0)
    values: dict[str, float] | None = None
    note: str | None = None

    def replacements(self) -> dict:
        """The fields this variant gives another value for."""
        return {k: getattr(self, k) for k in ("when", "status", "value", "input", "output", "values")
                if getattr(self, k) is not None}


class Prevails(Strict):
    """Which source's account a curator follows where sources disagree, and why."""

    source: Id = Field(description="the id of a source document the record or one of its variants cites")
    because: Label


class _Disputed(Strict):
    """Fields every cited record may carry when its sources disagree (see :class:`Variant`)."""

    variants: list[Variant] = Field([], description="what other sources say differently about this record")
    prevails: Prevails | None = Field(None, description="whose account to follow where sources disagree, and why")


class Cited(_Disputed):
    """Fields shared by every record that states something.

    ``inferred_from`` marks a record the curator inferred rather than read in a source.
    """

    sources: list[SourceRef] = Field(min_length=1, description="'<document>#<section>' ids")
    status: Status = "reported"
    recorded: dt.date | None = Field(None, description="when regkg recorded it; defaults to the file's 'recorded'")
    note: str | None = None
    inferred_from: Inference | None = Field(None, description="set when the curator inferred this: the passage and the reasoning")


class Named(Cited):
    id: Id
    name: Label
    aliases: list[Label] = []
    description: str | None = None


class Constraint(Strict):
    """An ODRL constraint: ``{left: nationality, operator: neq, right: US}``.

    ``right`` names a record id for employer/memberOf/deliveryChannel, a country code for
    nationality/spatial, a date for dateTime, free text for purpose.
    """

    left: LeftOperand
    operator: Operator
    right: str | list[str] | dt.date
    quote: Quote | None = Field(None, description="the words of a cited page that say this scope")

    @model_validator(mode="after")
    def _known_values(self) -> "Constraint":
        rights = self.right if isinstance(self.right, list) else [self.right]
        vocab = {"device": DEVICES, "purpose": PURPOSES}.get(self.left)
        if vocab is not None:
            bad = [r for r in rights if r not in vocab]
            if bad:
                raise ValueError(f"{self.left} is one of {', '.join(vocab)} (got {bad[0]!r})")
        if self.left in ("spatial", "nationality"):
            for r in rights:
                check_place(str(r), country_only=self.left == "nationality")
        return self


class LogicalConstraint(Strict):
    """Exactly one of ``and`` / ``or`` / ``xone`` over constraints."""

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False, populate_by_name=True)
    and_: list[Union[Constraint, "LogicalConstraint"]] | None = Field(None, alias="and")
    or_: list[Union[Constraint, "LogicalConstraint"]] | None = Field(None, alias="or")
    xone: list[Union[Constraint, "LogicalConstraint"]] | None = None
    quote: Quote | None = Field(None, description="the words of a cited page that say this scope (its operands need none)")

    @model_validator(mode="after")
    def _one_operator(self) -> "LogicalConstraint":
        given = [k for k in ("and_", "or_", "xone") if getattr(self, k) is not None]
        if len(given) != 1:
            raise ValueError("give exactly one of 'and', 'or', 'xone'")
        return self

    @property
    def operator(self) -> str:
        return {"and_": "and", "or_": "or", "xone": "xone"}[
            next(k for k in ("and_", "or_", "xone") if getattr(self, k) is not None)]

    @property
    def operands(self) -> list:
        return getattr(self, self.operator + ("_" if self.operator in ("and", "or") else ""))


AnyConstraint = Union[Constraint, LogicalConstraint]


class Duty(Strict):
    action: Label
    constraints: list[AnyConstraint] = []
    note: str | None = None


def unquoted_constraint(constraints: list, covered: bool = False):
    """The first constraint of ``constraints`` that no quote covers (its own, or an enclosing logical
    constraint's), or None.

    >>> q = {"text": "on state devices", "source": "a#page"}
    >>> unquoted_constraint([Constraint(left="device", operator="eq", right="work", quote=q)]) is None
    True
    >>> unquoted_constraint([LogicalConstraint.model_validate({"or": [
    ...     {"left": "device", "operator": "eq", "right": "work"},
    ...     {"left": "purpose", "operator": "eq", "right": "work"}], "quote": q})]) is None
    True
    >>> unquoted_constraint([Constraint(left="device", operator="eq", right="work")]).left
    'device'
    """
    for c in constraints:
        quoted = covered or c.quote is not None
        if isinstance(c, LogicalConstraint):
            inner = unquoted_constraint(c.operands, quoted)
            if inner is not None:
                return inner
        elif not quoted:
            return c
    return None


class Rule(Strict):
    """An ODRL permission or prohibition: who (assignee) may or may not do what (action) to what (target).

    Every rule carries the words of a cited page that say who may or may not do what (``quote``), and
    each of its constraints the words that say that scope (its own ``quote``, or one on an enclosing
    ``and``/``or``/``xone``) (issue 20).
    """

    id: Id
    target: list[Ref] = Field(min_length=1)
    assignee: Ref
    action: Action = "use"
    constraints: list[AnyConstraint] = []
    duties: list[Duty] = []
    note: str | None = None
    quote: Quote = Field(description="the words of a cited page that say who may or may not do what")
    extraterritorial: Quote | None = Field(
        None, description="set when the rule binds beyond its authority's jurisdiction (an export control on a "
                          "provider wherever it serves): the words of a cited page that say so")

    @model_validator(mode="after")
    def _every_scope_quoted(self) -> "Rule":
        c = unquoted_constraint(self.constraints)
        if c is not None:
            right = ", ".join(map(str, c.right)) if isinstance(c.right, list) else c.right
            raise ValueError(f"rule '{self.id}': constraint '{c.left} {c.operator} {right}' needs a quote, the words "
                             "of a cited page that say this scope ({text: ..., source: '<document>#<section>'}), on "
                             "the constraint or on an enclosing 'and'/'or'/'xone'")
        return self


class Section(Strict):
    id: Id
    title: Label
    number: str | None = None


class Source(Strict):
    """A document that reports facts: the citable unit is one of its sections.

    Its facts live in their own named graph, named by the document's IRI; its metadata (publisher,
    date window and how it was established, language, URL or bibliographic reference) in the
    default graph. ``date`` is the publication window: ``--known-on D`` answers from the documents
    published by ``D``. A web page with no sections of its own gets one, ``page``.
    """

    id: Id
    title: Label
    publisher: Ref
    kind: SourceKind = "research-report"
    language: str | None = None
    date: When
    status: Status = "estimate"
    recorded: dt.date | None = None
    sections: list[Section] = []
    note: str | None = None
    # -- provenance of the document itself (issue 10) --
    date_basis: str | None = Field(None, description="how the publication date or its bounds were established")
    url: Annotated[str, StringConstraints(pattern=r"^https?://[^\s<>\"{}|\\^`]+$")] | None = None
    citation: str | None = Field(None, description="a bibliographic reference, for a document with no URL")
    retrieved: dt.date | None = Field(None, description="when the page was read (web pages)")
    relays: Ref | None = Field(None, description="another source document this page only repeats (a copy)")
    relays_external: str | None = Field(None, description="an original this page repeats that is not a source "
                                                          "here (a wire agency, another paper)")

    @model_validator(mode="before")
    @classmethod
    def _a_page_at_least(cls, data):
        if isinstance(data, dict) and not data.get("sections"):
            data = {**data, "sections": [{"id": "page", "title": str(data.get("title") or "the document")}]}
        return data


class Organization(Named):
    kind: OrgKind
    country: Country | None = None
    jurisdiction: Place | None = Field(None, description="where its authority applies (ISO 3166: IT, US-TX)")
    parent: Ref | None = None
    authority_rank: int | None = Field(None, ge=0, description="overrides the rank of the organisation's kind")

    @model_validator(mode="after")
    def _a_state_says_its_territory(self):
        # A body with no territory binds in its country: for a state that would be the whole nation.
        if self.kind == "state-government" and self.jurisdiction is None and self.parent is None:
            raise ValueError("a state-government needs its jurisdiction (ISO 3166-2, e.g. US-TX) or a parent")
        return self


class Person(Named):
    affiliation: Ref | None = None
    role: str | None = None


class Model(Named):
    developer: Ref | None = Field(None, description="organisation id; None when the source names only the model")
    openness: Openness = "unknown"
    family: str | None = None


class Among(Strict):
    """``{group: anthropic-customers}``: every member of this group is a member of that one;
    ``inferred_from`` when the curator inferred it."""

    group: Ref
    inferred_from: Inference | None = None


class Group(Named):
    """A party collection: an audience a permission or prohibition is given to."""

    members: list[Ref] = []
    part_of: Ref | None = Field(None, description="a larger group this one refines")
    among: list[Among] = Field([], description="larger groups this one's members belong to")
    refinement: list[AnyConstraint] = []
    defined_by: Ref | None = None
    min_members: int | None = Field(None, ge=0)
    members_text: str | None = Field(None, description="how the source describes the members")
    universal: bool = Field(False, description="every party is a member (e.g. the audience of open weights)")
    member_kind: Literal["any", "organization", "person"] = Field(
        "any", description="what its members are: organisations (institutions, agencies, companies), people, or "
                           "either; a person is in a group of organisations only through its employer")


class Channel(Named):
    """A delivery channel, or a service through which models are offered (ChatGPT, an app)."""

    provider: Ref | None = None
    kind: ChannelKind = "channel"
    part_of: Ref | None = Field(None, description="the broader channel or service this one is part of")
    offers: list[Ref] = Field([], description="models offered through it")


class Event(Cited):
    """Something that happened (or is planned / forecast): it may enact, amend or end policies."""

    id: Id
    label: Label
    type: EventType
    actor: Ref
    when: When
    affects: list[Ref] = []
    participants: list[Ref] = []
    channels: list[Ref] = []
    audience: Ref | None = None
    after: list[Ref] = Field([], description="events this one follows, as the source orders them")
    at_request_of: Ref | None = None
    authority: str | None = None
    enacts: list[Ref] = Field([], description="policies this event puts in force")
    ends: list[Ref] = Field([], description="policies this event ends")
    description: str | None = None
    jurisdiction: Place | None = Field(None, description="where the act takes effect (ISO 3166: IT, US-TX)")
    legal_basis: LegalBasis | None = Field(None, description="the ground the act rests on")
    independent_sources: int | None = Field(None, ge=0, description="how many independent originals its sources "
                                                                   "are (copies of one story count once)")

    @model_validator(mode="after")
    def _dates_quoted(self) -> "Event":
        if self.when.quote is None:
            raise ValueError(f"event '{self.id}': its date needs a quote, the words of a cited page that give it "
                             "(when: {text: ..., quote: {text: ..., source: '<document>#<section>'}})")
        for i, variant in enumerate(self.variants):
            if variant.when is not None and variant.when.quote is None:
                raise ValueError(f"event '{self.id}': the date of variants.{i} needs a quote, the words of one of the "
                                 "variant's sources that give it (when: {text: ..., quote: {text: ..., source: ...}})")
        return self


class Policy(Cited):
    """An ODRL policy; it is in force from the event that enacts it until one that ends it."""

    id: Id
    label: Label
    type: Literal["set", "offer", "agreement"] = "set"
    assigner: Ref
    permissions: list[Rule] = []
    prohibitions: list[Rule] = []
    description: str | None = None
    complies_with: list[Ref] = Field(
        [], description="the acts (events or policies) of another authority this policy was made to comply with: "
                        "a permission of that authority then lifts its prohibitions too")

    @model_validator(mode="after")
    def _has_rules(self) -> "Policy":
        if not self.permissions and not self.prohibitions:
            raise ValueError("a policy needs at least one permission or prohibition")
        return self


class Statement(Cited):
    """A claim, position, plan, forecast or piece of analysis that is not itself an event."""

    id: Id
    label: Label
    kind: StatementKind
    by: Ref | None = None
    about: list[Ref] = []
    when: When | None = None
    text: str
    place: Place | None = Field(None, description="where it holds (ISO 3166), e.g. where a service stayed reachable")


class FigureSeries(Cited):
    """Figures of one measure over periods, e.g. revenue by year; a period ending in 'E' is a projection."""

    id: Id
    subject: Ref
    measure: Label
    unit: Label
    values: dict[str, float]
    as_of: str | None = Field(None, description="when the figures or projections were stated")

    @field_validator("values")
    @classmethod
    def _periods_named(cls, values: dict[str, float]) -> dict[str, float]:
        bad = [p for p in values if not re.fullmatch(r"[0-9A-Za-z -]{1,20}", str(p))]
        if bad:
            raise ValueError(f"period names must be short text like '2025', '2026E', 'Q1 2026': {bad}")
        return values


class Price(Cited):
    id: Id
    model: Ref
    input: float = Field(ge=0)
    output: float = Field(ge=0)
    currency: str = "USD"
    per: str = "1M tokens"
    publisher: Ref | None = Field(None, description="who published the price, e.g. a benchmark site")
    as_of: str | None = Field(None, description="when the price held, as written")


class Score(Cited):
    id: Id
    model: Ref
    benchmark: Label
    value: float
    rank: int | None = Field(None, ge=1)
    publisher: Ref | None = None


class DataFile(Strict):
    """One YAML file of ``data/``: any of these lists, plus a default ``recorded`` date."""

    recorded: dt.date | None = None
    sources: list[Source] = []
    organizations: list[Organization] = []
    people: list[Person] = []
    models: list[Model] = []
    groups: list[Group] = []
    channels: list[Channel] = []
    events: list[Event] = []
    policies: list[Policy] = []
    statements: list[Statement] = []
    figures: list[FigureSeries] = []
    prices: list[Price] = []
    scores: list[Score] = []


# The lists of DataFile that hold records with an ``id`` in one shared id space.
RECORD_KINDS: tuple[str, ...] = (
    "sources", "organizations", "people", "models", "groups", "channels",
    "events", "policies", "statements", "figures", "prices", "scores",
)
