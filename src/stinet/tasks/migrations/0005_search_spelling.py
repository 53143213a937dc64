"""The tasks' search columns again, in the search spelling of i/y (quản lí = quản lý), as queries now
look for them (stinet.tasks.search.refresh)."""

from django.db import migrations


def refill(apps, schema_editor):
    from stinet.tasks.search import refresh

    Task = apps.get_model("tasks", "Task")
    TaskMember = apps.get_model("tasks", "TaskMember")
    members: dict[int, list[str]] = {}
    for task_id, name in TaskMember.objects.values_list("task_id", "name"):
        members.setdefault(task_id, []).append(name)
    for task in Task.objects.select_related("host").iterator(chunk_size=500):
        refresh(task, task.host.name_vi if task.host_id else "", members.get(task.pk, []))
        task.save(update_fields=["search_title", "search_people", "search_all", "search_exact"])


class Migration(migrations.Migration):
    dependencies = [("tasks", "0004_text_limits")]

    operations = [migrations.RunPython(refill, migrations.RunPython.noop)]
