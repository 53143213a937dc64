#!/usr/bin/env python3
"""Duplicate detection: precision and recall on a labelled set of record pairs.

    python bench/dedup.py [--works 20000] [--seed 7]

Pairs come from the demo generator: its twin records (one resource held by two members,
written differently: "Last, First", capitals, punctuation, a thesis designation after the
title, another type label, no abstract) and variants made here (no diacritics, OCR-like
slips, initials — with "ở" for "tại" too, so that no title key is shared —, a day-precise
date), against near misses that must stay apart (the same title another year — annual
reports —, another author, thesis vs dissertation, another degree, a sibling title by the
same author the same year, one word of the title another). Each pair is judged as the import
judges it: the records must share a blocking key, and the score must reach AUTO_MERGE.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from rapidfuzz.distance import OSA  # noqa: E402

from stinet.catalog.matching import _FUNCTION_WORDS as FUNCTION_WORDS  # noqa: E402
from stinet.catalog.matching import AUTO_MERGE, Record, compare, keys, lookup_keys  # noqa: E402
from stinet.demo.generator import generate  # noqa: E402
from stinet.vietnamese import clean_person_name, fold, to_unicode  # noqa: E402

SIBLINGS = (("Tập 1", "Tập 2"), ("Phần I", "Phần II"), ("giai đoạn 2011-2015", "giai đoạn 2016-2020"))
# Places and species whose names are a letter or two apart, folded (review 22: these merged as slips)
NEAR_NAMES = (("tỉnh Quảng Bình", "tỉnh Quảng Ninh"), ("tỉnh Quảng Nam", "tỉnh Quảng Ngãi"),
              ("tỉnh Bình Thuận", "tỉnh Ninh Thuận"), ("huyện Thanh Hà", "tỉnh Thanh Hóa"),
              ("tỉnh Hà Tĩnh", "thị xã Hà Tiên"), ("cá tra", "cá trê"), ("quận Kiến An", "kênh An Kim Hải"),
              ("tỉnh Bình Định", "tỉnh Bình Phước"), ("tỉnh Long An", "tỉnh Lào Cai"))
SWAPS = {"tại": "ở", "ở": "tại", "trong": "ở", "của": "ở"}  # one cataloguer's word for another's
OCR_SLIPS = (("m", "rn"), ("n", "u"), ("c", "e"), ("l", "1"), ("o", "0"), ("h", "b"))


def record(row: dict[str, str]) -> Record:
    """The matching view of a generated CSV row, normalised as the importer does it."""
    row = {k: to_unicode(v).text if v else v for k, v in row.items()}  # TCVN3 rows become Unicode
    year = int(row["dc.date.issued"][:4]) if row["dc.date.issued"][:4].isdigit() else None
    authors = [clean_person_name(a) for a in row["dc.contributor.author"].split("||") if a]
    ids = {"isbn": [row["dc.identifier.isbn"]]} if row.get("dc.identifier.isbn") else {}
    return Record(row["dc.title"], row["demo.type"] or "other", year, row["thesis.degree.name"], authors, ids)


def _ocr(text: str, rng: random.Random) -> str:
    """One OCR-like slip in a longer word."""
    words = text.split()
    long_words = [i for i, w in enumerate(words) if len(w) > 5]
    if not long_words:
        return text
    i = rng.choice(long_words)
    for a, b in OCR_SLIPS:
        if a in words[i]:
            words[i] = words[i].replace(a, b, 1)
            break
    return " ".join(words)


def positives(rows: list[dict[str, str]], rng: random.Random) -> list[tuple[Record, Record, str]]:
    """Pairs of records of one resource."""
    twins: dict[str, list[dict[str, str]]] = {}
    for row in rows:
        if row["demo.pair"]:
            twins.setdefault(row["demo.pair"], []).append(row)
    pairs = [(record(a), record(b), "demo twin") for a, b in (t for t in twins.values() if len(t) == 2)]
    for row in rng.sample(rows, min(len(rows), 1500)):
        base = record(row)
        for kind in ("no diacritics", "OCR slip", "initials", "capitals", "no author, no diacritics",
                     "initials, another function word"):
            other = record(row)
            if kind == "no diacritics":
                other.title, other.authors = fold(other.title), [fold(a) for a in other.authors]
            elif kind == "OCR slip":
                other.title = _ocr(other.title, rng)
            elif kind == "initials" and other.authors and len(other.authors[0].split()) == 3:
                family, middle, given = other.authors[0].split()
                other.authors[0] = f"{family} {middle[0]}. {given}"
            elif kind == "capitals":
                other.title = other.title.upper() + "."
            elif kind == "no author, no diacritics":
                other.title, other.authors = fold(other.title), []
            elif kind == "initials, another function word":  # no title key shared: the author key finds it
                words = other.title.split()
                swap = next((i for i, w in enumerate(words) if w in SWAPS), None)
                if swap is None or not other.authors or len(other.authors[0].split()) != 3:
                    continue
                words[swap] = SWAPS[words[swap]]
                family, middle, given = other.authors[0].split()
                other.title, other.authors[0] = " ".join(words), f"{family} {middle[0]}. {given}"
            pairs.append((base, other, kind))
    return pairs


def negatives(rows: list[dict[str, str]], rng: random.Random) -> list[tuple[Record, Record, str]]:
    """Near misses: records that look alike but are different resources."""
    pairs: list[tuple[Record, Record, str]] = []
    sample = rng.sample(rows, min(len(rows), 1500))
    for row, other_row in zip(sample, reversed(sample), strict=True):
        base = record(row)
        if base.year:
            pairs.append((base, Record(**{**base.__dict__, "year": base.year + 1}), "another year"))
        if base.authors and other_row["dc.contributor.author"]:
            pairs.append((base, Record(**{**base.__dict__, "authors": record(other_row).authors}), "another author"))
        if base.type in ("thesis", "dissertation"):
            flip = "dissertation" if base.type == "thesis" else "thesis"
            pairs.append((base, Record(**{**base.__dict__, "type": flip, "degree": ""}), "thesis vs dissertation"))
        for a_part, b_part in SIBLINGS:
            pairs.append((Record(**{**base.__dict__, "title": f"{base.title}, {a_part}"}),
                          Record(**{**base.__dict__, "title": f"{base.title}, {b_part}"}), "another volume or period"))
        if not base.identifiers:  # (an identifier shared decides whatever the titles say)
            a_name, b_name = NEAR_NAMES[len(pairs) % len(NEAR_NAMES)]
            head, colon, designation = base.title.partition(" : ")  # the place before "... : Luận văn ..."
            pairs.append((Record(**{**base.__dict__, "title": f"{head} tại {a_name}{colon}{designation}"}),
                          Record(**{**base.__dict__, "title": f"{head} tại {b_name}{colon}{designation}"}),
                          "a place or species a letter or two apart"))
        sibling = record(other_row)
        pairs.append((base, Record(**{**sibling.__dict__, "authors": base.authors, "year": base.year}),
                      "same author and year, another title"))
        words = base.title.split()  # a word of the title another (another material, district or species)
        others = [w for w in sibling.title.split() if len(w) >= 3 and fold(w) not in FUNCTION_WORDS]
        content = [i for i, w in enumerate(words) if len(w) >= 3 and fold(w) not in FUNCTION_WORDS | {"nghien", "cuu"}]
        if content and others and not base.identifiers:  # (an identifier shared decides whatever the titles say)
            i, new = rng.choice(content), rng.choice(others)
            if OSA.distance(fold(new), fold(words[i])) > 2:
                title = " ".join([*words[:i], new, *words[i + 1:]])
                pairs.append((base, Record(**{**base.__dict__, "title": title}), "one word of the title another"))
    return pairs


def judged_same(a: Record, b: Record) -> bool:
    """What the import decides: a shared blocking key and a score at AUTO_MERGE or above."""
    return bool(set(lookup_keys(b)) & set(keys(a))) and compare(a, b)[0] >= AUTO_MERGE


def main() -> None:
    """Build the labelled set, judge every pair and print precision and recall."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--works", type=int, default=20000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    rows = list(generate(args.works))
    labelled = [(a, b, kind, True) for a, b, kind in positives(rows, rng)]
    labelled += [(a, b, kind, False) for a, b, kind in negatives(rows, rng)]
    start = time.perf_counter()
    verdicts = [(kind, same, judged_same(a, b)) for a, b, kind, same in labelled]
    seconds = time.perf_counter() - start
    tp = sum(1 for _k, same, said in verdicts if same and said)
    fp = sum(1 for _k, same, said in verdicts if not same and said)
    fn = sum(1 for _k, same, said in verdicts if same and not said)
    print(f"{len(labelled):,} labelled pairs ({sum(1 for *_r, s in labelled if s):,} same, "
          f"{sum(1 for *_r, s in labelled if not s):,} different), judged in {seconds:.2f} s")
    print(f"precision {tp / max(tp + fp, 1):.4f}   recall {tp / max(tp + fn, 1):.4f}   (aim: both >= 0.98)")
    for kind in sorted({k for k, _s, _d in verdicts}):
        rows_k = [(s, d) for k, s, d in verdicts if k == kind]
        right = sum(1 for s, d in rows_k if s == d)
        print(f"  {kind:<38} {right:>5}/{len(rows_k):<5} right")


if __name__ == "__main__":
    main()
