"""Reasons: a message id, its parameters and the provisions it cites.

Each module that gives reasons declares the citations of its own rule ids with ``cites({...})``
(a section module cites its section, a step module the provisions it applies); the wording of
every reason is in ``rules/messages.py``. ``tests/rules/test_law_data.py`` checks that every
message has citations that resolve and that a legal case produces it.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from . import lawdata as law
from .messages import MESSAGES
from .model import Citation, Reason

#: rule id → provision ids of rules/law/provisions.yaml (filled in by each module on import)
RULE_CITES: dict[str, tuple[str, ...]] = {}


def cites(table: Mapping[str, tuple[str, ...]]) -> None:
    """Declare the citations of a module's rule ids."""
    for rule_id, ids in table.items():
        if rule_id in RULE_CITES and RULE_CITES[rule_id] != ids:
            raise ValueError(f"{rule_id} is declared twice with different citations")
        RULE_CITES[rule_id] = tuple(ids)


_CITE_CACHE: dict[tuple[str, ...], tuple[Citation, ...]] = {}
_NO_PARAMS: Mapping[str, object] = MappingProxyType({})
_PLAIN_REASONS: dict[tuple[str, tuple[str, ...] | None], Reason] = {}
#: reasons with parameters, built once per distinct set (a reason is immutable)
_REASONS: dict[tuple, Reason] = {}


def citations(ids: tuple[str, ...]) -> tuple[Citation, ...]:
    found = _CITE_CACHE.get(ids)
    if found is None:
        found = _CITE_CACHE[ids] = tuple(law.CITATIONS[i] for i in ids)
    return found


def reason(rule_id: str, cites: tuple[str, ...] | None = None, **params: object) -> Reason:
    """The reason ``rule_id``; ``cites`` names more precise provisions when it is given."""
    if not params:
        key = (rule_id, cites)
        found = _PLAIN_REASONS.get(key)
        if found is None:
            found = _PLAIN_REASONS[key] = Reason(
                rule_id, MESSAGES[rule_id], _NO_PARAMS, citations(cites or RULE_CITES[rule_id])
            )
        return found
    key = (rule_id, cites, *params.items())
    found = _REASONS.get(key)
    if found is None:
        if len(_REASONS) > 100_000:
            _REASONS.clear()
        found = _REASONS[key] = Reason(rule_id, MESSAGES[rule_id], MappingProxyType(params), citations(cites or RULE_CITES[rule_id]))
    return found


def sourced(rule_id: str, source: Citation, **params: object) -> Reason:
    """A reason that cites a source outside the statutes (a county program's announcement)."""
    return Reason(rule_id, MESSAGES[rule_id], MappingProxyType(params) if params else _NO_PARAMS, (source,))
