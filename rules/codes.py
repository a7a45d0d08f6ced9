"""Read a code section as records write it: ``HS 11357(A)``, ``11357(a) HS``, ``H&S 11359``,
``664/11359 HS``, ``PC 182(a)(1)/11360``, ``187-664 PC``, ``SEE COMMENT FOR CHARGE 11358 HS-…``,
and the DOJ research file's spellings (docs/doj-format.md, "Code spellings"): ``11357A HS``,
``11357B2 HS``, ``11360A2 HS``, ``11359HS``, ``11357C``, each usually followed by DOJ's short text
(``11359B HS-MARIJUANA POSSESS FOR SALE``).

Sections are compared exactly (``11357.5`` is not ``11357``; ``1187`` is not ``187``), never as
substrings. The wrappers PC 664 (attempt), PC 182 and PC 182.5 (conspiracy) and PC 32
(accessory) are recognised around a target section, and they compose (``664/182/11359`` keeps
both).

A record we cannot read with certainty is never read as "some other offense": a code that names
two offenses (``11366/11359``) is ``ambiguous``, and a code that mentions HS 11357–11360 but does
not parse as one of them is ``unreadable``. Both go to a person (docs/law.md, "Reading the
record").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .yamlfile import read_yaml

_LAW_ALIASES = (
    (re.compile(r"HEALTH\s*(?:AND|&)\s*SAFETY(?:\s*CODE)?|H\s*[&/]\s*S(?:C)?\b|\bH\s*AND\s*S\b|\bHSC\b|\bH\.S\.?"), " HS "),
    (re.compile(r"PENAL\s*CODE|\bP\.\s*C\.?"), " PC "),
    (re.compile(r"VEHICLE\s*CODE|\bV\.\s*C\.?"), " VC "),
    (re.compile(r"BUSINESS\s*(?:AND|&)\s*PROFESSIONS(?:\s*CODE)?|\bB\s*&\s*P\b"), " BP "),
    (re.compile(r"WELFARE\s*(?:AND|&)\s*INSTITUTIONS(?:\s*CODE)?|\bW\s*&\s*I\b|\bWIC\b"), " WI "),
)
_LABELS = ("HS", "PC", "VC", "BP", "WI", "MV", "FG", "GC", "CC")
_LAW_LABEL = re.compile(r"(?<![A-Z])(HS|PC|VC|BP|WI|MV|FG|GC|CC)(?![A-Z])")
# A section number stands alone: no digit (or "digit.") just before it, no digit or ".digit"
# just after it. ASCII digits only, so that the same rule holds for every reader of the text.
_NUMBER_START = r"(?<![0-9])(?<![0-9]\.)"
_NUMBER_END = r"(?![0-9])(?!\.[0-9])"
_SECTION = re.compile(
    _NUMBER_START + r"([0-9]{2,6}(?:\.[0-9]{1,2})?)" + _NUMBER_END
    + r"([A-Z0-9]*)((?:\s*\(\s*[A-Z0-9]{1,3}\s*\))*)"
)
_SUBSECTION = re.compile(r"\(\s*([A-Z0-9]{1,3})\s*\)")
# DOJ glues the subsection path to an HS section: "11357B2" is 11357(b)(2), "11360A3C" 11360(a)(3)(c).
_GLUED_PATH = re.compile(r"([A-Z])([0-9]{1,2})?([A-Z])?(?:HSC?)?")
# Words that belong to a code rather than to DOJ's description of it.
_CODE_WORDS = frozenset(
    {"SEE", "COMMENT", "FOR", "CHARGE", "CODE", "SEC", "SECTION", "SUBD", "SUBDIVISION", "AND",
     "ATTEMPT", "ATTEMPTED", "CONSPIRACY", "ACCESSORY", "COMMIT", "HSC", *_LABELS}
)
_WORD = re.compile(r"(?<![A-Z0-9])[A-Z]{3,}")


def _law_sections(name: str) -> frozenset[str]:
    """A section list of the law data (read directly: lawdata imports this module)."""
    data = read_yaml(Path(__file__).parent / "law" / "prop64.yaml")
    return frozenset(str(s) for s in data[name]["value"])


PROP64_SECTIONS = _law_sections("covered_sections")  # HS 11357–11360
#: sections a person must look at when a code names them beside another offense
CANNABIS_SECTIONS = PROP64_SECTIONS | _law_sections("predecessor_sections")
_MENTION = re.compile(
    _NUMBER_START + "(" + "|".join(sorted(PROP64_SECTIONS)) + ")" + _NUMBER_END
)
# "664.11357(c)", "66411357(c)", "664-11357(c)": a wrapper glued to a Prop 64 section.
_GLUED_WRAPPER = re.compile(
    r"(?<![0-9])(664|182)[.\-]?(?=(?:" + "|".join(sorted(PROP64_SECTIONS)) + r")(?![0-9]))"
)

#: sections that belong to the Health and Safety Code whatever label the record carries
HS_SECTIONS = frozenset(
    {"11357", "11358", "11359", "11360", "11361", "11362.1", "11379.6", "11364", "11366",
     "11530", "11530.5", "11531", "11532", "11540", "11550", "11350", "11377", "11378", "11352"}
)
WRAPPERS = {"664": "attempt", "182": "conspiracy", "182.5": "conspiracy", "32": "accessory"}


@dataclass(frozen=True, slots=True)
class Part:
    law: str | None
    section: str
    subsections: tuple[str, ...]

    @property
    def text(self) -> str:
        subs = "".join(f"({s})" for s in self.subsections)
        return f"{self.law + ' ' if self.law else ''}{self.section}{subs}"


@dataclass(frozen=True, slots=True)
class ParsedCode:
    raw: str
    target: Part | None  # the offense itself (for wrappers, the target offense)
    wrapper: str | None  # the outermost wrapper: "attempt" | "conspiracy" | "accessory" | None
    wrapper_part: Part | None
    parts: tuple[Part, ...]  # every section of the code itself, in order
    law: str | None = None
    section: str | None = None
    subsections: tuple[str, ...] = ()
    display: str = ""
    #: every wrapper, outermost first ("664/182/11359": attempt, conspiracy)
    wrappers: tuple[str, ...] = ()
    wrapper_parts: tuple[Part, ...] = ()
    #: the code names more than one offense ("11366/11359")
    ambiguous: bool = False
    #: one of the offenses named is HS 11357–11360 or a predecessor section
    names_cannabis: bool = False
    #: the code mentions HS 11357–11360 (or nothing at all) but could not be read as a section
    unreadable: bool = False
    #: HS 11357–11360 appears as a section number anywhere in the text, description included
    mentions_prop64: bool = False
    #: DOJ's short text after the code ("MARIJUANA POSSESS FOR SALE"), if any
    description: str = field(default="")
    #: no decision may rest on this reading: unreadable, or naming a cannabis offense beside
    #: another (``11366/11359``); two other offenses (``PC 245/PC 12022``) are not a Prop 64
    #: question either way
    needs_review: bool = False

    def subsection_startswith(self, prefixes: tuple[str, ...]) -> bool:
        """True when the target's subsection path begins with one of ``prefixes`` ("(d)(3)")."""
        path = "".join(f"({s})" for s in self.subsections)
        return any(path.startswith(p) for p in prefixes)



