"""The ODRL 2.2 action hierarchy as plain local names (``"read"``), without rdflib.

``odrl:includedIn`` of the ODRL 2.2 actions (Vocabulary & Expression, section 4), plus the
deprecated actions mapped to their replacement. The authoring format accepts these actions
(:data:`ACTION_NAMES`); :data:`graph.policy.odrl_operators.ACTION_PARENT` is this table in rdflib
terms; :mod:`graph.policy.access` uses it as is, so a fresh ``regkg check`` need not import rdflib.
"""

from __future__ import annotations

__all__ = ["INCLUDED_IN", "ACTION_NAMES", "ancestors"]

INCLUDED_IN: dict[str, str] = {
    **{name: "use" for name in (
        "acceptTracking", "aggregate", "annotate", "anonymize", "archive", "attribute",
        "compensate", "concurrentUse", "delete", "derive", "digitize", "distribute",
        "ensureExclusivity", "execute", "grantUse", "include", "index", "inform", "install",
        "modify", "move", "nextPolicy", "obtainConsent", "play", "present", "print", "read",
        "reproduce", "reviewPolicy", "stream", "synchronize", "textToSpeech", "transform",
        "translate", "uninstall", "watermark")},
    "display": "play", "extract": "reproduce",
    "give": "transfer", "sell": "transfer",
    "write": "modify", "append": "modify", "appendTo": "modify",
    "copy": "reproduce", "export": "transform", "license": "grantUse",
    "pay": "compensate", "lease": "use", "lend": "use",
    "extractChar": "extract", "extractPage": "extract",
    "extractWord": "extract", "secondaryUse": "use",
}

#: Every action the table knows, by name: the actions of ``--action`` and of the authoring format.
ACTION_NAMES: tuple[str, ...] = tuple(sorted({"use", "transfer", *INCLUDED_IN, *INCLUDED_IN.values()}))


def ancestors(name: str) -> set[str]:
    """``name`` and every action it is (transitively) included in, by :data:`INCLUDED_IN`.

    >>> "use" in ancestors("display"), "use" in ancestors("sell")
    (True, False)
    """
    seen = {name}
    while name in INCLUDED_IN and INCLUDED_IN[name] not in seen:
        name = INCLUDED_IN[name]
        seen.add(name)
    return seen
