"""Detect and convert legacy Vietnamese text (TCVN3, VNI, VIQR, NFD) to NFC Unicode."""

import math
import re
from collections.abc import Callable
from itertools import chain
from typing import NamedTuple

from ._codecs import (
    LETTERS,
    TCVN3_DECODE,
    tcvn3_decode,
    tcvn3_encode,
    viqr_decode,
    viqr_encode,
    vni_decode,
    vni_encode,
)
from ._tables import LETTER_FREQUENCY
from .syllable import has_vietnamese_mark, is_syllable
from .text import nfc

ENCODINGS = ("unicode", "nfd", "tcvn3", "vni", "viqr")
LATIN1_ENCODINGS = ("tcvn3", "vni")  # the legacy encodings whose text shows as Latin-1 letters

_DECODERS: dict[str, Callable[[str], str]] = {
    "tcvn3": tcvn3_decode,
    "vni": vni_decode,
    "viqr": viqr_decode,
}
_ENCODERS: dict[str, Callable[[str], str]] = {
    "tcvn3": tcvn3_encode,
    "vni": vni_encode,
    "viqr": viqr_encode,
    "unicode": nfc,
}

# A character that only legacy text would hold: latin-1/cp1252 range or VN1 controls.
_LEGACY_CHAR = re.compile(
    "[{}\u0080-\u00ff]".format("".join(chr(c) for c in TCVN3_DECODE if c < 0x80 or c > 0xFF))
)
_COMBINING = re.compile("[\u0300-\u036f]")
_RUN = re.compile(r"[^\W\d_]+")
_VOWEL = re.compile("[{}]".format("".join(ch for ch in LETTERS if ch not in "đĐ")))
_LOWER_THEN_UPPER = re.compile(r"[^\W\d_]*[a-zà-ÿ][^\W\d_]*[A-ZÀ-Þ]")
_GLUED_SYMBOL = re.compile(r"[^\W\d_][¢-®µ-¾]|[¢-®µ-¾][^\W\d_]")
# A tie between Unicode and a legacy reading is broken only when the Unicode reading has garbage
# in it ("THAØNH PHOÁ HOÀ": VNI) and the legacy letters are this much (natural log) more typical of
# Vietnamese: e^2.3 = 10 times; and never on one word, which reads as Vietnamese both ways ("Chè" /
# TCVN3 "Chố", "chép" / "chộp", "Bé" / "Bộ"). Text whose every word reads as Vietnamese Unicode is
# left as it is ("Bùi Minh Lan||Bùi Thu Phong" is not TCVN3 "Bựi") unless its neighbours say
# otherwise (`likely`).
_TIE_MARGIN = 2.3
_TIE_MIN_WORDS = 2
_VIQR_MARK = re.compile(r"[aeiouyAEIOUY][(^+`'?~.]|(?<![A-Za-z])[Dd][Dd]")
_VIQR_STRONG = re.compile(r"[aeiouyAEIOUY][(^+`~]|(?<![A-Za-z])[Dd][Dd]")
# A unit with the micro sign (µM, µg, µmol, µL) reads as what it is; in TCVN3 'µ' is 'à', and 'àM',
# 'àg' are no Vietnamese words, but 'àm' alone would pass for a syllable.
_MICRO_UNIT = re.compile(r"(?:[A-Za-z]+/)*µ(?:mol|m|M|g|l|L|s|A|V|W|F|N|Pa|Hz|Sv|Gy|Ci)(?:/[A-Za-z]+)*")
_DOTTED = re.compile(r"\(?(?:[A-Za-z]\.){2,}[,;:)]?")  # a.m., e.g., U.S.A.


# Legacy text read through cp1252/latin-1 never holds a letter above U+00FF, while Vietnamese
# Unicode almost always does (ă đ ơ ư ạ ả ấ ...): such a string with nothing but Vietnamese
# letters and general punctuation outside ASCII is Unicode, and needs no further analysis.
_VN_LETTERS = frozenset(LETTERS) | frozenset(ch.upper() for ch in LETTERS)
_VN_HIGH = frozenset(ch for ch in _VN_LETTERS if ord(ch) > 0xFF)


_PLAIN_ALLOWED = _VN_LETTERS | frozenset(map(chr, range(128))) | frozenset(map(chr, range(0x2000, 0x2070)))


