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


GETTEXT_NAMES = {"_", "_lazy", "gettext", "gettext_lazy", "gettext_noop", "ngettext", "ngettext_lazy",
                 "pgettext", "pgettext_lazy"}


def _python_msgids() -> set[tuple[str | None, str, str]]:
    """(context, msgid, where) of every translation call with literal strings in the package."""
    import ast

    found = set()
    for path in PORTAL.parent.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id in GETTEXT_NAMES and node.args):
                continue
            literals = [a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
            where = f"{path.relative_to(PORTAL.parent)}:{node.lineno}"
            if node.func.id.startswith("pgettext") and len(literals) >= 2:
                found.add((literals[0], literals[1], where))
            elif node.func.id.startswith("ngettext") and len(literals) >= 2:
                found.add((None, literals[0], where))
            elif literals and isinstance(node.args[0], ast.Constant):
                found.add((None, literals[0], where))
    return found


def test_all_python_strings_are_translated():
    from stinet.portal.translations import packaged_catalogues

    translated = {(e.msgctxt, e.msgid) for path in packaged_catalogues()["vi"]
                  for e in polib.pofile(str(path)) if e.msgstr or any(e.msgstr_plural.values())}
    used = _python_msgids()
    missing = sorted(f"{where}: {msgid!r}" for ctx, msgid, where in used if (ctx, msgid) not in translated)
    assert len(used) > 100 and not missing, "\n".join(missing)


def test_translations_made_from_other_files_are_compiled_again_whatever_their_time(tmp_path):
    """A copied or restored data folder has new times on old compiled translations."""
    import os

    from stinet.portal.translations import compile_translations

    compile_translations(tmp_path)
    mo, made_from = tmp_path / "vi" / "LC_MESSAGES" / "django.mo", tmp_path / "vi" / "LC_MESSAGES" / "django.sha256"
    made = mo.read_bytes()
    for older in ("made from other files", None):  # a folder of an older release, of one before the digest
        mo.write_bytes(b"an older catalogue")
        made_from.write_text(older) if older else made_from.unlink()
        os.utime(mo, (4_000_000_000, 4_000_000_000))  # newer than every .po
        compile_translations(tmp_path)
        assert mo.read_bytes() == made and made_from.read_text() != older
    os.utime(mo, (1_000_000_000, 1_000_000_000))  # older than every .po, but made from them: left as it is
    compile_translations(tmp_path)
    assert mo.stat().st_mtime == 1_000_000_000


def test_translations_keep_the_placeholders_of_their_message():
    """A misspelt %(name)s in a translation is a KeyError when it is said; a missing one drops the value."""
    from stinet.portal.translations import packaged_catalogues

    placeholder = re.compile(r"%\((\w+)\)[sdr]|\{\{\s*(\w+)\s*\}\}")

    def names(text: str) -> set[str]:
        return {a or b for a, b in placeholder.findall(text)}

    wrong = []
    for path in packaged_catalogues()["vi"]:
        for entry in polib.pofile(str(path)):
            wanted = names(entry.msgid) | names(entry.msgid_plural or "")
            said = [entry.msgstr] if entry.msgstr else list(entry.msgstr_plural.values())
            wrong += [f"{path.parts[-5]}: {entry.msgid!r} -> {text!r}"
                      for text in said if text and names(text) != wanted]
    assert not wrong, "\n".join(wrong)


def test_one_message_has_one_translation_in_every_app():
    """The apps' catalogues are merged into one, where the first translation of a message wins: a
    message two apps translate differently must carry a context (pgettext) to keep each its own."""
    from stinet.portal.translations import packaged_catalogues

    said: dict[tuple[str | None, str], dict[str, str]] = {}
    for path in packaged_catalogues()["vi"]:
        for entry in polib.pofile(str(path)):
            if not entry.obsolete:
                text = entry.msgstr or " | ".join(entry.msgstr_plural[k] for k in sorted(entry.msgstr_plural))
                said.setdefault((entry.msgctxt, entry.msgid), {})[path.parts[-5]] = text
    differing = [f"{msgid!r}" + (f" ({ctx})" if ctx else "") + f": {apps}"
                 for (ctx, msgid), apps in said.items() if len(set(apps.values())) > 1]
    assert not differing, "\n".join(differing)
