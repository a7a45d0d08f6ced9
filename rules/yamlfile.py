"""Reading the project's own YAML data (the law, policies, the county directory).

libyaml's C loader reads the same safe subset as PyYAML's pure-Python ``SafeLoader`` several
times faster; every process that decides (the site's workers, each bulk worker) reads these
files once at start. Where libyaml is missing, the pure-Python loader reads them the same way.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml(path: Path) -> Any:
    """The data in one of the project's YAML files."""
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)
