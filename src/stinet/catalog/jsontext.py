"""JSON stored with its letters as they are: Vietnamese text takes half the bytes it would as escapes."""

from __future__ import annotations

import json
from typing import Any


class TextJSONEncoder(json.JSONEncoder):
    """json.JSONEncoder with ensure_ascii off ("Hải Phòng", not "H\\u1ea3i Ph\\u00f2ng").

    Source records, creators and audit entries are mostly Vietnamese: escaped, each letter
    with a mark took six bytes instead of two or three, which made the SQLite file half as
    large again and every import write that much more. Readers see the same values.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["ensure_ascii"] = False
        super().__init__(*args, **kwargs)
