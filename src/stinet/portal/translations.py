"""Compiling the packaged .po catalogues to .mo files under the data directory.

Every app may ship its own `locale/LANG/LC_MESSAGES/django.po` (so that apps written side by
side never edit one shared file); they are merged into one catalogue per language. The .mo
files are build output, so they are not kept in the repository; polib writes them without GNU
gettext. Settings call this before Django starts: Django reads the catalogues during
start-up, so a file written later (in an AppConfig.ready) would only count next time.
"""

from __future__ import annotations

import hashlib
import os
from collections import defaultdict
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1]


def packaged_catalogues() -> dict[str, list[Path]]:
    """Language code -> the .po files of every app for it (portal's first)."""
    found: dict[str, list[Path]] = defaultdict(list)
    for po_path in sorted(PACKAGE.glob("*/locale/*/LC_MESSAGES/django.po"),
                          key=lambda p: (p.parts[-5] != "portal", str(p))):
        found[po_path.parent.parent.name].append(po_path)
    return dict(found)


def compile_translations(target_root: Path) -> None:
    """Write LANG/LC_MESSAGES/django.mo, merged from the apps' .po files, unless it was made from
    these very files: a digest of their names and contents is kept beside it (times would not do:
    a copied or restored data folder has new times on old files)."""
    import polib

    for lang, sources in packaged_catalogues().items():
        mo_path = target_root / lang / "LC_MESSAGES" / "django.mo"
        made_from = mo_path.with_suffix(".sha256")
        digest = hashlib.sha256()
        for path in sources:
            digest.update(str(path.relative_to(PACKAGE)).encode() + b"\0" + path.read_bytes() + b"\0")
        if mo_path.exists() and made_from.exists() and made_from.read_text() == digest.hexdigest():
            continue
        merged = polib.pofile(str(sources[0]))
        known = {(e.msgctxt, e.msgid) for e in merged}
        for extra in sources[1:]:
            for entry in polib.pofile(str(extra)):
                if (entry.msgctxt, entry.msgid) not in known:
                    known.add((entry.msgctxt, entry.msgid))
                    merged.append(entry)
        mo_path.parent.mkdir(parents=True, exist_ok=True)
        # each file written under a name of this process's own, then renamed: processes starting
        # together (server workers, import workers) never read or move another's half-written file
        tmp = mo_path.with_suffix(f".{os.getpid()}.tmp")
        merged.save_as_mofile(str(tmp))
        tmp.replace(mo_path)
        tmp.write_text(digest.hexdigest())
        tmp.replace(made_from)
