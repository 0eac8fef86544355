"""`regkg chart`: the availability lanes as a file for reports, the page's lanes drawn by matplotlib."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET

import networkx as nx
import pytest

from graph.errors import InputError
from graph.policy.audiences import audiences
from viz.chart import _segments, chart_span, data_period, write_chart
from viz.access import lanes

ID = "https://w3id.org/regkg/id/"
MYTHOS = ID + "model/claude-mythos-5"
SVG = "{http://www.w3.org/2000/svg}"


def svg_texts(path) -> list[str]:
    return ["".join(t.itertext()) for t in ET.parse(path).getroot().iter(SVG + "text")]


def test_the_svg_has_a_lane_per_audience_a_hatch_where_undecided_and_the_events(G, tmp_path):
    out = write_chart(G, MYTHOS, tmp_path / "mythos.svg")
    texts = svg_texts(out)
    assert {G.nodes[a]["label"] for a in audiences(G)} <= set(texts)  # one lane label per audience, as text
    assert any(t.startswith("Who may use Claude Mythos 5") for t in texts)
    assert any("mid-June 2026" in t for t in texts)  # events listed with their dates as written
    svg = out.read_text()
    assert "<pattern" in svg and 'id="h' in svg  # matplotlib's hatch pattern: Mythos has undecided spans
    assert {"\u2713 permit", "\u2715 deny", "? indeterminate", "\u2013 not applicable"} <= set(texts)


def test_lanes_merge_equal_periods_and_clip_to_the_span(G):
    approved = dict(lanes(G, MYTHOS))[ID + "group/approved-us-institutions"]
    lo, hi = dt.date(2026, 6, 1), dt.date(2026, 9, 1)
    # Before the suspension the approved institutions, inferred to be among Anthropic's customers,
    # may use Mythos from a release whose date no source gives: undecided, like the suspension's
    # dates after it, so the two undecided spans merge into one segment.
    assert _segments(approved, lo, hi) == [("indeterminate", lo, dt.date(2026, 7, 31)),
                                           ("permit", dt.date(2026, 8, 1), hi)]


def test_the_span_holds_the_whole_data_and_the_date_asked_about(G):
    first, last = data_period(G)
    lo, hi = chart_span(G, dt.date(2027, 1, 1))
    assert lo < first and hi > dt.date(2027, 1, 1) > last
    assert data_period(nx.MultiDiGraph()) is None


def test_a_hostile_label_is_text_in_the_file(G, tmp_path):
    H = G.copy()
    H.nodes[ID + "group/approved-us-institutions"]["label"] = "<script>alert(1)</script> costs $5 & $6"
    out = write_chart(H, MYTHOS, tmp_path / "hostile.svg")
    assert "<script" not in out.read_text()
    assert "<script>alert(1)</script> costs $5 & $6" in svg_texts(out)


def test_the_cli_writes_png_and_refuses_what_it_cannot_write(run_regkg, tmp_path):
    png = tmp_path / "mythos.png"
    result = run_regkg("chart", "mythos 5", "-o", str(png), "--from", "2026-06-01", "--to", "2026-09-01")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(png) and png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    for args, message in ((["mythos", "-o", str(tmp_path / "x.gif")], "cannot write a chart as 'gif'"),
                          (["mythos 6", "-o", str(tmp_path / "y.svg")], "unknown model 'mythos 6'"),
                          (["mythos", "--from", "2026-13-01", "-o", str(tmp_path / "z.svg")], "'2026-13-01' is not a valid date"),
                          (["mythos", "--from", "2026-09-01", "--to", "2026-06-01", "-o", str(tmp_path / "w.svg")], "must come after")):
        bad = run_regkg("chart", *args)
        assert bad.returncode == 2 and message in bad.stderr and "Traceback" not in bad.stderr, (args, bad.stderr)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mythos.png"]  # nothing half-written


def test_write_chart_refuses_an_unknown_format(G, tmp_path):
    with pytest.raises(InputError, match="use one of svg, png, pdf"):
        write_chart(G, MYTHOS, tmp_path / "mythos.bmp")
    assert not re.search(r"\.bmp", " ".join(p.name for p in tmp_path.iterdir()))


def test_the_chart_answers_as_known_on_a_date_and_draws_the_knowledge_horizon(G, tmp_path):
    texts = svg_texts(write_chart(G, MYTHOS, tmp_path / "now.svg"))
    assert "known until 2026-07-31" in " ".join(texts)  # after the report, the state may have changed
    # before the report was published nothing was known: no rule speaks, in any lane
    before = lanes(G, MYTHOS, known_on="2026-06-01")
    assert {p.decision.decision for _, periods in before for p in periods} == {"not_applicable"}
    texts = svg_texts(write_chart(G, MYTHOS, tmp_path / "then.svg", known_on=dt.date(2026, 6, 1)))
    assert any(t.startswith("Who may use Claude Mythos 5, as known on 2026-06-01") for t in texts)


def test_the_cli_charts_a_place_and_a_known_on_date(run_regkg, tmp_path):
    out = tmp_path / "it.svg"
    result = run_regkg("chart", "mythos 5", "-o", str(out), "--in", "it", "--known-on", "2026-08-01")
    assert result.returncode == 0, result.stderr
    assert any(t.startswith("Who may use Claude Mythos 5 in IT, as known on 2026-08-01") for t in svg_texts(out))
    bad = run_regkg("chart", "mythos 5", "-o", str(tmp_path / "x.svg"), "--known-on", "July")
    assert bad.returncode == 2 and "not a valid date" in bad.stderr and "Traceback" not in bad.stderr
