"""The fast YAML loader reads every data file of the engine exactly as PyYAML's safe loader does."""

from pathlib import Path

import pytest
import yaml

from rules.yamlfile import read_yaml

RULES = Path(__file__).resolve().parents[2] / "rules"
FILES = sorted(RULES.rglob("*.yaml"))


def test_there_are_data_files_to_compare():
    assert len(FILES) > 60  # the law, the policies and 58 counties


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(RULES)))
def test_read_the_same_as_the_safe_loader(path):
    assert read_yaml(path) == yaml.safe_load(path.read_text(encoding="utf-8"))
