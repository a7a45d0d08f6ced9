"""One module per Prop 64 section, old and new law side by side (``decode`` and ``classify``)."""

from __future__ import annotations

from types import ModuleType

from . import hs11357, hs11358, hs11359, hs11360

#: section number → its module
BY_SECTION: dict[str, ModuleType] = {m.SECTION: m for m in (hs11357, hs11358, hs11359, hs11360)}
