"""Real TCVN3 and VNI spreadsheets against their Unicode ground-truth transcripts.

Metric: the viparse-corpus `syllable_accuracy` restricted to Vietnamese tokens (those
with a non-ASCII letter), as a bag of tokens, because cells come out of xlrd in a
different order and layout from the transcript (tab-separated rows, see METRIC.md).
The transcripts themselves keep some unconverted or mis-converted words ('nghiƯp',
'dõn'); those can never be matched, and cost about 1% of tokens. Thresholds: 0.985 on
the whole corpus (measured 0.989) and 0.93 on every file (the worst measures 0.934).
"""

import functools
import re
import unicodedata
from collections import Counter
from pathlib import Path

import pytest

from stinet.vietnamese import detect, fix, is_syllable, to_unicode

from .conftest import CORPUS, needs_data, remembered_alike

xlrd = pytest.importorskip("xlrd")
pytestmark = needs_data(CORPUS)

XLS = sorted(CORPUS.glob("corpus/tcvn3/*.xls")) + sorted(CORPUS.glob("corpus/vni/*.xls"))
_RUN = re.compile(r"[^\W\d_]+")


@functools.cache
def cells(path: Path) -> tuple[str, ...]:
    """Every non-blank text cell of a workbook, as xlrd reads it."""
    book = xlrd.open_workbook(str(path))
    return tuple(
        value
        for sheet in book.sheets()
        for row in range(sheet.nrows)
        for value in sheet.row_values(row)
        if isinstance(value, str) and value.strip()
    )


def truth(path: Path) -> str:
    return (CORPUS / "ground-truth" / f"{path.stem}.txt").read_text(encoding="utf-8")


def vietnamese_tokens(text: str) -> Counter[str]:
    runs = _RUN.findall(unicodedata.normalize("NFC", text))
    return Counter(run for run in runs if not run.isascii())


def accuracy(path: Path) -> tuple[int, int]:
    """Tokens of the transcript found in the cells read as the importer reads them: with the encoding
    most of the workbook's first cells show as the likely one (a lone "Sè" is TCVN3 "Số" there)."""
    from stinet.ingest.parsing import likely_encoding

    likely = likely_encoding([(0, {"cell": cell}) for cell in cells(path)], frozenset())
    expected = vietnamese_tokens(truth(path))
    found = vietnamese_tokens(" ".join(to_unicode(cell, likely=likely).text for cell in cells(path)))
    return sum((expected & found).values()), sum(expected.values())


@pytest.mark.parametrize("path", XLS, ids=[p.stem for p in XLS])
def test_each_workbook_converts(path: Path) -> None:
    hits, total = accuracy(path)
    assert total and hits / total >= 0.93


def test_whole_corpus_accuracy() -> None:
    scores = [accuracy(path) for path in XLS]
    hits, total = sum(h for h, _ in scores), sum(t for _, t in scores)
    assert len(XLS) >= 30 and total > 30000
    assert hits / total >= 0.985


def _well_formed(cell: str) -> bool:
    """A transcript cell that is clean Unicode Vietnamese (some carry leftovers)."""
    runs = [r for r in _RUN.findall(cell) if not r.isascii()]
    return all(is_syllable(r) for r in runs) and not re.search("[a-z][A-ZÀ-Ỹ]", cell)


@functools.cache
def truth_cells() -> list[str]:
    texts = sorted((CORPUS / "ground-truth").glob("*.txt"))
    found = {c.strip() for p in texts for c in p.read_text(encoding="utf-8").split("\t")}
    return sorted(c for line in found for c in line.splitlines() if c.strip())


def test_ground_truth_is_left_alone() -> None:
    clean = [c for c in truth_cells() if _well_formed(c)]
    assert len(clean) > 5000
    changed = [c for c in clean if to_unicode(c).encoding not in (None, "nfd")]
    assert changed == []


