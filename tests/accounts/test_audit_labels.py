"""The audit log says actions and object types in the interface language, from a table that covers
every action code the source writes; an unknown code is shown as it is."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from django.utils import translation

from stinet.accounts.audit_labels import ACTIONS, OBJECT_TYPES, action_label, object_label
from stinet.catalog.models import AuditEntry
from stinet.catalog.services import audit

SRC = Path(__file__).resolve().parents[2] / "src" / "stinet"


def _expansions() -> dict[str, set[str]]:
    """The codes an f-string action stands for, by its literal start."""
    from stinet.people.services import DECISIONS
    from stinet.tasks.lifecycle import TRANSITIONS
    from stinet.tasks.models import ADJUSTMENT_STATUSES, COUNCIL_KINDS

    return {"task-": set(TRANSITIONS), "task-council-": set(COUNCIL_KINDS), "task-score-": set(COUNCIL_KINDS),
            "task-adjustment-": set(ADJUSTMENT_STATUSES) - {"pending"},  # written once decided
            "works-": set(DECISIONS)}


def _strings(node: ast.AST, scope: ast.AST, expansions: dict[str, set[str]], where: str) -> set[str]:
    """The codes an action argument may hold: a literal, either side of `a if c else b`, an f-string
    of a known start, or a name given a literal (default or assignment) in the enclosing function."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return {node.value}
    if isinstance(node, ast.IfExp):
        return _strings(node.body, scope, expansions, where) | _strings(node.orelse, scope, expansions, where)
    if isinstance(node, ast.JoinedStr):
        start = node.values[0].value if isinstance(node.values[0], ast.Constant) else ""
        assert start in expansions, f"{where}: f-string action {start!r}… unknown to the test"
        return {start + rest for rest in expansions[start]}
    if isinstance(node, ast.Name):
        found = set()
        for sub in ast.walk(scope):
            if isinstance(sub, ast.Assign) and any(isinstance(t, ast.Name) and t.id == node.id for t in sub.targets):
                found |= _strings(sub.value, scope, expansions, where)
            if isinstance(sub, ast.arguments):
                named = sub.args[len(sub.args) - len(sub.defaults):] + sub.kwonlyargs
                defaults = list(sub.defaults) + [d for d in sub.kw_defaults if d is not None]
                found |= {d.value for a, d in zip(named, defaults, strict=False)
                          if a.arg == node.id and isinstance(d, ast.Constant) and isinstance(d.value, str)}
        return found
    return set()


def _written_codes() -> set[str]:
    """Every action code the package writes to the audit log (calls of audit, _audit and failed_login,
    and AuditEntry rows created with action=...)."""
    expansions, codes = _expansions(), set()
    for path in SRC.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        tree = ast.parse(path.read_text(), str(path))
        for scope in [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)]:
            for call in [n for n in ast.walk(scope) if isinstance(n, ast.Call)]:
                where = f"{path.relative_to(SRC)}:{call.lineno}"
                name = getattr(call.func, "id", None) or getattr(call.func, "attr", None)
                position = {"audit": 1, "_audit": 1, "failed_login": 2}.get(name or "")
                if position is not None and len(call.args) > position:
                    codes |= _strings(call.args[position], scope, expansions, where)
                if name == "create":
                    for keyword in call.keywords:
                        if keyword.arg == "action":
                            codes |= _strings(keyword.value, scope, expansions, where)
    return codes


def test_every_action_code_written_has_a_label():
    written = _written_codes()
    assert {"login", "keep-apart", "task-sign_contract", "works-confirmed", "work-deleted",
            "login-failed", "login-blocked"} <= written  # the scan sees literals, f-strings, names
    assert not written - set(ACTIONS), sorted(written - set(ACTIONS))


def test_unknown_codes_are_shown_as_they_are():
    with translation.override("vi"):
        assert (action_label("login"), object_label("joinrequest")) == ("đăng nhập", "đề nghị tham gia")
        assert (action_label("frobnicate"), object_label("gizmo")) == ("frobnicate", "gizmo")
    with translation.override("en"):
        assert (action_label("keep-apart"), object_label("workfile")) == ("kept apart", "file")


@pytest.mark.django_db
def test_the_audit_page_says_actions_and_objects_in_the_interface_language(client, people):
    nobody = people["nobody"]
    audit("nobody", "login", nobody, user=nobody)
    audit("hub", "deactivate", nobody, user=people["hub"])
    audit("hub", "keep-apart", people["hpu"])
    AuditEntry.objects.create(actor_label="public", action="create", object_type="joinrequest", object_id="7")
    AuditEntry.objects.create(actor_label="x", action="frobnicate", object_type="gizmo", object_id="1")
    client.force_login(people["hub"])
    vi = client.get("/manage/audit/").content.decode()
    for said in ('title="login">đăng nhập</td>', 'title="deactivate">khoá tài khoản</td>',
                 'title="keep-apart">giữ riêng</td>', 'title="create">tạo mới</td>',
                 'title="joinrequest">đề nghị tham gia 7</td>', f'title="user">người dùng {nobody.pk}</td>',
                 'title="frobnicate">frobnicate</td>', 'title="gizmo">gizmo 1</td>'):
        assert said in vi, said
    assert '<option value="keep-apart">giữ riêng</option>' in vi  # the filter offers the known codes
    en = client.get("/manage/audit/", {"lang": "en"}).content.decode()
    assert 'title="login">logged in</td>' in en and 'title="joinrequest">request to join 7</td>' in en
    history = client.get(f"/manage/users/{nobody.pk}/", {"lang": "vi"}).content.decode()
    assert "khoá tài khoản người dùng" in history and "deactivate user" not in history
    filtered = client.get("/manage/audit/", {"action": "keep-apart"})  # the filters still take the codes
    assert [e.action for e, _b, _a in filtered.context["rows"]] == ["keep-apart"]


def test_every_object_type_has_a_label():
    from django.apps import apps

    audited = {"user", "invitation", "organisation", "organisationprofile", "infoservice", "joinrequest", "work",
               "workfile", "source", "newsitem", "task", "expert", "feedclient"}
    models = {m.__name__.lower() for m in apps.get_models()}
    assert audited <= models and audited == set(OBJECT_TYPES)
