"""URLs of the people app, mounted at experts/."""

from django.urls import path

import stinet.urlids  # noqa: F401 (registers the id converter)
from stinet.people import views

app_name = "people"
urlpatterns = [
    path("", views.experts, name="experts"),
    path("me/", views.me, name="me"),
    path("new/", views.new, name="new"),
    path("<id:expert_id>/", views.detail, name="detail"),
    path("<id:expert_id>/edit/", views.edit, name="edit"),
    path("<id:expert_id>/works/", views.decide, name="decide"),
    path("<id:expert_id>/suggest/", views.suggest, name="suggest"),
]
