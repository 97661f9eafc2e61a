"""Pages that are not one record type's list or detail: home, search, topics,
the summit calendar, robots.txt and the health check."""

from django import forms
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import DatabaseError, connection
from django.db.models import Count, F, Q
from django.http import HttpResponse, HttpResponseBadRequest, HttpResponsePermanentRedirect, JsonResponse
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_safe
from django.views.generic import DetailView, ListView, TemplateView
from django.views.static import serve

from records import calendar, downloads, freshness, languages, search
from records.api.representation import attach_related_values
from records.api.serializers import list_serializer
from records.counters import cache_status
from records.map import membership_map
from records.models import Article, Initiative, MemberState, Page, Summit, Topic, published_condition
from records.registry import BY_PREFIX, TOPIC
from records.related_pages import page_lists
from records.search import (
    clean_query,
    count_label,
    name_suggestions,
    search_count,
    search_queryset,
    snippet,
    total_label,
    with_headline,
)
from records.views.records import (
    OldSlugRedirectMixin,
    for_cards,
    membership_groups,
    membership_summary,
    query_without_page,
)

HOME_ARTICLES = 6
HOME_INITIATIVES = 6
SEARCH_RESULTS_PER_TYPE = 5
SEARCH_PAGE_SIZE = 20
# Fewer results than this, and the names closest to the query are offered as "Did you mean …?".
FEW_RESULTS = 3
NAMES_OFFERED = 6


class HomeView(TemplateView):
    """The front page; `?as_of=<date>` shows the map's membership on that date
    (a bad date: the map of today, the error and status 400)."""

    template_name = "home.html"
    map_error = ""

    def map_day(self):
        value = self.request.GET.get("as_of", "")
        try:
            return forms.DateField(required=False).clean(value)
        except ValidationError as error:
            self.map_error = gettext("“as_of”: %(errors)s (e.g. 2017-12-31)") % {"errors": " ".join(error.messages)}
            return None

    def render_to_response(self, context, **response_kwargs):
        if self.map_error:
            response_kwargs["status"] = 400
        return super().render_to_response(context, **response_kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["map"] = membership_map(as_of=self.map_day())
        context["map"]["error"] = self.map_error
        today = timezone.localdate()
        summits = for_cards(Summit)
        context["latest_articles"] = list(for_cards(Article)[:HOME_ARTICLES])
        # On a day with several meetings, the numbered council meeting comes before side events.
        numbered_first = F("number").desc(nulls_last=True)
        context["latest_summit"] = summits.filter(starts_on__lte=today).order_by("-starts_on", numbered_first).first()
        context["next_summit"] = summits.filter(starts_on__gt=today).order_by("starts_on", numbered_first).first()
        states = list(MemberState.objects.published().order_by("name"))
        context["membership_groups"] = groups = membership_groups(states)
        context["membership_summary"] = membership_summary(groups)
        context["current_initiatives"] = list(
            for_cards(Initiative)
            .filter(stage__in=[Initiative.Stage.ADOPTED, Initiative.Stage.IN_PROGRESS])
            .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today))[:HOME_INITIATIVES]
        )
        return context


class SearchView(TemplateView):
    """One search over the six record types, grouped by type with counts.

    With `type=<prefix>` (e.g. `type=articles`) it lists every match of one
    type, paginated."""

    template_name = "search/results.html"

    def get(self, request, *args, **kwargs):
        self.query = clean_query(request.GET.get("q", ""))
        self.only_type = request.GET.get("type", "")
        status = 200
        if self.only_type and self.only_type not in BY_PREFIX:
            self.only_type = ""
            status = 400
        context = self.get_context_data(**kwargs)
        context["bad_type"] = status == 400
        return self.render_to_response(context, status=status)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["query"] = self.query
        context["query_truncated"] = len(self.request.GET.get("q", "")) > len(self.query) + 1
        groups = []
        total = 0
        if self.query:
            for prefix, entry in BY_PREFIX.items():
                if self.only_type and prefix != self.only_type:
                    continue
                group = self._group(prefix, entry.model)
                total += group["count"]
                if group["count"]:
                    groups.append(group)
        context["groups"] = groups
        context["total"] = total
        # Topics and records named like the query, above the results; the closest
        # names as "Did you mean …?" when the words themselves find little.
        names = name_suggestions(self.query)[:NAMES_OFFERED] if self.query else []
        context["did_you_mean"] = names[:3] if total < FEW_RESULTS else []
        context["name_offers"] = names if total >= FEW_RESULTS else []
        context["total_label"] = total_label([group["count"] for group in groups])
        context["only_type"] = self.only_type
        context["query_without_page"] = query_without_page(self.request.GET)
        return context

    def _group(self, prefix, model):
        """One record type's matches: a page of them (`type=`) or the first few, and their count.

        The count is the matches' own when they are all shown; otherwise it is
        counted up to one past the ranked matches ("1,000+") and kept like a
        list's count, per type, words, language and data version."""
        matches = search_queryset(for_cards(model), self.query)
        # Snippets quote the English text around the words found; in another
        # language, a card shows the record's summary in that language instead.
        english = languages.active() == languages.DEFAULT_LANGUAGE
        if english:
            matches = with_headline(matches, self.query)
        if not english or search.is_postgres(matches):
            # The long text (in every language) is read only by the fallback snippet on SQLite.
            long_text = model.rich_text_field
            columns = languages.language_columns(model, long_text, include_english=True).values()
            matches = matches.defer(long_text, *columns)
        group = {"prefix": prefix, "label": model._meta.verbose_name_plural}

        def count():
            description = f"search|{model._meta.label}|{languages.active()}|{self.query}"
            return freshness.kept_count(description, lambda: search_count(for_cards(model), self.query))

        if self.only_type:
            paginator = Paginator(matches, SEARCH_PAGE_SIZE)
            group["count"] = count()
            paginator.count = min(group["count"], search.MAX_RANKED)  # the ranked matches, as they are paged
            page = paginator.get_page(self.request.GET.get("page"))
            records = self._with_snippets(page.object_list) if group["count"] else []
            group["page_obj"] = page
        else:
            records = self._with_snippets(matches[: SEARCH_RESULTS_PER_TYPE + 1])
            # All shown, unless the ranked matches were cut at MAX_RANKED (which a test sets low).
            every_match = len(records) <= SEARCH_RESULTS_PER_TYPE and len(records) < search.MAX_RANKED
            group["count"] = len(records) if every_match else count()
            records = records[:SEARCH_RESULTS_PER_TYPE]
        group["count_label"] = count_label(group["count"])
        group["results"] = records
        group["more"] = group["count"] > len(records) and not self.only_type
        return group

    def _with_snippets(self, queryset):
        records = list(queryset)
        if languages.active() == languages.DEFAULT_LANGUAGE:
            for record in records:
                record.snippet = snippet(record, self.query)
        return records


