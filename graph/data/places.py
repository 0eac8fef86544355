"""Places: ISO 3166-1 countries and ISO 3166-2 subdivisions, checked against pycountry's tables.

A place in the authoring format (``spatial`` and ``nationality`` constraints, an organisation's
``jurisdiction`` and ``country``, an event's ``jurisdiction``, a statement's ``place``) is an ISO
code: ``IT``, ``US-TX``, ``AU-QLD``. A name (``Italy``) or a code that does not exist (``XX``,
``US-ZZ``) would make a rule never apply, so the answer would silently become ``permit``: it is
refused where it is written. pycountry carries the ISO tables (with their names, for labels), so
regkg keeps no list of its own.
"""

from __future__ import annotations

import functools
import re

__all__ = ["check_place", "place_name", "is_place"]

_SHAPE = re.compile(r"^[A-Z]{2}(-[A-Z0-9]{1,3})?$")


@functools.lru_cache(maxsize=None)
def _countries() -> frozenset[str]:
    import pycountry

    return frozenset(c.alpha_2 for c in pycountry.countries)


@functools.lru_cache(maxsize=None)
def _subdivisions() -> frozenset[str]:
    import pycountry

    return frozenset(s.code for s in pycountry.subdivisions)


def is_place(code: str, country_only: bool = False) -> bool:
    """Whether ``code`` is an ISO 3166-1 alpha-2 code (or, unless ``country_only``, an ISO 3166-2 code).

    >>> is_place("IT"), is_place("US-TX"), is_place("Italy"), is_place("XX"), is_place("US-TX", country_only=True)
    (True, True, False, False, False)
    """
    if not _SHAPE.match(code):
        return False
    if "-" in code:
        return not country_only and code in _subdivisions()
    return code in _countries()


def check_place(code: str, country_only: bool = False) -> str:
    """``code`` when it is an ISO 3166 place; else ValueError saying what was expected.

    >>> check_place("Italy")
    Traceback (most recent call last):
    ...
    ValueError: 'Italy' is not an ISO 3166 code (expected a country code such as IT, or a subdivision such as US-TX)
    """
    if is_place(code, country_only):
        return code
    expected = "a country code such as IT" + ("" if country_only else ", or a subdivision such as US-TX")
    raise ValueError(f"{code!r} is not an ISO 3166 code (expected {expected})")


@functools.lru_cache(maxsize=None)
def place_name(code: str) -> str | None:
    """The ISO name of a place (``Texas``), or None for a code pycountry does not know.

    >>> place_name("US-TX"), place_name("KR")
    ('Texas', 'Korea, Republic of')
    """
    import pycountry

    found = pycountry.subdivisions.get(code=code) if "-" in code else pycountry.countries.get(alpha_2=code)
    return found.name if found is not None else None
