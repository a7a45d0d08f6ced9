"""Read a code section as records write it: ``HS 11357(A)``, ``11357(a) HS``, ``H&S 11359``,
``664/11359 HS``, ``PC 182(a)(1)/11360``, ``187-664 PC``, ``SEE COMMENT FOR CHARGE 11358 HS-…``.

Sections are compared exactly (``11357.5`` is not ``11357``; ``1187`` is not ``187``), never as
substrings. The wrappers PC 664 (attempt), PC 182 (conspiracy) and PC 32 (accessory) are
recognised around a target section.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

_LAW_ALIASES = (
    (re.compile(r"HEALTH\s*(?:AND|&)\s*SAFETY(?:\s*CODE)?|H\s*[&/]\s*S(?:C)?\b|\bH\s*AND\s*S\b|\bHSC\b|\bH\.S\.?"), " HS "),
    (re.compile(r"PENAL\s*CODE|\bP\.\s*C\.?"), " PC "),
    (re.compile(r"VEHICLE\s*CODE|\bV\.\s*C\.?"), " VC "),
    (re.compile(r"BUSINESS\s*(?:AND|&)\s*PROFESSIONS(?:\s*CODE)?|\bB\s*&\s*P\b"), " BP "),
    (re.compile(r"WELFARE\s*(?:AND|&)\s*INSTITUTIONS(?:\s*CODE)?|\bW\s*&\s*I\b|\bWIC\b"), " WI "),
)
_LAW_LABEL = re.compile(r"(?<![A-Z])(HS|PC|VC|BP|WI|MV|FG|GC|CC)(?![A-Z])")
_SECTION = re.compile(r"(?<![\d.])(\d{2,6}(?:\.\d{1,2})?)(?!\d)([A-Z]{1,2})?((?:\s*\(\s*[A-Z0-9]{1,3}\s*\))*)")
_SUBSECTION = re.compile(r"\(\s*([A-Z0-9]{1,3})\s*\)")

#: sections that belong to the Health and Safety Code whatever label the record carries
HS_SECTIONS = frozenset(
    {"11357", "11358", "11359", "11360", "11361", "11362.1", "11379.6", "11364", "11366",
     "11530", "11530.5", "11531", "11532", "11540", "11550", "11350", "11377", "11378", "11352"}
)
WRAPPERS = {"664": "attempt", "182": "conspiracy", "32": "accessory"}


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
    wrapper: str | None  # "attempt" | "conspiracy" | "accessory" | None
    wrapper_part: Part | None
    parts: tuple[Part, ...]  # every section found, in order
    law: str | None = None
    section: str | None = None
    subsections: tuple[str, ...] = ()
    display: str = ""

    @classmethod
    def of(cls, raw: str, target: Part | None, wrapper: str | None, wrapper_part: Part | None, parts: tuple[Part, ...]) -> ParsedCode:
        if wrapper_part and target:
            display = f"{wrapper_part.text}/{target.text}"
        elif wrapper_part:
            display = wrapper_part.text
        elif target:
            display = target.text
        else:
            display = " ".join(raw.split())
        return cls(
            raw, target, wrapper, wrapper_part, parts,
            law=target.law if target else None,
            section=target.section if target else None,
            subsections=target.subsections if target else (),
            display=display,
        )

    def subsection_startswith(self, prefixes: tuple[str, ...]) -> bool:
        """True when the target's subsection path begins with one of ``prefixes`` ("(d)(3)")."""
        path = "".join(f"({s})" for s in self.subsections)
        return any(path.startswith(p) for p in prefixes)


def _clean(raw: str) -> str:
    text = raw.upper()
    for pattern, replacement in _LAW_ALIASES:
        text = pattern.sub(replacement, text)
    return text


@lru_cache(maxsize=65536)
def parse_code(raw: str) -> ParsedCode:
    """Parse one recorded code string. Never raises: unreadable text gives ``target=None``."""
    text = _clean(raw)
    labels = _LAW_LABEL.findall(text)
    default_law = labels[-1] if labels else None
    parts: list[Part] = []
    for match in _SECTION.finditer(text):
        number, letters, subs = match.group(1), match.group(2) or "", match.group(3) or ""
        section = number + letters.lower()
        subsections = tuple(s.lower() for s in _SUBSECTION.findall(subs))
        law = _law_for(section, text, match.start(), match.end(), default_law)
        parts.append(Part(law, section, subsections))
    wrapper: str | None = None
    wrapper_part: Part | None = None
    targets: list[Part] = []
    for part in parts:
        kind = WRAPPERS.get(part.section)
        if kind and part.law in (None, "PC") and wrapper is None:
            wrapper, wrapper_part = kind, Part("PC", part.section, part.subsections)
        else:
            targets.append(part)
    if wrapper and not targets and wrapper != "accessory":
        # "PC 182" alone is conspiracy with an unknown target; "PC 664" alone likewise.
        return ParsedCode.of(raw, None, wrapper, wrapper_part, tuple(parts))
    if not wrapper and not targets:
        return ParsedCode.of(raw, None, None, None, tuple(parts))
    target = next((p for p in targets if p.section in HS_SECTIONS), targets[0] if targets else None)
    return ParsedCode.of(raw, target, wrapper, wrapper_part, tuple(parts))


def _law_for(section: str, text: str, start: int, end: int, default: str | None) -> str | None:
    if section in HS_SECTIONS:
        return "HS"
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
