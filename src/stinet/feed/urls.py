"""URLs of the feed app: the registration sheet, beside the task pages (mounted at tasks/)."""

from django.urls import path

from stinet.feed import views

app_name = "feed"
urlpatterns = [
    path("<int:pk>/registration-sheet.docx", views.registration_sheet, name="sheet"),
]
