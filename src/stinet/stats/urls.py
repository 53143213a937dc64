"""URLs of the stats app, mounted at stats/ (path("stats/", include(...)))."""

from django.urls import path

from stinet.stats import views

app_name = "stats"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("export/<str:key>.<str:fmt>", views.export, name="export"),
    path("forms/<str:slug>.xlsx", views.reporting_form, name="form"),
]
