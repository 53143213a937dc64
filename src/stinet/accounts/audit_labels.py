"""The audit log in words: a label for each action code and object type the services write.

Entries keep codes (`stinet.catalog.services.audit` stores the action given and the model's name in
lower case); the back office says them in the interface language. A code missing here is shown as it
is, so that a new one is never hidden (tests/accounts/test_audit_labels.py checks the table covers
every code the source writes).
"""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import pgettext_lazy

ACTIONS: dict[str, Promise] = {
    # any object
    "create": pgettext_lazy("audit action", "created"),
    "update": pgettext_lazy("audit action", "changed"),
    "change": pgettext_lazy("audit action", "changed"),
    "delete": pgettext_lazy("audit action", "deleted"),
    # accounts
    "login": pgettext_lazy("audit action", "logged in"),
    "logout": pgettext_lazy("audit action", "logged out"),
    "login-failed": pgettext_lazy("audit action", "login failed"),
    "login-blocked": pgettext_lazy("audit action", "login blocked (too many failures)"),
    "password-change": pgettext_lazy("audit action", "password changed"),
    "password-reset-mail": pgettext_lazy("audit action", "password reset link mailed"),
    "password-reset": pgettext_lazy("audit action", "password reset"),
    "grant": pgettext_lazy("audit action", "role granted"),
    "revoke": pgettext_lazy("audit action", "revoked"),  # a role or an invitation
    "activate": pgettext_lazy("audit action", "activated again"),
    "deactivate": pgettext_lazy("audit action", "deactivated"),
    "invite": pgettext_lazy("audit action", "invited"),
    "accept": pgettext_lazy("audit action", "invitation accepted"),
    # directory: requests to join
    "approve": pgettext_lazy("audit action", "approved"),
    "reject": pgettext_lazy("audit action", "rejected"),
    # catalogue, imports and duplicates
    "import-create": pgettext_lazy("audit action", "new records imported"),
    "rebuild": pgettext_lazy("audit action", "described again from its records"),
    "work-deleted": pgettext_lazy("audit action", "work deleted"),
    "holding-deleted": pgettext_lazy("audit action", "holding deleted"),
    "merge": pgettext_lazy("audit action", "merged"),
    "split": pgettext_lazy("audit action", "split"),
    "keep-apart": pgettext_lazy("audit action", "kept apart"),
    "file-attach": pgettext_lazy("audit action", "file attached"),
    "file-change": pgettext_lazy("audit action", "file changed"),
    "file-delete": pgettext_lazy("audit action", "file deleted"),
    "file-ocr": pgettext_lazy("audit action", "text recognised (OCR)"),
    "file-release": pgettext_lazy("audit action", "embargo ended"),
    # sources, national feed, experts
    "run-requested": pgettext_lazy("audit action", "harvest requested"),
    "feed-key-add": pgettext_lazy("audit action", "national feed key issued"),
    "feed-key-revoke": pgettext_lazy("audit action", "national feed key revoked"),
    "suggest-works": pgettext_lazy("audit action", "works suggested"),
    "works-confirmed": pgettext_lazy("audit action", "works confirmed"),
    "works-rejected": pgettext_lazy("audit action", "works rejected"),
    # tasks: the life cycle (task-<transition>) and the work done on a task
    "task-propose": pgettext_lazy("audit action", "proposal submitted"),
    "task-approve": pgettext_lazy("audit action", "proposal approved"),
    "task-reject": pgettext_lazy("audit action", "proposal rejected"),
    "task-withdraw": pgettext_lazy("audit action", "proposal withdrawn"),
    "task-open_selection": pgettext_lazy("audit action", "selection opened"),
    "task-assign": pgettext_lazy("audit action", "task assigned directly"),
    "task-select": pgettext_lazy("audit action", "application chosen"),
    "task-sign_contract": pgettext_lazy("audit action", "contract signed"),
    "task-submit_final": pgettext_lazy("audit action", "final report submitted"),
    "task-accept": pgettext_lazy("audit action", "acceptance rating recorded"),
    "task-register": pgettext_lazy("audit action", "result registered"),
    "task-publish": pgettext_lazy("audit action", "result published"),
    "task-stop": pgettext_lazy("audit action", "task stopped"),
    "task-cancel": pgettext_lazy("audit action", "task cancelled"),
    "task-reopen": pgettext_lazy("audit action", "task reopened"),
    "task-document": pgettext_lazy("audit action", "document attached"),
    "task-council-selection": pgettext_lazy("audit action", "selection council formed"),
    "task-council-acceptance": pgettext_lazy("audit action", "acceptance council formed"),
    "task-apply": pgettext_lazy("audit action", "application submitted"),
    "task-score-selection": pgettext_lazy("audit action", "application scored"),
    "task-score-acceptance": pgettext_lazy("audit action", "task scored"),
    "task-progress": pgettext_lazy("audit action", "progress report submitted"),
    "task-adjustment-request": pgettext_lazy("audit action", "adjustment requested"),
    "task-adjustment-approved": pgettext_lazy("audit action", "adjustment approved"),
    "task-adjustment-refused": pgettext_lazy("audit action", "adjustment refused"),
}

OBJECT_TYPES: dict[str, Promise] = {
    "user": pgettext_lazy("audit object", "user"),
    "invitation": pgettext_lazy("audit object", "invitation"),
    "organisation": pgettext_lazy("audit object", "organisation"),
    "organisationprofile": pgettext_lazy("audit object", "directory entry"),
    "infoservice": pgettext_lazy("audit object", "information service"),
    "joinrequest": pgettext_lazy("audit object", "request to join"),
    "work": pgettext_lazy("audit object", "work"),
    "workfile": pgettext_lazy("audit object", "file"),
    "source": pgettext_lazy("audit object", "harvest source"),
    "newsitem": pgettext_lazy("audit object", "news item"),
    "task": pgettext_lazy("audit object", "task"),
    "expert": pgettext_lazy("audit object", "expert"),
    "feedclient": pgettext_lazy("audit object", "national feed client"),
}


def action_label(code: str) -> str:
    """An action in the interface language; an unknown code as it is."""
    label = ACTIONS.get(code)
    return code if label is None else str(label)


def object_label(code: str) -> str:
    """An object type in the interface language; an unknown one as it is."""
    label = OBJECT_TYPES.get(code)
    return code if label is None else str(label)
