"""The command line in the interface language: the commands' help and Click's own words.

Click takes a command's help (its docstring) and its options' help when the command is defined,
before Django is set up, and says its own words ("Usage:", "Missing option", ...) through the
standard library's gettext. Both are translated when they are shown: the commands are of the
classes below (a `Group` makes its subcommands and subgroups of them), and Click's modules say
their words through `say` (speak_clicks_words). The translations are the apps' packaged .po
files (context "command line"), read with polib: no Django set-up and no data folder, so that
`stinet --help` writes nothing. A help text's message id is its text with each paragraph on one
line (the docstring's line breaks are layout: Click wraps paragraphs again).

The language: Django's active one once a command has set Django up (tests switch it), else
STINET_LANGUAGE (vi or en), else Vietnamese, the site's language.
"""

from __future__ import annotations

import contextlib
import functools
import gettext
import importlib
import inspect
import os
import sys
from collections.abc import Iterator
from typing import Any

import click

CONTEXT = "command line"  # the .po entries' msgctxt: Click's "Options" is not a web page's
LANGUAGES = ("vi", "en")
CLICK_MODULES = ("core", "decorators", "exceptions", "formatting", "parser", "types", "termui", "utils")


def chosen_language() -> str:
    """STINET_LANGUAGE (vi or en; case and spaces aside), or an error naming the wrong value."""
    value = os.environ.get("STINET_LANGUAGE", "").strip().lower()
    if value and value not in LANGUAGES:
        raise ValueError(f"STINET_LANGUAGE must be vi or en, not {value!r}")
    return value or "vi"


def cli_language() -> str:
    """The language the command line speaks now (see the module's docstring)."""
    apps = sys.modules.get("django.apps")
    if apps is not None and apps.apps.ready:
        from django.utils.translation import get_language

        return "en" if (get_language() or "vi").startswith("en") else "vi"
    try:
        return chosen_language()
    except ValueError:  # said by the command once it runs; its help is shown in Vietnamese
        return "vi"


def message_id(text: str) -> str:
    """A help text as its message id: Click's cleaned text, each paragraph on one line."""
    return "\n\n".join(" ".join(p.split()) for p in inspect.cleandoc(text).split("\n\n"))


@functools.cache
def catalogue() -> dict[str, str]:
    """English message id -> Vietnamese, of every app's command-line entries (one plural form)."""
    import polib

    from stinet.portal.translations import packaged_catalogues

    found: dict[str, str] = {}
    for path in packaged_catalogues().get("vi", []):
        for entry in polib.pofile(str(path)):
            text = entry.msgstr or entry.msgstr_plural.get(0, "")
            if entry.msgctxt == CONTEXT and text and not entry.obsolete:
                found.setdefault(entry.msgid, text)
    return found


@functools.cache
def _english() -> dict[str, str]:
    """Vietnamese -> English: a text Click made in Vietnamese and kept is said in English again."""
    return {vi: en for en, vi in catalogue().items()}


def say(message: str) -> str:
    """`message` in the command line's language (as it is when it has no translation)."""
    if cli_language() == "en":
        return _english().get(message, message)
    return catalogue().get(message, message)


def say_plural(singular: str, plural: str, n: int) -> str:
    """ngettext for Click: Vietnamese has one form, translated under the singular's id."""
    english = singular if n == 1 else plural
    return english if cli_language() == "en" else catalogue().get(singular, english)


def help_text(text: str) -> str:
    """A command's or option's help in the command line's language."""
    if cli_language() == "en":
        return _english().get(text, text)
    return catalogue().get(message_id(text), text)


@contextlib.contextmanager
def _said(*things: Any) -> Iterator[None]:
    """The help (and prompts) of commands and parameters in the command line's language while Click uses them."""
    kept = [(thing, name, getattr(thing, name, None)) for thing in things for name in ("help", "short_help", "prompt")]
    try:
        for thing, name, text in kept:
            if text:
                setattr(thing, name, help_text(text))
        yield
    finally:
        for thing, name, text in kept:
            if text:
                setattr(thing, name, text)


class Command(click.Command):
    """A command whose help is shown in the command line's language."""

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        with _said(self, *self.get_params(ctx)):
            super().format_help(ctx, formatter)

    def get_short_help_str(self, limit: int = 45) -> str:
        with _said(self):
            return super().get_short_help_str(limit)

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        with _said(*self.params):  # an option's prompt ("Password") is asked while its value is read
            return super().parse_args(ctx, args)


class Group(Command, click.Group):
    """A group of commands (and groups) whose help is shown in the command line's language."""

    command_class = Command
    group_class = type  # subgroups are of this class


def speak_clicks_words() -> None:
    """Click's own words ("Usage:", "Missing option", ...) said through `say` and `say_plural`."""
    for name in CLICK_MODULES:
        module = importlib.import_module(f"click.{name}")
        if getattr(module, "_", None) is gettext.gettext:
            module._ = say  # type: ignore[attr-defined]
        if getattr(module, "ngettext", None) is gettext.ngettext:
            module.ngettext = say_plural  # type: ignore[attr-defined]
