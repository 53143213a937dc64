"""The project's URLs with the sources pages mounted at sources/ (as stinet.urls will mount them)."""

from django.urls import include, path

from stinet.urls import urlpatterns as project

urlpatterns = [path("sources/", include("stinet.sources.urls")), *project]
