"""URLs of the tasks app, mounted at tasks/ (path("tasks/", include(...)))."""

from django.urls import path

from stinet.tasks import backoffice, views

app_name = "tasks"
urlpatterns = [
    path("", views.task_list, name="list"),
    path("propose/", backoffice.propose, name="propose"),
    path("manage/", backoffice.manage, name="manage"),
    path("mine/", backoffice.mine, name="mine"),
    path("<int:pk>/", views.task_detail, name="detail"),
    path("<int:pk>/documents/<int:doc_id>/", views.document, name="document"),
    path("<int:pk>/act/<str:action>/", backoffice.act, name="act"),
    path("<int:pk>/council/<str:kind>/", backoffice.council, name="council"),
    path("<int:pk>/apply/", backoffice.apply, name="apply"),
    path("<int:pk>/score/<str:kind>/", backoffice.score, name="score"),
    path("<int:pk>/progress/", backoffice.report_progress, name="progress"),
    path("<int:pk>/adjust/", backoffice.adjust, name="adjust"),
    path("<int:pk>/upload/", backoffice.upload, name="upload"),
    path("adjustments/<int:adjustment_id>/decide/", backoffice.decide, name="decide"),
]
