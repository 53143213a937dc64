"""URLs of the tasks app, mounted at tasks/ (path("tasks/", include(...)))."""

from django.urls import path

import stinet.urlids  # noqa: F401 (registers the id converter)
from stinet.tasks import backoffice, views

app_name = "tasks"
urlpatterns = [
    path("", views.task_list, name="list"),
    path("propose/", backoffice.propose, name="propose"),
    path("manage/", backoffice.manage, name="manage"),
    path("mine/", backoffice.mine, name="mine"),
    path("<id:pk>/", views.task_detail, name="detail"),
    path("<id:pk>/documents/<id:doc_id>/", views.document, name="document"),
    path("<id:pk>/act/<str:action>/", backoffice.act, name="act"),
    path("<id:pk>/council/<str:kind>/", backoffice.council, name="council"),
    path("<id:pk>/apply/", backoffice.apply, name="apply"),
    path("<id:pk>/score/<str:kind>/", backoffice.score, name="score"),
    path("<id:pk>/progress/", backoffice.report_progress, name="progress"),
    path("<id:pk>/adjust/", backoffice.adjust, name="adjust"),
    path("<id:pk>/upload/", backoffice.upload, name="upload"),
    path("adjustments/<id:adjustment_id>/decide/", backoffice.decide, name="decide"),
]
