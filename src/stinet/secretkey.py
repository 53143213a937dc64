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
    process without a data folder, `stinet --help`, writes nothing: it uses a key of its own). A key that
    cannot be read or kept (another user's file, a folder not writable) leaves this process a key of its own
    and a one-line warning: each process would sign with its own key."""
    if key := os.environ.get("STINET_SECRET_KEY", "").strip():
        return key
    key = secrets.token_urlsafe(50)
    try:
        if (kept := _read(data_dir / FILE_NAME)) is not None:
            return kept
        return keep(data_dir, key) if data_dir.is_dir() else key
    except OSError as exc:
        _warn(data_dir / FILE_NAME, exc)
        return key


def keep(data_dir: Path, key: str) -> str:
    """Keep `key` in `data_dir` unless a key is kept there already (another process made it first:
    that one), and return the key kept; nothing is kept when STINET_SECRET_KEY is set. The key is written
    whole to a file of its own first, then linked under its name: a process killed meanwhile, or a full
    disk, never leaves an empty key that every process would replace with its own."""
    if os.environ.get("STINET_SECRET_KEY", "").strip():
        return key
    path = data_dir / FILE_NAME
    if (kept := _read(path)) is not None:
        return kept
    draft = data_dir / f".{FILE_NAME}.{os.getpid()}"
    handle = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(handle, "w", encoding="ascii") as out:
            out.write(key + "\n")
            out.flush()
            os.fsync(out.fileno())
        try:
            os.link(draft, path)
        except FileExistsError:
            return _read(path) or key  # another process kept its key first: that one
    finally:
        draft.unlink(missing_ok=True)
    return key


def keep_quietly(data_dir: Path, key: str) -> str:
    """keep(), or this process's key and a one-line warning when the folder cannot take it."""
    try:
        return keep(data_dir, key)
    except OSError as exc:
        _warn(data_dir / FILE_NAME, exc)
        return key


def _warn(path: Path, exc: OSError) -> None:
    """Say once, on standard error, that this process signs with a key of its own."""
    print(f"stinet: warning: the secret key cannot be kept in {path} ({exc.strerror or exc}); set "
          "STINET_SECRET_KEY", file=sys.stderr)


def _read(path: Path) -> str | None:
    """The key kept in `path`, or None when there is none (OSError when it cannot be read)."""
    try:
        return path.read_text(encoding="ascii").strip() or None
    except FileNotFoundError:
        return None
