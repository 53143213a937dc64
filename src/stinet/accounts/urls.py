"""Account URLs: login, logout and the back office's start page."""

from django.contrib.auth.views import LogoutView
from django.urls import path

from stinet.accounts import views

app_name = "accounts"
urlpatterns = [
    path("accounts/login/", views.StinetLoginView.as_view(), name="login"),
    path("accounts/logout/", LogoutView.as_view(), name="logout"),
    path("manage/", views.manage, name="manage"),
]
