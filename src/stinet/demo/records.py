"""Build one work's metadata (title, people, abstract, identifiers) from random draws."""

from __future__ import annotations

from collections.abc import Callable

from stinet.demo.domains import DOMAINS, Domain
from stinet.demo.orgs import FIELDS_OF_SCIENCE
from stinet.demo.phrases import (
    BOOK_TITLES,
    DATASETS,
    DOC_NAMES,
    EN_AIM,
    EN_CLOSE,
    EN_COUNT,
    EN_FILLER,
    EN_METHOD,
    EN_RESULT,
    PATENTS,
    SPECIAL_ABSTRACTS,
    STANDARDS,
    VI_AIM_NOMINAL,
    VI_AIM_VERBAL,
    VI_CLOSE,
    VI_COUNT,
    VI_FILLER,
    VI_METHOD,
    VI_RESULT,
)
from stinet.demo.text import isbn13_check, lower_first, upper_first

Rand = Callable[[], float]
FOS_DOMAIN = {
    "406": "agriculture",
    "203": "engineering",
    "202": "engineering",
    "207": "environment",
    "303": "medicine",
    "102": "it",
    "502": "economics",
    "201": "engineering",
    "105": "ocean",
    "106": "ocean",
    "509": "economics",
    "212": "maritime",
}
SPECIAL_ITEMS = {"patent": PATENTS, "standard": STANDARDS, "dataset": DATASETS}


def pick(r: Rand, seq: tuple | list) -> object:
    """Pick one element uniformly."""
    return seq[int(r() * len(seq))]


