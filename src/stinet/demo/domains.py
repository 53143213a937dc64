"""Topic domains compiled into fast lookup tables for the generator."""

from __future__ import annotations

from string import Formatter

from stinet.demo.phrases import GENERIC_TITLES, JOURNALS, PUBLISHERS
from stinet.demo.text import expand
from stinet.demo.topics_econ import ECONOMICS, LOGISTICS
from stinet.demo.topics_env import AGRICULTURE, ENVIRONMENT
from stinet.demo.topics_hum import CULTURE, LINGUISTICS
from stinet.demo.topics_med import MEDICINE
from stinet.demo.topics_sea import MARITIME, OCEAN
from stinet.demo.topics_soc import EDUCATION, LAW
from stinet.demo.topics_tech import ENGINEERING, IT

RAW_DOMAINS: dict[str, dict] = {
    "maritime": MARITIME,
    "engineering": ENGINEERING,
    "it": IT,
    "ocean": OCEAN,
    "environment": ENVIRONMENT,
    "agriculture": AGRICULTURE,
    "medicine": MEDICINE,
    "economics": ECONOMICS,
    "logistics": LOGISTICS,
    "education": EDUCATION,
    "law": LAW,
    "culture": CULTURE,
    "linguistics": LINGUISTICS,
}

# Dewey classes the library uses for call numbers, by domain.
DDC: dict[str, str] = {
    "maritime": "387.5",
    "engineering": "620",
    "it": "004",
    "ocean": "551.46",
    "environment": "363.7",
    "agriculture": "630",
    "medicine": "610",
    "economics": "330",
    "logistics": "388",
    "education": "370",
    "law": "340",
    "culture": "959.735",
    "linguistics": "428",
}

# Slots filled from the work's year rather than from a vocabulary.
YEAR_SLOTS = frozenset({"t", "yr"})


def slot_names(template: str) -> tuple[str, ...]:
    """Return the placeholder names used by a format template."""
    return tuple(name for _, name, _, _ in Formatter().parse(template) if name)


def subject_table(kw: tuple[tuple[str, str], ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Every "||"-joined run of 2-5 distinct keywords (Vietnamese, English) for O(1) picks."""
    size = len(kw)
    steps = (1, 2) if size >= 10 else (1,)
    runs = [
        [kw[(start + i * step) % size] for i in range(count)]
        for count in range(2, 6)
        for start in range(size)
        for step in steps
    ]
    return tuple("||".join(k[0] for k in run) for run in runs), tuple("||".join(k[1] for k in run) for run in runs)


class Domain:
    """One topic domain: vocabularies plus weighted tables, ready for O(1) picks."""

    def __init__(self, key: str, raw: dict) -> None:
        """Compile a raw vocabulary dict."""
        self.key = key
        self.fos = expand(raw["fos"], 100)
        self.deg = raw["deg"]
        self.slots: dict[str, tuple[tuple[str, str], ...]] = raw["slots"]
        self.english = raw.get("english", 0.0)
        titles: list[tuple[tuple, float]] = [(t, 3.0) for t in raw.get("titles", ())]
        if raw.get("generic", True):
            titles.extend(GENERIC_TITLES)
        compiled = []
        for template, weight in titles:
            vi, en, flag = template[:3]
            group = template[3] if len(template) > 3 else ""
            names = slot_names(vi)
            missing = [n for n in names if n not in YEAR_SLOTS and n not in self.slots]
            if missing:
                raise ValueError(f"{key}: template {vi!r} needs slots {missing}")
            compiled.append(((vi, en, flag, names, group), weight))
        self.titles = expand(compiled, 200)
        for name in ("kw", "ctx", "meth", "sample", "tool", "find", "goal", "aud", "book"):
            setattr(self, name, raw[name])
        # Findings that fit one group of titles (e.g. prevalence studies), else the general ones.
        self.finds: dict[str, tuple] = raw.get("finds", {})
        self.subjects = subject_table(raw["kw"])
        self.journals = JOURNALS[key]
        self.publishers = PUBLISHERS[key]


DOMAINS: dict[str, Domain] = {key: Domain(key, raw) for key, raw in RAW_DOMAINS.items()}
