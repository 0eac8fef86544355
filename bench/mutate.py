"""Remove or invert each numbered rule of the time rule and the decision rule, and check a test fails.

    .venv/bin/python bench/mutate.py              # every mutation (about half an hour on 2 cores)
    .venv/bin/python bench/mutate.py S3 A5        # the mutations of some rules only

For each mutation below (a rule of ``graph/policy/state.py`` or ``graph/policy/access.py``, by its
number, and the code that carries it out, including :mod:`graph.policy.worlds`,
:mod:`graph.policy.applies`, :mod:`graph.policy.combine` and :mod:`graph.policy.constraints`),
the checkout's ``graph``, ``tests``, ``data`` and ``ontology`` are copied to a scratch directory, the
code is changed there, and the decision tests run against the copy (the property test with 300
examples). A mutation is *caught* when a test fails; it *survives* when every test passes, which
means the rule is not pinned. The run prints one line per mutation and the survivors at the end,
and exits 1 if any survived.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TESTS = ["tests/test_decision_rule.py", "tests/test_decide_property.py", "tests/test_access.py",
         "tests/test_scenarios.py", "tests/test_government_actions.py", "tests/test_inferences.py",
         "tests/test_cli_access.py", "tests/test_timeline.py", "tests/test_open_facts.py"]

# (rule, what the mutation does, file, the text, its replacement)
MUTATIONS = [
    ("S1", "an ending by a lower authority lifts a ban", "graph/policy/state.py",
     "ends[p] = [e for e in ends[p] if not _outranked(authority_of(G, actors.get(e)), assigner)]",
     "ends[p] = ends[p]"),
    ("S1", "events that end a policy are ignored", "graph/policy/state.py",
     "index.ends[p] = tuple(_event_trigger(G, e, windows) for e in ends.get(p, ()))", "index.ends[p] = ()"),
    ("S2", "plans and forecasts change the state", "graph/policy/state.py",
     'OCCURRING = frozenset({"occurred", "reported", "announced"})',
     'OCCURRING = frozenset({"occurred", "reported", "announced", "planned", "forecast"})'),
    ("S3", "the last day of a window counts as happened", "graph/policy/state.py",
     "if self.latest is not None and self.latest < on:", "if self.latest is not None and self.latest <= on:"),
    ("S3", "an event's earliest date is ignored", "graph/policy/state.py",
     "if self.earliest is not None and on < self.earliest:", "if False:"),
    ("S4", "the recorded order (rkg:after) is ignored", "graph/policy/state.py",
     "order_edges.append((v, u))", "pass"),
    ("S4", "the order does not narrow windows backwards", "graph/policy/state.py",
     "        windows[a] = dataclasses.replace(windows[a], latest=min(highs) if highs else None)", "        pass"),
    ("S4", "plans narrow the windows of facts", "graph/policy/state.py",
     "    occurring = [e for e in events if _occurring(G, e)]", "    occurring = list(events)"),
    ("S4", "an ending need not follow an enactment", "graph/policy/state.py",
     '    """Rule 4: an ending follows one of the policy\'s enactments. True when an edge was added."""\n',
     '    """Rule 4: an ending follows one of the policy\'s enactments. True when an edge was added."""\n'
     "    return False\n"),
    ("S4", "enactments and endings of unknown order are accepted", "graph/policy/state.py",
     '    a known order."""\n', '    a known order."""\n    return\n'),
    ("S4", "disjoint windows do not order events", "graph/policy/state.py",
     "        if wa.latest is not None and wb.earliest is not None and wa.latest < wb.earliest:\n            return True",
     "        pass"),
    ("S5", "the first trigger, not the last, decides the state", "graph/policy/state.py",
     "last = [t for t in done if not any(before(t.node, o.node) for o in done)]",
     "last = [t for t in done if not any(before(o.node, t.node) for o in done)]"),
    ("S5", "an ending does not end the enactment after it is re-enacted", "graph/policy/state.py",
     "    start = next((t for t in last if t.node in enacting), None)",
     "    start = next((t for t in done if t.node in enacting), None)\n    last = done"),
    ("S6", "a policy stated by its source is never in force", "graph/policy/state.py",
     "or _source_triggers(G, p)", "or ()"),
    # graph/policy/access.py, rule 1 (candidates)
    ("A1", "an action's includedIn is ignored", "graph/policy/access.py",
     'return frozenset(ancestors(action.split(":", 1)[1]))', 'return frozenset({action.split(":", 1)[1]})'),
    ("A1", "rules on an asset collection are ignored", "graph/policy/access.py",
     "    wholes = closure_of(parties, [model])", "    wholes = frozenset({model})"),
    ("A1", "an offer to use grants the right to distribute", "graph/policy/access.py",
     "        return not (_third_party(name) and not _third_party(own))", "        return True"),
    # rule 2 (applicable, as a condition: graph/policy/applies.py)
    ("A2", "a ban on a service bans the model through every channel", "graph/policy/applies.py",
     "        if found and r.via_service is not None:", "        if False:"),
    ("A2", "constraints are ignored", "graph/policy/applies.py",
     "            found = self.space.conj(found, self.constraint(c))", "            pass"),
    ("A2", "'or' is read as 'and'", "graph/policy/applies.py",
     "                found = [c for p in parts for c in p]",
     "                found = parts[0]\n                for p in parts[1:]:\n                    found = self.space.conj(found, p)"),
    ("A2", "isAllOf is read as isAnyOf", "graph/policy/constraints.py",
     "        return all(_among(r, lefts) for r in rights)", "        return any(_among(r, lefts) for r in rights)"),
    ("A2", "refinements of an audience are ignored", "graph/policy/applies.py",
     "                        candidate = self.space.conj(candidate, self.constraint(c))", "                        pass"),
    ("A2", "an authority binds beyond its jurisdiction", "graph/policy/applies.py",
     "        if found and r.territory is not None:", "        if False:"),
    ("A2", "a rule for everyone with no place binds nowhere but its authority's staff", "graph/policy/access.py",
     '    if any("odrl:spatial" in scope.reads.get(c, ()) for c in constraints):',
     '    if True:'),
    ("A2", "a government body with no territory said binds everywhere", "graph/policy/applies.py",
     'if relation == "rkg:country" and G.nodes[u].get("kind") == "government" and u not in jurisdiction:',
     "if False:"),
    ("A2", "an authority's own audience is bound only within its territory", "graph/policy/applies.py",
     '    employment |= {u for u, _, r in G.edges(data="relation") if r == "rkg:definedBy"}', "    pass"),
    ("A2", "an unnamed membership is taken as settled", "graph/policy/applies.py",
     "            members.add(g)", "            pass"),
    ("A2", "a partial member list is taken as complete", "graph/policy/applies.py",
     "        if (info.unnamed or info.partial) and g not in ctx.known", "        if info.unnamed and g not in ctx.known"),
    ("A2", "the device and the purpose are never open", "graph/policy/applies.py",
     "        if named[fact] and ctx.fixed(fact) is None:", "        if False:"),
    ("A2", "a given employer is no employer", "graph/policy/applies.py",
     '            return [Iri(n) for e in self.employers for n in sorted(self.closure(e))]  # [] for none',
     "            return []"),
    # graph/policy/combine.py, rules 1-3 (who lifts whom, which act wins, combining)
    ("C1", "any authority lifts any other", "graph/policy/combine.py",
     '    return p.kind == "permission" and q.kind == "prohibition" and p.assigner is not None and p.assigner in q.answers_to',
     '    return p.kind == "permission" and q.kind == "prohibition"'),
    ("C1", "an authority does not lift the bans of the bodies below it", "graph/policy/access.py",
     "    found = _ancestors(out, assigner)", "    found = {assigner}"),
    ("C1", "a restriction made to comply is lifted by nobody else", "graph/policy/access.py",
     '    for act in out["rkg:compliesWith"].get(policy, []):', '    for act in ():'),
    ("C2", "an exemption in the same act loses to the ban", "graph/policy/combine.py",
     "    return lifts(p, q) and (p_start == q_start or before(q_start, p_start))",
     "    return lifts(p, q) and before(q_start, p_start)"),
    ("C2", "a permission overrides whatever the order", "graph/policy/combine.py",
     "    return lifts(p, q) and (p_start == q_start or before(q_start, p_start))", "    return lifts(p, q)"),
    ("C2", "a later prohibition is overridden by an earlier permission (order of starts)", "graph/policy/worlds.py",
     "            if any(order.before(x, y) for y in remaining if y != x):", "            if False:"),
    ("C2", "the same act's exemption is not weighed when worlds are searched", "graph/policy/worlds.py",
     '            here = [p for p in at[x] if p.kind == "permission"]  # the same act: lex specialis', "            here = []"),
    ("C3", "a permission in force without a prohibition gives not_applicable", "graph/policy/worlds.py",
     "        result.decisions.add(PERMIT)", "        result.decisions.add(NOT_APPLICABLE)"),
    ("C3", "deny does not override permit", "graph/policy/worlds.py",
     "    if _deny_possible(result, options, by_policy, order):\n        result.decisions.add(DENY)",
     "    if _deny_possible(result, options, by_policy, order) and not any(r.kind == 'permission' for r in rules):\n"
     "        result.decisions.add(DENY)"),
    # graph/policy/access.py, rules 4-7
    ("A4", "clusters combine permit over deny", "graph/policy/access.py",
     "    return frozenset(max(x, y, key=_RANK.__getitem__) for x in a for y in b)",
     "    return frozenset(min(x, y, key=_RANK.__getitem__) for x in a for y in b)"),
    ("A4", "a permission and the ban it lifts are weighed apart", "graph/policy/access.py",
     "            if lifts(p, q):", "            if False:"),
    ("A5", "worlds that disagree give a guess, not indeterminate", "graph/policy/access.py",
     "        value = next(iter(values)) if len(values) == 1 else INDETERMINATE", "        value = sorted(values)[0]"),
    ("A5", "a missing fact can produce a permit", "graph/policy/access.py",
     "    value = values.pop() if len(values) == 1 else INDETERMINATE",
     "    value = PERMIT if PERMIT in values else (values.pop() if len(values) == 1 else INDETERMINATE)"),
    ("A5", "uncertain events are not named", "graph/policy/worlds.py",
     "    free = sorted(t for t in triggers if not base.before(t, NOW) and not base.before(NOW, t))",
     "    free = []"),
    ("A5", "acts of unknown order are not named", "graph/policy/worlds.py",
     "    pairs = list(_start_pairs(index, rules, policies, base))", "    pairs = []"),
    ("A6", "plans and forecasts are not caveats", "graph/policy/access.py",
     "    for e in access_index(G).plans.get(model, ()):", "    for e in ():"),
    ("A7", "--strict answers with inferences", "graph/policy/access.py", "    if strict:", "    if False:"),
    ("A7", "evidence does not say what is inferred", "graph/policy/access.py",
     "    inferred = r.inferred or t.inferred or through", "    inferred = None"),
]


