"""Helpers shared by the XML serializers: text made safe for XML 1.0, elements from values."""

from __future__ import annotations

import re

from lxml import etree

XSI = "http://www.w3.org/2001/XMLSchema-instance"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

# Everything XML 1.0 forbids: C0 controls except tab/LF/CR, lone surrogates, U+FFFE and U+FFFF.
_ILLEGAL = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def clean(text: object) -> str:
    """Text without the characters XML 1.0 cannot carry (harvested data may contain them)."""
    return _ILLEGAL.sub("", str(text))


def has_illegal(text: str) -> bool:
    """Tell whether a string holds a character XML 1.0 cannot carry."""
    return _ILLEGAL.search(text) is not None


_LANGUAGE_TAG = re.compile(r"[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*")  # xs:language, as xml:lang must be


def lang_attrib(code: str) -> dict[str, str] | None:
    """{xml:lang: code} for a work's language, or None when there is none or it is no language tag (a
    member's "vie||eng" kept by an older import): one such value made a whole page fail the schema."""
    return {XML_LANG: code} if code and _LANGUAGE_TAG.fullmatch(code) else None


def add(parent: etree._Element, tag: str, text: object = None,
        attrib: dict[str, str] | None = None) -> etree._Element | None:
    """Append a child element with cleaned text; nothing (None) when the text is empty."""
    value = clean(text).strip() if text is not None else ""
    if text is not None and not value:
        return None
    child = etree.SubElement(parent, tag, {k: clean(v) for k, v in (attrib or {}).items()})
    if value:
        child.text = value
    return child
