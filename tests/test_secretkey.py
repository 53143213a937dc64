"""The secret key: configured, or made once and kept in the data folder; never one written in the code."""

from __future__ import annotations

import stat

from stinet.secretkey import FILE_NAME, keep, keep_quietly, secret_key


def test_a_key_is_made_once_and_kept_for_its_owner_only(tmp_path, monkeypatch):
    monkeypatch.delenv("STINET_SECRET_KEY", raising=False)
    first = secret_key(tmp_path)
    assert len(first) >= 50 and secret_key(tmp_path) == first  # the next process reads the same
    assert stat.S_IMODE((tmp_path / FILE_NAME).stat().st_mode) == 0o600
    other = tmp_path / "other"
    other.mkdir()
    assert secret_key(other) != first  # each site its own: none is shipped


def test_the_configured_key_wins_and_nothing_is_written(tmp_path, monkeypatch):
    monkeypatch.setenv("STINET_SECRET_KEY", "from-the-environment")
    assert secret_key(tmp_path) == "from-the-environment" == keep(tmp_path, "from-the-environment")
    assert not (tmp_path / FILE_NAME).exists()


def test_without_a_data_folder_nothing_is_written_until_one_is_made(tmp_path, monkeypatch):
    """`stinet --help` writes nothing; the first command that makes the folder keeps its key (or the one
    another process kept first)."""
    monkeypatch.delenv("STINET_SECRET_KEY", raising=False)
    folder = tmp_path / "data"
    key = secret_key(folder)
    assert not folder.exists()
    folder.mkdir()
    assert keep(folder, key) == key == secret_key(folder)
    assert keep(folder, "a later process's own") == key


def test_the_cli_keeps_its_key_in_a_new_data_folder(tmp_path):
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k != "STINET_SECRET_KEY"} | {"STINET_DATA_DIR": str(tmp_path / "d")}
    code = "from stinet.cli import _setup; _setup(); from django.conf import settings; print(settings.SECRET_KEY)"
    printed = [subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
               .stdout.strip() for _ in range(2)]
    assert printed[0] == printed[1] == (tmp_path / "d" / FILE_NAME).read_text().strip()
    assert printed[0] != "insecure-embedded-default-change-me"


def test_a_data_folder_that_cannot_be_written_leaves_a_key_of_this_process_and_says_so(tmp_path, monkeypatch,
                                                                                        capsys):
    """A web server reading a data folder it may not write must still start (and be told to set the key)."""
    import os

    monkeypatch.delenv("STINET_SECRET_KEY", raising=False)

    def refused(*_args, **_kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "open", refused)
    assert len(secret_key(tmp_path)) >= 50 and not (tmp_path / FILE_NAME).exists()
    assert "set STINET_SECRET_KEY" in capsys.readouterr().err


def test_a_key_file_another_user_owns_leaves_a_key_of_this_process_and_says_so(tmp_path, monkeypatch, capsys):
    """Review 21: a service user that cannot read the key file the first (root) run made stopped at settings."""
    from pathlib import Path

    monkeypatch.delenv("STINET_SECRET_KEY", raising=False)
    (tmp_path / FILE_NAME).write_text("kept-by-root\n")
    real = Path.read_text

    def refused(self, *args, **kwargs):
        if self.name == FILE_NAME:
            raise PermissionError(13, "Permission denied")
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Path, "read_text", refused)
    assert secret_key(tmp_path) != "kept-by-root" and "set STINET_SECRET_KEY" in capsys.readouterr().err
    assert keep_quietly(tmp_path, "mine") == "mine" and "set STINET_SECRET_KEY" in capsys.readouterr().err


def test_a_key_is_written_whole_before_it_takes_its_name(tmp_path, monkeypatch):
    """Review 21: a file created empty then written could stay empty (a kill, a full disk): every process would
    then have signed with its own key. Written elsewhere first, a failed write leaves no key file at all."""
    import os

    monkeypatch.delenv("STINET_SECRET_KEY", raising=False)

    def full(*_args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    try:
        keep(tmp_path, "never-whole")
    except OSError:
        pass
    assert list(tmp_path.iterdir()) == []  # neither an empty key nor the draft
    monkeypatch.undo()
    assert keep(tmp_path, "whole") == "whole" == secret_key(tmp_path)
    assert [p.name for p in tmp_path.iterdir()] == [FILE_NAME]
