"""Root URLs: the admin, the partner API, the public site."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", include("records.api.urls")),
    path("", include("records.urls")),
]
