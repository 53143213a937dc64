"""One regular expression for many words, factored by their common prefixes (a trie).

re tries the alternatives of a flat "a|b|c..." one by one at every position of the text;
factored, it follows one branch per letter, and on a branch the longer words come first (so,
as with words sorted longest first, the longest one that fits wins). Matching is the same.
"""

from __future__ import annotations

import re
from collections.abc import Iterable


def alternation(words: Iterable[str]) -> str:
    """A non-capturing group matching any of `words`, longest first on a shared prefix."""
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _pattern(trie) if trie else "(?!)"


def _pattern(node: dict[str, dict]) -> str:
    branches = [re.escape(ch) + _pattern(child) for ch, child in sorted(node.items()) if ch]
    if "" in node:
        branches.append("")  # a word may end here: tried after every longer one
    if len(branches) == 1:
        return branches[0]
    return "(?:" + "|".join(branches) + ")"
