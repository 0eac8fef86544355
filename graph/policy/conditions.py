"""Conditions over the facts a question leaves open: a small algebra of cubes, and partitions.

A question fixes some facts (the date, the model, often the place) and leaves others open (the
device, the employer, a membership...). Each open fact is a *variable* with a finite set of
*atoms*, its possible values as the rules tell them apart: the places the rules name and
"elsewhere", the employers they name and "another", ``work`` and ``personal``. A *cube* gives
each variable a set of atoms (all of them: any atom); a *condition* is a union of cubes. A
*partition* covers the space with disjoint cubes, each labelled.

A cube is one integer: each variable a field of bits, one per atom, and a guard bit above it that
a cube keeps clear. The intersection of two cubes is their bitwise AND, and it is empty when some
field is zero, which one addition tells: adding the all-atoms cube carries into every guard bit
exactly when no field is zero. A profile of a page of the whole record spent a third of its time
in the intersection of cubes kept as tuples of sets (26 million of them). A cube means something
only with its :class:`Space` (:meth:`Space.named` and :meth:`Space.coords` read it back).

Why cubes and not a decision-diagram library: the conditions regkg meets are products of a few
per-variable sets ("employer in {...} and device work"), the answers are printed as such rows,
and the browser matches them against its controls. ``bench/conditions.py`` compares this module
with ``dd`` (CUDD) on the same partitions; on the public record and at 100 times its size the cubes
were faster, and they import in no time (a cold ``regkg check`` counts every millisecond).

>>> s = Space([Variable("device", ("work", "personal")), Variable("place", ("IT", "US", "other"))])
>>> ban = s.cube(device={"work"})
>>> [s.named(c) for c in s.complement([ban])]
[{'device': frozenset({'personal'})}]
>>> s.rows({"deny": [ban], "permit": s.complement([ban])})
[({'device': frozenset({'work'})}, 'deny'), ({'device': frozenset({'personal'})}, 'permit')]
"""

from __future__ import annotations

import dataclasses
from typing import Callable, Hashable, Iterable

__all__ = ["Variable", "Space", "Cube", "Partition"]

Cube = int  # one field of bits per variable of its space (see the module docstring)


@dataclasses.dataclass(frozen=True)
class Variable:
    """An open fact and its atoms, in a fixed order (the order rows list them in)."""

    name: str
    atoms: tuple[str, ...]

    @property
    def domain(self) -> frozenset[str]:
        return frozenset(self.atoms)


