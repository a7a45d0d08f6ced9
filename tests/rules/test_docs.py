"""Citations of the project's own documentation resolve, and nothing cites research outside it."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FOLDERS = ("rules", "docs", "prop64", "tests", "bulk", "documents", "webapp", "lookup", "templates", "bench")
LAW = (ROOT / "docs" / "law.md").read_text(encoding="utf-8")
HEADINGS = [line.lstrip("#").strip() for line in LAW.splitlines() if line.startswith("#")]
BY_TITLE = re.compile(r"docs/law\.md,?\s+((?:“|\"|')[^\"'”]+(?:”|\"|')(?:\s+and\s+(?:“|\"|')[^\"'”]+(?:”|\"|'))*)")
BY_NUMBER = re.compile(r"docs/law\.md,?\s+§\s?(\d+(?:\.\d+)?)")
OUTSIDE = re.compile(r"\.\./shared|shared/[r]eference|\b(?:LAW|DESIGN|DOJ_FORMAT|FEATURES|FORMS|STYLE)\.md")


def _files():
    yield ROOT / "README.md"
    for folder in FOLDERS:
        for path in (ROOT / folder).rglob("*"):
            if path.is_file() and path.suffix in (".py", ".md", ".yaml", ".yml", ".html", ".txt") and path.name != "test_docs.py":
                yield path


def test_no_citation_of_research_outside_the_repository() -> None:
    found = [f"{p.relative_to(ROOT)}: {m.group(0)}" for p in _files()
             for m in OUTSIDE.finditer(p.read_text(encoding="utf-8"))]
    assert not found, found


def test_every_cited_section_of_law_md_exists() -> None:
    missing = []
    for path in _files():
        text = " ".join(path.read_text(encoding="utf-8").split())
        for match in BY_TITLE.finditer(text):
            for title in re.findall(r"[“\"']([^\"'”]+)[”\"']", match.group(1)):
                if not any(title.lower() in heading.lower() for heading in HEADINGS):
                    missing.append(f"{path.relative_to(ROOT)}: {title}")
        for number in BY_NUMBER.findall(text):
            if not any(re.match(rf"{re.escape(number)}\.?\s", heading) for heading in HEADINGS):
                missing.append(f"{path.relative_to(ROOT)}: §{number}")
    assert not missing, missing
