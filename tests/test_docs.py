"""Every setting and every CLI command is documented in the README."""

import re
from pathlib import Path

from click import Group

from stinet.cli import main

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text()


def test_every_setting_is_documented():
    source = "".join(p.read_text() for p in (ROOT / "src" / "stinet").rglob("*.py"))
    names = set(re.findall(r"STINET_[A-Z_]+", source)) - {"STINET_"}
    assert names and all(f"`{name}`" in README for name in names), names - set(re.findall(r"STINET_[A-Z_]+", README))


def test_every_cli_command_is_documented():
    def walk(group: Group, prefix: str):
        for name, cmd in group.commands.items():
            if isinstance(cmd, Group):
                yield from walk(cmd, f"{prefix} {name}")
            else:
                yield f"{prefix} {name}", cmd

    for path, cmd in walk(main, "stinet"):
        assert f"`{path}" in README, path
        for param in cmd.params:
            if getattr(param, "hidden", False):  # internal (the portal's own worker: --stop-with-parent)
                continue
            for opt in param.opts:
                if opt.startswith("--") and opt != "--help":
                    assert opt in README, (path, opt)
