"""Dependencies point one way: rules ← documents ← {webapp, bulk}; rules ← lookup ← {webapp, bulk}."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PROJECT = {"rules", "documents", "bulk", "lookup", "webapp", "prop64"}
THIRD_PARTY_WEB = {"flask", "flask_babel", "flask_wtf", "flask_limiter", "wtforms", "werkzeug"}

FORBIDDEN = {
    "rules": PROJECT - {"rules"} | THIRD_PARTY_WEB | {"reportlab", "sqlalchemy", "click", "pypdf", "pyarrow"},
    "documents": {"webapp", "bulk", "lookup"} | THIRD_PARTY_WEB | {"sqlalchemy"},
    "lookup": {"webapp", "bulk", "documents"} | THIRD_PARTY_WEB | {"reportlab"},
    "bulk": {"webapp"} | THIRD_PARTY_WEB,
    "webapp": {"bulk"},
}


def imported_roots(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    roots: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            roots.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            roots.add(node.module.split(".")[0])
    return roots


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_package_imports_only_what_it_may(package: str) -> None:
    folder = ROOT / package
    if not folder.exists():
        pytest.skip(f"{package}/ does not exist")
    offenders = []
    for path in sorted(folder.rglob("*.py")):
        bad = imported_roots(path) & FORBIDDEN[package]
        if bad:
            offenders.append(f"{path.relative_to(ROOT)} imports {sorted(bad)}")
    assert not offenders, "\n".join(offenders)


def test_rules_never_reads_the_clock() -> None:
    for path in (ROOT / "rules").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "date.today(" not in text and "datetime.now(" not in text, path
