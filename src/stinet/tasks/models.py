"""S&T tasks, their members, documents, councils, applications, reviews, progress and adjustments.

The Task model's names are a contract other apps rely on (see the brief in DESIGN): code,
title, title_en, objectives, level, kind, field_code, host, investigator, investigator_name,
status, step, year, result_work; TaskMember(task, user, name, role) as `members`;
`Task.objects.public()` is what the public may see.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from stinet.catalog.models import Organisation, Work
from stinet.catalog.vocab import choices
from stinet.tasks.lifecycle import STATES, state_label
from stinet.tasks.scoring import RATINGS

LEVELS: dict[str, tuple[str, str]] = {
    "national": ("Cấp quốc gia", "National"),
    "ministerial": ("Cấp bộ", "Ministerial"),
    "provincial": ("Cấp tỉnh", "Provincial"),
    "grassroots": ("Cấp cơ sở", "Grassroots"),
}
KINDS: dict[str, tuple[str, str]] = {
    "research": ("Đề tài", "Research project"),
    "pilot": ("Dự án sản xuất thử nghiệm", "Pilot production project"),
    "scheme": ("Đề án khoa học", "Science scheme"),
    "project": ("Dự án KH&CN", "S&T project"),
    "programme": ("Chương trình KH&CN", "S&T programme"),
    "other": ("Nhiệm vụ khác", "Other task"),
}
KIND_PREFIX = {"research": "ĐT", "pilot": "DASX", "scheme": "ĐA", "project": "DA", "programme": "CT",
               "other": "NV"}
MEMBER_ROLES: dict[str, tuple[str, str]] = {
    "investigator": ("Chủ nhiệm", "Principal investigator"),
    "secretary": ("Thư ký khoa học", "Scientific secretary"),
    "member": ("Thành viên chính", "Key member"),
    "participant": ("Thành viên", "Participant"),
}
DOCUMENT_KINDS: dict[str, tuple[str, str]] = {
    "proposal": ("Phiếu đề xuất", "Proposal"),
    "application": ("Hồ sơ đăng ký tuyển chọn", "Application"),
    "selection_minutes": ("Biên bản hội đồng tuyển chọn", "Selection council minutes"),
    "contract": ("Hợp đồng", "Contract"),
    "progress_report": ("Báo cáo định kỳ", "Progress report"),
    "adjustment": ("Văn bản điều chỉnh", "Adjustment"),
    "final_report": ("Báo cáo tổng hợp kết quả", "Final report"),
    "summary_report": ("Báo cáo tóm tắt", "Summary report"),
    "acceptance_minutes": ("Biên bản nghiệm thu", "Acceptance minutes"),
    "registration": ("Giấy chứng nhận đăng ký kết quả", "Registration certificate"),
    "other": ("Tài liệu khác", "Other"),
}
PUBLIC_DOCUMENTS = frozenset({"final_report", "summary_report", "registration"})  # once published
COUNCIL_KINDS: dict[str, tuple[str, str]] = {
    "selection": ("Hội đồng tuyển chọn", "Selection council"),
    "acceptance": ("Hội đồng nghiệm thu", "Acceptance council"),
}
ADJUSTMENT_KINDS: dict[str, tuple[str, str]] = {
    "content": ("Điều chỉnh nội dung", "Content"),
    "time": ("Gia hạn thời gian", "Time"),
    "budget": ("Điều chỉnh kinh phí", "Budget"),
}
ADJUSTMENT_STATUSES: dict[str, tuple[str, str]] = {
    "pending": ("Chờ quyết định", "Pending"),
    "approved": ("Đã chấp thuận", "Approved"),
    "refused": ("Không chấp thuận", "Refused"),
}


class TaskQuerySet(models.QuerySet):
    """Queries over tasks."""

    def public(self) -> TaskQuerySet:
        """What the public sees: tasks approved into a year's list at some point (not bare proposals)."""
        return self.filter(listed_at__isnull=False)


