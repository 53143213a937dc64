"""The site's secret key (it signs OAI-PMH resumption tokens, the feed's cursors, message cookies):
STINET_SECRET_KEY, else a random key kept in the data folder, made once, readable by its owner only.

No key is shipped: one written in the code would let anyone sign what the site trusts.
"""

from __future__ import annotations

import os
import secrets
import sys
from pathlib import Path

FILE_NAME = "secret_key"


def secret_key(data_dir: Path) -> str:
    """The configured key, the one kept in `data_dir`, or a new one kept there when the folder exists (a
    process without a data folder, `stinet --help`, writes nothing: it uses a key of its own)."""
    if key := os.environ.get("STINET_SECRET_KEY", "").strip():
        return key
    path = data_dir / FILE_NAME
    if (kept := _read(path)) is not None:
        return kept
    key = secrets.token_urlsafe(50)
    if not data_dir.is_dir():
        return key
    try:
        return keep(data_dir, key)
    except OSError as exc:  # a folder this process may read, not write: each process would sign with its own key
        print(f"stinet: warning: the secret key cannot be kept in {path} ({exc.strerror}); set STINET_SECRET_KEY",
              file=sys.stderr)
        return key


def keep(data_dir: Path, key: str) -> str:
    """Keep `key` in `data_dir` unless a key is kept there already (another process made it first:
    that one), and return the key kept; nothing is kept when STINET_SECRET_KEY is set."""
    if os.environ.get("STINET_SECRET_KEY", "").strip():
        return key
    path = data_dir / FILE_NAME
    try:
        handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return _read(path) or key
    with os.fdopen(handle, "w", encoding="ascii") as out:
        out.write(key + "\n")
    return key


def _read(path: Path) -> str | None:
    """The key kept in `path`, or None when there is none."""
    try:
        return path.read_text(encoding="ascii").strip() or None
    except FileNotFoundError:
        return None
