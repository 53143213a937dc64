"""Who may read an attached full text: one decision table for downloads, search and snippets.

    access      anonymous / others   network members   editors of the holder   administrators
    public      yes                  yes               yes                     yes
    members     no                   yes               yes                     yes
    metadata    no                   no                yes                     yes
    An embargo (until a date) keeps everyone but the holder's editors and administrators out.

Network members are administrators and users holding a role at a member organisation.
Search follows the same levels (`viewer_levels`): texts are searched and quoted only at the
levels a viewer may read, and embargoed texts are not indexed until their embargo ends.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from stinet.accounts.permissions import edits_organisation, is_admin, roles_of

PUBLIC_ONLY = frozenset({"public"})
MEMBER_LEVELS = frozenset({"public", "members"})
ALL_LEVELS = frozenset({"public", "members", "metadata"})


def decide(access: str, embargoed: bool, *, admin: bool, holder_editor: bool, member: bool) -> str:
    """'' when the file may be read, else the reason code: embargo, members or metadata."""
    if admin or holder_editor:
        return ""
    if access == "metadata":
        return "metadata"
    if access == "members" and not member:
        return "members"
    if access not in ("public", "members"):
        return "metadata"  # an unknown level is closed
    return "embargo" if embargoed else ""


def today() -> dt.date:
    """Today's date in the network's time zone (embargoes end at local midnight)."""
    return timezone.localdate()


def embargoed(embargo_until: dt.date | None, on: dt.date | None = None) -> bool:
    """True while an embargo runs: the file opens on its embargo date."""
    return embargo_until is not None and (on or today()) < embargo_until


def is_network_member(user: Any) -> bool:
    """Administrators, and users with a role at a member organisation of the network."""
    if is_admin(user):
        return True
    orgs = {org for _role, org in roles_of(user) if org is not None}
    if not orgs:
        return False
    from stinet.catalog.models import Organisation

    return Organisation.objects.filter(pk__in=orgs, is_member=True).exists()


def viewer_levels(user: Any) -> frozenset[str]:
    """Access levels whose full texts a user may search and see quoted in results."""
    if is_admin(user):
        return ALL_LEVELS
    return MEMBER_LEVELS if is_network_member(user) else PUBLIC_ONLY


def refusal(user: Any, file: Any, on: dt.date | None = None) -> str:
    """'' when the user may download the file, else a one-line reason to show them."""
    code = decide(file.access, embargoed(file.embargo_until, on), admin=is_admin(user),
                  holder_editor=edits_organisation(user, file.organisation_id), member=is_network_member(user))
    if code == "embargo":
        return _("This file is under embargo until %(date)s.") % {"date": file.embargo_until.isoformat()}
    if code == "members":
        return _("This file is open to members of the network only: sign in with a member's account.")
    if code == "metadata":
        return _("Only the description of this document is public; the file itself is not available.")
    return ""

