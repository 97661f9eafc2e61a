"""Public pages of the registered record types (records.registry): lists with
filters, and detail pages that show the records linked both ways.

Lists show published records; a detail page shows a published record to
everyone and an unpublished one, as a preview with a banner, to users who may
change its model. Linked records are shown as the public sees them
(the same lists the API carries), as compact lists of plain values with their
counts (records.related_pages), fetched in a fixed number of queries, whatever
their number.
"""

import json

from django.contrib.auth.models import AnonymousUser
from django.http import Http404, HttpResponsePermanentRedirect, JsonResponse
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.views.generic import DetailView, ListView

from records import citation, downloads, jsonld, services
from records.api.representation import attach_related_values
from records.api.serializers import list_serializer
from records.children import show_proposed
from records.filters import FILTERSETS
from records.forms import SORT_PARAMETER, add_sort_field, chosen_ordering, page_filter_form, use_record_lookups
from records.map import membership_map
from records.models import Membership, MemberState, PendingChange, Summit, current_slug
from records.models.base import visible_records
from records.models.member_states import MEMBERSHIP_NOUNS, membership_count
from records.registry import RECORD_TYPES, card_fields, record_type
from records.related_pages import page_lists
from records.timeline import membership_timeline

# Lists shown elsewhere on a page than among its related lists: topics among the
# facts, the articles that mention a record in "Reported in", a summit's participants
# in "Who took part" (with states and organizations, and how each attended).
SHOWN_APART = {"topics", "articles", "participants"}


def for_cards(model):
    """Published records of `model` with what their cards show, in list order."""
    return model.objects.published().select_related(*card_fields(model))


# --- lists -------------------------------------------------------------------

PAGE_FORM_EXCLUDES = {"status", "updated_since", "as_of"}


class FilteredListView(ListView):
    """A list of published records, filtered by the model's FilterSet (GET form).

    A bad filter value is shown as a form error with status 400; the valid
    filters still apply. Page numbers out of range or not numbers fall back to
    the nearest page. `?download=csv` or `?download=json` answers with every
    matching record (records.downloads) in the API's representation.
    """

    paginate_by = 20

    def get_template_names(self):
        return [f"{record_type(self.model).templates}/list.html"]

    def get(self, request, *args, **kwargs):
        try:
            self.file_format = downloads.requested_format(request.GET)
            self.download_error = ""
        except ValueError as error:
            self.file_format, self.download_error = "", str(error)
        if self.file_format:
            queryset = self.get_queryset()
            if not self.filterset.is_bound or self.filterset.form.is_valid():
                entry = record_type(self.model)
                return downloads.download_response(
                    queryset=queryset,
                    serializer=list_serializer(self.model, request),
                    file_format=self.file_format,
                    filename=entry.prefix,
                    # Pages download what the public sees, staff included.
                    prepare=lambda records: attach_related_values(records, entry, AnonymousUser()),
                )
            self.file_format = ""  # the filters' errors are shown on the page, with status 400
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        if getattr(self, "file_format", ""):
            records = self.model.objects.published().with_related(lists=False)
        else:
            records = for_cards(self.model)
        data = downloads.without_download(self.request.GET)
        self.filterset = FILTERSETS[self.model](data or None, queryset=records)
        use_record_lookups(self.filterset.form)
        add_sort_field(self.filterset.form, self.model)
        records = self.filterset.qs  # validates the form
        self.sort_ordering = chosen_ordering(self.filterset.form, self.model)
        return records.order_by(*self.sort_ordering)

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(queryset, page_size)
        page = paginator.get_page(self.request.GET.get(self.page_kwarg))
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = self.filterset.form
        context["filter_form"] = page_filter_form(form, self.model, exclude=PAGE_FORM_EXCLUDES)
        context["filters_active"] = self.filterset.is_bound and any(
            value for name, value in form.data.items() if name not in {"page", SORT_PARAMETER}
        )
        context["sorted"] = bool(form.data.get(SORT_PARAMETER)) if self.filterset.is_bound else False
        context["query_without_page"] = query_without_page(self.request.GET)
        context["download_query"] = query_without_page(downloads.without_download(self.request.GET))
        context["download_error"] = self.download_error
        paginator = context.get("paginator")
        context["result_count"] = paginator.count if paginator else len(context["object_list"])
        # The type's name as the count takes it in English ("1 summit", "31 summits"): one word
        # the catalogs can place in each of their plural forms.
        meta = self.model._meta
        context["count_noun"] = meta.verbose_name if context["result_count"] == 1 else meta.verbose_name_plural
        context["verbose_name"] = self.model._meta.verbose_name
        context["verbose_name_plural"] = self.model._meta.verbose_name_plural
        return context

    def render_to_response(self, context, **response_kwargs):
        if self.download_error or (self.filterset.is_bound and not self.filterset.form.is_valid()):
            response_kwargs["status"] = 400
        return super().render_to_response(context, **response_kwargs)


def query_without_page(querydict):
    """The current query string without `page`, for pagination links."""
    params = querydict.copy()
    params.pop("page", None)
    return params.urlencode()


def membership_groups(states, membership_of=lambda state: state.membership):
    """`states` grouped by membership, in the order of Membership, empty groups left
    out: [{"membership", "label" (the plural: "SCO partners"), "states"}]."""
    groups = {value: [] for value, _ in Membership.choices}
    for state in states:
        groups[membership_of(state)].append(state)
    return [
        {"membership": value, "label": capfirst(MEMBERSHIP_NOUNS[value][1]), "states": members}
        for value, members in groups.items()
        if members
    ]


