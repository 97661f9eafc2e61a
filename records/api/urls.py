"""URLs of the partner API, mounted at /api/v1/ (namespace `api`)."""

from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from . import views
from .docs import docs_view
from .exceptions import not_found

app_name = "api"

router = DefaultRouter()
router.register("organizations", views.OrganizationViewSet, basename="organization")
router.register("member-states", views.MemberStateViewSet, basename="memberstate")
router.register("summits", views.SummitViewSet, basename="summit")
router.register("officials", views.OfficialViewSet, basename="official")
router.register("initiatives", views.InitiativeViewSet, basename="initiative")
router.register("articles", views.ArticleViewSet, basename="article")
router.register("topics", views.TopicViewSet, basename="topic")

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", docs_view(SpectacularSwaggerSplitView.as_view(url_name="api:schema")), name="docs"),
    *router.urls,
    re_path(r"^", not_found),
]
