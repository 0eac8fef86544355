"""The report's own analysis (``data/analysis.yaml``): each statement pinned to the Korean words it rests on.

SOURCE-FACTS summarises the report's facts but leaves out most of its analysis (issue 10, part 1;
issue 20, section 3). Those claims were read in the report itself,
``../shared/sources/samsung-securities-global-ai-issue-check-2026.ko.md`` (Korean, as published),
and each row of :data:`ANALYSIS` gives a statement's speaker, status, kind and section with the
passage (or passages) it rests on, copied exactly from the report.

* the passages are checked against the report file (read through :func:`conftest.shared_path`:
  skipped in a user's clone, a failure under ``CI=true`` when missing);
* the statements are checked in the data set (speaker, status, kind, section), which needs no
  report, and in the built graph;
* every statement of ``data/analysis.yaml`` has a row here, so none goes unpinned.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

import pytest

from conftest import shared_path
from graph.data.loader import load_dataset
from graph.data.models import Statement
from graph.data.paths import repo_root

SOURCE_DOC = "samsung-2026-global-ai"
REPORT = ("sources", "samsung-securities-global-ai-issue-check-2026.ko.md")
ANALYST = "samsung-securities"


class Row(NamedTuple):
    id: str
    by: str
    status: str
    kind: str
    section: str
    passages: tuple[str, ...]


ANALYSIS: list[Row] = [
    # -- the summary box: enterprise demand -------------------------------------------------------
    Row("summary-enterprise-ai-demand", ANALYST, "opinion", "analysis", "summary", (
        "상호 간에 복잡하게 얽혀 있는 문제이기도 하지만, 무조건적으로 부정적 해석을 할 필요는 없다는 판단. "
        "현시점에서는 엔터프라이즈의 견조한 AI 수요에 주목",)),
    # -- section 1: the "tier-2" slot ------------------------------------------------------------
    Row("chinese-models-take-us-tier-2-slot", ANALYST, "opinion", "analysis", "s1", (
        "특히 3위라는 순위가 주는 시사점에 주목해야 한다. 과거 구글 Gemini가 차지하고 있던 순위이다.",
        "경쟁 모델의 증류를 대놓고 할 수 없는 미국의 2티어 모델 자리를 중국 모델들이 차지하는 순간이다.")),
    # -- section 1: distillation and its limits ---------------------------------------------------
    Row("distillation-a-main-route-for-chinese-models", ANALYST, "opinion", "analysis", "s1", (
        "증류는 중국 모델의 주요한 성능 향상의 방법 중 하나일 것이다.",)),
    Row("distillation-limits", ANALYST, "opinion", "analysis", "s1", (
        "증류에서 파급되는 근본적 한계(=원조를 이길 수 없다)와 상대적으로 작은 모델 파라미터 규모는 "
        "중국 모델이 선두로 등극하는 것을 어렵게 만드는 요인이다.",)),
    Row("chinese-competitiveness-beyond-distillation", ANALYST, "opinion", "analysis", "s1", (
        "하지만 중국 AI 경쟁력 강화에는 증류 외에도 다양한 요소가 활용되고 있다.",)),
    Row("recursive-improvement-talk-in-china", ANALYST, "reported", "observation", "s1", (
        "최근 중국 내에서 AI의 재귀 개선 사이클에 대한 이야기가 나오고 있다.",)),
    # -- section 1: cost control after "tokenmaxxing" ---------------------------------------------
    Row("enterprise-trend-favours-chinese-models", ANALYST, "opinion", "analysis", "s1", (
        "엔터프라이즈의 AI 도입 트렌드도 중국 모델에게 긍정적이다.",
        "기본적으로 가성비 대안인 중국 AI 모델에 대한 주목도가 상승하는 구간이다.")),
    Row("cost-control-after-tokenmaxxing", ANALYST, "opinion", "analysis", "s1", (
        "AI를 최대한 많이 사용하는 토큰 맥싱(Tokenmaxxing) 트렌드 이후 기업 고객은 오히려 AI 비용 통제와 "
        "함께 효율성을 추구하고 있다.",)),
    Row("hybrid-model-strategy", ANALYST, "opinion", "analysis", "s1", (
        "복잡한 작업에는 고성능 모델을 사용하고 일반 업무는 저가 또는 오픈소스 모델로 대체하는 하이브리드 "
        "전략을 확대하고 있다.",
        "즉, 가장 강력한 모델만 쓰는 것이 아니라, 전체 에이전틱 작업을 위한 비용 구조 설계의 중요성이 "
        "높아지고 있다.")),
    Row("efficiency-strategy-pays-off-in-agentic-era", ANALYST, "opinion", "analysis", "s1", (
        "이전부터 추구한 전략이 에이전틱 시대에 진가를 발휘하고 있다.",)),
    # -- section 1: prices and the overall judgement ----------------------------------------------
    Row("glm-5-2-not-the-best-value", ANALYST, "opinion", "analysis", "s1", (
        "화제를 모으고 있는 GLM-5.2는 극강의 가성비를 보여주는 모델은 아니다.",)),
    Row("chinese-api-pricing-diverging", ANALYST, "opinion", "analysis", "s1", (
        "중국 내에서도 API 가격 정책이 분화되는 트렌드로 이해할 수 있다.",)),
    Row("chinese-ai-not-a-shock", ANALYST, "opinion", "analysis", "s1", (
        "결론적으로 중국 AI 모델의 발전은 지속적 모니터링이 필요한 이슈지만 단순한 쇼크로 생각할 필요는 없다.",
        "중국의 추격은 언제나 존재하던 이슈이며 앞으로도 지속될 이슈다.")),
    Row("us-china-model-gap-cycles", ANALYST, "opinion", "analysis", "s1", (
        "양국 간 모델 격차는 지속적으로 확대와 축소를 반복하는 트렌드를 보여줬다. 현재는 차이가 좁혀지는 구간이다.",)),
    # -- section 2: reading the financials --------------------------------------------------------
    Row("openai-reports-repeat-one-view", ANALYST, "opinion", "analysis", "s2", (
        "다시 화제가 되는 보도들도 해당 내용을 인용하며 대부분 같은 시각을 그대로 전달하고 있다.",)),
    Row("negative-reading-assumes-fixed-cost-curve", ANALYST, "opinion", "analysis", "s2", (
        "그러나 이미 많은 사람들이 알고 있는 내용이다.",
        "또한 부정적 해석은 향후의 비용 곡선이 고정되어 있다는 점을 전제로 하고 있다.",
        "반대로 프론티어 AI 기업의 경제성에는 다양한 변수가 존재한다.")),
    # -- section 2: the five routes to profitability ----------------------------------------------
    Row("five-routes-to-profitability", ANALYST, "opinion", "analysis", "s2", (
        "추론 비용 하락, 자체 반도체 또는 인프라 최적화, 엔터프라이즈 제품 확대, 에이전트 기반 사용량 과금 확대, "
        "신규 수익화 등은 기대할 수 있는 손익 개선 요인이다.",)),
    Row("profitability-race-against-commitments", ANALYST, "opinion", "analysis", "s2", (
        "개선 속도가 클라우드 약정 및 R&D 인프라 투자 속도 증가를 따라잡을 수 있는 지가 주요한 이슈다.",)),
    Row("improvement-after-q2-matters", ANALYST, "opinion", "analysis", "s2", (
        "엔터프라이즈 AI 모멘텀은 올해 본격화되었다. 따라서 과거보다 올해 2분기 이후의 개선 여부가 중요하다.",)),
    # -- section 2: the industry lessons ----------------------------------------------------------
    Row("industry-lesson-scale-competition", ANALYST, "opinion", "analysis", "s2", (
        "보도된 재무 데이터를 부정적으로만 해석하기보다 산업 관점에서 여러 시사점을 찾아보는 기회로 활용할 필요가 있다.",
        "1) AI 산업은 여전히 규모의 경쟁 단계")),
    Row("industry-lesson-entry-barrier", ANALYST, "opinion", "analysis", "s2", (
        "2) 프론티어 모델 개발에도 일종의 진입 장벽 존재",)),
    Row("industry-lesson-monetisation-in-infrastructure", ANALYST, "opinion", "analysis", "s2", (
        "3) AI 밸류체인 내 수익화 확인은 인프라 계층 위주로 진행되는 상황",)),
    Row("industry-lesson-scaling-bottleneck", ANALYST, "opinion", "analysis", "s2", (
        "4) 현금 보유 규모에서 확인하는 핵심 제약은 자금 부족보다는 확장 관련 병목 요인",)),
    # -- section 2: the advisers' two options (press reports) -------------------------------------
    Row("advisers-two-ipo-options", "openai-ipo-advisers", "reported", "position", "s2", (
        "자문단에서 개인 투자자 수요가 예상보다 크지 않을 수 있다고 경고하며, 해당 수준을 원할 경우 IPO를 미루고 "
        "기다리거나 빠른 상장을 위해서는 목표를 낮추는 선택지를 제안했다는 내용이다.",)),
    # -- section 2: management's remarks on filing versus readiness -------------------------------
    Row("management-tempering-ipo-timing", ANALYST, "opinion", "analysis", "s2", (
        "하지만 샘 올트먼을 비롯한 경영진은 이전부터 IPO 시점에 대한 톤을 조절하고 있었다.",)),
    Row("management-filing-is-not-readiness", "openai", "announced", "position", "s2", (
        "신청서를 제출하는 것과 실제 상장 준비가 완료되는 것은 전혀 다른 문제이고",
        "코멘트가 다수 있었다.")),
    Row("management-listing-is-a-funding-means", "openai", "announced", "position", "s2", (
        "상장은 목표가 아니라 자금 조달 수단으로 시점 자체에 집중하고 있지 않다는 코멘트가 다수 있었다.",)),
    Row("altman-private-better-in-uncertain-times", "sam-altman", "reported", "position", "s2", (
        "올트먼은 최근 사내 슬랙 메시지에서",
        "기술과 세상이 예상치 못한 방향으로 변화할 수 있는 시기에는 비상장 기업이 더 나은 선택일 수 있다는 설명이다.")),
    # -- section 2: the analyst on the delay ------------------------------------------------------
    Row("ipo-noise-will-continue", ANALYST, "forecast", "forecast", "s2", (
        "정확한 상장 시점이 정해지기 전까지는 이러한 노이즈는 계속될 것이다.",)),
    Row("ipo-delay-not-necessarily-negative", ANALYST, "opinion", "analysis", "s2", (
        "기업 가치가 시험대에 오르는 것은 달갑지 않지만, 무조건 부정적으로 볼 이유는 없다.",
        "재귀 개선 사이클을 기반으로 한 일종의 레버지리에 대한 자신감이 상장 시점 지연과 연결된다면 "
        "오히려 긍정적으로 해석할 여지도 존재한다.")),
    # -- section 3 --------------------------------------------------------------------------------
    Row("suspension-a-symbolic-setback", ANALYST, "opinion", "analysis", "s3", (
        "어떻게 보면 모델의 발전이 후퇴한 상징적 사례다.",)),
    Row("framework-cannot-cover-all-risks", ANALYST, "opinion", "analysis", "s3", (
        "앞으로 모델의 출시 대기 상태는 지속될 수 있다. 주요 AI 기업과 정부 간 협력을 통해 구축한 신규 프레임워크가 "
        "모델의 모든 위험 요소를 사전에 포괄하기는 어렵기 때문이다.",)),
    Row("us-intervention-positive-for-chinese-open-source", ANALYST, "opinion", "analysis", "s3", (
        "미국 정부의 개입은 중국의 오픈소스 모델에게는 긍정적 포인트다.",
        "미국 폐쇄형 모델에 대한 정부 개입은 중국 오픈소스 모델에게는 긍정적")),
]

#: The claims issue 20 (section 3) names, each with the rows that carry it.
BRIEF: dict[str, tuple[str, ...]] = {
    "distillation and its limits": ("distillation-a-main-route-for-chinese-models", "distillation-limits",
                                    "chinese-competitiveness-beyond-distillation"),
    'the "tier-2" slot': ("chinese-models-take-us-tier-2-slot",),
    'cost control after "tokenmaxxing"': ("cost-control-after-tokenmaxxing", "hybrid-model-strategy",
                                          "enterprise-trend-favours-chinese-models"),
    "the five routes to profitability": ("five-routes-to-profitability",),
    "the industry lessons": ("industry-lesson-scale-competition", "industry-lesson-entry-barrier",
                             "industry-lesson-monetisation-in-infrastructure", "industry-lesson-scaling-bottleneck"),
    "the advisers' two options": ("advisers-two-ipo-options",),
    "management's remarks on filing versus readiness": ("management-filing-is-not-readiness",
                                                        "management-listing-is-a-funding-means",
                                                        "management-tempering-ipo-timing"),
    "the summary box's enterprise demand": ("summary-enterprise-ai-demand",),
}

ROW_IDS = [r.id for r in ANALYSIS]
ANALYSIS_FILE = (repo_root() / "data" / "analysis.yaml").resolve()


def _file_of(dataset, record_id: str) -> Path:
    """The file a record is written in (the loader's origin is "file:line")."""
    return Path(dataset.origin[record_id].rsplit(":", 1)[0]).resolve()


@pytest.fixture(scope="module")
def report() -> str:
    return shared_path(*REPORT).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def dataset():
    return load_dataset(repo_root() / "data")


# -- the passages are the report's words ----------------------------------------------------------
@pytest.mark.parametrize("row", ANALYSIS, ids=ROW_IDS)
def test_the_passage_is_in_the_report(report, row):
    missing = [p for p in row.passages if p not in report]
    assert not missing, f"{row.id}: not in the report as written: {missing}"


# -- the statements are recorded as the report says them ------------------------------------------
@pytest.mark.parametrize("row", ANALYSIS, ids=ROW_IDS)
def test_the_statement_is_recorded_with_its_speaker_status_and_section(dataset, row):
    record = dataset.by_id().get(row.id)
    assert isinstance(record, Statement), f"no statement '{row.id}'"
    assert _file_of(dataset, row.id) == ANALYSIS_FILE, f"{row.id} is in {dataset.origin[row.id]}"
    assert (record.by, record.status, record.kind) == (row.by, row.status, row.kind)
    assert f"{SOURCE_DOC}#{row.section}" in record.sources
    assert record.about, f"{row.id}: about names no entity"
    assert record.inferred_from is None, f"{row.id}: the report says it; it is not an inference"


def test_every_statement_of_the_analysis_file_is_pinned(dataset):
    in_file = {r.id for r in dataset.records("statements") if _file_of(dataset, r.id) == ANALYSIS_FILE}
    assert in_file == set(ROW_IDS), (f"unpinned: {sorted(in_file - set(ROW_IDS))}; "
                                     f"pinned but absent: {sorted(set(ROW_IDS) - in_file)}")
    assert len(ROW_IDS) == len(set(ROW_IDS))


def test_the_claims_the_issue_names_are_all_there():
    rows = set(ROW_IDS)
    missing = {claim: ids for claim, ids in BRIEF.items() if not set(ids) <= rows}
    assert not missing, missing


def test_views_are_opinions_and_expectations_forecasts():
    """The analyst's analysis is never stored as something that happened or was announced."""
    for row in ANALYSIS:
        if row.kind == "forecast":
            assert row.status == "forecast", row.id
        if row.by == ANALYST and row.kind == "analysis":
            assert row.status == "opinion", row.id
        if row.by != ANALYST:
            assert row.kind == "position" and row.status in ("announced", "reported"), row.id


def test_the_summary_box_is_a_section_of_the_report(dataset):
    doc = next(s for s in dataset.records("sources") if s.id == SOURCE_DOC)
    assert {"s1", "s2", "s3", "summary"} <= {sec.id for sec in doc.sections}


def test_the_statements_are_in_the_graph_with_their_speaker_status_and_section(dataset):
    from graph.data.rdf_build import build_graph
    from graph.data.vocab import PROV, RDF, RKG, STATUS, iri

    g = build_graph(dataset)
    problems = []
    for row in ANALYSIS:
        node = iri("statements", row.id)
        if (node, RDF.type, RKG.Statement) not in g:
            problems.append(f"{row.id}: not a statement in the graph")
            continue
        if g.value(node, RKG.status) != getattr(STATUS, row.status):
            problems.append(f"{row.id}: status {g.value(node, RKG.status)}")
        if g.value(node, PROV.wasAttributedTo) != iri("organizations" if row.by != "sam-altman" else "people", row.by):
            problems.append(f"{row.id}: attributed to {g.value(node, PROV.wasAttributedTo)}")
        if iri("sources", f"{SOURCE_DOC}/{row.section}") not in set(g.objects(node, PROV.wasDerivedFrom)):
            problems.append(f"{row.id}: does not cite section {row.section}")
    assert not problems, "\n".join(problems)
