"""Roles of users in the network; a member editor's role names the organisation it covers."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from stinet.catalog.models import Organisation

ROLES: dict[str, tuple[str, str]] = {
    "network_admin": ("Quản trị mạng lưới", "Network administrator"),
    "member_editor": ("Biên tập viên thành viên", "Member editor"),
    "task_manager": ("Cán bộ quản lý nhiệm vụ", "Task manager"),
    "council_member": ("Thành viên hội đồng", "Council member"),
    "investigator": ("Chủ nhiệm nhiệm vụ", "Principal investigator"),
    "scientist": ("Nhà khoa học", "Scientist"),
}
SCOPED_ROLES = frozenset({"member_editor"})  # these need an organisation


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
