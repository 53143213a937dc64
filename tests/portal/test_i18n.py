"""Every interface string of the templates has its Vietnamese translation."""

import re
from pathlib import Path

import polib

PORTAL = Path(__file__).resolve().parents[2] / "src" / "stinet" / "portal"
TRANS_RE = re.compile(r"""\{% trans (?:"([^"]*)"|'([^']*)') %\}""")


def test_all_template_strings_are_translated():
    from stinet.portal.translations import packaged_catalogues

    translated = {e.msgid for path in packaged_catalogues()["vi"] for e in polib.pofile(str(path))
                  if e.msgstr or e.msgstr_plural}
    used = {a or b for f in PORTAL.parent.glob("*/templates/**/*.html")
            for a, b in TRANS_RE.findall(f.read_text())}
    assert used and not used - translated, sorted(used - translated)


def test_vietnamese_on_the_very_first_start_with_a_new_data_folder(tmp_path):
    import os
    import subprocess
    import sys

    code = ("import django; django.setup(); from django.utils import translation; "
            "translation.activate('vi'); print(translation.gettext('Search'))")
    env = dict(os.environ, STINET_DATA_DIR=str(tmp_path / "new"), DJANGO_SETTINGS_MODULE="stinet.settings")
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "Tra cứu"
