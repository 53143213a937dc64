"""Portal URLs."""

from django.urls import path

from stinet.portal import views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search, name="search"),
    path("works/<int:work_id>/", views.work, name="work"),
    path("works/<int:work_id>/cite.<str:fmt>", views.cite, name="cite"),
    path("orgs/", views.org_list, name="orgs"),
    path("orgs/<slug:code>/", views.org_detail, name="org"),
]
