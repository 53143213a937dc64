"""Roles of users in the network (a member editor's role names the organisation it covers), invitations, limits."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from stinet.catalog.models import Organisation
from stinet.catalog.vocab import interface_lang, label

ROLES: dict[str, tuple[str, str]] = {
    "network_admin": ("Quản trị mạng lưới", "Network administrator"),
    "member_editor": ("Biên tập viên thành viên", "Member editor"),
    "task_manager": ("Cán bộ quản lý nhiệm vụ", "Task manager"),
    "council_member": ("Thành viên hội đồng", "Council member"),
    "investigator": ("Chủ nhiệm nhiệm vụ", "Principal investigator"),
    "scientist": ("Nhà khoa học", "Scientist"),
}
SCOPED_ROLES = frozenset({"member_editor"})  # these need an organisation


def role_label(code: str) -> str:
    """A role's name in the active language (Vietnamese unless English is chosen)."""
    return label(ROLES, code, interface_lang())


class Role(models.Model):
    """One role of one user; member editors hold it for one organisation."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="roles")
    role = models.CharField(max_length=20, choices=[(k, v[1]) for k, v in ROLES.items()])
    organisation = models.ForeignKey(Organisation, null=True, blank=True, on_delete=models.CASCADE)
    granted_by = models.CharField(max_length=200)
    granted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "role", "organisation"], name="role_unique"),
        ]

    def __str__(self) -> str:
        scope = f" ({self.organisation.code})" if self.organisation_id else ""
        return f"{self.user}: {self.role}{scope}"

    @property
    def label(self) -> str:
        """The role's name in the active language."""
        return role_label(self.role)


class Invitation(models.Model):
    """An administrator's invitation of an e-mail address, with the roles the new user will get."""

    STATUSES = [("pending", "Pending"), ("accepted", "Accepted"), ("revoked", "Revoked")]

    email = models.EmailField()
    roles = models.JSONField(default=list)  # [[role, organisation code or null], ...]
    key = models.CharField(max_length=64, unique=True)  # random; the signed link carries it
    status = models.CharField(max_length=10, choices=STATUSES, default="pending")
    invited_by = models.CharField(max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                      related_name="+")
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.email} ({self.status})"

    def role_labels(self) -> list[str]:
        """The invited roles in the active language, with the organisation of a scoped role."""
        return [f"{role_label(role)} ({org})" if org else role_label(role) for role, org in self.roles]


class LimitCounter(models.Model):
    """One counter of a limit per client (stinet.accounts.limits): shared by every process of the site."""

    key = models.CharField(max_length=80, unique=True)  # kind and digest: the client's address is not kept
    count = models.PositiveIntegerField(default=0)
    until = models.DateTimeField(db_index=True)  # the end of the window started by the first count

    def __str__(self) -> str:
        return f"{self.key}: {self.count} until {self.until:%Y-%m-%d %H:%M}"
