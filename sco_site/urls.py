"""Root URLs: the admin, the partner API, the public site (its pages in every language)."""

from django.contrib import admin
from django.urls import include, path

from records.languages import language_patterns
from records.urls import page_patterns

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", include("records.api.urls")),
    path("", include("records.urls")),
    *language_patterns(path("", include(page_patterns))),
]
