"""URLs of the news app, mounted at news/ (path("news/", include(...)))."""

from django.urls import path

from stinet.news import views

app_name = "news"
urlpatterns = [
    path("", views.news_list, name="list"),
    path("feed/", views.NewsFeed(), name="feed"),
    path("manage/", views.manage, name="manage"),
    path("new/", views.edit, name="new"),
    path("<slug:slug>/", views.item, name="item"),
    path("<slug:slug>/edit/", views.edit, name="edit"),
    path("<slug:slug>/delete/", views.delete, name="delete"),
]