class TopicListView(ListView):
    """Every topic with its counts; `?download=csv|json` gives them as a file (records.downloads)."""

    template_name = "topics/list.html"

    def get(self, request, *args, **kwargs):
        try:
            file_format = downloads.requested_format(request.GET)
        except ValueError as error:
            return HttpResponseBadRequest(str(error), content_type="text/plain; charset=utf-8")
        if file_format:
            return downloads.download_response(
                queryset=Topic.objects.with_related(lists=False).order_by("name"),
                serializer=list_serializer(Topic, request),
                file_format=file_format,
                filename="topics",
                prepare=lambda records: attach_related_values(records, TOPIC, AnonymousUser()),
            )
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["verbose_name_plural"] = Topic._meta.verbose_name_plural
        now = timezone.now()
        articles, initiatives = (public_counts_by_topic(model, now) for model in (Article, Initiative))
        for topic in context["object_list"]:
            topic.article_count = articles.get(topic.pk, 0)
            topic.initiative_count = initiatives.get(topic.pk, 0)
        return context

    def get_queryset(self):
        return Topic.objects.order_by("name")


def public_counts_by_topic(model, now):
    """{topic id: how many public records of `model` (articles or initiatives) it has}, in one grouped query
    over the topic links and the published records' index, not one count per topic."""
    through = model.topics.through
    rows = (
        through.objects.filter(published_condition(f"{model._meta.model_name}__", now))
        .values("topic_id")
        .annotate(count=Count("*"))
        .order_by()
    )
    return {row["topic_id"]: row["count"] for row in rows}


class TopicDetailView(OldSlugRedirectMixin, DetailView):
    model = Topic
    template_name = "topics/detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # The first public articles and initiatives, their counts and links to all of them.
        sections, _ = page_lists(TOPIC, self.object)
        context.update({section.name: section for section in sections})
        return context


@require_safe
def summit_calendar(request):
    summits = Summit.objects.published().select_related("host_state").order_by("starts_on", "pk")
    body = calendar.summits_to_ics(summits, request)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="sco-summits.ics"'
    return response


@require_safe
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /search/",
        "",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


@require_safe
def favicon(request):
    """Browsers ask for /favicon.ico whatever the page says: point them at ours."""
    return HttpResponsePermanentRedirect(static("img/favicon.svg"))


def healthz(request):
    """200 when the database answers, 503 when it does not; the cache's state too.

    A cache that is down degrades the site (no shared throttle counters) but
    does not stop it: still 200, with `"cache": "down"`."""
    cache = cache_status()
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        return JsonResponse(
            {"status": "error", "database": "unreachable", "cache": cache, "detail": type(error).__name__},
            status=503,
        )
    return JsonResponse({"status": "ok", "database": "ok", "cache": cache})


@require_safe
def media_file(request, path):
    """A file of the image library from the local disk (MEDIA_ROOT), for sites
    that keep media there. Names are unique and files never change: cached for
    a year. With a bucket (MEDIA_S3_BUCKET) the bucket serves them instead."""
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    if response.status_code == 200:
        response["Cache-Control"] = "public, max-age=31536000, immutable"
    return response


class PageView(DetailView):
    """A page of the site's own words (records.models.Page), e.g. About and methodology."""

    model = Page
    template_name = "pages/detail.html"
    context_object_name = "page"

    def get_object(self, queryset=None):
        page = super().get_object(queryset)
        # The site's pages are written in English only: in another language they are marked as such.
        page.title, page.body = languages.pick(page.title, None), languages.pick(page.body, None)
        return page
