"""Conditions over the facts a question leaves open: a small algebra of cubes, and partitions.

A question fixes some facts (the date, the model, often the place) and leaves others open (the
device, the employer, a membership...). Each open fact is a *variable* with a finite set of
*atoms*, its possible values as the rules tell them apart: the places the rules name and
"elsewhere", the employers they name and "another", ``work`` and ``personal``. A *cube* gives
each variable a set of atoms (``None``: any atom); a *condition* is a union of cubes. A
*partition* covers the space with disjoint cubes, each labelled.

Why cubes and not a decision-diagram library: the conditions regkg meets are products of a few
per-variable sets ("employer in {...} and device work"), the answers are printed as such rows,
and the browser matches them against its controls. ``bench/conditions.py`` compares this module
with ``dd`` (CUDD) on the same partitions; on the public record and at 100 times its size the cubes
were faster, and they import in no time (a cold ``regkg check`` counts every millisecond).

>>> s = Space([Variable("device", ("work", "personal")), Variable("place", ("IT", "US", "other"))])
>>> ban = s.cube(device={"work"})
>>> s.complement([ban])
[(frozenset({'personal'}), None)]
>>> s.rows({"deny": [ban], "permit": s.complement([ban])})
[({'device': frozenset({'work'})}, 'deny'), ({'device': frozenset({'personal'})}, 'permit')]
"""

from __future__ import annotations

import dataclasses
from typing import Callable, Hashable, Iterable, Sequence

__all__ = ["Variable", "Space", "Cube", "Partition", "meet", "minus"]

Cube = tuple  # one coordinate per variable of its space: a frozenset of atoms, or None (any atom)


@dataclasses.dataclass(frozen=True)
class Variable:
    """An open fact and its atoms, in a fixed order (the order rows list them in)."""

    name: str
    atoms: tuple[str, ...]

    @property
    def domain(self) -> frozenset[str]:
        return frozenset(self.atoms)


def meet(a: Cube, b: Cube) -> Cube | None:
    """The intersection of two cubes, ``None`` when empty.

    >>> meet((frozenset("ab"), None), (frozenset("bc"), frozenset("x")))
    (frozenset({'b'}), frozenset({'x'}))
    >>> meet((frozenset("a"),), (frozenset("b"),)) is None
    True
    """
    if a is b:
        return a
    out = []
    for x, y in zip(a, b):
        if x is None:
            out.append(y)
        elif y is None or x is y:
            out.append(x)
        else:
            z = x & y
            if not z:
                return None
            out.append(z)
    return tuple(out)


def minus(a: Cube, b: Cube, domains: Sequence[frozenset]) -> list[Cube]:
    """``a`` less ``b``, as disjoint cubes.

    >>> d = [frozenset("abc"), frozenset("xy")]
    >>> sorted([sorted(x) if x else None for x in c] for c in minus((None, None), (frozenset("a"), frozenset("x")), d))
    [[['a'], ['y']], [['b', 'c'], None]]
    """
    if meet(a, b) is None:
        return [a]
    out, inside = [], list(a)
    for i, (x, y) in enumerate(zip(a, b)):
        if y is None:
            continue
        have = domains[i] if x is None else x
        outside = have - y
        if outside:
            piece = list(inside)
            piece[i] = outside
            out.append(tuple(piece))
        inside[i] = have & y
    return out


