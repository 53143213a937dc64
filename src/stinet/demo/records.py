"""Build one work's metadata (title, people, abstract, identifiers) from random draws."""

from __future__ import annotations

import random
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
DOC_FORMS = {kind: tuple((name, upper_first(name)) for name in names) for kind, names in DOC_NAMES.items()}
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


def study_title(r: Rand, dom: Domain, year: int) -> tuple[str, str, bool | None, tuple[str, str] | None]:
    """Draw a research title (vi, en), how it reads in an abstract, and a finding that fits.

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
    if "find" in vk:
        find = (vk["find"], ek["find"])
    else:
        finds = dom.finds.get(group) or dom.find
        find = finds[int(r() * len(finds))]
    vi, en = vi_t.format_map(vk), en_t.format_map(ek)
    if vi_t[0] == "{":
        vi = upper_first(vi)
    if en_t[0] == "{":
        en = upper_first(en)
    return vi, en, flag, find


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


def _decimals(low: float, high: float) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """All one-decimal figures in a range, English and Vietnamese (decimal comma)."""
    en = tuple(f"{x / 10:.1f}" for x in range(int(low * 10), int(high * 10)))
    return en, tuple(x.replace(".", ",") for x in en)


PCT, LO, HI = _decimals(5, 90), _decimals(3, 30), _decimals(70, 98)
COUNTS = tuple(str(i) for i in range(30, 900))


def _number_pool(lang: int, size: int = 4096) -> tuple[dict[str, str], ...]:
    """Pre-drawn sets of figures (fixed seed), so each abstract copies one instead of drawing."""
    draw = random.Random(lang).random  # noqa: S311 - demo data, not security
    pool = []
    for _ in range(size):
        k = int(draw() * 4)
        pool.append(
            {
                "pct": PCT[lang][int(draw() * 850)],
                "lo": LO[lang][int(draw() * 270)],
                "hi": HI[lang][int(draw() * 280)],
                "n": COUNTS[int(draw() * 870)],
                "k": "3456"[k],
                "v": str(45 + int(draw() * 25)),
                "kw": (EN_COUNT, VI_COUNT)[lang][k],
            }
        )
    return tuple(pool)


NUMBER_POOLS = (_number_pool(0), _number_pool(1))


def numbers(r: Rand, english: bool) -> dict[str, str]:
    """Figures quoted in an abstract (decimal comma in Vietnamese); survey years stay {y0}/{y1}."""
    values = NUMBER_POOLS[0 if english else 1][int(r() * 4096)].copy()
    values["y0"], values["y1"] = "{y0}", "{y1}"
    return values


def _fill(r: Rand, dom: Domain, lang: int, values: dict[str, str], find: tuple | None = None) -> dict[str, str]:
    """Domain phrases for the abstract sentences, in one language, with their figures filled."""
    meth, sample, tool, goal, aud = dom.meth, dom.sample, dom.tool, dom.goal, dom.aud
    values["meth"] = meth[int(r() * len(meth))][lang]
    values["sample"] = sample[int(r() * len(sample))][lang].format_map(values)
    values["tool"] = tool[int(r() * len(tool))][lang]
    values["goal"] = goal[int(r() * len(goal))][lang]
    values["aud"] = aud[int(r() * len(aud))][lang]
    if find is None:
        finds = dom.find
        find = finds[int(r() * len(finds))]
    values["find"] = find[lang].format_map(values)
    return values


def study_body(r: Rand, kind: str, dom: Domain, english: bool, find: tuple | None = None) -> tuple[str, str]:
    """The sentences around an abstract's aim: (context or "", method-result-conclusion).

    They do not depend on the title, so large runs may reuse them; the survey years are left
    as {y0}/{y1} for study_abstract to fill from the work's own year.
    """
    lang = 1 if english else 0
    v = _fill(r, dom, lang, numbers(r, english), find)
    v["doc"], v["Doc"] = DOC_FORMS[kind][lang]
    method, result, close = (EN_METHOD, EN_RESULT, EN_CLOSE) if english else (VI_METHOD, VI_RESULT, VI_CLOSE)
    x = r()
    ctx = dom.ctx[int(x * 1e4) % len(dom.ctx)][lang] if x < 0.3 else ""
    parts = [method[int(x * 1e5) % len(method)]] if x > 0.15 else []
    parts.append(result[int(x * 1e6) % len(result)])
    if x < 0.15 or x > 0.55:
        parts.append(close[int(x * 1e7) % len(close)])
    return ctx, " ".join(parts).format_map(v)


def study_abstract(
    r: Rand, kind: str, title: str, flag: bool | None, english: bool, year: int, body: tuple[str, str]
) -> str:
    """Two to four natural sentences about a study, 300-900 characters: the aim, then the body."""
    lang = 1 if english else 0
    doc, cap = DOC_FORMS[kind][lang]
    aim = title if flag is None else lower_first(title)
    if english:
        aims, filler = EN_AIM, EN_FILLER
    else:
        # "tập trung" reads well only before "nghiên cứu ...".
        aims = (VI_AIM_VERBAL if aim.startswith("nghiên cứu") else VI_AIM_VERBAL[:2]) if flag else VI_AIM_NOMINAL
        filler = VI_FILLER
    x = r()
    opening = aims[int(x * len(aims))].format(doc=doc, Doc=cap, aim=aim)
    ctx, after = body
    if "{y" in after:
        y1 = year - 1
        after = after.replace("{y0}", str(y1 - 3 - int(x * 1e4) % 3)).replace("{y1}", str(y1))
    text = f"{ctx} {opening} {after}" if ctx else f"{opening} {after}"
    if len(text) > 900:
        text = f"{opening} {after}"
    extra = 0
    while len(text) < 300 and extra < len(filler):
        text = f"{text} {filler[extra]}"
        extra += 1
    return text


def special_abstract(r: Rand, kind: str, dom: Domain, title: str, fos: str, english: bool, year: int) -> str:
    """Abstract of a book, patent, standard or data set."""
    v = _fill(r, dom, 1 if english else 0, numbers(r, english))
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
    table = dom.subjects[1 if english else 0]
    return table[int(r() * len(table))]


def isbn(r: Rand, publisher_code: str) -> str:
    """A valid ISBN-13 in Vietnam's 978-604 range."""
    item = f"{int(r() * 10000):04d}"
    first12 = f"978604{publisher_code}{item}"
    return f"978-604-{publisher_code}-{item}-{isbn13_check(first12)}"


def domain_for_field(fos: str, fallback: Domain) -> Domain:
    """The topic domain matching a field of science code."""
    key = FOS_DOMAIN.get(fos)
    return DOMAINS[key] if key else fallback
