"""The report of one harvest: the import report's counts plus deletions, pages, time and stops."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from stinet.ingest.report import MAX_LISTED, ImportReport


@dataclass
class HarvestReport(ImportReport):
    """Counts and details of one harvest, kept on its ImportRun and printed by the CLI."""

    base_url: str = ""
    status: str = "running"  # running | done | failed
    deleted: int = 0
    deleted_absent: int = 0  # deletions of records this organisation did not hold
    pages: int = 0
    records_seen: int = 0
    seconds: float = 0.0
    requests: int = 0
    harvest_from: str = ""
    harvest_until: str = ""  # the upper bound kept as the next run's `from`
    resumed_token: str = ""  # the token an interrupted run left, where this one started
    stopped_token: str = ""  # where this run stopped (kept on the source for the next run)
    error: str = ""
    notes: list[str] = field(default_factory=list)

    def reject_record(self, identifier: str, reason: str) -> None:
        """Count a rejected record and keep its identifier and reason."""
        self.rejected += 1
        if len(self.rejections) < MAX_LISTED:
            self.rejections.append({"line": 0, "identifier": identifier, "reason": reason})

    def counts(self) -> dict[str, int]:
        """The headline counts, deletions included."""
        return {**super().counts(), "deleted": self.deleted}

    def as_dict(self) -> dict[str, object]:
        """JSON-ready form, stored on the ImportRun."""
        return {
            **super().as_dict(), "kind": "harvest", "base_url": self.base_url, "status": self.status,
            "deleted": self.deleted, "deleted_absent": self.deleted_absent, "pages": self.pages,
            "records_seen": self.records_seen, "seconds": round(self.seconds, 2),
            "requests": self.requests, "harvest_from": self.harvest_from,
            "harvest_until": self.harvest_until, "resumed_token": self.resumed_token,
            "stopped_token": self.stopped_token, "error": self.error, "notes": self.notes,
        }

    def lines(self) -> list[str]:
        """Human-readable report, one finding per line (in the interface language)."""
        span = _("from %(date)s") % {"date": self.harvest_from} if self.harvest_from else _("full harvest")
        out = [_("%(source)s: %(new)s new, %(updated)s updated, %(unchanged)s unchanged, %(deleted)s deleted, "
                 "%(rejected)s rejected; %(pages)s pages in %(seconds)s s (%(span)s, %(format)s)")
               % {"source": self.source, "new": self.new, "updated": self.updated, "unchanged": self.unchanged,
                  "deleted": self.deleted, "rejected": self.rejected, "pages": self.pages,
                  "seconds": number_format(self.seconds, 1), "span": span, "format": self.format}]
        if self.resumed_token:
            out.append(_("resumed an interrupted harvest at token %(token)r") % {"token": self.resumed_token[:80]})
        if self.deleted_absent:
            out.append(_("deleted at the source but not held here (ignored): %(n)s") % {"n": self.deleted_absent})
        for item in self.rejections:
            where = item.get("identifier") or _("record %(line)s") % {"line": item["line"]}
            out.append(_("rejected: %(where)s: %(reason)s") % {"where": where, "reason": item["reason"]})
        # the import report's other findings (merges, unmapped types, conversions), its rejections listed above
        unlisted = replace(self, rejections=[], rejected=self.rejected - len(self.rejections))
        out.extend(ImportReport.lines(unlisted)[1:])
        out.extend(self.notes)
        if self.status == "failed":
            out.append(_("stopped: %(error)s") % {"error": self.error})
            if self.stopped_token:
                out.append(_("the next run resumes at token %(token)r") % {"token": self.stopped_token[:80]})
        return out
