"""Column names accepted in spreadsheets: DSpace metadata fields and common Vietnamese headers."""

from __future__ import annotations

import re
from functools import lru_cache

from stinet.vietnamese import fold, to_unicode

# Canonical field -> folded aliases (Vietnamese headers as members write them, English too).
ALIASES: dict[str, tuple[str, ...]] = {
    "id": ("id", "local.id", "ma", "ma so", "ma tai lieu", "so hieu", "ma ban ghi", "record id"),
    "dc.title": (
        "title", "ten de tai", "ten nhiem vu", "nhan de", "tieu de", "ten tai lieu", "ten sach",
        "ten luan van", "ten luan an", "ten bai bao", "nhan de chinh", "ten de tai nhiem vu",
        "ten nhiem vu de tai", "ten de tai du an",
    ),
    "dc.title.alternative": ("ten tieng anh", "nhan de song song", "title alternative"),
    "dc.contributor.author": (
        "author", "authors", "dc.creator", "tac gia", "chu nhiem de tai", "chu nhiem",
        "hoc vien", "nghien cuu sinh", "nguoi thuc hien", "ho va ten tac gia", "ho ten tac gia", "ten tac gia",
        "dong tac gia", "ho va ten", "ho ten",
    ),
    "dc.contributor.advisor": ("nguoi huong dan", "giao vien huong dan", "nguoi huong dan khoa hoc", "gvhd",
                               "can bo huong dan"),
    # "chủ biên" edits a collective work (as MARC's relator "chủ biên" and a name's "(chủ biên)" say)
    "dc.contributor.editor": ("bien tap", "editor", "chu bien", "dong chu bien"),
    "dc.contributor.translator": ("nguoi dich", "dich gia", "bien dich", "translator"),
    "dc.contributor": ("contributor", "thanh vien tham gia", "nguoi tham gia", "thanh vien thuc hien"),
    "dc.date.issued": (
        "year", "date", "dc.date", "nam", "nam xuat ban", "nam bao ve", "nam cong bo",
        "nam nghiem thu", "nam hoan thanh", "ngay xuat ban", "nam xb",  # XB: xuất bản, as catalogues abbreviate it
        "nam thuc hien", "nam bat dau",  # a task's years: its first one (a later year column is kept as extra)
    ),
    "dc.type": ("type", "loai tai lieu", "loai tl", "loai hinh", "loai hinh tai lieu", "dang tai lieu",
                "kieu tai lieu"),
    "dc.subject": ("subject", "keywords", "tu khoa", "chu de", "dc.subject.other"),
    "dc.description.abstract": (
        "abstract", "tom tat", "noi dung tom tat", "dc.description", "noi dung", "muc tieu",
        "noi dung nghien cuu", "muc tieu noi dung",
    ),
    # "Đơn vị chủ trì / Chủ nhiệm đề tài": host organisation and principal investigator in one
    "local.host_pi": ("don vi chu tri chu nhiem de tai", "co quan chu tri chu nhiem de tai",
                      "to chuc chu tri chu nhiem"),
    "dc.publisher": ("publisher", "nha xuat ban", "co quan chu tri", "noi xuat ban", "don vi", "nxb", "nha xb",
                     "noi xb"),
    "thesis.degree.name": ("hoc vi", "bac dao tao", "chuyen nganh", "dc.description.degree"),
    "thesis.degree.grantor": ("co so dao tao", "noi bao ve", "truong"),
    "dc.subject.fos": ("linh vuc", "linh vuc khcn", "linh vuc nghien cuu", "field of science"),
    "dc.subject.fos.old": ("ma linh vuc cu",),
    "dc.language.iso": ("language", "ngon ngu", "dc.language"),
    "dc.identifier.isbn": ("isbn", "ma isbn", "so isbn"),
    "dc.identifier.issn": ("issn", "ma issn", "so issn"),
    "dc.identifier.doi": ("doi",),
    "dc.identifier.uri": ("url", "uri", "duong dan", "lien ket", "link", "handle"),
    "local.callnumber": (
        "call number", "ky hieu", "ky hieu xep gia", "so dang ky ca biet", "so dkcb", "dc.identifier.callnumber",
    ),
    "local.access": ("access", "quyen truy cap", "muc do truy cap", "dc.rights.accessrights"),
    "local.org": ("org", "don vi luu giu", "co quan luu giu"),
}

# Columns DSpace exports that carry nothing the catalogue keeps (the repository's own bookkeeping, row
# numbers); accepted silently. Metadata such as dc.rights or dc.format.extent is not among them: kept as
# extra data (shown on the work page) and reported, as any column without a field of its own.
IGNORED = frozenset({
    "collection", "dc.date.accessioned", "dc.date.available", "dc.description.provenance",
    "stt", "tt", "so tt", "so thu tu", "dc.format.mimetype",
    "stinet.line", "stinet.reason",  # a rejects file's own columns (ingest/rejects.py), fixed and imported again
})

_LOOKUP: dict[str, str] = {}
for _field, _aliases in ALIASES.items():
    _LOOKUP[_field] = _field
    for _alias in _aliases:
        _LOOKUP[_alias] = _field


def _key(header: str) -> str:
    """Folded header with punctuation runs (other than the dots of dc.* names) as one space."""
    return re.sub(r"[^\w.]+", " ", fold(header)).strip(" .")


def canonical(header: str) -> str | None:
    """The canonical field of a column header, or None when the column is unknown."""
    # a zero-width space between the words of a header pasted from a web page separates them
    text = to_unicode(header.strip().strip("\ufeff").replace("\u200b", " ")).text
    if text.startswith(("dc.", "local.", "thesis.")):
        # DSpace exports may append a language: dc.title[vi], dc.subject[en_US]
        text = text.partition("[")[0]
    key = _key(text)
    if key in _LOOKUP:
        return _LOOKUP[key]
    if key.startswith("dc.identifier."):
        return key
    if key.startswith("dc.subject.") and key not in _LOOKUP:
        return "dc.subject"
    # "Nội dung KH 2003", "Năm nghiệm thu (dự kiến)": a known header followed by a qualifier
    words = key.split()
    for size in range(len(words) - 1, 1, -1):
        if (field := _LOOKUP.get(" ".join(words[:size]))) is not None:
            return field
    return None


def english_titles(mapping: dict[str, str]) -> dict[str, str]:
    """The mapping with dc.title[en...] columns read as the English title when the file also has
    an untagged or Vietnamese title column (DSpace tags every value, often all of them [en_US])."""
    titles = [h for h, f in mapping.items() if f == "dc.title"]
    english = [h for h in titles if language_tag(h) == "en"]
    if not english or len(english) == len(titles):
        return mapping
    return {h: ("dc.title.alternative" if h in english else f) for h, f in mapping.items()}


def language_tag(header: str) -> str:
    """The language a DSpace column is tagged with ('en' for dc.description.abstract[en_US]), or ''."""
    m = re.search(r"\[([A-Za-z]{2})[^\]]*\]\s*$", header)
    return m.group(1).lower() if m else ""


@lru_cache(maxsize=4096)  # asked for every column of every row
def is_ignored(header: str) -> bool:
    """True for columns that are known and deliberately not kept."""
    key = _key(header.split("[", 1)[0])
    # demo.*: the demo generator's answer key (true type, pairs); kept in the source record only
    return key in IGNORED or key.startswith("demo.")
