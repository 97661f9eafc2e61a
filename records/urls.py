"""URLs of the public site.

`page_patterns` are the pages, reachable in every language (English at `/…`,
Russian at `/ru/…`, Chinese at `/zh/…`: sco_site/urls.py); `urlpatterns` are the
addresses that are the same in every language (files, data, the sitemap).
"""

from django.conf import settings
from django.contrib.sitemaps import views as sitemap_views
from django.urls import path, re_path

from records.feeds import LatestArticlesFeed
from records.models.pages import ABOUT
from records.sitemaps import SITEMAPS
from records.views import opendata as data_views
from records.views import records as views
from records.views import site as site_views
from records.views import suggest as suggest_views

page_patterns = [
    path("", site_views.HomeView.as_view(), name="home"),
    path("search/", site_views.SearchView.as_view(), name="search"),
    # Before the detail patterns: "feed" and "calendar.ics" are reserved slugs.
    path("articles/feed/", LatestArticlesFeed(), name="article-feed"),
    path("summits/calendar.ics", site_views.summit_calendar, name="summit-calendar"),
    path("data/", data_views.data_page, name="open-data"),
    path("about/", site_views.PageView.as_view(), {"slug": ABOUT}, name="about"),
    path("topics/", site_views.TopicListView.as_view(), name="topic-list"),
    path("topics/<slug:slug>/", site_views.TopicDetailView.as_view(), name="topic-detail"),
    *views.urlpatterns(),
]

urlpatterns = [
    path("healthz", site_views.healthz, name="healthz"),
    path("robots.txt", site_views.robots_txt, name="robots-txt"),
    path("favicon.ico", site_views.favicon, name="favicon"),
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap-section"},
        name="sitemap",
    ),
    path("sitemap-<slug:section>.xml", sitemap_views.sitemap, {"sitemaps": SITEMAPS}, name="sitemap-section"),
    path("suggest/<slug:prefix>/", suggest_views.suggest, name="suggest"),
    path("data/datapackage.json", data_views.datapackage, name="datapackage"),
    path("data/record.jsonld", data_views.record_jsonld, name="record-jsonld"),
    path("data/<slug:name>.csv", data_views.table_csv, name="data-table"),
]
if settings.MEDIA_SERVED_BY_APP and settings.MEDIA_URL.startswith("/"):
    urlpatterns.append(
        re_path(rf"^{settings.MEDIA_URL.strip('/')}/(?P<path>images/.+)$", site_views.media_file, name="media")
    )
