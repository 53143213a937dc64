"""Compiling the packaged .po catalogues to .mo under the data directory at start-up.

The .mo files are build output, so they are not kept in the repository; polib writes them
without needing GNU gettext on the machine.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings

SOURCE = Path(__file__).resolve().parent / "locale"


def compile_translations() -> None:
    """Write LC_MESSAGES/django.mo for every packaged .po that is newer than its .mo."""
    import polib

    target_root = Path(settings.LOCALE_PATHS[0])
    for po_path in SOURCE.glob("*/LC_MESSAGES/django.po"):
        lang = po_path.parent.parent.name
        mo_path = target_root / lang / "LC_MESSAGES" / "django.mo"
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        mo_path.parent.mkdir(parents=True, exist_ok=True)
        polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
