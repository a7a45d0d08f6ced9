"""Absolute paths to the top-level folders the site reads (templates, translations)."""

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
TEMPLATES_DIR = PROJECT_ROOT / "templates"
TRANSLATIONS_DIR = PROJECT_ROOT / "translations"
STATIC_DIR = Path(__file__).resolve().parent / "static"
