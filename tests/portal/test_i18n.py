"""Every interface string of the templates has its Vietnamese translation."""

import re
from pathlib import Path

import polib

PORTAL = Path(__file__).resolve().parents[2] / "src" / "stinet" / "portal"
TRANS_RE = re.compile(r"""\{% trans (?:"([^"]*)"|'([^']*)') %\}""")


def test_all_template_strings_are_translated():
    po = polib.pofile(str(PORTAL / "locale" / "vi" / "LC_MESSAGES" / "django.po"))
    translated = {e.msgid for e in po if e.msgstr or e.msgstr_plural}
    used = {a or b for f in (PORTAL / "templates").rglob("*.html")
            for a, b in TRANS_RE.findall(f.read_text())}
    assert used and not used - translated, sorted(used - translated)