class Task(models.Model):
    """An S&T task ("nhiệm vụ KH&CN") from proposal to published result."""

    code = models.CharField(max_length=40, unique=True)
    # max_length on text: what forms and services accept (a paste of a whole report is a mistake)
    title = models.TextField(max_length=1000)
    title_en = models.TextField(max_length=1000, blank=True)
    objectives = models.TextField(max_length=20000, blank=True)
    level = models.CharField(max_length=12, choices=choices(LEVELS), default="provincial")
    kind = models.CharField(max_length=12, choices=choices(KINDS), default="research")
    field_code = models.CharField(max_length=16, blank=True)  # catalog.FieldOfScience code
    keywords = models.JSONField(default=list, blank=True)
    host = models.ForeignKey(Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="tasks")
    investigator = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="tasks_led")
    investigator_name = models.CharField(max_length=200, blank=True)
    status = models.CharField(max_length=12, choices=[(k, v[2]) for k, v in STATES.items()], default="proposed",
                              db_index=True)
    status_before = models.CharField(max_length=12, blank=True)  # where a stopped/cancelled task was
    step = models.PositiveSmallIntegerField(default=1)
    year = models.PositiveSmallIntegerField(db_index=True)  # the plan year of the task list
    proposer = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="tasks_proposed")
    proposer_name = models.CharField(max_length=300, blank=True)  # the organisation or person proposing
    expected_results = models.TextField(max_length=20000, blank=True)
    results = models.TextField(max_length=50000, blank=True)  # the results obtained (final report)
    budget_state = models.BigIntegerField(null=True, blank=True)  # VND, state budget
    budget_other = models.BigIntegerField(null=True, blank=True)  # VND, other sources
    planned_start = models.DateField(null=True, blank=True)
    planned_end = models.DateField(null=True, blank=True)
    actual_start = models.DateField(null=True, blank=True)
    actual_end = models.DateField(null=True, blank=True)
    selection_mode = models.CharField(max_length=10, blank=True)  # "selection" | "direct"
    contract_number = models.CharField(max_length=60, blank=True)
    contract_date = models.DateField(null=True, blank=True)
    report_every_months = models.PositiveSmallIntegerField(default=6)
    rating = models.CharField(max_length=10, blank=True, choices=[(k, v[1]) for k, v in RATINGS.items()])
    acceptance_score = models.FloatField(null=True, blank=True)
    registration_number = models.CharField(max_length=60, blank=True)
    registration_date = models.DateField(null=True, blank=True)
    closed_reason = models.TextField(max_length=5000, blank=True)  # why it was rejected, stopped or cancelled
    result_work = models.ForeignKey(Work, null=True, blank=True, on_delete=models.SET_NULL, related_name="tasks")
    proposed_at = models.DateTimeField(auto_now_add=True)
    listed_at = models.DateTimeField(null=True, blank=True)
    accepted_at = models.DateTimeField(null=True, blank=True)  # the acceptance rating was recorded
    archived_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    # search forms, kept by the services: space-padded folded tokens, and exact (with diacritics)
    search_title = models.TextField(blank=True, editable=False)
    search_people = models.TextField(blank=True, editable=False)
    search_all = models.TextField(blank=True, editable=False)
    search_exact = models.TextField(blank=True, editable=False)

    objects = TaskQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "code"]
        indexes = [models.Index(fields=["updated_at", "id"], name="task_changed")]  # the national feed
        constraints = [
            models.CheckConstraint(condition=models.Q(step__gte=1, step__lte=5), name="task_step_1_5"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title[:60]}"

    @property
    def budget_total(self) -> int | None:
        """State budget plus other sources (VND), None when neither is known."""
        if self.budget_state is None and self.budget_other is None:
            return None
        return (self.budget_state or 0) + (self.budget_other or 0)

    def status_label(self, lang: str | None = None) -> str:
        """The status in the interface language."""
        return state_label(self.status, lang)


class TaskMember(models.Model):
    """A person working on a task: the principal investigator, secretary, key members."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    name = models.CharField(max_length=200)
    role = models.CharField(max_length=12, choices=choices(MEMBER_ROLES), default="member")

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.role})"


def _upload_to(instance: TaskDocument, filename: str) -> str:
    """Files under MEDIA_ROOT/tasks/<task id>/."""
    return f"tasks/{instance.task_id}/{filename}"


class TaskDocument(models.Model):
    """A file of a task's dossier (proposal, contract, reports, minutes), kept under MEDIA_ROOT."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(max_length=20, choices=choices(DOCUMENT_KINDS))
    title = models.CharField(max_length=300)
    file = models.FileField(upload_to=_upload_to, max_length=500)
    size = models.PositiveIntegerField(default=0)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    uploaded_at = models.DateTimeField(auto_now_add=True)
    archived = models.BooleanField(default=False)  # kept in the registration dossier

    class Meta:
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return f"{self.task_id}: {self.kind} {self.title}"


class Council(models.Model):
    """A council of a task: selection (scores applications) or acceptance (scores the result)."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="councils")
    kind = models.CharField(max_length=10, choices=choices(COUNCIL_KINDS))
    members = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="councils")
    formed_at = models.DateTimeField(auto_now_add=True)
    formed_by = models.CharField(max_length=200)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["task", "kind"], name="council_task_kind")]

    def __str__(self) -> str:
        return f"{self.task_id}: {self.kind}"


class Application(models.Model):
    """An application to carry out a listed task (selection, step 2)."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="applications")
    applicant = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    investigator_name = models.CharField(max_length=200)
    host = models.ForeignKey(Organisation, on_delete=models.PROTECT)
    summary = models.TextField(max_length=20000)
    budget_requested = models.BigIntegerField(null=True, blank=True)  # VND
    months = models.PositiveSmallIntegerField(null=True, blank=True)
    submitted_at = models.DateTimeField(auto_now_add=True)
    chosen = models.BooleanField(default=False)

    class Meta:
        ordering = ["submitted_at", "id"]
        constraints = [models.UniqueConstraint(fields=["task", "applicant"], name="application_once")]

    def __str__(self) -> str:
        return f"{self.task_id}: {self.investigator_name} ({self.host_id})"


class Review(models.Model):
    """A council member's score of an application (selection) or of the task (acceptance), or a conflict."""

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="reviews")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    application = models.ForeignKey(Application, null=True, blank=True, on_delete=models.CASCADE,
                                    related_name="reviews")
    score = models.FloatField(null=True, blank=True)
    conflict = models.BooleanField(default=False)  # declared conflict of interest: not counted
    comment = models.TextField(max_length=5000, blank=True)
    at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["council", "member", "application"], name="review_once",
                                    condition=models.Q(application__isnull=False)),
            models.UniqueConstraint(fields=["council", "member"], name="review_once_task",
                                    condition=models.Q(application__isnull=True)),
        ]

    def __str__(self) -> str:
        return f"{self.council_id}/{self.member_id}: {'conflict' if self.conflict else self.score}"