def proves_unicode(s: str) -> bool:
    """True when `s` has a Vietnamese letter that legacy text read through cp1252/latin-1 never shows
    ('ỗ', 'ă', 'ư', 'ạ'...): whoever typed it wrote Unicode."""
    return not _VN_HIGH.isdisjoint(s)


def shows_legacy_sign(s: str) -> bool:
    """True when `s` has a Latin-1 sign that is no Vietnamese letter ('¦', 'ª', '®', 'µ'): what TCVN3 and VNI
    text read through cp1252/latin-1 shows, and Vietnamese Unicode text rarely does."""
    return not _LEGACY_SIGNS.isdisjoint(s)


def garbled_in_unicode(s: str) -> bool:
    """True when a word of `s` reads as no Vietnamese syllable in Unicode (_garbled): "Kh¸nh" in "Lý Kh¸nh Anh"
    (TCVN3 "Lý Khánh Anh"), not "chè" nor "Lý"."""
    return any(_garbled(word) for word in s.split())


def _garbled(word: str) -> bool:
    """A non-ASCII word without digits that reads as no Vietnamese syllable in Unicode."""
    return not word.isascii() and not any(ch.isdigit() for ch in word) and _reading(word, "unicode").verdict == -1


_LEGACY_SIGNS = frozenset(chr(code) for code in range(0xA0, 0x100)) - _VN_LETTERS - {"\xa0"}


def _plainly_unicode(s: str) -> bool:
    """True when the string's non-ASCII characters prove it is proper Vietnamese Unicode.

    Asked of nearly every cell an importer reads: the sets go over the string's characters,
    stopping at the first that decides, without building a set of them.
    """
    return not _VN_HIGH.isdisjoint(s) and _PLAIN_ALLOWED.issuperset(s)


class Conversion(NamedTuple):
    """Converted text and the encoding it was converted from (None: unchanged)."""

    text: str
    encoding: str | None


def _judge(word: str, as_unicode: bool = False) -> int:
    """+1 if the word reads as Vietnamese, -1 if it reads as garbage, 0 if no evidence."""
    if as_unicode and _MICRO_UNIT.fullmatch(word.strip("()[],;.:/0123456789")):
        return 1  # 'µM', '(µmol)', '10µg', 'µg/ml', 'Cu/µg'
    if as_unicode and _GLUED_SYMBOL.search(word):
        return -1  # '§Õn', '®ã': a legacy letter code glued to letters
    runs = [r for r in _RUN.findall(word) if not r.isascii()]
    if any(len(r) > 1 and r.isupper() and "Đ" in r and not _VOWEL.search(r) for r in runs):
        return 1  # an abbreviation such as QĐ, NĐ-CP, BLĐTBXH
    runs = [r for r in runs if _VOWEL.search(r)]
    if sum(map(len, runs)) < 2:
        return 0  # a lone letter ('©' read as 'â') proves nothing
    if as_unicode and any(_LOWER_THEN_UPPER.search(r) for r in runs):
        return -1  # 'tÝnh', 'hiÖn': capitals inside a lower-case word
    if not as_unicode and any(a.islower() and b.isupper() for r in runs for a, b in zip(r, r[1:], strict=False)):
        return -1  # nor a legacy reading with one: French 'là' is no TCVN3 'lỔ'
    return 1 if all(is_syllable(r) for r in runs) else -1


def _letter_logs(word: str) -> tuple[float, ...]:
    """Log-frequencies of a word's non-ASCII letters under a letter-frequency model."""
    return tuple(math.log(LETTER_FREQUENCY.get(ch, 0.2)) for ch in word.lower() if ch.isalpha() and not ch.isascii())


class _Reading(NamedTuple):
    """A word read as Unicode or through a legacy decoder."""

    converted: str
    verdict: int | None  # _judge's; None: the decoder left the word unchanged (no evidence)
    logs: tuple[float, ...]  # _letter_logs of the converted word


_READINGS: dict[tuple[str, str], _Reading] = {}  # (encoding, word) -> its reading
READINGS_MEMORY = 200_000  # readings remembered at most (then forgotten)


# Quotation marks and punctuation around a word; TCVN3 writes "ô" and "ả" with two of them ("«", "»")
_AROUND = "«»“”„‘’‚‹›\"'()[]{}<>.,;:!?…–—-"