@dataclass(slots=True)
class _Found:
    part: Part
    start: int
    garbled: bool  # letters glued to an HS section that are not a subsection path


def _clean(raw: str) -> str:
    text = raw.upper()
    for pattern, replacement in _LAW_ALIASES:
        text = pattern.sub(replacement, text)
    return _GLUED_WRAPPER.sub(r"\1/", text)


def _description_start(text: str, after: int) -> int:
    """Where DOJ's description begins: the first word after the first section that is not
    part of a code (``HS-MARIJUANA …`` → ``MARIJUANA``). ``len(text)`` when there is none."""
    for word in _WORD.finditer(text, after):
        if word.group(0) not in _CODE_WORDS:
            return word.start()
    return len(text)


def _read_section(match: re.Match[str], text: str, default_law: str | None) -> _Found:
    number, suffix, subs = match.group(1), match.group(2), match.group(3) or ""
    subsections = tuple(s.lower() for s in _SUBSECTION.findall(subs))
    garbled = False
    glued_label = suffix if suffix in _LABELS or suffix == "HSC" else None
    law = _law_for(number, text, match.start(), match.end(), default_law, glued_label)
    section = number
    if suffix and not glued_label:
        if law == "HS" or number in HS_SECTIONS:
            path = _GLUED_PATH.fullmatch(suffix)
            if path:
                glued = tuple(g.lower() for g in path.groups() if g)
                subsections = glued + subsections
            else:
                garbled = True
        else:
            letters = re.match(r"[A-Z]{1,2}", suffix)
            if letters:  # a lettered section of another code: PC 288a, PC 653f, PC 273ab
                section = number + letters.group(0).lower()
    return _Found(Part(law, section, subsections), match.start(), garbled)


