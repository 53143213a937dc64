"""Web forms of the task pages: a proposal, each action of the life cycle, council work, progress."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from stinet.accounts.forms import OrganisationChoiceField
from stinet.catalog.models import FieldOfScience, Organisation
from stinet.portal.typedtext import TypedForm
from stinet.tasks.lifecycle import MANAGER_DOCUMENTS
from stinet.tasks.models import (
    ADJUSTMENT_KINDS,
    DOCUMENT_KINDS,
    KINDS,
    LEVELS,
    Adjustment,
    Application,
    ProgressReport,
    Review,
    Task,
    TaskDocument,
)
from stinet.tasks.services import INT_FIELDS, MAX_KEYWORDS_CHARS

MONEY = INT_FIELDS["budget_state"][1]  # VND: what a budget column holds


def _limit(model: type, name: str) -> int | None:
    """The longest text the model's field takes (the browser stops typing there too: maxlength)."""
    return model._meta.get_field(name).max_length


class DateInput(forms.DateInput):
    """The browser's date picker."""

    input_type = "date"


def _pairs(table: dict[str, tuple[str, str]], lang: str) -> list[tuple[str, str]]:
    """Choices labelled in the interface language."""
    return [(code, en if lang == "en" else vi) for code, (vi, en) in table.items()]


def _field_choices(lang: str) -> list[tuple[str, str]]:
    """Fields of science (2025 top fields, then the 2008 codes) for a select box."""
    rows = FieldOfScience.objects.order_by("-scheme", "code").values_list("code", "name_vi", "name_en")
    seen: dict[str, str] = {}
    for code, vi, en in rows:
        seen.setdefault(code, f"{code} {en if lang == 'en' and en else vi}")
    return [("", "—"), *seen.items()]


def _orgs() -> Any:
    """Organisations to choose a host from."""
    return Organisation.objects.order_by("-is_member", "code")


class ProposalForm(TypedForm):
    """A task proposal (step 1)."""

    title = forms.CharField(label=_("Task title"), widget=forms.Textarea(attrs={"rows": 2}),
                            max_length=_limit(Task, "title"))
    title_en = forms.CharField(label=_("Title in English"), required=False, max_length=_limit(Task, "title_en"))
    objectives = forms.CharField(label=_("Objectives"), widget=forms.Textarea(attrs={"rows": 4}),
                                 max_length=_limit(Task, "objectives"))
    expected_results = forms.CharField(label=_("Expected results"), required=False,
                                       widget=forms.Textarea(attrs={"rows": 3}),
                                       max_length=_limit(Task, "expected_results"))
    level = forms.ChoiceField(label=_("Level"), initial="provincial")  # a province's task lists, mostly
    kind = forms.ChoiceField(label=pgettext_lazy("task", "Kind"))
    field_code = forms.ChoiceField(label=_("Field of science"), required=False)
    year = forms.IntegerField(label=_("Plan year"), min_value=1990, max_value=2100)
    keywords = forms.CharField(label=_("Keywords (separated by ;)"), required=False, max_length=MAX_KEYWORDS_CHARS)
    proposer_name = forms.CharField(label=_("Proposed by (organisation or person)"), required=False,
                                    max_length=_limit(Task, "proposer_name"))

    def __init__(self, *args: Any, lang: str = "vi", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["level"].choices = _pairs(LEVELS, lang)
        self.fields["kind"].choices = _pairs(KINDS, lang)
        self.fields["field_code"].choices = _field_choices(lang)


class ReasonForm(TypedForm):
    """Actions that need a reason (reject, stop, cancel, reopen, withdraw)."""

    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}),
                             max_length=_limit(Task, "closed_reason"))


class EmptyForm(TypedForm):
    """Actions that need nothing more (approve, open the selection, publish)."""