class Space:
    """The open facts of one question (:class:`Variable`), and operations on cubes over them."""

    def __init__(self, variables: Iterable[Variable]):
        self.variables = tuple(variables)
        self.index = {v.name: i for i, v in enumerate(self.variables)}
        self.domains = [v.domain for v in self.variables]
        self.top: Cube = (None,) * len(self.variables)

    def __repr__(self) -> str:
        return f"Space({', '.join(f'{v.name}: {len(v.atoms)}' for v in self.variables)})"

    def cube(self, **sets) -> Cube:
        """The cube with ``variable=atoms`` for the variables named (any atom for the others); an
        empty set gives the empty cube's stand-in, ``None`` coordinates being "any"."""
        out = list(self.top)
        for name, atoms in sets.items():
            out[self.index[name]] = frozenset(atoms) & self.domains[self.index[name]]
        return tuple(out)

    # -- conditions: lists of cubes, maybe overlapping ---------------------------------------------
    def empty(self, c: Cube) -> bool:
        return any(x is not None and not x for x in c)

    def clean(self, cubes: Iterable[Cube]) -> list[Cube]:
        """Drop empty cubes; a coordinate that holds its whole domain becomes ``None``."""
        out = []
        for c in cubes:
            if self.empty(c):
                continue
            out.append(tuple(None if x is not None and x == self.domains[i] else x for i, x in enumerate(c)))
        return out

    def disjoint(self, cubes: Iterable[Cube]) -> list[Cube]:
        """The union of ``cubes`` as disjoint cubes."""
        out: list[Cube] = []
        for c in self.clean(cubes):
            pieces = [c]
            for d in out:
                pieces = [p for q in pieces for p in minus(q, d, self.domains)]
                if not pieces:
                    break
            out.extend(pieces)
        return out

    def complement(self, cubes: Iterable[Cube]) -> list[Cube]:
        """Everything outside the union of ``cubes``, as disjoint cubes."""
        rest = [self.top]
        for c in self.clean(cubes):
            rest = [p for q in rest for p in minus(q, c, self.domains)]
            if not rest:
                break
        return self.merge(rest)

    def conj(self, a: list[Cube], b: list[Cube]) -> list[Cube]:
        """The intersection of two conditions."""
        return [m for x in a for y in b if (m := meet(x, y)) is not None]

    def holds(self, cubes: list[Cube], point: dict[str, str]) -> bool:
        """Whether ``point`` (an atom for each variable it names; any atom for the others) lies in
        the union of ``cubes`` for every value of the variables it does not name."""
        c = self.cube(**{k: {v} for k, v in point.items() if k in self.index})
        return not self.empty(c) and not self.conj(self.complement(cubes), [c])

    def merge(self, cubes: list[Cube]) -> list[Cube]:
        """Disjoint cubes merged where they differ in one coordinate only (still disjoint): for each
        variable in turn, the cubes alike in every other coordinate become one, until none does.

        >>> s = Space([Variable("a", ("x", "y", "z")), Variable("b", ("u", "v"))])
        >>> [s.named(c) for c in s.merge([s.cube(a={"x"}, b={"u"}), s.cube(a={"y"}, b={"u"}), s.cube(a={"z"}, b={"u"})])]
        [{'b': frozenset({'u'})}]
        """
        cubes = self.clean(cubes)
        changed = True
        while changed and len(cubes) > 1:
            changed = False
            for i in range(len(self.variables)):
                buckets: dict[tuple, list[Cube]] = {}
                for c in cubes:
                    buckets.setdefault((c[:i], c[i + 1:], c[i] is None), []).append(c)
                if len(buckets) == len(cubes):
                    continue  # no two cubes alike but for this variable: nothing to merge on it
                merged: list[Cube] = []
                for (head, tail, anything), group in buckets.items():
                    if len(group) > 1 and not anything:
                        union = frozenset().union(*(g[i] for g in group))
                        merged.append(head + (None if union == self.domains[i] else union,) + tail)
                        changed = True
                    else:
                        merged.extend(group)
                cubes = merged
        return cubes

    # -- covers: few, broad rows --------------------------------------------------------------------
    def cover(self, inside: list[Cube], outside: list[Cube]) -> list[Cube]:
        """A short list of cubes whose union is exactly the union of ``inside``, given that the
        space is ``inside`` and ``outside`` (disjoint): each cube grown as far as it stays clear
        of ``outside`` (a fact dropped when no value of it leads outside, else values added one by
        one), then those the others cover dropped. Rows of one answer may overlap; rows of two
        answers never do.

        >>> s = Space([Variable("place", ("IT", "KR", "other")), Variable("employer", ("iowa", "other"))])
        >>> deny = [s.cube(place={"IT"}), s.cube(place={"KR", "other"}, employer={"iowa"})]
        >>> [s.named(c) for c in s.cover(deny, s.complement(deny))]
        [{'employer': frozenset({'iowa'})}, {'place': frozenset({'IT'})}]
        """
        outside = self.clean(outside)
        grown: list[Cube] = []
        for c in self.clean(inside):
            if any(meet(c, g) == c for g in grown):
                continue
            grown.append(self._grow(c, outside))
        grown = list(dict.fromkeys(grown))
        grown.sort(key=lambda c: (-self._size(c), self._order(c)))
        kept: list[Cube] = []
        for i, c in enumerate(grown):
            others = kept + grown[i + 1:]
            rest = [c]
            for o in others:
                rest = [p for q in rest for p in minus(q, o, self.domains)]
                if not rest:
                    break
            if rest:
                kept.append(c)
        return sorted(kept, key=lambda c: (sum(x is not None for x in c), self._order(c)))

    def _clear(self, c: Cube, outside: list[Cube]) -> bool:
        return all(meet(c, o) is None for o in outside)

    def _grow(self, c: Cube, outside: list[Cube]) -> Cube:
        c = list(c)
        order = sorted(range(len(c)), key=lambda i: -len(self.domains[i]))  # drop the widest facts first
        for i in order:
            if c[i] is None:
                continue
            trial = list(c)
            trial[i] = None
            if self._clear(tuple(trial), outside):
                c = trial
                continue
            for atom in self.variables[i].atoms:
                if atom in c[i]:
                    continue
                trial = list(c)
                trial[i] = c[i] | {atom}
                if self._clear(tuple(trial), outside):
                    c = trial
        return tuple(None if x is not None and x == self.domains[i] else x for i, x in enumerate(c))

    def _order(self, c: Cube) -> tuple:
        """A sort key for ``c`` that is the same in every process (a set's repr follows its hashes,
        which change from one process to the next): its facts by name, each with its atoms in the
        variable's order."""
        return tuple((v.name, tuple(a for a in v.atoms if a in x)) for v, x in zip(self.variables, c)
                     if x is not None)

    def _size(self, c: Cube) -> int:
        n = 1
        for i, x in enumerate(c):
            n *= len(self.domains[i]) if x is None else len(x)
        return n

    # -- rows -----------------------------------------------------------------------------------------
    def named(self, c: Cube) -> dict[str, frozenset]:
        """A cube as ``{variable: atoms}`` for its constrained variables, in the space's order."""
        return {v.name: x for v, x in zip(self.variables, c) if x is not None}

    def rows(self, regions: dict[Hashable, list[Cube]]) -> list[tuple[dict[str, frozenset], Hashable]]:
        """Each labelled region as merged disjoint cubes: ``[(facts, label), ...]``, the regions'
        order kept, and within one the cubes with the fewest facts first."""
        out = []
        for label, cubes in regions.items():
            merged = self.merge(self.disjoint(cubes))
            for c in sorted(merged, key=lambda c: (sum(x is not None for x in c), self._order(c))):
                out.append((self.named(c), label))
        return out