class ProgressReport(models.Model):
    """A periodic progress report due by a date (scheduled when the contract is signed)."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="progress_reports")
    number = models.PositiveSmallIntegerField()
    due_date = models.DateField(db_index=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    percent_done = models.PositiveSmallIntegerField(null=True, blank=True)
    summary = models.TextField(max_length=20000, blank=True)
    document = models.ForeignKey(TaskDocument, null=True, blank=True, on_delete=models.SET_NULL)

    class Meta:
        ordering = ["task_id", "number"]
        constraints = [models.UniqueConstraint(fields=["task", "number"], name="progress_number")]

    def __str__(self) -> str:
        return f"{self.task_id} #{self.number} due {self.due_date}"

    @property
    def late(self) -> bool:
        """Submitted after its due date."""
        return bool(self.submitted_at and self.submitted_at.date() > self.due_date)


class Adjustment(models.Model):
    """A request to adjust a task's content, time or budget, and the manager's decision."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="adjustments")
    kind = models.CharField(max_length=8, choices=choices(ADJUSTMENT_KINDS))
    reason = models.TextField(max_length=5000)
    new_end = models.DateField(null=True, blank=True)
    new_budget_state = models.BigIntegerField(null=True, blank=True)
    new_objectives = models.TextField(max_length=20000, blank=True)
    status = models.CharField(max_length=8, choices=choices(ADJUSTMENT_STATUSES), default="pending")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                     related_name="+")
    requested_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.CharField(max_length=200, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(max_length=5000, blank=True)

    class Meta:
        ordering = ["-requested_at", "-id"]

    def __str__(self) -> str:
        return f"{self.task_id}: {self.kind} ({self.status})"
