"""URLs of the feed app: the registration sheet, beside the task pages (mounted at tasks/)."""

from django.urls import path

import stinet.urlids  # noqa: F401 (registers the id converter)
from stinet.feed import views

app_name = "feed"
urlpatterns = [
    path("<id:pk>/registration-sheet.docx", views.registration_sheet, name="sheet"),
]