def scratch() -> Path:
    root = Path(tempfile.mkdtemp(prefix="regkg-mutant-"))
    for part in ("graph", "tests", "data", "ontology"):
        shutil.copytree(REPO / part, root / part, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("conftest.py", "pyproject.toml"):
        shutil.copy(REPO / name, root / name)
    return root


def run(rule: str, what: str, path: str, old: str, new: str) -> tuple[bool, str]:
    root = scratch()
    try:
        target = root / path
        text = target.read_text()
        if text.count(old) != 1:
            return False, f"the text to mutate is not in {path} exactly once: the mutation is out of date"
        target.write_text(text.replace(old, new))
        env = {**os.environ, "REGKG_HOME": str(root / "home"), "REGKG_PROPERTY_EXAMPLES": "300",
               "PYTHONDONTWRITEBYTECODE": "1"}
        shared = REPO.parent / "shared"
        for var, file in (("REGKG_SOURCE_FACTS", "SOURCE-FACTS.md"), ("REGKG_ODRL_SUITE", "odrl-test-suite")):
            if not env.get(var) and Path("/work/shared", file).exists() and not (shared / file).exists():
                env[var] = str(Path("/work/shared", file))
        done = subprocess.run([sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", *TESTS],
                              cwd=root, env=env, capture_output=True, text=True)
        failed = [line for line in done.stdout.splitlines() if line.startswith("FAILED")]
        return done.returncode != 0, failed[0] if failed else done.stdout.strip().splitlines()[-1]
    finally:
        shutil.rmtree(root, ignore_errors=True)


def main(argv: list[str]) -> int:
    chosen = [m for m in MUTATIONS if not argv or m[0] in argv]
    survivors = []
    for rule, what, path, old, new in chosen:
        started = time.perf_counter()
        caught, why = run(rule, what, path, old, new)
        verdict = "caught" if caught else "SURVIVED"
        print(f"{rule:<3} {verdict:<8} {what} ({time.perf_counter() - started:.0f} s): {why}", flush=True)
        if not caught:
            survivors.append((rule, what))
    print(f"\n{len(chosen) - len(survivors)} of {len(chosen)} mutations caught")
    for rule, what in survivors:
        print(f"  survived: {rule} {what}")
    return 1 if survivors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
