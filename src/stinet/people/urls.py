"""URLs of the people app, mounted at experts/."""

from django.urls import path

from stinet.people import views

app_name = "people"
urlpatterns = [
    path("", views.experts, name="experts"),
    path("me/", views.me, name="me"),
    path("new/", views.new, name="new"),
    path("<int:expert_id>/", views.detail, name="detail"),
    path("<int:expert_id>/edit/", views.edit, name="edit"),
    path("<int:expert_id>/works/", views.decide, name="decide"),
    path("<int:expert_id>/suggest/", views.suggest, name="suggest"),
]
