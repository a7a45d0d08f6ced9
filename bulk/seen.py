"""The people a streaming run has finished with, kept in a few bytes each.

A streaming run must notice a person whose rows turn up again after another person's (see
:class:`bulk.group.StreamGrouper`). That needs every person
seen so far, which grows with the file; a Python ``set`` of identifier strings costs about
100 bytes a person, and scatters long-lived strings among the run's short-lived objects. This
table keeps a 64-bit hash of each identifier in one flat array instead: 8 bytes a slot, at
most half the slots used.
"""

from __future__ import annotations

from array import array

_MASK64 = (1 << 64) - 1


class SeenIds:
    """Answers "seen before?" for identifier strings (open addressing, linear probing).

    Two identifiers with the same 64-bit hash count as one. That can only make a grouped file
    look ungrouped, or a person look found again (decided at the end, bulk.late): the same
    outputs, more time.
    """

    def __init__(self, capacity: int = 1 << 16) -> None:
        if capacity < 2 or capacity & (capacity - 1):
            raise ValueError("capacity must be a power of two")
        self._slots = array("Q", bytes(8 * capacity))
        self._used = 0

    def __len__(self) -> int:
        return self._used

    def add(self, key: str) -> bool:
        """Add ``key``; return whether it was there already."""
        value = hash(key) & _MASK64 or 1  # 0 marks an empty slot
        slots = self._slots
        mask = len(slots) - 1
        i = value & mask
        while True:
            found = slots[i]
            if found == value:
                return True
            if found == 0:
                break
            i = (i + 1) & mask
        slots[i] = value
        self._used += 1
        if 2 * self._used > len(slots):
            self._grow()
        return False

    def _grow(self) -> None:
        old = self._slots
        slots = self._slots = array("Q", bytes(16 * len(old)))
        mask = len(slots) - 1
        for value in old:
            if value:
                i = value & mask
                while slots[i]:
                    i = (i + 1) & mask
                slots[i] = value
