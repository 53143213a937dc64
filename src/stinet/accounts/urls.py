"""Account URLs: login, logout, passwords, invitations, and the back office's account pages."""

from django.urls import path

import stinet.urlids  # noqa: F401 (registers the id converter)
from stinet.accounts import manage_views, views

app_name = "accounts"
urlpatterns = [
    path("accounts/login/", views.StinetLoginView.as_view(), name="login"),
    path("accounts/logout/", views.LogoutView.as_view(), name="logout"),
    path("accounts/password/", views.PasswordChangeView.as_view(), name="password_change"),
    path("accounts/password/reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path("accounts/password/reset/sent/", views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path("accounts/password/reset/<uidb64>/<token>/", views.PasswordResetConfirmView.as_view(),
         name="password_reset_confirm"),
    path("accounts/password/reset/done/", views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
    path("accounts/invitation/<str:token>/", views.accept, name="accept"),
    path("manage/", views.manage, name="manage"),
    path("manage/users/", manage_views.users, name="users"),
    path("manage/users/<id:user_id>/", manage_views.user_detail, name="user"),
    path("manage/users/<id:user_id>/roles/<id:role_id>/revoke/", manage_views.revoke_role, name="revoke_role"),
    path("manage/users/<id:user_id>/active/", manage_views.activation, name="activation"),
    path("manage/invitations/", manage_views.invitation_list, name="invitations"),
    path("manage/invitations/<id:invitation_id>/revoke/", manage_views.invitation_revoke, name="revoke_invitation"),
    path("manage/audit/", manage_views.audit_log, name="audit"),
]
