"""Shared paths and loaders for the Vietnamese text tests."""

import csv
from pathlib import Path

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
