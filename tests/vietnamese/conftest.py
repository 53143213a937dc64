"""Shared paths and loaders for the Vietnamese text tests."""

import csv
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

DATA = Path("/work/shared/conformance/legacy-vietnamese")
CORPUS = DATA / "viparse-corpus"
ORACLE = DATA / "vietnamese-letters-oracle.tsv"

# recode 3.6 swaps these two VNI capitals; the vietunicode.sourceforge.net table and
# the viparse VNI table agree with the lower-case pattern (ằ = a è, ắ = a é).
VNI_FIXES = {"Ằ": "41 C8", "Ắ": "41 C9"}


def needs_data(path: Path) -> pytest.MarkDecorator:
    """Skip a test when the shared conformance data is not mounted."""
    return pytest.mark.skipif(not path.exists(), reason=f"{path} not available")


def legacy_text(hex_bytes: str, codec: str = "latin-1") -> str:
    """'61 F8' -> the string a latin-1 (or cp1252) reader shows for those bytes."""
    raw = bytes(int(b, 16) for b in hex_bytes.replace("(H-font)", "").split())
    return raw.decode(codec, errors="strict")


def oracle_rows() -> list[dict[str, str]]:
    """Rows of the letter oracle (comment lines dropped)."""
    if not ORACLE.exists():
        return []
    lines = [ln for ln in ORACLE.read_text(encoding="utf-8").splitlines() if ln[:1] != "#"]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def remembered_alike(monkeypatch: pytest.MonkeyPatch, module: ModuleType, memory: str, limit: str,
                     size: int, compute: Callable[[Any], Any], inputs: list[Any]) -> list[Any]:
    """Check that a module's memory (a dict named `memory`, bounded by the constant `limit`)
    changes no result: each input computed with the memory emptied first, then all of them
    twice from memory, then twice more with the memory cut to `size` entries (so that it fills
    and is forgotten), give the same. Returns the fresh results."""
    fresh = []
    for item in inputs:
        getattr(module, memory).clear()
        fresh.append(compute(item))
    assert [compute(item) for item in inputs * 2] == fresh * 2
    getattr(module, memory).clear()
    monkeypatch.setattr(module, limit, size)
    assert [compute(item) for item in inputs * 2] == fresh * 2
    assert len(getattr(module, memory)) <= size
    return fresh
