"""The fast constructor of frozen Result types builds the very object the class would."""

from __future__ import annotations

import dataclasses
import pickle
from datetime import date

import pytest

from rules.model import CR400, Determination, Flag, NextStep, Outcome, PolicyRef, Result, positional
from rules.sections.base import Priors
from rules.steps.priors import Record


def _values(cls: type) -> tuple:
    samples = {
        Determination: (3, "HS 11359", "11359", "C1", Outcome.REDESIGNATE_MISDEMEANOR, Outcome.NOT_ELIGIBLE, None,
                        "HS 11361.8(e)", (Flag.PRESUMPTIVE,), (), (), CR400("f", ("11359",), "APPLICATION"),
                        ("CR-400", "CR-401"), None, 2),
        Result: (date(2026, 11, 27), "v", PolicyRef("statewide", "1"), "Yolo", NextStep.FILE_PETITION, (),
                 (NextStep.FILE_PETITION,)),
        Priors: ("PC 187", None, 2, ("PC 211",), None, "PC-667-e2Civ", ()),
    }
    return samples[cls]


@pytest.mark.parametrize("cls", [Determination, Result, Priors])
def test_positional_builds_an_equal_frozen_object(cls: type) -> None:
    values = _values(cls)
    built, plain = positional(cls)(*values), cls(*values)
    assert type(built) is cls
    assert built == plain and hash(built) == hash(plain) and repr(built) == repr(plain)
    assert pickle.loads(pickle.dumps(built)) == plain
    assert dataclasses.replace(built) == plain
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(built, dataclasses.fields(cls)[0].name, None)


def test_positional_takes_every_field_and_no_more() -> None:
    make = positional(Record)
    with pytest.raises(TypeError):
        make("too", "few")
    fields = [f.name for f in dataclasses.fields(Record)]
    with pytest.raises(TypeError):
        make(*range(len(fields) + 1))


def test_positional_refuses_a_class_it_cannot_build() -> None:
    @dataclasses.dataclass(frozen=True)  # no slots: a twin with slots has another layout
    class Loose:
        a: int

    with pytest.raises(TypeError):
        positional(Loose)(1)
