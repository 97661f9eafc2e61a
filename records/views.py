"""Public pages. Every queryset starts from `published()`."""

from django.http import JsonResponse
from django.views.generic import DetailView, ListView

from records.models import Article, Initiative, MemberState, Official, Organization, Summit, Topic


class PublishedMixin:
    """Only published records reach the public pages."""

    def get_queryset(self):
        return self.model.objects.published()


class RecordListView(PublishedMixin, ListView):
    paginate_by = 20
    template_name = "records/record_list.html"


class RecordDetailView(PublishedMixin, DetailView):
    template_name = "records/record_detail.html"


def healthz(request):
    return JsonResponse({"status": "ok"})


MODELS_BY_PREFIX = {
    "articles": Article,
    "summits": Summit,
    "member-states": MemberState,
    "officials": Official,
    "initiatives": Initiative,
    "organizations": Organization,
}
__all__ = ["MODELS_BY_PREFIX", "RecordDetailView", "RecordListView", "Topic", "healthz"]
