"""The command line's help and Click's own words in the interface language (stinet.clihelp)."""

from __future__ import annotations

import ast
import os
import subprocess
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from django.utils import translation

from stinet import clihelp
from stinet.cli import main
from tests.conftest import STINET


def _commands(cmd: click.Command, path: str = "stinet"):
    yield path, cmd
    if isinstance(cmd, click.Group):
        for name, sub in sorted(cmd.commands.items()):
            yield from _commands(sub, f"{path} {name}")


def _help_ids() -> dict[str, str]:
    """Message id -> where: every command's and option's help."""
    found = {}
    for path, cmd in _commands(main):
        if cmd.help:
            found.setdefault(clihelp.message_id(cmd.help), path)
        if cmd.short_help:
            found.setdefault(clihelp.message_id(cmd.short_help), path)
        for param in cmd.params:
            for text in (getattr(param, "help", None), getattr(param, "prompt", None)):
                if text:
                    found.setdefault(clihelp.message_id(text), f"{path} {param.name}")
    return found


def _clicks_ids() -> set[str]:
    """The singular message ids of Click's own gettext calls."""
    found = set()
    for name in clihelp.CLICK_MODULES:
        source = Path(click.__file__).with_name(f"{name}.py")
        for node in ast.walk(ast.parse(source.read_text())):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("_", "ngettext")
                    and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
                found.add(node.args[0].value)
    return found | {"required"}  # said as _(extra["required"])


def test_every_command_and_option_is_explained_in_vietnamese():
    untranslated = [f"{where}: {msgid!r}" for msgid, where in _help_ids().items() if msgid not in clihelp.catalogue()]
    assert not untranslated, "\n".join(untranslated)
    plain = [path for path, cmd in _commands(main) if not isinstance(cmd, clihelp.Command)]
    assert not plain, f"commands made without cls=Command/Group (their help stays English): {plain}"


def test_every_translation_of_the_command_line_is_of_a_text_it_shows():
    """A help text reworded, or a word Click no longer says, leaves no translation that is never used."""
    unused = sorted(set(clihelp.catalogue()) - set(_help_ids()) - _clicks_ids())
    assert not unused, unused


def test_translations_keep_the_placeholders_click_fills():
    """Click fills {name} fields (and %(prog)s): a translation may leave one out, never name another."""
    import re

    import polib

    from stinet.portal.translations import packaged_catalogues

    field = re.compile(r"\{(\w+)(?:![rsa])?\}|%\((\w+)\)s")

    def names(text: str) -> set[str]:
        return {a or b for a, b in field.findall(text)}

    wrong = [f"{e.msgid!r} -> {text!r}" for path in packaged_catalogues()["vi"] for e in polib.pofile(str(path))
             if e.msgctxt == clihelp.CONTEXT
             for text in [e.msgstr, *e.msgstr_plural.values()]
             if not names(text) <= names(e.msgid) | names(e.msgid_plural)]
    assert not wrong, "\n".join(wrong)


def _invoke(lang: str, *args: str, typed: str | None = None) -> click.testing.Result:
    with translation.override(lang):
        return CliRunner().invoke(main, list(args), input=typed)


def test_help_in_vietnamese_and_in_english():
    vi = _invoke("vi", "import", "--help")
    assert vi.exit_code == 0
    assert vi.output.startswith("Cách dùng: main import [OPTIONS] FILES...\n")
    assert "Nhập các tệp CSV kiểu DSpace" in vi.output and "\n  Nhiều tệp được nhập lần lượt" in vi.output
    assert "Tùy chọn:" in vi.output and "Mã tổ chức mà các tệp thuộc về.  [bắt\u00a0buộc]" in vi.output
    assert "Hiện hướng dẫn này rồi thoát." in vi.output and "Import" not in vi.output
    en = _invoke("en", "import", "--help")
    assert en.output.startswith("Usage: main import [OPTIONS] FILES...\n")
    assert "Code of the organisation the files are from. [required]" in " ".join(en.output.split())
    assert "Show this message and exit." in en.output and "Nhập" not in en.output
    assert _invoke("vi", "import", "--help").output == vi.output  # each language again, whichever came first
    assert main.commands["import"].help.startswith("Import a member's")  # the command keeps its own text

    listing = _invoke("vi", "--help").output
    assert "Lệnh:\n" in listing and "  reindex  Dựng lại chỉ mục tra cứu từ mục lục.\n" in listing
    assert "--version   Hiện phiên bản rồi thoát." in listing
    assert "  reindex  Rebuild the search index from the catalogue.\n" in _invoke("en", "--help").output
    nested = _invoke("vi", "source", "set", "--help").output
    assert "Đổi nhãn, định dạng, tập, lịch hoặc địa chỉ của một nguồn đã lưu." in nested and "Nhãn mới." in nested