def membership_summary(groups):
    """How many states of each membership, for people: "10 member states, 17 SCO
    partners and 1 guest" (members are never counted with partners or observers)."""
    parts = [membership_count(group["membership"], len(group["states"])) for group in groups]
    if len(parts) < 2:
        return "".join(parts)
    return gettext("%(list)s and %(last)s") % {"list": ", ".join(parts[:-1]), "last": parts[-1]}


class MemberStateListView(FilteredListView):
    """Every state on one page, grouped by membership, under the timeline chart."""

    model = MemberState
    paginate_by = None

    def get_queryset(self):
        # Grouped by membership on the page; the chosen order holds within each group.
        return super().get_queryset().order_by("membership", *self.sort_ordering)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        groups = membership_groups(
            context["object_list"], lambda state: getattr(state, "membership_as_of", state.membership)
        )
        context["membership_groups"] = groups
        context["membership_summary"] = membership_summary(groups)
        context["timeline"] = membership_timeline()
        form = self.filterset.form
        as_of = form.cleaned_data.get("as_of") if form.is_valid() else None
        other_filters = self.request.GET.copy()
        for name in ("as_of", "page", "download"):
            other_filters.pop(name, None)
        context["map"] = membership_map(as_of=as_of, query=other_filters.urlencode())
        return context


class SummitListView(FilteredListView):
    model = Summit
    paginate_by = 50


# --- details -----------------------------------------------------------------


class OldSlugRedirectMixin:
    """An old slug of a record answers with a permanent redirect to its page."""

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            new_slug = current_slug(self.model, kwargs["slug"])
            # Redirect only to a page this user may see: a draft's new slug stays private.
            if new_slug and new_slug != kwargs["slug"] and self.get_queryset().filter(slug=new_slug).exists():
                url = self.model(slug=new_slug).get_absolute_url()
                if request.META.get("QUERY_STRING"):
                    url = f"{url}?{request.META['QUERY_STRING']}"
                return HttpResponsePermanentRedirect(url)
            raise


class RecordDetailView(OldSlugRedirectMixin, DetailView):
    """A record's page: published records for everyone; unpublished ones only
    for users who may change the model (a preview, with a banner). An old
    slug answers with a permanent redirect to the current URL."""

    def get_template_names(self):
        return [f"{record_type(self.model).templates}/detail.html"]

    def get_queryset(self):
        # Built per request: `published()` compares with the current time.
        # The linked lists and sources come as plain values (records.related_pages).
        return visible_records(self.model, self.request.user).with_related(lists=False)

    def get_object(self, queryset=None):
        record = super().get_object(queryset)
        self.previewed_change = self.pending_change(record)
        if self.previewed_change is not None:
            services.assign(record, record, services.proposed_fields(self.previewed_change))
            show_proposed(record, self.previewed_change)
        return record

    def pending_change(self, record):
        """The pending change named by `?change=`, for its author and reviewers only."""
        change_id = self.request.GET.get("change", "")
        if not change_id.isdigit() or not self.request.user.is_authenticated:
            return None
        changes = PendingChange.objects.visible_to(self.request.user).for_record(record).pending()
        return changes.filter(pk=int(change_id)).first()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        record = self.object
        entry = record_type(self.model)
        context["is_preview"] = not record.is_public
        context["previewed_change"] = self.previewed_change
        context["jsonld"] = jsonld.for_record(record, self.request)
        context["citation"] = citation.for_record(record, self.request)
        context["citation"]["csl_text"] = json.dumps(context["citation"]["csl"], indent=2, ensure_ascii=False)
        context["citation_url"] = reverse(f"{entry.model_name}-citation", kwargs={"slug": record.slug})
        context["verbose_name"] = self.model._meta.verbose_name
        context["verbose_name_plural"] = self.model._meta.verbose_name_plural
        context["list_url"] = reverse(f"{entry.model_name}-list")
        # Linked records as the public sees them, staff included.
        sections, context["sources"] = page_lists(entry, record, whole={"topics"}, leave_out={"participants"})
        by_name = {section.name: section for section in sections}
        context["related_lists"] = [section for section in sections if section.name not in SHOWN_APART]
        context["reported_in"] = by_name.get("articles")
        context["topics"] = by_name["topics"].rows if "topics" in by_name else []
        return context


LIST_VIEWS = {MemberState: MemberStateListView, Summit: SummitListView}


def list_view(model):
    return LIST_VIEWS.get(model, FilteredListView).as_view(model=model)


def detail_view(model):
    return RecordDetailView.as_view(model=model)


class CitationView(RecordDetailView):
    """A published record's citation as a CSL-JSON file (for reference managers)."""

    def get_queryset(self):
        return self.model.objects.published()

    def render_to_response(self, context, **response_kwargs):
        record = self.object
        response = JsonResponse([citation.csl_json(record, self.request)], safe=False, json_dumps_params={"indent": 2})
        response["Content-Type"] = "application/vnd.citationstyles.csl+json"
        response["Content-Disposition"] = f'attachment; filename="{citation.citation_id(record)}.json"'
        return response

    def get_context_data(self, **kwargs):
        return {}


def urlpatterns():
    """The list and detail pages of every registered record type."""
    from django.urls import path

    patterns = []
    for entry in RECORD_TYPES:
        patterns += [
            path(f"{entry.prefix}/", list_view(entry.model), name=f"{entry.model_name}-list"),
            path(f"{entry.prefix}/<slug:slug>/", detail_view(entry.model), name=f"{entry.model_name}-detail"),
            path(
                f"{entry.prefix}/<slug:slug>/citation.json",
                CitationView.as_view(model=entry.model),
                name=f"{entry.model_name}-citation",
            ),
        ]
    return patterns
