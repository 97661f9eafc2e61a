"""URLs of the public site."""

from django.urls import path
from django.views.generic import DetailView, ListView

from records import views
from records.models import Topic

urlpatterns = [path("healthz", views.healthz, name="healthz")]
for prefix, model in views.MODELS_BY_PREFIX.items():
    name = model._meta.model_name
    urlpatterns += [
        path(f"{prefix}/", views.RecordListView.as_view(model=model), name=f"{name}-list"),
        path(f"{prefix}/<slug:slug>/", views.RecordDetailView.as_view(model=model), name=f"{name}-detail"),
    ]
urlpatterns += [
    path("topics/", ListView.as_view(model=Topic, template_name="records/record_list.html"), name="topic-list"),
    path(
        "topics/<slug:slug>/",
        DetailView.as_view(model=Topic, template_name="records/record_detail.html"),
        name="topic-detail",
    ),
]
