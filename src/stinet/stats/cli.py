"""`stinet stats` and `stinet report`: the statistics and their XLSX/PDF exports on the command line.

Registered in the main command by `register(main)`. The command line is the operator's: it sees every
table, the management ones and budgets included. What the commands print, and their help, is in the command
line's language (stinet.clihelp), the tables in --lang (by default that language too).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from stinet.appcli import command


def _filters(year_from: int | None, year_to: int | None, org: str | None) -> Any:
    """Filters from the options."""
    from stinet.stats.tables import Filters

    return Filters(year_from, year_to, org or "")


def _print_table(table: Any, lang: str) -> None:
    """A table as aligned text."""
    from stinet.stats.exports import cell_text

    click.echo(f"\n{table.title}")
    rows = [[str(c.title) for c in table.columns]]
    for row in table.rows + ([table.total] if table.total else []):
        rows.append([cell_text(row.get(c.key), c.kind, lang) for c in table.columns])
    rows = [[v if len(v) <= WIDEST else v[:WIDEST - 1] + "…" for v in r] for r in rows]  # cut: said so
    widths = [max(len(r[i]) for r in rows) for i in range(len(table.columns))]
    numeric = [c.kind in ("int", "money") for c in table.columns]
    for r in rows:
        click.echo("  ".join(v.rjust(w) if num else v.ljust(w) for v, w, num in zip(r, widths, numeric,
                                                                                    strict=True)).rstrip())
    if table.note:  # why the columns add up to more than the total (a work several members hold...)
        click.echo(str(table.note))


WIDEST = 50  # characters of a column of the printed tables


def register(main: click.Group) -> None:
    """Add `stinet stats` and `stinet report`."""
    period = [click.option("--from", "year_from", type=int, help="First year of the period."),
              click.option("--to", "year_to", type=int, help="Last year of the period."),
              click.option("--org", default=None, help="A member organisation's code.")]

    def with_period(func: Callable[..., Any]) -> Callable[..., Any]:
        """The period and member options."""
        for option in reversed(period):
            func = option(func)
        return func

    @main.command("stats")
    @with_period
    @click.option("--json", "as_json", is_flag=True, help="Print the /api/stats JSON.")
    @click.option("--lang", type=click.Choice(["vi", "en"]), help="Label language (default: the command line's).")
    @command
    def stats(year_from: int | None, year_to: int | None, org: str | None, as_json: bool, lang: str) -> None:
        """Statistics of the catalogue, tasks, experts and harvests (the dashboard's tables)."""
        from django.utils import translation

        from stinet.catalog.vocab import interface_lang
        from stinet.stats.queries import build

        lang = lang or interface_lang()
        with translation.override(lang):
            report = build(_filters(year_from, year_to, org), lang=lang, everything=True)
            if as_json:
                click.echo(json.dumps(report.as_json(), ensure_ascii=False, indent=2))
                return
            click.echo(f"{report.filters.period_label()}" + (f" · {report.organisation.code}" if report.organisation
                                                               else ""))
            for table in report.tables():
                _print_table(table, lang)

    @main.command("report")
    @click.argument("table")
    @click.option("--format", "fmt", type=click.Choice(["xlsx", "pdf"]), default="xlsx", show_default=True,
                  help="File format (the reporting forms are XLSX only).")
    @with_period
    @click.option("--output", "-o", required=True, type=click.Path(dir_okay=False, path_type=Path),
                  help="File to write ('-': standard output).")
    @click.option("--lang", type=click.Choice(["vi", "en"]),
                  help="Language of the report (default: the command line's).")
    @command
    def report(table: str, fmt: str, year_from: int | None, year_to: int | None, org: str | None, output: Path,
               lang: str) -> None:
        """Write TABLE (a key of `stinet stats --json`, `all`, or a form 01/KHCN-TC, 02/KHCN-NL, 04/KHCN-NV)."""
        from django.utils import translation
        from django.utils.translation import gettext as _

        from stinet.catalog.vocab import interface_lang
        from stinet.portal.templatetags.numbers import grouped
        from stinet.stats.circular import FORMS, find_form
        from stinet.stats.exports import xlsx_bytes
        from stinet.stats.formbook import form_xlsx
        from stinet.stats.pdf import pdf_bytes
        from stinet.stats.queries import TABLE_KEYS, build, check_org
        from stinet.stats.tables import Filters

        lang = lang or interface_lang()
        filters = _filters(year_from, year_to, org)
        if table != "all" and table not in TABLE_KEYS:
            try:
                spec = find_form(table)
            except LookupError:
                raise LookupError(_("no table or form %(table)r: one of all, %(keys)s, %(forms)s")
                                  % {"table": table, "keys": ", ".join(TABLE_KEYS),
                                     "forms": ", ".join(f.number for f in FORMS.values())}) from None
            if fmt != "xlsx":
                raise click.BadParameter(_("the reporting forms are written as XLSX"), param_hint="--format")
            filters.validate()
            found = check_org(filters)
            content = form_xlsx(spec, Filters(filters.year_from, filters.year_to, found.code if found else ""))
        else:
            with translation.override(lang):
                made = build(filters, lang=lang, only=None if table == "all" else [table], everything=True)
                content = (xlsx_bytes if fmt == "xlsx" else pdf_bytes)(made, made.tables())
        if str(output) == "-":  # as `stinet feed export -o -`: the bytes on standard output
            sys.stdout.flush()
            sys.stdout.buffer.write(content)
            sys.stdout.buffer.flush()
            return
        output.write_bytes(content)
        click.echo(_("wrote %(path)s (%(size)s bytes)") % {"path": output, "size": grouped(len(content))})
