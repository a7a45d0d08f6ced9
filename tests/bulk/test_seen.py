"""The table of people a streaming run has finished with."""

from __future__ import annotations

import random

import pytest

from bulk.seen import SeenIds


def test_it_answers_seen_before_for_each_identifier_as_it_grows():
    rng = random.Random(11)
    ids = [str(rng.randrange(10**12)) for _ in range(5000)]
    ids = list(dict.fromkeys(ids))
    seen = SeenIds(capacity=4)
    assert [seen.add(i) for i in ids] == [False] * len(ids)
    assert len(seen) == len(ids)
    assert [seen.add(i) for i in ids] == [True] * len(ids)
    assert not seen.add("not one of them")
    assert len(seen) == len(ids) + 1


def test_the_capacity_is_a_power_of_two():
    with pytest.raises(ValueError):
        SeenIds(capacity=6)
