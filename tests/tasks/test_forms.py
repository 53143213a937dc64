"""The task forms for screen readers: labels and errors tied to their own field, the council a named group."""

import lxml.html
import pytest

from tests.forms import button_names, form_problems
from tests.tasks.conftest import drive
from tests.tasks.test_views import _login


def test_a_refused_proposal_ties_each_error_to_its_field(people, client):
    _login(client, people, "pi")
    page = client.post("/tasks/propose/", {"title": "", "level": "provincial", "year": "x"}).content.decode()
    assert 'aria-describedby="id_title_error"' in page and form_problems(page) == []


@pytest.mark.parametrize(("state", "user"), [("proposed", "manager"), ("selecting", "manager"),
                                             ("in_progress", "pi"), ("evaluating", "manager")])
def test_the_action_panel_gives_each_form_ids_of_its_own(people, client, state, user):
    task = drive(people, state)
    _login(client, people, user)
    page = client.get(f"/tasks/{task.pk}/").content.decode()
    assert form_problems(page) == []  # two reasons, two kinds: each label names its own field


def test_the_council_members_are_a_named_group(people, client):
    task = drive(people, "selecting")
    _login(client, people, "manager")
    doc = lxml.html.fromstring(client.get(f"/tasks/{task.pk}/").content.decode())
    group = doc.xpath("//fieldset[.//input[@type='checkbox' and @name='members']]")
    assert group and group[0].xpath("string(legend)").startswith("Thành viên")


def test_each_score_button_names_its_application(people, client):
    from stinet.tasks import councils

    task = drive(people, "selecting")
    councils.form_council(task, people.manager, "selection", [people.c1, people.c2, people.c3])
    councils.apply(task, people.pi, host="HPU", summary="Khảo sát rạn san hô", budget_requested=900_000_000)
    councils.apply(task, people.pi2, host="HPU", summary="Phương án khác", budget_requested=700_000_000)
    _login(client, people, "c1")
    names = [n for n in button_names(client.get(f"/tasks/{task.pk}/").content.decode()) if n.startswith("Chấm")]
    assert len(names) == task.applications.count() > 1 and len(set(names)) == len(names), names


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize(("typed", "day"), [("03/02/2026", "2026-02-03"), ("2026-02-03", "2026-02-03"),
                                            ("3.2.2026", "2026-02-03"), ("10/01/2026", "2026-01-10")])
def test_a_typed_date_is_read_day_first_in_either_language(lang, typed, day):
    """Vietnam writes the day first: 03/02/2026 is 3 February (a browser without the date picker, a script),
    not 2 March as Django's English reads it."""
    from django.utils import translation

    from stinet.tasks.forms import ContractForm

    with translation.override(lang):
        form = ContractForm({"contract_date": typed})
        form.is_valid()
    assert "contract_date" not in form.errors and form.cleaned_data["contract_date"].isoformat() == day


def test_an_impossible_date_is_refused():
    from stinet.tasks.forms import ContractForm

    form = ContractForm({"contract_date": "31/02/2026"})
    assert not form.is_valid() and "contract_date" in form.errors
