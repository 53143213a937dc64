"""Compiling the packaged .po catalogues to .mo files under the data directory.

The .mo files are build output, so they are not kept in the repository; polib writes them
without GNU gettext. Settings call this before Django starts: Django reads the catalogues
during start-up, so a file written later (in an AppConfig.ready) would only count next time.
"""

from __future__ import annotations

from pathlib import Path

SOURCE = Path(__file__).resolve().parent / "locale"


def compile_translations(target_root: Path) -> None:
    """Write LANG/LC_MESSAGES/django.mo for every packaged .po that is newer than its .mo."""
    import polib

    for po_path in SOURCE.glob("*/LC_MESSAGES/django.po"):
        lang = po_path.parent.parent.name
        mo_path = target_root / lang / "LC_MESSAGES" / "django.mo"
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        mo_path.parent.mkdir(parents=True, exist_ok=True)
        tmp = mo_path.with_suffix(".mo.tmp")
        polib.pofile(str(po_path)).save_as_mofile(str(tmp))
        tmp.replace(mo_path)  # atomic: a concurrent process never reads half a file