def _quoted_syllable(part: str) -> bool:
    """True for a Vietnamese syllable inside quotation marks or punctuation ("«Công", "Phòng»."): good Unicode
    that only the marks around it made garbage (read as TCVN3 or VNI letters, "Phòng»" became "Phịng»")."""
    core = part.strip(_AROUND)
    return core != part and bool(core) and _reading(core, "unicode").verdict == 1


def _reading(word: str, encoding: str) -> _Reading:
    """How a word reads in an encoding ('unicode': as it is); words recur, so readings are kept."""
    found = _READINGS.get((encoding, word))
    if found is None:
        decode = _DECODERS.get(encoding)
        converted = decode(word) if decode else word
        unchanged = decode is not None and converted == word
        verdict = None if unchanged else _judge(converted, as_unicode=decode is None)
        if verdict == -1 and decode is None and _quoted_syllable(word):  # no garbage; evidence for Unicode only
            verdict = 1 if proves_unicode(word) else 0  # with a letter legacy text never shows ("«Bình" may be VNI)
        found = _Reading(converted, verdict, _letter_logs(converted))
        if len(_READINGS) >= READINGS_MEMORY:
            _READINGS.clear()
        _READINGS[(encoding, word)] = found
    return found


def _tally(words: list[str], encoding: str) -> tuple[int, int, float]:
    """Words reading as Vietnamese and as garbage in an encoding, and the log-likelihood of
    all their non-ASCII letters."""
    readings = [_reading(word, encoding) for word in words]
    good = sum(1 for r in readings if r.verdict is not None and r.verdict > 0)
    bad = sum(1 for r in readings if r.verdict is not None and r.verdict < 0)
    return good, bad, sum(chain.from_iterable(r.logs for r in readings))


# Legacy-encoded Vietnamese shows a non-ASCII character in most words (nearly every syllable
# has a mark); a longer text with few such words is unaccented text (typed without marks, or
# OCR) with a stray accented letter, and reading it as TCVN3 or VNI would damage it.
MIN_WORDS_FOR_SHARE = 6
MIN_LEGACY_SHARE = 0.2


def _detect_legacy(s: str) -> str:
    lettered = [w for w in s.split() if any(ch.isalpha() for ch in w)]
    # TCVN3 letters show as Latin-1 symbols (¹ © ¨ «): any non-ASCII character but general
    # punctuation (curly quotes, dashes) marks a word
    marked = sum(1 for w in lettered if any(ord(ch) > 127 and not 0x2000 <= ord(ch) <= 0x206F for ch in w))
    if len(lettered) >= MIN_WORDS_FOR_SHARE and marked < MIN_LEGACY_SHARE * len(lettered):
        return "unicode"
    words = [w for w in s.split() if not w.isascii()]
    # Every non-ASCII word counts for Unicode ('Diện' is evidence); a legacy reading
    # only scores the words it changes.
    unicode_good, unicode_bad, unicode_ll = _tally(words, "unicode")
    best, best_margin = "unicode", 0
    for name in LATIN1_ENCODINGS:
        good, bad, ll = _tally(words, name)
        wins = good > unicode_good or (  # a tie: only when the Unicode reading has garbage in it
            good == unicode_good and unicode_bad > 0 and good >= _TIE_MIN_WORDS and bad == 0
            and ll - unicode_ll > _TIE_MARGIN
        )
        if wins and good >= 2 * bad and good - bad > best_margin:
            best, best_margin = name, good - bad
    return best


def may_be_viqr(s: str) -> bool:
    """True when ASCII `s` has something VIQR writes for a mark ("a`", "o^", "dd")."""
    return _VIQR_MARK.search(s) is not None


def _viqr_evidence(word: str) -> bool:
    """True when a word's VIQR marks are more than English punctuation: a "." or "?" ending a word ("go?",
    "me.", "No. 5") or dotted letters ("a.m.", "e.g.") are how English is written, not tones."""
    if _DOTTED.fullmatch(word) or any(ch.isdigit() for ch in word):  # "LA.0123", "A.2": codes, not syllables
        return False
    return _VIQR_MARK.search(word.rstrip('.?!,;:)"')) is not None or _VIQR_STRONG.search(word) is not None


