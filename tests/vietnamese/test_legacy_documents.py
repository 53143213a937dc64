"""Real TCVN3 documents (Word RTF files of 2003-2004) convert to their Unicode transcripts."""

from collections import Counter

import pytest

from stinet.vietnamese import to_unicode
from tests.conftest import shared_path

CORPUS = ("conformance", "legacy-vietnamese", "viparse-corpus")
DOCUMENTS = ["2003-A-15", "2003-A06", "2003-A28", "2003-A30", "2003-A37", "2004-A3", "2004-A33"]


@pytest.mark.parametrize("name", DOCUMENTS)
def test_rtf_document_converts_line_by_line(name):
    from striprtf.striprtf import rtf_to_text

    raw = shared_path(*CORPUS, "corpus", "tcvn3", f"{name}.rtf").read_bytes().decode("latin-1")
    text = rtf_to_text(raw, encoding="cp1252", errors="ignore")  # TCVN3 glyphs as cp1252 text
    converted = Counter(" ".join(to_unicode(line).text for line in text.splitlines()).split())
    truth = shared_path(*CORPUS, "ground-truth", f"{name}.txt").read_text(encoding="utf-8")
    vietnamese = Counter(w for w in truth.split() if not w.isascii())
    found = sum(min(n, converted[w]) for w, n in vietnamese.items())
    assert found / sum(vietnamese.values()) >= 0.99