@lru_cache(maxsize=65536)
def parse_code(raw: str) -> ParsedCode:
    """Parse one recorded code string. Never raises: unreadable text gives ``target=None``."""
    text = _clean(raw)
    labels = _LAW_LABEL.findall(text)
    default_law = labels[-1] if labels else None
    found = [_read_section(m, text, default_law) for m in _SECTION.finditer(text)]
    described_from = _description_start(text, _end_of_first(text)) if found else len(text)
    code_found = [f for f in found if f.start < described_from]
    described = {f.part.section for f in found if f.start >= described_from}
    mentions = bool(_MENTION.search(text))

    wrapper_parts: list[Part] = []
    targets: list[Part] = []
    for f in code_found:
        part = f.part
        if part.section in WRAPPERS and part.law in (None, "PC") and not f.garbled:
            wrapper_parts.append(Part("PC", part.section, part.subsections))
        else:
            targets.append(part)
    offenses = _distinct(targets)
    target = _pick_target(offenses)
    ambiguous = len(offenses) > 1 or bool(
        target and (described & PROP64_SECTIONS) - {target.section}
    )
    # Every mention of HS 11357–11360 must be read as a section, in the code or its description.
    read_prop64 = any(p.section in PROP64_SECTIONS for p in offenses) or bool(described & PROP64_SECTIONS)
    garbled = any(f.garbled and f.part.section in CANNABIS_SECTIONS for f in code_found)
    unreadable = (mentions and not read_prop64) or garbled or (target is None and not wrapper_parts)
    description = " ".join(text[described_from:].strip(" -").split())
    cannabis = bool(described & PROP64_SECTIONS) or any(p.section in CANNABIS_SECTIONS for p in offenses)
    return _parsed(raw, target, tuple(wrapper_parts), tuple(p.part for p in code_found),
                   ambiguous=ambiguous, unreadable=unreadable, mentions=mentions,
                   description=description, cannabis=cannabis)


def _end_of_first(text: str) -> int:
    match = _SECTION.search(text)
    return match.end() if match else len(text)


def _distinct(targets: list[Part]) -> list[Part]:
    """The offenses a code names, with repeats of one section merged into the most specific
    reading (``11359 HS/11359(A) HS`` is one offense; ``11357(A)/11357(B)`` is two)."""
    out: list[Part] = []
    for part in targets:
        for i, seen in enumerate(out):
            if seen.law == part.law and seen.section == part.section:
                short, long_ = sorted((seen.subsections, part.subsections), key=len)
                if long_[: len(short)] == short:
                    out[i] = seen if len(seen.subsections) >= len(part.subsections) else part
                    break
        else:
            out.append(part)
    return out


def _pick_target(offenses: list[Part]) -> Part | None:
    for wanted in (PROP64_SECTIONS, CANNABIS_SECTIONS, HS_SECTIONS):
        for part in offenses:
            if part.section in wanted:
                return part
    return offenses[0] if offenses else None


def _parsed(raw: str, target: Part | None, wrapper_parts: tuple[Part, ...], parts: tuple[Part, ...],
            *, ambiguous: bool, unreadable: bool, mentions: bool, description: str,
            cannabis: bool) -> ParsedCode:
    wrapper_part = wrapper_parts[0] if wrapper_parts else None
    shown = [*(p.text for p in wrapper_parts), *((target.text,) if target else ())]
    display = "/".join(shown) if shown else " ".join(raw.split())
    return ParsedCode(
        raw, target, WRAPPERS[wrapper_part.section] if wrapper_part else None, wrapper_part, parts,
        law=target.law if target else None,
        section=target.section if target else None,
        subsections=target.subsections if target else (),
        display=display,
        wrappers=tuple(WRAPPERS[p.section] for p in wrapper_parts),
        wrapper_parts=wrapper_parts,
        ambiguous=ambiguous,
        names_cannabis=cannabis,
        unreadable=unreadable,
        mentions_prop64=mentions,
        description=description,
        needs_review=unreadable or (ambiguous and cannabis),
    )


def _law_for(section: str, text: str, start: int, end: int, default: str | None,
             glued_label: str | None = None) -> str | None:
    if section in HS_SECTIONS:
        return "HS"
    if glued_label:
        return "HS" if glued_label == "HSC" else glued_label
    # a label right after the number ("11357(a) HS", "187 PC") or right before it ("PC 187")
    after = _LAW_LABEL.match(text[end:].lstrip(" "))
    if after:
        return after.group(1)
    before = re.search(r"(HS|PC|VC|BP|WI|MV)\s*$", text[:start])
    if before:
        return before.group(1)
    if section in WRAPPERS:
        return "PC"
    return default