class AssignForm(TypedForm):
    """Direct assignment: host and principal investigator."""

    host = OrganisationChoiceField(label=_("Host organisation"), queryset=Organisation.objects.none(),
                                   to_field_name="code")
    investigator = forms.ModelChoiceField(label=_("Principal investigator (user)"), required=False,
                                          queryset=get_user_model().objects.none(), to_field_name="username")
    investigator_name = forms.CharField(label=_("Principal investigator (name)"), required=False,
                                        max_length=_limit(Task, "investigator_name"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["host"].queryset = _orgs()
        self.fields["investigator"].queryset = get_user_model().objects.filter(
            roles__role="investigator").distinct().order_by("username")


class SelectForm(TypedForm):
    """Close the selection: the best-ranked application unless another scored one is chosen."""

    application = forms.IntegerField(label=_("Application number (empty: the best ranked)"), required=False)


class ContractForm(TypedForm):
    """The contract: number, date, budget (VND), duration, report period and the signed file."""

    contract_number = forms.CharField(label=_("Contract number"), max_length=_limit(Task, "contract_number"))
    contract_date = forms.DateField(label=_("Contract date"), widget=DateInput)
    budget_state = forms.IntegerField(label=_("State budget (VND)"), min_value=0, max_value=MONEY)
    budget_other = forms.IntegerField(label=_("Other sources (VND)"), min_value=0, max_value=MONEY, required=False)
    planned_start = forms.DateField(label=_("Start"), widget=DateInput)
    planned_end = forms.DateField(label=_("End"), widget=DateInput)
    report_every_months = forms.IntegerField(label=_("Progress report every (months)"), min_value=1, max_value=24,
                                             initial=6)
    contract = forms.FileField(label=_("Signed contract"), required=False)


class FinalForm(TypedForm):
    """The final report: results obtained and the report file."""

    results = forms.CharField(label=_("Results obtained"), widget=forms.Textarea(attrs={"rows": 4}),
                              max_length=_limit(Task, "results"))
    final_report = forms.FileField(label=_("Final report"), required=False)
    summary_report = forms.FileField(label=_("Summary report"), required=False)


class AcceptForm(TypedForm):
    """The rating is computed from the council's scores; the minutes are attached."""

    acceptance_minutes = forms.FileField(label=_("Acceptance council minutes"), required=False)


class RegisterForm(TypedForm):
    """Registration of the result."""

    registration_number = forms.CharField(label=_("Registration number"),
                                          max_length=_limit(Task, "registration_number"))
    registration_date = forms.DateField(label=_("Registration date"), widget=DateInput)


ACTION_FORMS: dict[str, type[forms.Form]] = {
    "approve": EmptyForm, "reject": ReasonForm, "withdraw": ReasonForm, "open_selection": EmptyForm,
    "assign": AssignForm, "select": SelectForm, "sign_contract": ContractForm, "submit_final": FinalForm,
    "accept": AcceptForm, "register": RegisterForm, "publish": EmptyForm, "stop": ReasonForm,
    "cancel": ReasonForm, "reopen": ReasonForm,
}
FILE_FIELDS = frozenset({"contract", "final_report", "summary_report", "acceptance_minutes"})


class CouncilForm(TypedForm):
    """The members of a council (users with the council member role)."""

    members = forms.ModelMultipleChoiceField(label=_("Members"), queryset=get_user_model().objects.none(),
                                             to_field_name="username", widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["members"].queryset = get_user_model().objects.filter(
            roles__role="council_member", is_active=True).distinct().order_by("username")


class ApplicationForm(TypedForm):
    """An application for a task open to selection."""

    host = OrganisationChoiceField(label=_("Host organisation"), queryset=Organisation.objects.none(),
                                   to_field_name="code")
    investigator_name = forms.CharField(label=_("Principal investigator (name)"), required=False,
                                        max_length=_limit(Application, "investigator_name"))
    summary = forms.CharField(label=_("Approach and expected products"), widget=forms.Textarea(attrs={"rows": 3}),
                              max_length=_limit(Application, "summary"))
    budget_requested = forms.IntegerField(label=_("Budget requested (VND)"), min_value=0, max_value=MONEY,
                                          required=False)
    months = forms.IntegerField(label=_("Duration (months)"), min_value=1, max_value=120, required=False)
    document = forms.FileField(label=_("Application file"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["host"].queryset = _orgs()


class ScoreForm(TypedForm):
    """A council member's score out of 100, or a declared conflict of interest."""

    application = forms.IntegerField(required=False, widget=forms.HiddenInput)
    score = forms.FloatField(label=_("Score (0-100)"), min_value=0, max_value=100, required=False)
    conflict = forms.BooleanField(label=_("I declare a conflict of interest"), required=False)
    comment = forms.CharField(label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
                              max_length=_limit(Review, "comment"))


class ProgressForm(TypedForm):
    """A periodic progress report."""

    summary = forms.CharField(label=_("Work done in the period"), widget=forms.Textarea(attrs={"rows": 3}),
                              max_length=_limit(ProgressReport, "summary"))
    percent_done = forms.IntegerField(label=_("Percent done"), min_value=0, max_value=100, required=False)
    document = forms.FileField(label=_("Report file"), required=False)


class AdjustmentForm(TypedForm):
    """A request to adjust content, time or budget."""

    kind = forms.ChoiceField(label=_("What to adjust"))
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}),
                             max_length=_limit(Adjustment, "reason"))
    new_end = forms.DateField(label=_("New end date"), required=False, widget=DateInput)
    new_budget_state = forms.IntegerField(label=_("New state budget (VND)"), min_value=0, max_value=MONEY,
                                          required=False)
    new_objectives = forms.CharField(label=_("New objectives"), required=False,
                                     widget=forms.Textarea(attrs={"rows": 2}),
                                     max_length=_limit(Adjustment, "new_objectives"))

    def __init__(self, *args: Any, lang: str = "vi", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = _pairs(ADJUSTMENT_KINDS, lang)


class DecisionForm(TypedForm):
    """The manager's decision on an adjustment."""

    note = forms.CharField(label=_("Note"), required=False, max_length=_limit(Adjustment, "decision_note"))


class UploadForm(TypedForm):
    """A document for the task's dossier."""

    kind = forms.ChoiceField(label=_("Document"))
    title = forms.CharField(label=_("Title"), required=False, max_length=_limit(TaskDocument, "title"))
    file = forms.FileField(label=_("File"))

    def __init__(self, *args: Any, lang: str = "vi", manager: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lang = lang
        self.offer(manager)

    def offer(self, manager: bool) -> None:
        """The kinds this user may attach: a task manager's too (council minutes, contract, registration)
        or not. A form sent to the server keeps them all: the service says why a kind is refused."""
        kinds = DOCUMENT_KINDS if manager else {k: v for k, v in DOCUMENT_KINDS.items() if k not in MANAGER_DOCUMENTS}
        self.fields["kind"].choices = _pairs(kinds, self.lang)


class FilterForm(TypedForm):
    """Filters of the public task database."""

    q = forms.CharField(label=_("Search"), required=False)
    year = forms.IntegerField(label=_("Year"), required=False)
    level = forms.ChoiceField(label=_("Level"), required=False)
    field = forms.ChoiceField(label=_("Field of science"), required=False)
    host = forms.ChoiceField(label=_("Host organisation"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False)

    def __init__(self, *args: Any, lang: str = "vi", **kwargs: Any) -> None:
        from stinet.tasks.lifecycle import STATES

        super().__init__(*args, **kwargs)
        self.fields["level"].choices = [("", "—"), *_pairs(LEVELS, lang)]
        used = Task.objects.public().exclude(field_code="").values_list("field_code", flat=True).distinct()
        names = dict(_field_choices(lang))
        self.fields["field"].choices = [("", "—"), *sorted((c, names.get(c, c)) for c in set(used))]
        hosts = Organisation.objects.filter(tasks__listed_at__isnull=False).distinct().order_by("code")
        self.fields["host"].choices = [("", "—"), *((o.code, o.name(lang)) for o in hosts)]
        self.fields["status"].choices = [("", "—"), *((k, v[2] if lang == "en" else v[1])
                                                     for k, v in STATES.items() if k not in ("proposed", "rejected"))]