@pytest.mark.parametrize(
    ("cell", "encoding", "expected"),
    [
        ("Tªn ®Ò tµi/NhiÖm vô", "tcvn3", "Tên đề tài/Nhiệm vụ"),
        ("§¬n vÞ: USD", "tcvn3", "Đơn vị: USD"),
        ("Ch\xad¬ng tr×nh…….", "tcvn3", "Chương trình…….",),
        ("T£N Tæ CHøC ", "tcvn3", "TÊN TỔ CHỨC "),
        ("Q§-BKH", "tcvn3", "QĐ-BKH"),
        ("kinh tÕ – x· héi", "tcvn3", "kinh tế – xã hội"),
        ("               tại QuyÕt ®ịnh sè 477/2004/Q§-NHNN", "tcvn3",
         "               tại Quyết định số 477/2004/QĐ-NHNN"),
        ("File mÒm xin göi vÒ: vtthuong@most.gov.vn", "tcvn3",
         "File mềm xin gửi về: vtthuong@most.gov.vn"),
        ("THAØNH PHOÁ HOÀ CHÍ MINH", "vni", "THÀNH PHỐ HỒ CHÍ MINH"),
        ("   UBND HUYEÄN CAÀN GIÔØ", "vni", "   UBND HUYỆN CẦN GIỜ"),
        ("Teân ñôn vò:", "vni", "Tên đơn vị:"),
        ("CAÂN ÑOÁI DÖÏ TOAÙN NGAÂN SAÙCH", "vni", "CÂN ĐỐI DỰ TOÁN NGÂN SÁCH"),
        ("STT", "unicode", "STT"),
        ("Ban hành kèm theo Quyết định số 141/2006/QĐ-UBND", "unicode",
         "Ban hành kèm theo Quyết định số 141/2006/QĐ-UBND"),
        # QA 26: words retyped in Unicode after TCVN3 ones were read as TCVN3 too ("thờm vỔ")
        ("Nghiªn cøu t¸c ®éng cña biÕn ®æi khÝ hËu. Xem thêm và đăng ký.", "tcvn3",
         "Nghiên cứu tác động của biến đổi khí hậu. Xem thêm và đăng ký."),
        ("Nghiªn cøu t¸c ®éng cña biÕn ®æi khÝ hËu.\n\nXem https://example.vn/a và đăng ký", "tcvn3",
         "Nghiên cứu tác động của biến đổi khí hậu.\n\nXem https://example.vn/a và đăng ký"),
        # review 26: the legacy words that read as Unicode too ("Côc", VNI "soá") away from those are legacy still
        ("Phã Côc tr\xadëng Vô KÕ ho¹ch (đã ký)", "tcvn3", "Phó Cục trưởng Vụ Kế hoạch (đã ký)"),
        ("Nghò ñònh soá 12 cuûa Chính phuû veà quaûn lyù đã ký", "vni",
         "Nghị định số 12 của Chính phủ về quản lý đã ký"),
    ],
)
def test_real_cells(cell: str, encoding: str, expected: str) -> None:
    assert detect(cell) == encoding
    assert fix(cell).text == expected


@pytest.mark.parametrize(("cell", "unicode", "tcvn3"), [
    ("Sè D.A.", "Sè D.A.", "Số D.A."), ("Chè", "Chè", "Chố"), ("Ghi chép", "Ghi chép", "Ghi chộp"),
    ("Bé", "Bé", "Bộ"),
])
def test_one_word_that_reads_both_ways_is_left_unless_its_neighbours_are_tcvn3(cell, unicode, tcvn3) -> None:
    """Correct Unicode is left alone: one word that is Vietnamese as it is and in TCVN3 ("Chè" tea,
    TCVN3 "Chố") stays, unless the text around it is TCVN3 (the importer's likely encoding)."""
    assert detect(cell) == "unicode" and fix(cell).text == unicode
    assert to_unicode(cell, likely="tcvn3").text == tcvn3


def test_detect_on_every_cell_of_a_vni_workbook() -> None:
    path = CORPUS / "corpus" / "vni" / "2006-Mau21_CKTC_NSH.xls"
    verdicts = Counter(detect(cell) for cell in cells(path) if not cell.isascii())
    assert set(verdicts) == {"vni"}


MIXED = {"2005-2942C_Detai2003", "2005-KH2003-bieu", "2007-bkqd1412006.dot",
         "2009-download-xls", "2009-xls"}  # tcvn3+vni+unicode per PROVENANCE.md
TCVN3_ONLY = [p for p in XLS if p.parent.name == "tcvn3" and p.stem not in MIXED]


def test_detect_on_short_tcvn3_cells() -> None:
    """Cells carrying a TCVN3 code for a toned 'a' or for 'đ' are seen as TCVN3."""
    marked = {c for p in TCVN3_ONLY for c in cells(p) if re.search("[µ¶·¸¹®§]", c)}
    short = [c for c in marked if len(c.split()) <= 4]
    verdicts = Counter(detect(c) for c in marked)
    assert len(short) > 300
    assert sum(detect(c) == "tcvn3" for c in short) / len(short) >= 0.97
    assert verdicts["tcvn3"] / len(marked) >= 0.98
    assert verdicts["vni"] == verdicts["viqr"] == 0


def test_remembered_readings_give_the_same_verdicts(monkeypatch: pytest.MonkeyPatch) -> None:
    """How each word reads in each encoding is remembered (and forgotten when the memory
    fills): the verdicts on real cells are those of readings made afresh every time."""
    from stinet.vietnamese import legacy

    found = [c for p in XLS[:8] + XLS[-7:] for c in cells(p) if not c.isascii()]
    assert len(found) > 500
    fresh = remembered_alike(monkeypatch, legacy, "_READINGS", "READINGS_MEMORY", 50, detect, found)
    assert {"tcvn3", "vni", "unicode"} <= set(fresh)