def time_phrase(r: Rand, year: int) -> tuple[str, str]:
    """A period phrase tied to the work's year, e.g. " giai đoạn 2016-2020"."""
    x = r()
    if x < 0.35:
        start = ((year - 1) // 5) * 5 + 1
        return f" giai đoạn {start}-{start + 4}", f" in {start}-{start + 4}"
    if x < 0.6:
        end = ((year + 4) // 5) * 5 + 5
        return f" đến năm {end}", f" to {end}"
    return "", ""


def study_title(r: Rand, dom: Domain, year: int) -> tuple[str, str, bool | None, str]:
    """Draw a research title (vi, en), how it reads in an abstract, and its findings group.

    A slot value may carry a third element mapping other slots to the options that fit it
    (a treatment to the diseases it treats), so combinations stay meaningful.
    """
    vi_t, en_t, flag, names, group = dom.titles[int(r() * 200)]
    vk: dict[str, str] = {}
    ek: dict[str, str] = {}
    slots = dom.slots
    for name in names:
        if name in vk:
            continue
        if name == "t":
            vk["t"], ek["t"] = time_phrase(r, year)
        elif name == "yr":
            vk["yr"], ek["yr"] = (f" năm {year - 1}", f" in {year - 1}") if r() < 0.6 else ("", "")
        else:
            values = slots[name]
            value = values[int(r() * len(values))]
            vk[name], ek[name] = value[0], value[1]
            if len(value) > 2:
                for other, options in value[2].items():
                    vk[other], ek[other] = options[int(r() * len(options))]
    return upper_first(vi_t.format_map(vk)), upper_first(en_t.format_map(ek)), flag, group


def special_title(r: Rand, kind: str, dom: Domain, year: int) -> tuple[str, str, str]:
    """Title (vi, en) and field code of a book, patent, standard or data set."""
    if kind == "book":
        vi_b, en_b = pick(r, dom.book)
        vi_t, en_t = pick(r, BOOK_TITLES)
        return (
            vi_t.format(b=vi_b, lb=lower_first(vi_b)),
            en_t.format(b=en_b),
            dom.fos[int(r() * 100)],
        )
    vi_t, en_t, fos = pick(r, SPECIAL_ITEMS[kind])
    y0 = year - 1 - int(r() * 8)
    return vi_t.format(y=year - 1, y0=y0), en_t.format(y=year - 1, y0=y0), fos


def numbers(r: Rand, year: int, english: bool) -> dict[str, str]:
    """Random figures quoted in an abstract (decimal comma in Vietnamese)."""
    pct = f"{5 + r() * 85:.1f}"
    k = 3 + int(r() * 4)
    lo, hi = f"{3 + r() * 27:.1f}", f"{70 + r() * 28:.1f}"
    if not english:
        pct, lo, hi = pct.replace(".", ","), lo.replace(".", ","), hi.replace(".", ",")
    return {
        "pct": pct,
        "lo": lo,
        "hi": hi,
        "n": str(30 + int(r() * 870)),
        "k": str(k),
        "v": str(45 + int(r() * 25)),
        "y1": str(year - 1),
        "y0": str(year - 4 - int(r() * 3)),
        "kw": (EN_COUNT if english else VI_COUNT)[k - 3],
    }


def _fill(
    r: Rand, dom: Domain, english: bool, values: dict[str, str], group: str = ""
) -> dict[str, str]:
    """Domain phrases for the abstract sentences, in one language."""
    lang = 1 if english else 0
    for name in ("meth", "sample", "tool", "goal", "aud"):
        values[name] = pick(r, getattr(dom, name))[lang].format_map(values)
    finds = dom.finds.get(group) or dom.find
    values["find"] = pick(r, finds)[lang].format_map(values)
    return values


def study_abstract(
    r: Rand,
    kind: str,
    dom: Domain,
    title: str,
    flag: bool | None,
    english: bool,
    year: int,
    group: str = "",
) -> str:
    """Two to four natural sentences about a study, 300-900 characters."""
    v = _fill(r, dom, english, numbers(r, year, english), group)
    doc = DOC_NAMES[kind][1 if english else 0]
    v["doc"], v["Doc"] = doc, upper_first(doc)
    v["aim"] = title if flag is None else lower_first(title)
    if english:
        aims, method, result, close, filler = EN_AIM, EN_METHOD, EN_RESULT, EN_CLOSE, EN_FILLER
    else:
        aims = VI_AIM_VERBAL if flag else VI_AIM_NOMINAL
        method, result, close, filler = VI_METHOD, VI_RESULT, VI_CLOSE, VI_FILLER
    parts = [pick(r, aims)]
    x = r()
    if x < 0.3:
        parts.insert(0, pick(r, dom.ctx)[1 if english else 0])
    if x > 0.15:
        parts.append(pick(r, method))
    parts.append(pick(r, result))
    if x < 0.15 or x > 0.55:
        parts.append(pick(r, close))
    text = " ".join(parts).format_map(v)
    if len(text) > 900:
        text = " ".join(parts[-3:]).format_map(v)
    extra = 0
    while len(text) < 300 and extra < len(filler):
        text = f"{text} {filler[extra]}"
        extra += 1
    return text


def special_abstract(
    r: Rand, kind: str, dom: Domain, title: str, fos: str, english: bool, year: int
) -> str:
    """Abstract of a book, patent, standard or data set."""
    v = _fill(r, dom, english, numbers(r, year, english))
    v["Title"] = title
    v["lb"] = lower_first(title.split(": ")[0]).removeprefix("giáo trình ")
    v["field"] = FIELDS_OF_SCIENCE.get(fos, "").lower()
    sentences = SPECIAL_ABSTRACTS[kind][1 if english else 0]
    text = " ".join(sentences).format_map(v)
    if len(text) < 300:
        text = f"{text} {(EN_FILLER if english else VI_FILLER)[0]}"
    return text


def subjects(r: Rand, dom: Domain, english: bool) -> str:
    """Two to five distinct keywords, "||"-joined."""
    kw = dom.kw
    size = len(kw)
    count = 2 + int(r() * 4)
    start = int(r() * size)
    step = 2 if size >= 10 and r() < 0.5 else 1
    lang = 1 if english else 0
    return "||".join(kw[(start + i * step) % size][lang] for i in range(count))


def isbn(r: Rand, publisher_code: str) -> str:
    """A valid ISBN-13 in Vietnam's 978-604 range."""
    item = f"{int(r() * 10000):04d}"
    first12 = f"978604{publisher_code}{item}"
    return f"978-604-{publisher_code}-{item}-{isbn13_check(first12)}"


def domain_for_field(fos: str, fallback: Domain) -> Domain:
    """The topic domain matching a field of science code."""
    key = FOS_DOMAIN.get(fos)
    return DOMAINS[key] if key else fallback
