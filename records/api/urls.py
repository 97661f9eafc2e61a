"""URLs of the partner API, mounted at /api/v1/ (namespace `api`)."""

from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from . import views
from .changes import ChangeViewSet
from .docs import docs_view, in_english
from .exceptions import not_found
from .images import ImageViewSet

app_name = "api"

router = DefaultRouter()
for prefix, viewset in views.VIEWSETS.items():
    router.register(prefix, viewset, basename=viewset.record_type.model_name)
router.register("changes", ChangeViewSet, basename="pendingchange")
router.register("images", ImageViewSet, basename="image")

urlpatterns = [
    path("schema/", in_english(SpectacularAPIView.as_view()), name="schema"),
    path("docs/", docs_view(SpectacularSwaggerSplitView.as_view(url_name="api:schema")), name="docs"),
    *router.urls,
    re_path(r"^", not_found),
]
