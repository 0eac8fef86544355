"""Bad data files: one clear message naming the file and line (or record), exit 2, nothing written."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from graph.data.paths import default_data_dir

REPO = Path(__file__).resolve().parents[1]

REGULATION = "regulation.yaml"
GOOD_EVENT = "  - id: export-control-directive\n"

# name -> (file to change, how to change its text, expected message fragments)
CASES = {
    "malformed-yaml": (REGULATION, lambda t: t.replace("events:\n", "events:\n  - id: [unclosed\n", 1),
                       ["regulation.yaml", "line", "malformed YAML"]),
    "unknown-field": (REGULATION, lambda t: t.replace(GOOD_EVENT, GOOD_EVENT + "    colour: red\n", 1),
                      ["regulation.yaml:", "unknown field 'colour'"]),
    "unknown-reference": (REGULATION, lambda t: t.replace("actor: us-government\n", "actor: us-govt\n", 1),
                          ["regulation.yaml:", "unknown id 'us-govt'", "actor"]),
    "impossible-date": (REGULATION, lambda t: t.replace("earliest: 2026-06-11", "earliest: 2026-13-40", 1),
                        ["regulation.yaml:", "earliest", "2026-13-40"]),
    "earliest-after-latest": (REGULATION, lambda t: t.replace("earliest: 2026-06-11, latest: 2026-06-20",
                                                              "earliest: 2026-06-21, latest: 2026-06-20", 1),
                              ["regulation.yaml:", "earliest 2026-06-21 is after latest 2026-06-20"]),
    "duplicate-id": (REGULATION, lambda t: t.replace("  - id: anthropic-suspension\n", "  - id: export-control-directive\n", 1),
                     ["regulation.yaml:", "duplicate id 'export-control-directive'"]),
    "duplicate-id-across-files": ("entities.yaml", lambda t: t.replace("  - id: fable-5\n", "  - id: export-control-directive\n", 1),
                                  ["duplicate id 'export-control-directive'", "first defined at"]),
    "wrong-kind-of-reference": (REGULATION, lambda t: t.replace("affects: [claude-mythos-5, fable-5]\n    participants",
                                                                "affects: [claude-mythos-5, fable-5]\n    channels: [anthropic]\n    participants", 1),
                                ["regulation.yaml:", "'anthropic' is one of the organizations", "channels"]),
    "unknown-source-section": (REGULATION, lambda t: t.replace('sources: ["samsung-2026-global-ai#s3"]', 'sources: ["samsung-2026-global-ai#s9"]', 1),
                               ["regulation.yaml:", "unknown source section 'samsung-2026-global-ai#s9'"]),
    "not-a-mapping": (REGULATION, lambda t: "- just\n- a list\n", ["regulation.yaml:1", "expected a mapping"]),
    "duplicate-key": (REGULATION, lambda t: t.replace(GOOD_EVENT, GOOD_EVENT + "    type: negotiation\n", 1),
                      ["regulation.yaml", "duplicate key 'type'"]),
}


@pytest.fixture(scope="module")
def good_home(tmp_path_factory, run_regkg):
    home = tmp_path_factory.mktemp("home")
    result = run_regkg("--home", str(home), "build")
    assert result.returncode == 0, result.stderr
    return home


def snapshot(home: Path) -> dict[str, bytes]:
    return {str(p.relative_to(home)): (p.read_bytes() if p.is_file() else b"")
            for p in sorted(home.rglob("*")) if not p.is_symlink()} | {
        "current ->": str((home / "current").resolve()).encode()}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_data_is_refused_clearly_and_nothing_is_written(case, tmp_path, good_home, run_regkg):
    target, change, fragments = CASES[case]
    data = tmp_path / "data"
    shutil.copytree(default_data_dir(), data)  # the seed (the root conftest.py)
    path = data / target
    path.write_text(change(path.read_text()))
    before = snapshot(good_home)

    for args in (["build"], ["validate"], ["validate", str(path)] if target == REGULATION else ["validate"]):
        result = run_regkg("--data", str(data), "--home", str(good_home), *args)
        assert result.returncode == 2, (args, result.stdout, result.stderr)
        assert "Traceback" not in result.stderr
        assert result.stderr.startswith("error: ")
        assert len(result.stderr.strip().splitlines()) <= 3, "one clear message, not a dump"
        for fragment in fragments:
            assert fragment in result.stderr, (fragment, result.stderr)
    assert snapshot(good_home) == before, "a failed build must leave the previous graph untouched"


def test_message_points_at_the_offending_line(tmp_path, run_regkg):
    data = tmp_path / "data"
    shutil.copytree(default_data_dir(), data)  # the seed (the root conftest.py)
    path = data / REGULATION
    text = path.read_text().replace("earliest: 2026-06-11", "earliest: 2026-13-40", 1)
    path.write_text(text)
    line = next(i for i, l in enumerate(text.splitlines(), 1) if "2026-13-40" in l)
    result = run_regkg("--data", str(data), "validate")
    assert f"regulation.yaml:{line}:" in result.stderr


def test_malformed_turtle_beside_the_yaml_is_refused(tmp_path, good_home, run_regkg):
    data = tmp_path / "data"
    shutil.copytree(default_data_dir(), data)  # the seed (the root conftest.py)
    (data / "extra.ttl").write_text("@prefix ex: <http://example.org/> .\nex:a ex:b ex:c ;\n ex:d \"unclosed .\n")
    before = snapshot(good_home)
    result = run_regkg("--data", str(data), "--home", str(good_home), "build")
    assert result.returncode == 2
    assert "extra.ttl" in result.stderr and "malformed Turtle" in result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(good_home) == before


def test_extra_turtle_files_load(tmp_path, run_regkg):
    data = tmp_path / "data"
    shutil.copytree(default_data_dir(), data)  # the seed (the root conftest.py)
    (data / "extra.ttl").write_text(
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        "<https://example.org/x> rdfs:label \"an extra triple\" .\n")
    result = run_regkg("--data", str(data), "--home", str(tmp_path / "home"), "export", "--format", "nt")
    assert result.returncode == 0, result.stderr
    assert "an extra triple" in result.stdout


def test_missing_data_path_is_named(run_regkg, tmp_path):
    result = run_regkg("validate", str(tmp_path / "nope.yaml"))
    assert result.returncode == 2
    assert "nope.yaml: no such file or directory" in result.stderr


def test_export_to_a_file_is_atomic(tmp_path, run_regkg):
    out = tmp_path / "graph.ttl"
    out.write_text("previous content")
    result = run_regkg("--data", str(tmp_path / "missing"), "--home", str(tmp_path / "home"), "export", "-o", str(out))
    assert result.returncode == 2
    assert out.read_text() == "previous content"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".graph.ttl")] == []


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full (Linux)")
@pytest.mark.parametrize("args", [["check", "Claude Mythos 5", "--on", "2026-08-01"], ["export", "--format", "nt"],
                                  ["sparql", "-n", "counts"]])
def test_an_answer_that_cannot_be_written_is_an_io_error_not_a_crash(args):
    import subprocess

    from conftest import REPO, regkg_executable

    with open("/dev/full", "w") as full:
        r = subprocess.run([*regkg_executable(), *args], stdout=full, stderr=subprocess.PIPE, text=True, cwd=REPO)
    assert r.returncode == 74 and "No space left on device" in r.stderr, r.stderr
    assert "Traceback" not in r.stderr and "internal error" not in r.stderr
