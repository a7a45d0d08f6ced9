"""Field maps: what each field of an official fillable form means, one YAML file per revision.

A map is data (``documents/forms/<form>-<revision date>.yaml``): the meaning the papers use
(``case_number``, ``item1_11359`` …) → the PDF's own field name, its type and its rectangle.
The official form is filled through it, and the drawn duplicate places each value in the same
rectangle, so both paths print the same values in the same places (docs/forms.md).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent

#: "CR-400 [New July 1, 2017]", "CR-401 [Rev. January 1, 2024]" as printed in a form's footer
FOOTER_PATTERN = re.compile(
    r"\b(CR-40[0-3]|JV-744A?)\s*\[\s*((?:New|Rev\.)\s+[A-Z][a-z]+\.?\s+\d{1,2},\s+\d{4})\s*\]"
)

#: The forms the papers can use: the petition, its proof of service, the juvenile petition.
KNOWN_FORMS = ("CR-400", "CR-401", "JV-744")


@dataclass(frozen=True, slots=True)
class Field:
    meaning: str
    name: str  # the PDF's full field name
    type: str  # "text" | "check"
    rect: tuple[float, float, float, float]
    court_use: bool = False  # the clerk fills it in (hearing date, time, department)
    person_chooses: bool = False  # never filled in for the person (waivers, date signed)


@dataclass(frozen=True, slots=True)
class FieldMap:
    form: str
    revision: str  # "New July 1, 2017"
    footer: str  # "CR-400 [New July 1, 2017]"
    page_size: tuple[float, float]
    on_state: str
    fields: tuple[Field, ...]
    hidden: tuple[str, ...]  # full names of buttons and notes a filed copy does not print

    @property
    def key(self) -> str:
        return map_key(self.form, self.revision)

    def field(self, meaning: str) -> Field:
        for field in self.fields:
            if field.meaning == meaning:
                return field
        raise KeyError(meaning)


def revision_date(revision: str) -> str:
    """``"New July 1, 2017"`` → ``"2017-07-01"``; raises ValueError for anything else."""
    words = revision.replace("Rev.", "").replace("New", "").strip()
    return datetime.strptime(" ".join(words.split()), "%B %d, %Y").date().isoformat()


def map_key(form: str, revision: str) -> str:
    """``("CR-400", "New July 1, 2017")`` → ``"CR-400-2017-07-01"``: the file stem of its map."""
    return f"{form}-{revision_date(revision)}"


def _load(path: Path) -> FieldMap:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    prefix = data.get("prefix") or ""
    fields = tuple(
        Field(
            meaning=str(meaning),
            name=prefix + spec["name"],
            type=spec["type"],
            rect=tuple(float(v) for v in spec["rect"]),
            court_use=bool(spec.get("court_use")),
            person_chooses=bool(spec.get("person_chooses")),
        )
        for meaning, spec in data["fields"].items()
    )
    return FieldMap(
        form=data["form"],
        revision=data["revision"],
        footer=data["footer"],
        page_size=tuple(data["page_size"]),
        on_state=data.get("on_state") or "/Yes",
        fields=fields,
        hidden=tuple(prefix + name for name in data.get("hidden") or ()),
    )


@cache
def field_maps() -> dict[str, FieldMap]:
    """Every shipped map, by key (``"CR-400-2017-07-01"``)."""
    maps = {}
    for path in sorted(HERE.glob("*.yaml")):
        field_map = _load(path)
        if field_map.key != path.stem:
            raise ValueError(f"{path.name}: names {field_map.key}, not {path.stem}")
        maps[field_map.key] = field_map
    return maps


def field_map(form: str, revision: str) -> FieldMap | None:
    try:
        return field_maps().get(map_key(form, revision))
    except ValueError:
        return None