@pytest.mark.django_db
def test_a_password_is_asked_for_in_the_command_lines_language():
    said = _invoke("vi", "user", "add", "bich", typed="Mat-khau-2026!\nMat-khau-2026!\n")
    assert said.exit_code == 0, said.output
    assert said.output.startswith("Mật khẩu: \nNhập lại để xác nhận: \n") and "bich" in said.output
    said = _invoke("en", "user", "add", "binh", typed="Mat-khau-2026!\nMat-khau-2026!\n")
    assert said.output.startswith("Password: \nRepeat for confirmation: \n")
    assert main.commands["user"].commands["add"].params[1].prompt == "Password"


def test_the_list_of_commands_ends_each_short_help_where_it_should():
    listing = _invoke("vi", "expert", "--help").output
    assert "  add      Thêm chuyên gia NAME.\n" in listing  # not cut at "PGS.TS."
    assert "  add      Add an expert NAME.\n" in _invoke("en", "expert", "--help").output
    assert "[mặc\u00a0định: xlsx]" in _invoke("vi", "report", "--help").output  # the words kept on one line


@pytest.mark.parametrize(("args", "vi", "en"), [
    (("import", "x.csv"), "Lỗi: Thiếu tùy chọn '--org'.", "Error: Missing option '--org'."),
    (("impor",), "Lỗi: Không có lệnh 'impor'. Có phải bạn muốn gõ 'import'?",
     "Error: No such command 'impor'."),
    (("search", "--limit", "x", "a"), "Lỗi: Giá trị không hợp lệ cho '--limit': 'x' không phải là số hợp lệ.",
     "Error: Invalid value for '--limit': 'x' is not a valid integer"),
    (("export", "--format", "doc"), "Lỗi: Giá trị không hợp lệ cho '--format': 'doc' không phải là một trong",
     "Error: Invalid value for '--format': 'doc' is not one of"),
    (("org", "add", "A", "B", "C"), "Lỗi: Có tham số thừa: C", "Error: Got unexpected extra argument (C)"),
])
def test_clicks_own_words_in_the_command_lines_language(args, vi, en):
    said = _invoke("vi", *args)
    assert said.exit_code == 2 and vi in said.output, said.output
    assert "Gõ 'main " in said.output and "để xem hướng dẫn." in said.output and "integer" not in said.output
    assert en in _invoke("en", *args).output


def _env(tmp_path: Path, **more: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("STINET_") and k != "DJANGO_SETTINGS_MODULE"}
    return env | more


def test_help_writes_nothing_and_stinet_language_chooses_english(tmp_path):
    if "STINET_DATABASE_URL" in os.environ:
        pytest.skip("the command line's language is the same on every database")
    cwd = tmp_path / "somewhere"
    cwd.mkdir()
    shown = subprocess.run([*STINET, "import", "--help"], cwd=cwd, env=_env(tmp_path), capture_output=True,
                           text=True, timeout=60)
    assert shown.returncode == 0 and shown.stdout.startswith("Cách dùng:"), shown.stderr
    assert not any(cwd.iterdir()), "--help made a data folder"

    data = str(tmp_path / "data")
    english = _env(tmp_path, STINET_DATA_DIR=data, STINET_LANGUAGE=" EN ")
    shown = subprocess.run([*STINET, "import", "--help"], env=english, capture_output=True, text=True, timeout=60)
    assert shown.stdout.startswith("Usage:") and "[required]" in shown.stdout
    added = subprocess.run([*STINET, "org", "add", "HPU", "Trường Đại học Hải Phòng", "--member"], env=english,
                           capture_output=True, text=True, timeout=120)
    assert added.stdout == "added HPU: Trường Đại học Hải Phòng (member)\n", added.stderr
    listed = subprocess.run([*STINET, "stats"], env=english, capture_output=True, text=True, timeout=120)
    assert listed.returncode == 0 and "Works by type" in listed.stdout, listed.stderr

    wrong = subprocess.run([*STINET, "org", "list"], env=_env(tmp_path, STINET_DATA_DIR=data, STINET_LANGUAGE="fr"),
                           capture_output=True, text=True, timeout=120)
    assert wrong.returncode == 1 and wrong.stderr == "stinet: error: STINET_LANGUAGE must be vi or en, not 'fr'\n"