def _looks_viqr(s: str, likely: bool = False) -> bool:
    """True when `s` reads as VIQR: enough of its words marked, and each marked word a Vietnamese
    syllable with a mark once read. Beside VIQR text (`likely`), one such word and no other will do
    ("Ho`a", "Ta^.p 2": a short value gives too little evidence on its own). A word whose only mark
    may be punctuation ("go?", "No.") is no evidence either way."""
    words = [w for w in s.split() if any(ch.isalpha() for ch in w)]
    marked = [w for w in words if _viqr_evidence(w)]
    if len(marked) < (1 if likely else 2):
        return False
    good = [w for w in marked if _judge(viqr_decode(w)) > 0
            and has_vietnamese_mark(viqr_decode(w))]
    bad = len(marked) - len(good)
    if likely:
        return bad == 0
    if len(good) >= 3 and len(good) >= 4 * bad and len(good) >= 0.3 * len(words):
        return True
    strong = any(_VIQR_STRONG.search(w) for w in good)
    return strong and bad == 0 and len(good) >= 0.5 * len(words)


def detect(s: str, likely: str | None = None) -> str:
    """Name the encoding of `s`: 'unicode', 'nfd', 'tcvn3', 'vni' or 'viqr'.

    `likely`: a legacy encoding the text's neighbours are in (the other cells of its row). A short
    value gives little evidence ("Côc SHTT" reads as Unicode as well as TCVN3 "Cục SHTT"); beside
    TCVN3 text, a reading as good as Unicode's (LIKELY_MARGIN) is taken; beside VIQR text, one
    marked word that reads as a Vietnamese syllable ("Ho`a").
    """
    if s.isascii():
        return "viqr" if _VIQR_MARK.search(s) and _looks_viqr(s, likely == "viqr") else "unicode"
    if _plainly_unicode(s):  # first: a combining mark is not among its characters
        return "unicode"
    if _COMBINING.search(s) and nfc(s) != s:
        return "nfd"
    if not _LEGACY_CHAR.search(s):
        return "unicode"
    found = _detect_legacy(s)
    if found == "unicode" and likely in _DECODERS and likely != "viqr" and reads_as_well(s, likely):
        return likely
    latin1 = LATIN1_ENCODINGS
    if found in latin1 and likely in latin1 and likely != found and _reads_as_well_as(s, likely, found):
        return likely  # beside VNI text, "san hoâ" is VNI "san hô" (TCVN3 read it "san hoõ" as well)
    return found



def _reads_as_well_as(s: str, encoding: str, other: str) -> bool:
    """True when `s` has as many good words, net of bad ones, in `encoding` as in `other`."""
    words = [w for w in s.split() if not w.isascii()]
    good, bad, _ll = _tally(words, encoding)
    other_good, other_bad, _other_ll = _tally(words, other)
    return good - bad >= other_good - other_bad


LIKELY_MARGIN = 1.5  # how much less likely its letters may be than Unicode's for a likely encoding to win


def reads_as_well(s: str, encoding: str) -> bool:
    """True when `s` reads in `encoding` about as well as in Unicode (no more garbage words, letters
    nearly as likely) and only has characters that encoding's text shows (Latin-1: not 'ệ')."""
    if any(ord(ch) > 0xFF and not 0x2000 <= ord(ch) <= 0x206F for ch in s):
        return False
    if encoding == "vni" and len(_DECODERS["vni"](s)) >= len(s):  # VNI writes a mark after its letter
        return False  # ("leä" for "lệ"); a lone "ô" read as "ơ" is no evidence ("Cô giáo" stays)
    words = [w for w in s.split() if not w.isascii()]
    good, bad, ll = _tally(words, encoding)
    unicode_good, unicode_bad, unicode_ll = _tally(words, "unicode")
    return good >= 1 and bad <= unicode_bad and ll >= unicode_ll - LIKELY_MARGIN


