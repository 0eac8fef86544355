"""Console examples that cannot rot: every ```` ```console ```` block of the README and the docs is run.

A block holds commands (lines that start with ``$ ``; a line ending in `` \\`` goes on) and, under
each, the output it prints (stdout and stderr as one stream, as a terminal shows them)::

    ```console
    $ regkg check "Claude Mythos 5" --on 2026-08-01 --employer Anthropic --nationality KR
    permit: Claude Mythos 5 on 2026-08-01 for employed by Anthropic, nationality KR
    ...
    ```

A ```` ```pycon ```` block (a Python session, ``>>>``) is run by doctest on the same data; it is
checked, not refreshed: a changed one is fixed by hand.

A line that is only ``...`` stands for any number of lines (none included): write it where the
documentation leaves lines out. Nothing else is ignored, except the parts that change from run to
run without the answer changing (:data:`MASKS`: timings, commit and content hashes, today's date,
build directories), which are masked on both sides before comparing.

Each block runs in a fresh scratch directory holding a copy of ``docs/files/`` (the watchlists and
queries the examples read), with ``regkg`` (the checkout's, from ``.venv/bin``) first on the
``PATH``, on the whole data set ``data/`` (what ``make run`` builds) unless an HTML comment on the
line before the fence says otherwise::

    <!-- example: data=seed -->          the seed alone (data/ without data/public-record/)
    <!-- example: not run: REASON -->     shown, not run (a server that does not stop); say why

Usage (from the checkout)::

    .venv/bin/python -m docs.examples            # check every example; exit 1 naming each that changed
    .venv/bin/python -m docs.examples --update   # write the real outputs into the files (keeps "..." cuts)
    .venv/bin/python -m docs.examples docs/analyst/sparql.md   # only these files

``tests/test_docs.py`` runs the check, one test per block; ``make docs`` runs it before building
the site.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import difflib
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DOCS = REPO / "docs"
FILES = DOCS / "files"
#: Where the examples' graphs are built and kept between runs (under build/, never committed).
WORK = Path(os.environ.get("REGKG_DOCS_WORK") or REPO / "build" / "docs")
VENV_BIN = Path(sys.executable).parent
ELLIPSIS = "..."
TIMEOUT = 600

_FENCE = re.compile(r"^(?P<indent>\s*)(?P<fence>`{3,}|~{3,})\s*console\s*$")
_PYCON = re.compile(r"^(?P<indent>\s*)(?P<fence>`{3,}|~{3,})\s*pycon\s*$")
_OPTIONS = re.compile(r"^\s*<!--\s*example:\s*(?P<options>.*?)\s*-->\s*$")

#: What changes between runs while the answer stays the same: masked on both sides before comparing.
MASKS: list[tuple[re.Pattern, str]] = [
    (re.compile(r"\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?"), "<timestamp>"),
    (re.compile(r"\b\d+(?:[.,]\d+)?\s?(?:ms|µs|s|min)\b"), "<duration>"),
    (re.compile(r"\b[0-9a-f]{64}\b"), "<sha256>"),
    (re.compile(r"\b[0-9a-f]{40}\b"), "<commit>"),
    (re.compile(r"\bgraph-[a-z0-9_]{8}\b"), "graph-<build>"),
    (re.compile(r"_:[A-Za-z0-9]+"), "_:<bnode>"),  # blank node labels are made afresh each run
    (re.compile(r"\bregkg \d+\.\d+\.\d+\S*"), "regkg <version>"),
]


def mask(line: str) -> str:
    """``line`` with its volatile parts replaced (today's date too: a build is stamped with it).

    >>> mask("built 41291 triples from data in 41.36 s -> build/graph-hq3zog3v")
    'built 41291 triples from data in <duration> -> build/graph-<build>'
    """
    for pattern, replacement in MASKS:
        line = pattern.sub(replacement, line)
    return line.replace(dt.date.today().isoformat(), "<today>")


@dataclasses.dataclass
class Command:
    text: str  # as written after "$ ", continuation lines joined with newlines
    line: int  # 1-based line of its "$ "
    expected: list[str]


@dataclasses.dataclass
class Block:
    path: Path
    line: int  # 1-based line of the opening fence
    indent: str
    options: dict[str, str]
    commands: list[Command]
    body: tuple[int, int]  # 0-based [start, end) of the lines between the fences

    @property
    def where(self) -> str:
        return f"{self.path.relative_to(REPO)}:{self.line}"

    @property
    def skipped(self) -> str | None:
        return self.options.get("not run")


def parse_options(text: str) -> dict[str, str]:
    """``data=seed`` or ``not run: a server`` (the reason after the colon).

    >>> parse_options("data=seed"), parse_options("not run: starts a server")
    ({'data': 'seed'}, {'not run': 'starts a server'})
    """
    if text.startswith("not run"):
        return {"not run": text.partition(":")[2].strip() or "no reason given"}
    options = {}
    for item in text.split():
        key, sep, value = item.partition("=")
        if not sep:
            raise ValueError(f"example option '{item}' is not key=value")
        options[key] = value
    unknown = set(options) - {"data"}
    if unknown:
        raise ValueError(f"unknown example option(s): {', '.join(sorted(unknown))}")
    return options


def blocks(path: Path) -> list[Block]:
    """The console blocks of a Markdown file."""
    lines = path.read_text(encoding="utf-8").splitlines()
    found, i = [], 0
    while i < len(lines):
        m = _FENCE.match(lines[i])
        if not m:
            i += 1
            continue
        indent, fence = m["indent"], m["fence"]
        prev = lines[i - 1] if i else ""
        om = _OPTIONS.match(prev)
        where = f"{path}:{i + 1}"
        try:
            options = parse_options(om["options"]) if om else {}
        except ValueError as exc:
            raise ValueError(f"{where}: {exc}") from None
        start = i + 1
        end = start
        while end < len(lines) and lines[end].strip() != fence:
            end += 1
        if end == len(lines):
            raise ValueError(f"{where}: console block never closed")
        body = [line[len(indent):] if line.startswith(indent) else line.lstrip() for line in lines[start:end]]
        found.append(Block(path, i + 1, indent, options, _commands(body, start, where), (start, end)))
        i = end + 1
    return found


def _commands(body: list[str], first: int, where: str) -> list[Command]:
    commands: list[Command] = []
    k = 0
    while k < len(body):
        line = body[k]
        if line.startswith("$ "):
            text, at = line[2:], k
            while text.endswith("\\") and k + 1 < len(body):
                k += 1
                text += "\n" + body[k]
            commands.append(Command(text, first + at + 1, []))
        elif commands:
            commands[-1].expected.append(line.rstrip())
        elif line.strip():
            raise ValueError(f"{where}: output before the first '$ ' command")
        k += 1
    if not commands:
        raise ValueError(f"{where}: a console block without a '$ ' command")
    for c in commands:
        while c.expected and not c.expected[-1].strip():
            c.expected.pop()
    return commands


@dataclasses.dataclass
class Session:
    """A ```` ```pycon ```` block: a doctest session, run as doctest runs it (ELLIPSIS and
    NORMALIZE_WHITESPACE on), on the same data as the console examples."""

    path: Path
    line: int
    text: str

    @property
    def where(self) -> str:
        return f"{self.path.relative_to(REPO)}:{self.line}"


def sessions(path: Path) -> list[Session]:
    """The pycon blocks of a Markdown file (those that start with ``>>>``)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    found, i = [], 0
    while i < len(lines):
        m = _PYCON.match(lines[i])
        if m:
            end = i + 1
            while end < len(lines) and lines[end].strip() != m["fence"]:
                end += 1
            body = [line[len(m["indent"]):] for line in lines[i + 1:end]]
            if body and body[0].startswith(">>>"):
                found.append(Session(path, i + 1, "\n".join(body) + "\n"))
            i = end
        i += 1
    return found


_DOCTEST = """
import doctest, sys
text = sys.stdin.read()
test = doctest.DocTestParser().get_doctest(text, {}, "example", None, 0)
runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
runner.run(test, out=sys.stdout.write)
sys.exit(1 if runner.failures else 0)
"""


def check_session(session: Session) -> str | None:
    """None when the session's outputs are what it shows; else doctest's report."""
    done = subprocess.run([sys.executable, "-c", _DOCTEST], input=session.text, cwd=REPO, env=environment("record"),
                          capture_output=True, text=True, timeout=TIMEOUT)
    if done.returncode == 0:
        return None
    return f"{session.where}: a pycon example changed (fix it by hand):\n{done.stdout}{done.stderr}"


def doc_files() -> list[Path]:
    """README.md and every page under docs/."""
    return [REPO / "README.md", *sorted(DOCS.rglob("*.md"))]


# -- running --------------------------------------------------------------------------------------


def data_dir(name: str) -> Path:
    """The data set an example runs on: ``record`` (the whole data/, the default), ``seed``."""
    if name in ("record", "", None):
        return REPO / "data"
    if name == "seed":
        return _seed_copy()
    raise ValueError(f"unknown data set '{name}' (record, seed)")


def _seed_copy() -> Path:
    """data/ without data/public-record/, kept under WORK with the files' times, so that the
    graph built from it stays current between runs (a build's fingerprint reads sizes and times)."""
    src, dst = REPO / "data", WORK / "data-seed"
    wanted = {p.relative_to(src) for p in src.rglob("*") if p.is_file() and "public-record" not in p.parts}
    if dst.exists():
        for p in dst.rglob("*"):
            if p.is_file() and p.relative_to(dst) not in wanted:
                p.unlink()
    for rel in wanted:
        target = dst / rel
        st = (src / rel).stat()
        if not target.exists() or target.stat().st_size != st.st_size or target.stat().st_mtime_ns != st.st_mtime_ns:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src / rel, target)
    return dst


def home_for(name: str) -> Path:
    return WORK / f"home-{name or 'record'}"


def environment(name: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("REGKG_")}
    env.update(REGKG_DATA=str(data_dir(name)), REGKG_HOME=str(home_for(name)), TZ="UTC", LC_ALL="C.UTF-8",
               PATH=f"{VENV_BIN}{os.pathsep}{env.get('PATH', '')}", COLUMNS="100", NO_COLOR="1",
               # the engine sorts its rows and evidence the same way in every process; one seed all
               # the same, so that no other set's order can make a documented output two texts
               PYTHONHASHSEED="0")
    env.pop("CI", None)
    return env


def ensure_built(name: str) -> None:
    """Build the data set's graph first (once, and again only when the data changed), so that no
    example's output carries a rebuild."""
    env = environment(name)
    code = ("from graph.store.build import load_projection\nfrom graph.policy import index_projection\n"
            "load_projection(indexer=index_projection)\n")
    done = subprocess.run([sys.executable, "-c", code], env=env, cwd=REPO, capture_output=True, text=True,
                          timeout=TIMEOUT)
    if done.returncode:
        raise RuntimeError(f"could not build the '{name}' graph for the examples:\n{done.stderr}")


def run_block(block: Block) -> list[list[str]]:
    """Each command's output lines, run one after another in one scratch directory."""
    name = block.options.get("data", "record")
    env = environment(name)
    outputs = []
    with tempfile.TemporaryDirectory(prefix="regkg-example-") as scratch:
        if FILES.is_dir():
            shutil.copytree(FILES, scratch, dirs_exist_ok=True)
        replacements = sorted({env["REGKG_HOME"]: "build", str(Path(scratch).resolve()): ".", scratch: ".",
                               str(REPO): ".", env["REGKG_DATA"]: "data"}.items(), key=lambda kv: -len(kv[0]))
        for command in block.commands:
            done = subprocess.run(["bash", "-c", command.text.replace("\\\n", " ")], cwd=scratch, env=env,
                                  stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=TIMEOUT)
            text = done.stdout
            for old, new in replacements:
                text = text.replace(old, new)
            lines = [line.rstrip() for line in text.splitlines()]
            while lines and not lines[-1]:
                lines.pop()
            outputs.append(lines)
    return outputs


# -- comparing and updating -----------------------------------------------------------------------


def matches(expected: list[str], actual: list[str]) -> bool:
    """Whether ``actual`` is ``expected``, a ``...`` line standing for any run of lines.

    >>> matches(["a", "...", "d"], ["a", "b", "c", "d"]), matches(["a", "..."], ["a"]), matches(["a"], ["b"])
    (True, True, False)
    """
    exp = [ELLIPSIS if e.strip() == ELLIPSIS else mask(e) for e in expected]
    act = [mask(a) for a in actual]
    # reach[j]: the first i expected lines match the first j actual lines
    reach = [True] + [False] * len(act)
    for e in exp:
        if e == ELLIPSIS:
            for j in range(1, len(act) + 1):
                reach[j] = reach[j] or reach[j - 1]
        else:
            reach = [False] + [reach[j] and act[j] == e for j in range(len(act))]
    return reach[-1]


def refreshed(expected: list[str], actual: list[str]) -> list[str]:
    """The real output, cut where the documented one was cut: lines the documentation shows and
    the command still prints stay; a run of lines where it wrote ``...`` becomes ``...`` again.

    >>> refreshed(["a", "...", "d"], ["a", "b", "c", "d", "e"])
    ['a', '...', 'd', 'e']
    >>> refreshed(["a", "b", "..."], ["a", "B", "c"])
    ['a', 'B', '...']
    """
    if not any(e.strip() == ELLIPSIS for e in expected):
        return list(actual)
    exp_m = [ELLIPSIS if e.strip() == ELLIPSIS else mask(e) for e in expected]
    out: list[str] = []
    sm = difflib.SequenceMatcher(None, exp_m, [mask(a) for a in actual], autojunk=False)
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        cut = ELLIPSIS in exp_m[i1:i2]
        if op == "equal":
            out += actual[j1:j2]
        elif cut:
            # the lines the documentation showed before its first cut and after its last one are
            # refreshed in place (they changed); what lies between the cuts stays cut
            region = exp_m[i1:i2]
            first = region.index(ELLIPSIS)
            last = len(region) - 1 - region[::-1].index(ELLIPSIS)
            before, after = first, len(region) - 1 - last
            if before + after <= j2 - j1:
                out += actual[j1:j1 + before] + [ELLIPSIS] + actual[j2 - after:j2]
            else:
                out.append(ELLIPSIS)
        else:
            out += actual[j1:j2]
    return out


@dataclasses.dataclass
class Outcome:
    block: Block
    outputs: list[list[str]] | None
    failures: list[str]


def check_block(block: Block) -> Outcome:
    if block.skipped:
        return Outcome(block, None, [])
    outputs = run_block(block)
    failures = []
    for command, actual in zip(block.commands, outputs):
        if not matches(command.expected, actual):
            diff = difflib.unified_diff([mask(e) for e in command.expected], [mask(a) for a in actual],
                                        "documented", "real", lineterm="", n=2)
            where = f"{block.path.relative_to(REPO)}:{command.line}"
            failures.append(f"{where}: $ {command.text}\n" + "\n".join(diff))
    return Outcome(block, outputs, failures)


def update_file(path: Path, outcomes: list[Outcome]) -> bool:
    """Write the real outputs of ``path``'s blocks into it; whether anything changed."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=False)
    for outcome in sorted(outcomes, key=lambda o: -o.block.body[0]):
        if outcome.outputs is None:
            continue
        block = outcome.block
        body = []
        for command, actual in zip(block.commands, outcome.outputs):
            new = command.expected if matches(command.expected, actual) else refreshed(command.expected, actual)
            first, *rest = command.text.split("\n")
            body += [f"$ {first}", *rest, *new]
        start, end = block.body
        lines[start:end] = [f"{block.indent}{line}" if line else "" for line in body]
    text = "\n".join(lines) + "\n"
    if text == path.read_text(encoding="utf-8"):
        return False
    path.write_text(text, encoding="utf-8")
    return True


def all_blocks(files: list[Path] | None = None) -> list[Block]:
    return [b for f in (files or doc_files()) for b in blocks(f)]


def prepare(found: list[Block]) -> None:
    for name in sorted({b.options.get("data", "record") for b in found if not b.skipped}):
        ensure_built(name)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m docs.examples", description=__doc__.split("\n")[0])
    parser.add_argument("files", nargs="*", type=Path, help="Markdown files (default: README.md and docs/**/*.md)")
    parser.add_argument("--update", action="store_true", help="write the real outputs into the files")
    parser.add_argument("--list", action="store_true", help="list the examples and exit")
    args = parser.parse_args(argv)
    files = [p.resolve() for p in args.files] or doc_files()
    found = all_blocks(files)
    if args.list:
        for b in found:
            state = f"not run: {b.skipped}" if b.skipped else f"data={b.options.get('data', 'record')}"
            print(f"{b.where}  {len(b.commands)} command(s)  {state}")
        return 0
    prepare(found)
    outcomes = [check_block(b) for b in found]
    failed = [f for o in outcomes for f in o.failures]
    pycon = [s for f in files for s in sessions(f)]
    pycon_failed = [r for r in map(check_session, pycon) if r]
    ran = sum(len(o.block.commands) for o in outcomes if o.outputs is not None)
    skipped = sum(1 for o in outcomes if o.outputs is None)
    if args.update:
        changed = [p for p in files if update_file(p, [o for o in outcomes if o.block.path == p])]
        for p in changed:
            print(f"updated {p.relative_to(REPO)}")
        print(f"{ran} commands in {len(found)} blocks run; {len(failed)} outputs refreshed; {skipped} blocks not run")
        for f in pycon_failed:
            print(f, end="\n\n", file=sys.stderr)
        return 1 if pycon_failed else 0
    for f in failed + pycon_failed:
        print(f, end="\n\n", file=sys.stderr)
    print(f"{ran} commands in {len(found)} blocks run; {len(failed)} changed; {skipped} blocks not run; "
          f"{len(pycon)} Python sessions, {len(pycon_failed)} changed"
          + ("" if not failed else " (refresh: .venv/bin/python -m docs.examples --update)"))
    return 1 if failed or pycon_failed else 0


if __name__ == "__main__":
    sys.exit(main())
