"""Mapping of the type labels members really use to the catalogue's work-type codes."""

from __future__ import annotations

import re
from functools import lru_cache

from stinet.vietnamese import fold

# Folded label -> type code. Labels are folded (no marks, đ -> d, lower case) before lookup.
_LABELS: dict[str, str] = {}
_TABLE: dict[str, tuple[str, ...]] = {
    "report": (
        "bao cao ket qua nghien cuu", "bao cao ket qua", "bao cao tong ket", "bao cao khoa hoc",
        "bao cao tong hop", "ket qua nghien cuu", "de tai", "de tai nckh", "de tai khoa hoc",
        "de tai nghien cuu khoa hoc", "du an", "de an", "nhiem vu khcn", "nhiem vu kh&cn",
        "nhiem vu khoa hoc va cong nghe", "nhiem vu khoa hoc cong nghe", "de tai khcn", "de tai kh&cn",
        "de tai khoa hoc va cong nghe", "report",
        "research report", "technical report", "final report", "project report",
    ),
    "thesis": (
        "luan van", "luan van thac si", "luan van thac sy", "luan van cao hoc", "thac si",
        "thesis", "master thesis", "masters thesis", "master's thesis", "thesis/dissertation",
        "khoa luan", "khoa luan tot nghiep", "do an tot nghiep",
    ),
    "dissertation": (
        "luan an", "luan an tien si", "luan an tien sy", "tien si", "dissertation",
        "doctoral thesis", "doctoral dissertation", "phd thesis", "ph.d. thesis", "phd dissertation",
        "ph.d. dissertation",
    ),
    "article": (
        "bai bao", "bai bao khoa hoc", "bai tap chi", "tap chi", "article", "journal article",
        "bai trich", "trich bao",
    ),
    "book": (
        "sach", "sach chuyen khao", "giao trinh", "sach tham khao", "tai lieu tham khao", "book",
        "monograph", "book chapter", "chuong sach",
    ),
    "conference": (
        "ky yeu", "ky yeu hoi thao", "ky yeu hoi nghi", "bao cao hoi nghi", "bai hoi thao",
        "hoi thao", "conference paper", "conference", "proceedings", "conference proceedings",
        "bai hoi nghi", "bai hoi nghi hoi thao",
    ),
    "patent": (
        "sang che", "bang sang che", "giai phap huu ich", "bang doc quyen sang che", "bang doc quyen giai phap huu ich",
        "patent",
        "utility model",
    ),
    "standard": ("tieu chuan", "quy chuan", "tcvn", "qcvn", "standard"),
    "dataset": ("bo du lieu", "du lieu", "co so du lieu", "dataset", "data set", "data"),
    "other": ("khac", "other", "tai lieu", "tai lieu khac"),
}
for _code, _labels in _TABLE.items():
    for _label in _labels:
        _LABELS[_label] = _code
_LABELS.update({code: code for code in _TABLE})

# Labels that name no type, only "a document": whole, they are 'other'; as the start of a longer label
# they say nothing about it
_GENERIC = frozenset({"tai lieu"})

# Words naming the degree of a thesis or dissertation: the degree decides between the two, whatever
# the word for the document before it ("Luận văn tiến sĩ" is doctoral, "Luận án thạc sĩ" a master's).
_DEGREES: dict[str, str] = {
    "tien si": "dissertation", "tien sy": "dissertation", "ts": "dissertation", "pts": "dissertation",
    "phd": "dissertation", "ph.d": "dissertation", "ph.d.": "dissertation", "doctoral": "dissertation",
    "doctor": "dissertation", "doctorate": "dissertation",
    "thac si": "thesis", "thac sy": "thesis", "ths": "thesis", "cao hoc": "thesis", "master": "thesis",
    "masters": "thesis", "master's": "thesis", "cu nhan": "thesis", "bachelor": "thesis", "bachelor's": "thesis",
}
_DEGREE_CODES = frozenset(_DEGREES.values())

# info:eu-repo/semantics types (DRIVER, OpenAIRE) and DCMI types -> work type; generic ones left out.
# The OAI-PMH harvester (sources/mapping.py) reads them from here too.
REPO_TYPES = {
    "masterthesis": "thesis", "bachelorthesis": "thesis", "doctoralthesis": "dissertation",
    "article": "article", "contributiontoperiodical": "article", "review": "article",
    "book": "book", "bookpart": "book", "conferenceobject": "conference", "lecture": "conference",
    "report": "report", "workingpaper": "report", "technicaldocumentation": "report",
    "researchproposal": "report", "patent": "patent", "dataset": "dataset", "other": "other",
}
DCMI_TYPES = {"dataset": "dataset"}
EU_REPO = "info:eu-repo/"


def _key(label: str) -> str:
    """Lookup key: folded, punctuation trimmed, single spaces."""
    text = fold(label).replace("_", " ")
    return " ".join(text.replace(",", " ").replace(";", " ").split()).strip(" .:-")


_MEETING = re.compile(r"\b(?:hoi nghi|hoi thao|ky yeu)\b")  # a label naming a conference, workshop or proceedings


@lru_cache(maxsize=4096)  # asked for every row; members use few labels
def map_type(label: str) -> str | None:
    """The work-type code for a member's label, or None when it cannot be mapped."""
    key = _key(label)
    if not key:
        return None
    words = key.split()
    code = _LABELS.get(key)
    if code is None and _MEETING.search(key):  # "Bài báo hội nghị", "Tài liệu hội thảo": given at a meeting
        return "conference"
    if code is None:
        # "Luận văn thạc sĩ Kinh tế", "Bài báo đăng trên tạp chí ...": the longest known prefix of two
        # words or more, unless it names no type ("Tài liệu hướng dẫn": reported, not taken for 'other')
        code = next((_LABELS[prefix] for size in range(len(words) - 1, 1, -1)
                     if (prefix := " ".join(words[:size])) in _LABELS and prefix not in _GENERIC), None)
    if code in _DEGREE_CODES:
        return _degree(words) or code
    return code


def _degree(words: list[str]) -> str | None:
    """thesis or dissertation as the first word (or two) naming a degree says, or None."""
    for i, word in enumerate(words):
        if (code := _DEGREES.get(word) or _DEGREES.get(" ".join(words[i:i + 2]))) is not None:
            return code
    return None


def repository_type(label: str) -> str | None:
    """The work type of an info:eu-repo/semantics or DCMI type ('info:eu-repo/semantics/masterThesis',
    'Conference Object'), as DSpace repositories set up for OpenAIRE write them, or None."""
    key = label.rsplit("/", 1)[-1] if label.lower().startswith(EU_REPO) else label
    return REPO_TYPES.get(key.lower().replace(" ", "")) or DCMI_TYPES.get(label.lower())