def to_unicode(s: str, encoding: str | None = None, likely: str | None = None) -> Conversion:
    """Convert `s` to NFC Unicode, detecting its encoding unless `encoding` is given (`likely`:
    the legacy encoding of its neighbours, see detect). Unicode text with some words left in TCVN3 or VNI
    has those words converted (_mended)."""
    name = encoding or detect(s, likely)
    if name not in ENCODINGS:
        raise ValueError(f"unknown Vietnamese encoding {name!r}; expected one of {ENCODINGS}")
    if name == "unicode":
        if encoding is None and not s.isascii() and _LEFT_IN_LEGACY.search(s):
            return _mended(s) or Conversion(s, None)
        return Conversion(s, None)
    if name in LATIN1_ENCODINGS and encoding is None:  # detected: the words typed in Unicode among them kept
        text = _DECODERS[name](s)  # whole: an all-capitals text reads as one ("T\xe6" is "TỔ" beside "CHỨC")
        parts, decoded = _SPACES.split(s), _SPACES.split(text)
        if len(parts) == len(decoded) and proves_unicode(s):  # 'ă', 'ư', 'ạ': some words were typed in Unicode
            typed = _typed_runs(parts, name)
            text = "".join(_legacy_word(part, name, read, typed[i]) if i in typed else read
                           for i, (part, read) in enumerate(zip(parts, decoded, strict=True)))
    else:
        text = nfc(s) if name == "nfd" else _viqr_decode(s) if name == "viqr" else _DECODERS[name](s)
    return Conversion(text, name if text != s else None)


_SPACES = re.compile(r"(\s+)")


def _typed_runs(parts: list[str], encoding: str) -> dict[int, bool]:
    """The places of the words typed in Unicode in a text read as TCVN3 or VNI: each word with a letter legacy text
    never shows ('đăng'), and the non-ASCII words beside it, either way, that read as Vietnamese as they are ("thêm
    và đăng ký" after TCVN3 words), up to one that does not ("hËu.") or a plain ASCII one. Each place says whether
    its run is a phrase typed in Unicode (two words or more that show it, _typed_evidence: its words are kept when
    their letters are likelier as typed) or a word retyped among legacy ones (its neighbours kept only when garbage
    converted). On the 3,975 lines of the legacy corpus in TCVN3 with a Unicode sentence after each, 2,701 read right
    (3 before); with one word of each retyped in Unicode, 3,058 and 3,800 in VNI (3,059 and 3,801 before)."""
    words = [i for i, part in enumerate(parts) if part and not part.isspace()]
    typed: dict[int, bool] = {}
    n = 0
    while n < len(words):
        if not proves_unicode(parts[words[n]]):
            n += 1
            continue
        first = last = n
        while first > 0 and _reads_typed(parts[words[first - 1]]):
            first -= 1
        while last + 1 < len(words) and _reads_typed(parts[words[last + 1]]):
            last += 1
        run = [words[m] for m in range(first, last + 1)]
        phrase = sum(_typed_evidence(parts[i], encoding) for i in run) >= 2
        typed.update((i, phrase) for i in run)
        n = last + 1
    return typed


def _typed_evidence(word: str, encoding: str) -> bool:
    """A word that shows it was typed in Unicode: a letter legacy text never shows ('đăng'), or a Vietnamese syllable
    as it is that is garbage read in the text's encoding ("và", TCVN3 "vỔ")."""
    return proves_unicode(word) or (_reading(word, "unicode").verdict == 1 and _reading(word, encoding).verdict == -1)


def _reads_typed(word: str) -> bool:
    """A non-ASCII word that may have been typed in Unicode: a Vietnamese syllable as it is."""
    return not word.isascii() and (proves_unicode(word) or _reading(word, "unicode").verdict == 1)


def _legacy_word(word: str, encoding: str, converted: str, phrase: bool) -> str:
    """A word beside ones typed in Unicode in a text in a Latin-1 legacy encoding: as it is when it reads as
    Vietnamese so and as garbage converted ("và", not "vỔ"), or, in a phrase typed in Unicode, with likelier letters
    so ("thêm", not "thờm"); else as the text's conversion reads it ("sè" is "số")."""
    if word.isascii() or word == converted:
        return converted
    typed, legacy = _reading(word, "unicode"), _reading(word, encoding)
    if typed.verdict == 1 and (legacy.verdict == -1 or phrase and sum(typed.logs) > sum(legacy.logs)):
        return word
    return converted


def _viqr_decode(s: str) -> str:
    """VIQR text converted, its codes kept: a mark before a digit is none ("LA.0123", "A.2"), escaped
    as VIQR escapes a sign it does not mean as a mark ("A\\.2")."""
    return viqr_decode(_MARK_BEFORE_DIGIT.sub(r"\\\1", s))


