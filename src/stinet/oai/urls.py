"""The OAI-PMH endpoint, at /oai and /oai/ (mounted with path("oai", include(...)))."""

from django.urls import path

from . import views

app_name = "oai"
urlpatterns = [
    path("", views.endpoint, name="endpoint"),
    path("/", views.endpoint),
]