class Space:
    """The open facts of one question (:class:`Variable`), and operations on cubes over them.

    >>> s = Space([Variable("a", ("x", "y", "z")), Variable("b", ("u", "v"))])
    >>> c = s.meet(s.cube(a={"x", "y"}), s.cube(a={"y", "z"}, b={"u"}))
    >>> s.named(c), s.coords(c), s.meet(s.cube(a={"x"}), s.cube(a={"y"}))
    ({'a': frozenset({'y'}), 'b': frozenset({'u'})}, (frozenset({'y'}), frozenset({'u'})), None)
    >>> [s.named(p) == want for p, want in zip(s.minus(s.top, s.cube(a={"x"}, b={"u"})),
    ...                                          [{"a": {"y", "z"}}, {"a": {"x"}, "b": {"v"}}])]
    [True, True]
    """

    def __init__(self, variables: Iterable[Variable]):
        self.variables = tuple(variables)
        self.index = {v.name: i for i, v in enumerate(self.variables)}
        self.domains = [v.domain for v in self.variables]
        self.bits: list[dict[str, int]] = []  # per variable: atom -> its bit
        self.fields: list[int] = []  # per variable: the mask of its atoms' bits
        offset, guards = 0, 0
        for v in self.variables:
            self.bits.append({a: 1 << (offset + j) for j, a in enumerate(v.atoms)})
            self.fields.append(((1 << len(v.atoms)) - 1) << offset)
            guards |= 1 << (offset + len(v.atoms))
            offset += len(v.atoms) + 1
        self.top: Cube = sum(self.fields)
        self._guards = guards
        self._keys: list[dict] = [{} for _ in self.variables]  # per variable: a field's value -> its sort key

    def __repr__(self) -> str:
        return f"Space({', '.join(f'{v.name}: {len(v.atoms)}' for v in self.variables)})"

    def cube(self, **sets) -> Cube:
        """The cube with ``variable=atoms`` for the variables named (any atom for the others); atoms
        outside a variable's domain are left out, so an empty set gives an empty cube."""
        c = self.top
        for name, atoms in sets.items():
            i = self.index[name]
            bits = self.bits[i]
            c = (c & ~self.fields[i]) | sum(bits[a] for a in set(atoms) if a in bits)
        return c

    def coords(self, c: Cube) -> tuple:
        """``c`` as one coordinate per variable: a frozenset of atoms, or ``None`` for any atom."""
        return tuple(None if c & f == f else frozenset(a for a, b in bits.items() if c & b)
                     for f, bits in zip(self.fields, self.bits))

    def encode(self, coords: Iterable) -> Cube:
        """The cube of :meth:`coords`' form (``None``: any atom)."""
        return self.cube(**{v.name: x for v, x in zip(self.variables, coords) if x is not None})

    def fixes(self, c: Cube, i: int) -> bool:
        """Whether ``c`` leaves out some atom of variable ``i``."""
        return c & self.fields[i] != self.fields[i]

    # -- one cube -------------------------------------------------------------------------------------
    def empty(self, c: Cube) -> bool:
        return (c + self.top) & self._guards != self._guards

    def meet(self, a: Cube, b: Cube) -> Cube | None:
        """The intersection of two cubes, ``None`` when empty."""
        m = a & b
        return m if (m + self.top) & self._guards == self._guards else None

    def minus(self, a: Cube, b: Cube) -> list[Cube]:
        """``a`` less ``b``, as disjoint cubes."""
        if self.meet(a, b) is None:
            return [a]
        out, inside = [], a
        for f in self.fields:
            y = b & f
            if y == f:
                continue
            have = a & f
            outside = have & ~y
            if outside:
                out.append((inside & ~f) | outside)
            inside = (inside & ~f) | (have & y)
        return out

    # -- conditions: lists of cubes, maybe overlapping ---------------------------------------------
    def clean(self, cubes: Iterable[Cube]) -> list[Cube]:
        """Drop empty cubes."""
        top, guards = self.top, self._guards
        return [c for c in cubes if (c + top) & guards == guards]

    def disjoint(self, cubes: Iterable[Cube]) -> list[Cube]:
        """The union of ``cubes`` as disjoint cubes."""
        out: list[Cube] = []
        for c in self.clean(cubes):
            pieces = [c]
            for d in out:
                pieces = [p for q in pieces for p in self.minus(q, d)]
                if not pieces:
                    break
            out.extend(pieces)
        return out

    def complement(self, cubes: Iterable[Cube]) -> list[Cube]:
        """Everything outside the union of ``cubes``, as disjoint cubes."""
        rest = [self.top]
        for c in self.clean(cubes):
            rest = [p for q in rest for p in self.minus(q, c)]
            if not rest:
                break
        return self.merge(rest)

    def conj(self, a: list[Cube], b: list[Cube]) -> list[Cube]:
        """The intersection of two conditions."""
        top, guards = self.top, self._guards
        return [m for x in a for y in b if ((m := x & y) + top) & guards == guards]

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
            lacking = 0  # the atoms some cube leaves out: a variable none constrains merges nothing
            for c in cubes:
                lacking |= ~c
            for f in self.fields:
                if not lacking & f:
                    continue
                # Alike but for this variable: the same bits outside its field. A cube with every
                # atom of it gets a key of its own kind (negative), as it has nothing to add.
                nf = ~f
                buckets: dict[int, list[Cube]] = {}
                for c in cubes:
                    rest = c & nf
                    buckets.setdefault(rest if c & f != f else ~rest, []).append(c)
                if len(buckets) == len(cubes):
                    continue  # no two cubes alike but for this variable: nothing to merge on it
                merged: list[Cube] = []
                for key, group in buckets.items():
                    if len(group) > 1 and key >= 0:
                        union = 0
                        for g in group:
                            union |= g
                        merged.append(union)  # (their bits outside the field are the same)
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
            if any(c & g == c for g in grown):
                continue
            grown.append(self._grow(c, outside))
        grown = list(dict.fromkeys(grown))
        grown.sort(key=lambda c: (-self._size(c), self._order(c)))
        kept: list[Cube] = []
        for i, c in enumerate(grown):
            others = kept + grown[i + 1:]
            rest = [c]
            for o in others:
                rest = [p for q in rest for p in self.minus(q, o)]
                if not rest:
                    break
            if rest:
                kept.append(c)
        return sorted(kept, key=lambda c: (self._constrained(c), self._order(c)))

    def _clear(self, c: Cube, outside: list[Cube]) -> bool:
        top, guards = self.top, self._guards
        return all(((c & o) + top) & guards != guards for o in outside)

    def _grow(self, c: Cube, outside: list[Cube]) -> Cube:
        order = sorted(range(len(self.fields)), key=lambda i: -len(self.domains[i]))  # the widest facts first
        for i in order:
            f = self.fields[i]
            if c & f == f:
                continue
            if self._clear(c | f, outside):
                c |= f
                continue
            for bit in self.bits[i].values():
                if c & bit:
                    continue
                if self._clear(c | bit, outside):
                    c |= bit
        return c

    def _order(self, c: Cube) -> tuple:
        """A sort key for ``c`` that is the same in every process: its facts by name, each with its
        atoms in the variable's order."""
        return tuple((v.name, tuple(a for a, b in bits.items() if c & b))
                     for v, f, bits in zip(self.variables, self.fields, self.bits) if c & f != f)

    def _constrained(self, c: Cube) -> int:
        return sum(c & f != f for f in self.fields)

    def _size(self, c: Cube) -> int:
        n = 1
        for f in self.fields:
            n *= (c & f).bit_count()
        return n

    def sort_key(self, c: Cube) -> tuple:
        """A sort key for ``c`` by its atoms' names (any atom first), whatever order they came in."""
        out = []
        for f, keys, bits in zip(self.fields, self._keys, self.bits):
            x = c & f
            key = keys.get(x)
            if key is None:
                key = keys[x] = (0,) if x == f else (1, tuple(sorted(a for a, b in bits.items() if x & b)))
            out.append(key)
        return tuple(out)

    # -- rows -----------------------------------------------------------------------------------------
    def named(self, c: Cube) -> dict[str, frozenset]:
        """A cube as ``{variable: atoms}`` for its constrained variables, in the space's order."""
        return {v.name: frozenset(a for a, b in bits.items() if c & b)
                for v, f, bits in zip(self.variables, self.fields, self.bits) if c & f != f}

    def rows(self, regions: dict[Hashable, list[Cube]]) -> list[tuple[dict[str, frozenset], Hashable]]:
        """Each labelled region as merged disjoint cubes: ``[(facts, label), ...]``, the regions'
        order kept, and within one the cubes with the fewest facts first."""
        out = []
        for label, cubes in regions.items():
            merged = self.merge(self.disjoint(cubes))
            for c in sorted(merged, key=lambda c: (self._constrained(c), self._order(c))):
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
        space = self.space
        for cell, label in self.cells:
            rest = [cell]
            for region, other in regions:
                m = space.meet(cell, region)
                if m is None:
                    continue
                out.append((m, combine(label, other)))
                rest = [p for q in rest for p in space.minus(q, region)]
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