_MARK_BEFORE_DIGIT = re.compile(r"(?<=[aeiouyAEIOUY])([(^+`'?~.])(?=\d)")
# What a word left in TCVN3 or VNI shows: a capital after a small letter (TCVN3 writes "ễ" as a Latin-1
# "Ô": "NguyÔn", "tÝnh"), a Latin-1 sign no Vietnamese letter is ("Nghiªn", "cøu", "V¨n"; VNI "hoïc",
# "cöùu", "ñaàu") or a circumflex after its own vowel (VNI "Nghieân", "Nguyeãn", "coâng"); one regular expression,
# as it is asked of every Unicode cell an importer reads
_TCVN3_SIGNS = "".join(sorted(ch for ch in map(chr, range(0x80, 0x100)) if ch not in _VN_LETTERS))
_LEFT_IN_LEGACY = re.compile(f"[a-zà-ỹ][À-Þ]|[{re.escape(_TCVN3_SIGNS)}]|[aeAE][âáàãÂÁÀÃ]|[oO][âÂ]")
MIN_MENDED_LETTERS = 3  # a shorter word (a unit "µm", "Nº") is no evidence of a legacy encoding


def _mended(s: str) -> Conversion | None:
    """Unicode text with words left in TCVN3 or VNI (a cell retyped in part: "NguyÔn Văn An", "Nghiªn cøu
    đa dạng", VNI "Nguyeãn Văn An"): the words of 3 letters or more, without digits, that read as garbage
    in Unicode and as a Vietnamese syllable with a mark in the legacy encoding converted, the others kept
    (of TCVN3 and VNI, the one that so reads more of the words). None when the text does not prove it
    was typed in Unicode (no letter legacy text shows: 'ă', 'ư', 'ạ'), or no word is so mended."""
    if not proves_unicode(s):
        return None
    parts = s.split(" ")
    suspects = [i for i, part in enumerate(parts) if _garbled(part)]
    best: tuple[tuple[int, float], str, list[str]] | None = None
    for encoding in LATIN1_ENCODINGS:
        mended = list(parts)
        count, likelihood = 0, 0.0
        for i in suspects:
            reading = _reading(parts[i], encoding)
            letters = sum(ch.isalpha() for ch in reading.converted)
            if reading.verdict == 1 and letters >= MIN_MENDED_LETTERS and has_vietnamese_mark(reading.converted):
                mended[i] = reading.converted
                count, likelihood = count + 1, likelihood + sum(reading.logs)
        # more words so read, or as many with likelier letters (VNI "coâng": "công", not TCVN3 "coõng")
        if count and (best is None or (count, likelihood) > best[0]):
            best = ((count, likelihood), encoding, mended)
    return Conversion(nfc(" ".join(best[2])), best[1]) if best else None


def fix(s: str) -> Conversion:
    """Detect the encoding of `s` and convert it to NFC Unicode (to_unicode alias)."""
    return to_unicode(s)


def fix_typed(s: str) -> Conversion:
    """Text someone typed or pasted (a search query), converted from TCVN3 or VNI only when it does
    not read as Vietnamese Unicode: a few words give little evidence, and 'chè' is good Unicode
    that TCVN3 would read as 'chố'. VIQR and NFD as `fix`."""
    name = detect(s)
    if name in LATIN1_ENCODINGS and not _tally([w for w in s.split() if not w.isascii()], "unicode")[1]:
        name = "unicode"
    if name == "unicode" and s.isascii() and _INNER_MARK.search(s) and _looks_viqr(s, likely=True):
        name = "viqr"  # a word or two typed in VIQR ("bie^'n", "qua?n ly'"): a mark inside a word is no
        # English punctuation, and every marked word must read as a Vietnamese syllable ("don't" does not)
    return to_unicode(s, name)


# a VIQR mark English does not write, or one with a letter after it: "o^", "u+", "a(", "a`", "e~", "a?n"
_INNER_MARK = re.compile(r"[aeiouyAEIOUY](?:[(^+`~]|['?.][A-Za-z])")


def encode(s: str, encoding: str) -> str:
    """Convert Unicode `s` to 'tcvn3', 'vni' or 'viqr' text as a legacy reader shows it."""
    try:
        return _ENCODERS[encoding](s)
    except KeyError:
        raise ValueError(f"cannot encode to {encoding!r}; use tcvn3, vni or viqr") from None
