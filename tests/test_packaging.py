"""Every file the package needs at run time is declared as package data (a wheel would lack it)."""

from __future__ import annotations

import subprocess
import tomllib
from fnmatch import fnmatch
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def test_every_packaged_file_matches_a_package_data_pattern():
    patterns = tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"]["stinet"]
    tracked = subprocess.run(["git", "ls-files", "src/stinet"], cwd=REPO, capture_output=True, text=True).stdout
    files = [Path(line).relative_to("src/stinet") for line in tracked.splitlines() if not line.endswith(".py")]
    if not files:  # not a git checkout (an sdist): nothing to compare
        return
    missing = [str(f) for f in files if not any(fnmatch(f"x/{f}", p) or fnmatch(str(f), p.removeprefix("**/"))
                                                 for p in patterns)]
    assert not missing, missing
