"""Highlighting of matched words in titles and abstracts, whatever the backend.

The text is escaped here; matched words (compared folded, so 'da dang' marks 'đa dạng', and in the
search spelling of i/y, so 'quản lí' marks 'quản lý') are
wrapped in <mark>. The result is safe to insert into HTML as is.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from html import escape

from stinet.vietnamese import fold, search_fold, search_word

_WORD_RE = re.compile(r"\w+", re.UNICODE)
SNIPPET_CHARS = 240


_JOINER_RE = re.compile(r"[\s&\-/.]{1,3}")  # what may stand between the words of a form: KH&CN, KH-CN, KH và CN


def highlight(text: str, words: set[str], phrases: Sequence[tuple[str, ...]] = ()) -> str:
    """The whole text, escaped, with every word whose folded form is in `words` marked, and every
    run of words that is one of `phrases` (folded word sequences: the written-out forms of an
    equivalence such as KHCN = "khoa học và công nghệ") marked as one."""
    if not words and not phrases:
        return escape(text)
    out: list[str] = []
    last = 0
    for start, end in _marked_spans(text, words, phrases):
        out.append(escape(text[last:start]))
        out.append(f"<mark>{escape(text[start:end])}</mark>")
        last = end
    out.append(escape(text[last:]))
    return "".join(out)


def _marked_spans(text: str, words: set[str], phrases: Sequence[tuple[str, ...]]) -> list[tuple[int, int]]:
    """(start, end) of the matched words and phrases, in order, the longest phrase first."""
    tokens = [(m.start(), m.end(), search_word(fold(m.group(0)))) for m in _WORD_RE.finditer(text)]
    starting: dict[str, list[tuple[str, ...]]] = {}  # first word -> the phrases it starts, the longest first
    for phrase in sorted(phrases, key=len, reverse=True):
        if phrase:
            starting.setdefault(phrase[0], []).append(phrase)
    spans, i = [], 0
    while i < len(tokens):
        for phrase in starting.get(tokens[i][2], ()):
            run = tokens[i:i + len(phrase)]
            if tuple(t[2] for t in run) == phrase and all(
                    _JOINER_RE.fullmatch(text[a[1]:b[0]]) for a, b in zip(run, run[1:], strict=False)):
                spans.append((run[0][0], run[-1][1]))
                i += len(phrase)
                break
        else:
            if tokens[i][2] in words:
                spans.append(tokens[i][:2])
            i += 1
    return spans


def snippet(text: str, words: set[str], size: int = SNIPPET_CHARS, phrases: Sequence[tuple[str, ...]] = ()) -> str:
    """The part of a long text with the most matched words, escaped and highlighted."""
    if len(text) <= size:
        return highlight(text, words, phrases)
    positions = [start for start, _end in _marked_spans(text, words, phrases)]
    if not positions:
        cut = text[:size].rsplit(" ", 1)[0]
        return highlight(cut, words, phrases) + " …"
    best_start, best_hits = positions[0], 0
    for i, start in enumerate(positions):
        hits = sum(1 for p in positions[i:] if p < start + size)
        if hits > best_hits:
            best_start, best_hits = start, hits
    start = max(0, best_start - size // 4)
    if start:
        start = text.find(" ", start) + 1 or start
    end = min(len(text), start + size)
    if end < len(text):
        end = text.rfind(" ", start, end) if text.rfind(" ", start, end) > start else end
    prefix = "… " if start else ""
    suffix = " …" if end < len(text) else ""
    return prefix + highlight(text[start:end], words, phrases) + suffix


def long_snippet(text: str, words: set[str], size: int = SNIPPET_CHARS) -> str:
    """A snippet of a long text (a full text): found on the folded text, then highlighted.

    Folding keeps the length of NFC Vietnamese, so a match's place in the folded text is its
    place in the text; when it does not, the slower word-by-word snippet is used on the start.
    The passage is taken around the first place of the rarest query word.
    """
    if not words or not text:
        return ""
    folded = search_fold(text)
    if len(folded) != len(text):
        return snippet(text[:20000], words, size)
    # anchor on the rarest matched word: common words ("số", "của") are everywhere
    best: re.Match[str] | None = None
    fewest = 0
    for word in words:
        found = list(re.finditer(r"\b" + re.escape(word) + r"\b", folded))
        if found and (best is None or len(found) < fewest):
            best, fewest = found[0], len(found)
    if best is None:
        return ""
    start = max(0, best.start() - size // 3)
    if start:
        start = text.find(" ", start, best.start()) + 1 or start
    end = min(len(text), start + size)
    if end < len(text) and text.rfind(" ", best.end(), end) > 0:
        end = text.rfind(" ", best.end(), end)
    return ("… " if start else "") + highlight(text[start:end], words) + (" …" if end < len(text) else "")