@dataclasses.dataclass
class Partition:
    """Disjoint cubes covering a space, each with a label (:meth:`fold` refines it)."""

    space: Space
    cells: list[tuple[Cube, Hashable]]

    @classmethod
    def whole(cls, space: Space, label: Hashable) -> "Partition":
        return cls(space, [(space.top, label)])

    def fold(self, regions: list[tuple[Cube, Hashable]], combine: Callable[[Hashable, Hashable], Hashable]) -> None:
        """Refine by disjoint ``regions``: where a cell meets a region its label becomes
        ``combine(cell's, region's)``; elsewhere it stays. Cells with equal labels are merged."""
        out: list[tuple[Cube, Hashable]] = []
        domains = self.space.domains
        for cell, label in self.cells:
            rest = [cell]
            for region, other in regions:
                m = meet(cell, region)
                if m is None:
                    continue
                out.append((m, combine(label, other)))
                rest = [p for q in rest for p in minus(q, region, domains)]
            out.extend((r, label) for r in rest)
        self.cells = self._merged(out)

    def _merged(self, cells: list[tuple[Cube, Hashable]]) -> list[tuple[Cube, Hashable]]:
        by_label: dict[Hashable, list[Cube]] = {}
        for c, label in cells:
            if not self.space.empty(c):
                by_label.setdefault(label, []).append(c)
        return [(c, label) for label, cubes in by_label.items() for c in self.space.merge(cubes)]

    def regions(self) -> dict[Hashable, list[Cube]]:
        """The cells grouped by label."""
        out: dict[Hashable, list[Cube]] = {}
        for c, label in self.cells:
            out.setdefault(label, []).append(c)
        return out
