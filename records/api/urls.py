"""URLs of the partner API, mounted at /api/v1/."""

urlpatterns = []
