"""Portal URLs."""

from django.urls import path

import stinet.urlids  # noqa: F401 (registers the id converter)
from stinet.catalog import file_views
from stinet.directory import views as directory
from stinet.portal import results_export, views, widget

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search, name="search"),
    path("search/export.<str:fmt>", results_export.export_results, name="search_export"),
    path("works/<id:work_id>/", views.work, name="work"),
    path("works/<id:work_id>/cite.<str:fmt>", views.cite, name="cite"),
    path("works/<id:work_id>/files/<id:file_id>/", file_views.download, name="work_file"),
    path("works/<id:work_id>/files/add/", file_views.upload, name="work_file_add"),
    path("works/<id:work_id>/files/<id:file_id>/delete/", file_views.remove, name="work_file_delete"),
    path("orgs/", directory.org_list, name="orgs"),  # the organisations directory (stinet.directory)
    path("orgs/<slug:code>/", directory.org_detail, name="org"),
    path("widget/", widget.embed, name="widget"),
    path("widget/snippet/", widget.snippet, name="widget_snippet"),
]
