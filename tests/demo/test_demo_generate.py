"""The demo network generator: organisations, proportions, identifiers, pairs, legacy text."""

from __future__ import annotations

import csv
import re
from collections import Counter, defaultdict
from pathlib import Path

import pytest

from stinet.demo import ALL_COLUMNS, FIELDS_OF_SCIENCE, MEMBERS, ORGANISATIONS, generate, write_csv
from stinet.demo.phrases import ODD_LABELS, TYPE_LABELS
from stinet.demo.text import fold, isbn13_check, issn_check

KINDS = {"university", "institute", "library", "hospital", "agency", "centre", "enterprise"}


@pytest.fixture(scope="module")
def rows() -> list[dict[str, str]]:
    """The default demo network: 5,200 works."""
    return list(generate())


@pytest.fixture(scope="module")
def works(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    """One row per work: the first row of each pair."""
    seen: set[str] = set()
    firsts = []
    for row in rows:
        key = row["demo.pair"]
        if not key or key not in seen:
            seen.add(key)
            firsts.append(row)
    return firsts


def test_organisations() -> None:
    assert len(MEMBERS) == 9
    assert 2 <= len(ORGANISATIONS) - len(MEMBERS) <= 3
    codes = [o["code"] for o in ORGANISATIONS]
    assert len(set(codes)) == len(codes)
    for org in ORGANISATIONS:
        assert re.fullmatch(r"[A-Z]{2,8}", org["code"])
        assert org["kind"] in KINDS
        assert org["province"] == "Hải Phòng" if org["member"] else org["province"] in ("Hải Phòng", "Hà Nội")
        assert org["website"].startswith("https://") and ".example." in org["website"]
        assert org["name_vi"] and org["name_en"]
    assert {o["kind"] for o in MEMBERS} >= {"university", "institute", "library", "hospital", "centre"}


def test_deterministic() -> None:
    assert list(generate(300, seed=7)) == list(generate(300, seed=7))
    assert list(generate(300, seed=7)) != list(generate(300, seed=8))
    # A shorter run is a prefix of a longer one with the same seed.
    assert list(generate(300, seed=7))[:100] == list(generate(200, seed=7))[:100]


def test_proportions(works: list[dict[str, str]]) -> None:
    assert len(works) == 5200
    kinds = Counter(w["demo.type"] for w in works)
    share = {k: v / len(works) for k, v in kinds.items()}
    assert 0.25 <= share["report"] <= 0.31
    assert 0.66 <= share["thesis"] + share["dissertation"] <= 0.76
    assert 0.05 <= kinds["dissertation"] / (kinds["thesis"] + kinds["dissertation"]) <= 0.15
    for kind in ("article", "book", "conference", "patent", "standard", "dataset"):
        assert kinds[kind] >= 1, kind
    assert 0.02 <= sum(kinds[k] for k in ("article", "book", "conference")) / len(works) <= 0.06


def test_every_row_complete(rows: list[dict[str, str]]) -> None:
    codes = {o["code"] for o in MEMBERS}
    for row in rows:
        assert list(row) == ALL_COLUMNS
        assert all(isinstance(v, str) for v in row.values())
        assert row["org"] in codes and row["id"] and row["dc.title"] and row["dc.type"]
        assert re.fullmatch(r"20[0-2]\d(-\d\d-\d\d)?", row["dc.date.issued"])
        assert 2000 <= int(row["dc.date.issued"][:4]) <= 2025
        assert row["local.access"] in {"public", "members", "metadata"}
        assert row["dc.subject.fos"] in FIELDS_OF_SCIENCE and len(row["dc.subject.fos"]) == 3
        assert row["dc.language.iso"] in {"vi", "en"}
        assert row["dc.identifier.uri"].startswith("https://")
        assert 2 <= len(row["dc.subject"].split("||")) <= 5
        assert 1 <= len(row["dc.contributor.author"].split("||")) <= 4


def test_growth_over_time(works: list[dict[str, str]]) -> None:
    years = Counter(int(w["dc.date.issued"][:4]) for w in works)
    assert sum(years[y] for y in range(2019, 2025)) > 3 * sum(years[y] for y in range(2000, 2006))
    assert any(len(w["dc.date.issued"]) == 10 for w in works)


def test_ids_unique_per_org(rows: list[dict[str, str]]) -> None:
    ids = Counter((r["org"], r["id"]) for r in rows)
    assert max(ids.values()) == 1
    assert len({r["dc.identifier.uri"] for r in rows}) == len(rows)


def test_isbn_issn_doi_valid(rows: list[dict[str, str]]) -> None:
    isbns = [r["dc.identifier.isbn"] for r in rows if r["dc.identifier.isbn"]]
    issns = [r["dc.identifier.issn"] for r in rows if r["dc.identifier.issn"]]
    assert isbns and issns
    for value in isbns:
        digits = value.replace("-", "")
        assert len(digits) == 13 and digits.startswith("978604")
        assert isbn13_check(digits[:12]) == digits[12]
    for value in issns:
        assert re.fullmatch(r"\d{4}-\d{3}[\dX]", value)
        assert issn_check(value[:4] + value[5:8]) == value[8]
    dois = [r["dc.identifier.doi"] for r in rows if r["dc.identifier.doi"]]
    assert dois and all(re.fullmatch(r"10\.\d{4,}/\S+", d) for d in dois)
    assert all(
        r["dc.type"] in ("Bài báo", "Bài báo khoa học", "Article") or r["dc.type"] in ODD_LABELS
        for r in rows
        if r["dc.identifier.issn"]
    )


def test_theses_and_dissertations(works: list[dict[str, str]]) -> None:
    for w in works:
        if w["demo.type"] in ("thesis", "dissertation"):
            assert "||" not in w["dc.contributor.author"]
            assert w["dc.contributor.advisor"]
            level = "Thạc sĩ" if w["demo.type"] == "thesis" else "Tiến sĩ"
            if not w["demo.encoding"]:
                assert w["thesis.degree.name"].startswith(level)
            assert w["thesis.degree.grantor"]
        else:
            assert not w["dc.contributor.advisor"] and not w["thesis.degree.name"]
    advisors = " ".join(w["dc.contributor.advisor"] for w in works)
    assert "PGS.TS. " in advisors and "GS.TS. " in advisors


def test_type_labels_varied_and_some_unmappable(rows: list[dict[str, str]]) -> None:
    labels = Counter(r["dc.type"] for r in rows)
    known = {label for options in TYPE_LABELS.values() for label, _ in options}
    assert {
        "Luận văn thạc sĩ",
        "Luận văn Thạc sỹ",
        "Luận án tiến sĩ",
        "Báo cáo kết quả nghiên cứu",
        "Đề tài NCKH",
        "Thesis",
    } <= set(labels)
    odd = sum(n for label, n in labels.items() if label not in known)
    assert 0.001 <= odd / len(rows) <= 0.012


def test_languages_and_alternative_titles(works: list[dict[str, str]]) -> None:
    english = [w for w in works if w["dc.language.iso"] == "en"]
    assert 0.05 <= len(english) / len(works) <= 0.15
    assert all(w["dc.title"].isascii() for w in english)
    vi = [w for w in works if w["dc.language.iso"] == "vi"]
    with_alt = [w for w in vi if w["dc.title.alternative"]]
    assert 0.22 <= len(with_alt) / len(vi) <= 0.38
    assert all(w["dc.title.alternative"].isascii() for w in with_alt)


def test_abstracts_read_as_sentences(works: list[dict[str, str]]) -> None:
    for w in works:
        text = w["dc.description.abstract"]
        if w["demo.encoding"] == "tcvn3":
            continue
        assert 300 <= len(text) <= 900, text
        assert 2 <= text.count(". ") + 1 <= 6 and text.endswith(".")
        assert "{" not in text and "}" not in text


def test_vietnamese_names(works: list[dict[str, str]]) -> None:
    authors = [w["dc.contributor.author"] for w in works if w["demo.type"] == "thesis" and not w["demo.encoding"]]
    families = Counter(a.split()[0] for a in authors)
    assert 0.30 <= families["Nguyễn"] / len(authors) <= 0.46
    assert families["Trần"] > families["Đỗ"] > 0
    assert all(len(a.split()) >= 3 for a in authors)
    # Recurring researchers: the most frequent author has written several works.
    everyone = Counter(a for w in works for a in w["dc.contributor.author"].split("||"))
    assert everyone.most_common(1)[0][1] >= 5


def test_ascii_rows(rows: list[dict[str, str]]) -> None:
    ascii_rows = [r for r in rows if r["demo.encoding"] == "ascii"]
    assert 0.015 <= len(ascii_rows) / len(rows) <= 0.05
    for row in ascii_rows:
        assert row["dc.title"].isascii() and row["dc.description.abstract"].isascii()
    vi_titles = [r["dc.title"] for r in rows if r["dc.language.iso"] == "vi"]
    assert 0.015 <= sum(t.isascii() for t in vi_titles) / len(vi_titles) <= 0.05


def test_tcvn3_rows(rows: list[dict[str, str]]) -> None:
    legacy = pytest.importorskip("stinet.vietnamese.legacy")
    tcvn3 = [r for r in rows if r["demo.encoding"] == "tcvn3"]
    assert 0.01 <= len(tcvn3) / len(rows) <= 0.035
    for row in tcvn3[:20]:
        back = legacy.to_unicode(row["dc.title"], "tcvn3").text
        assert back != row["dc.title"] and not back.isascii()


def _core(title: str) -> str:
    """A title reduced for comparison: folded, lower-case, letters and digits only."""
    return re.sub(r"[^a-z0-9]+", " ", fold(title).lower()).strip()


def test_pairs(rows: list[dict[str, str]], works: list[dict[str, str]]) -> None:
    pairs: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in rows:
        if row["demo.pair"]:
            pairs[row["demo.pair"]].append(row)
    assert 0.06 <= len(pairs) / len(works) <= 0.10
    inverted = 0
    for key, (first, second) in pairs.items():
        assert first["org"] != second["org"], key
        assert first["demo.type"] == second["demo.type"]
        assert first["dc.date.issued"][:4] == second["dc.date.issued"][:4]
        if not first["demo.encoding"] and not second["demo.encoding"]:
            assert _core(second["dc.title"]).startswith(_core(first["dc.title"]))
            inverted += ", " in second["dc.contributor.author"]
    assert inverted > len(pairs) / 3
    assert {p[1]["org"] for p in pairs.values()} >= {"HPLIB", "HPCIS"}


def test_library_call_numbers(rows: list[dict[str, str]]) -> None:
    library = [r for r in rows if r["org"] == "HPLIB"]
    assert library and all(r["local.callnumber"] for r in library)
    assert any(re.fullmatch(r"LV \d+\.\d{3}", r["local.callnumber"]) for r in library)


def test_write_csv(tmp_path: Path) -> None:
    rows = list(generate(400, seed=3))
    path = tmp_path / "all.csv"
    assert write_csv(path, rows) == len(rows)
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        assert reader.fieldnames == ALL_COLUMNS
        assert list(reader) == rows
    one = tmp_path / "vmu.csv"
    count = write_csv(one, iter(rows), org="VMU")
    assert count == sum(r["org"] == "VMU" for r in rows) > 0
    with one.open(encoding="utf-8", newline="") as handle:
        assert {r["org"] for r in csv.DictReader(handle)} == {"VMU"}
