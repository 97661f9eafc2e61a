"""Public pages of the six record types: lists with filters, and detail pages
that show the records linked both ways.

Every queryset starts from `published()`, including those of prefetched
related lists; a user who may change a model also sees its unpublished
records, with a banner (preview). Related records are fetched in a fixed
number of queries, whatever their number.
"""

from django.db.models import Prefetch
from django.http import Http404, HttpResponsePermanentRedirect
from django.urls import reverse
from django.views.generic import DetailView, ListView

from records import jsonld
from records.filters import FILTERSETS
from records.forms import page_filter_form
from records.models import (
    Appointment,
    Article,
    Initiative,
    Membership,
    MembershipChange,
    MemberState,
    Official,
    Organization,
    Summit,
    current_slug,
)
from records.timeline import membership_timeline

# What a record's card shows besides its own fields (see templates/includes/cards/).
CARD_RELATED = {
    Article: ("source",),
    Summit: ("host_state",),
    MemberState: (),
    Official: ("member_state", "organization"),
    Initiative: ("lead_state",),
    Organization: ("parent",),
}


def for_cards(model):
    """Published records of `model` with what their cards show, in list order."""
    return model.objects.published().select_related(*CARD_RELATED[model])


def public(lookup, model):
    """Prefetch the published records of `lookup` into `public_<lookup>`."""
    return Prefetch(lookup, queryset=for_cards(model), to_attr=f"public_{lookup}")


def reported_in():
    """The published articles that mention a record, newest first."""
    return public("articles", Article)


# --- lists -------------------------------------------------------------------

PAGE_FORM_EXCLUDES = {"status", "updated_since", "as_of"}


class FilteredListView(ListView):
    """A list of published records, filtered by the model's FilterSet (GET form).

    A bad filter value is shown as a form error with status 400; the valid
    filters still apply. Page numbers out of range or not numbers fall back to
    the nearest page.
    """

    paginate_by = 20

    def get_template_names(self):
        return [f"{self.family}/list.html"]

    @property
    def family(self):
        return self.model._meta.verbose_name_plural.replace(" ", "_")

    def get_queryset(self):
        self.filterset = FILTERSETS[self.model](self.request.GET or None, queryset=for_cards(self.model))
        return self.filterset.qs

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(queryset, page_size)
        page = paginator.get_page(self.request.GET.get(self.page_kwarg))
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = self.filterset.form
        context["filter_form"] = page_filter_form(form, self.model, exclude=PAGE_FORM_EXCLUDES)
        context["filters_active"] = self.filterset.is_bound and any(
            value for name, value in form.data.items() if name not in {"page"}
        )
        context["query_without_page"] = query_without_page(self.request.GET)
        context["verbose_name_plural"] = self.model._meta.verbose_name_plural
        return context

    def render_to_response(self, context, **response_kwargs):
        if self.filterset.is_bound and not self.filterset.form.is_valid():
            response_kwargs["status"] = 400
        return super().render_to_response(context, **response_kwargs)


def query_without_page(querydict):
    """The current query string without `page`, for pagination links."""
    params = querydict.copy()
    params.pop("page", None)
    return params.urlencode()


class MemberStateListView(FilteredListView):
    """Every state on one page, grouped by membership, under the timeline chart."""

    model = MemberState
    paginate_by = None

    def get_queryset(self):
        return super().get_queryset().order_by("membership", "name")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        groups = {choice: [] for choice, _ in Membership.choices}
        for state in context["object_list"]:
            groups[getattr(state, "membership_as_of", state.membership)].append(state)
        context["membership_groups"] = [(label, groups[value]) for value, label in Membership.choices if groups[value]]
        context["timeline"] = membership_timeline()
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

    select = ()

    def get_template_names(self):
        return [f"{self.model._meta.verbose_name_plural.replace(' ', '_')}/detail.html"]

    def get_queryset(self):
        queryset = self.model.objects.visible_to(self.request.user).select_related(*self.select)
        # Built per request: `published()` compares with the current time.
        return queryset.prefetch_related(*self.related(), *([reported_in()] if self.model is not Article else []))

    def related(self):
        """Prefetches of the records linked to this one."""
        return []

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        record = self.object
        context["is_preview"] = not record.is_public
        context["jsonld"] = jsonld.for_record(record, self.request)
        context["verbose_name"] = self.model._meta.verbose_name
        context["verbose_name_plural"] = self.model._meta.verbose_name_plural
        context["list_url"] = reverse(f"{self.model._meta.model_name}-list")
        return context


class ArticleDetailView(RecordDetailView):
    model = Article
    select = ("source",)

    def related(self):
        return [
            "topics",
            public("officials", Official),
            public("member_states", MemberState),
            public("summits", Summit),
            public("initiatives", Initiative),
            public("organizations", Organization),
        ]


class SummitDetailView(RecordDetailView):
    model = Summit
    select = ("host_state", "chair_state", "organization")

    def related(self):
        changes = MembershipChange.objects.filter(member_state__in=MemberState.objects.published())
        return [
            public("participants", Official),
            public("initiatives_launched", Initiative),
            Prefetch(
                "membership_changes",
                queryset=changes.select_related("member_state").order_by("member_state__name"),
                to_attr="public_membership_changes",
            ),
        ]


class MemberStateDetailView(RecordDetailView):
    model = MemberState
    select = ("organization",)

    def related(self):
        return [
            Prefetch(
                "membership_changes",
                queryset=MembershipChange.objects.select_related("summit").order_by("changed_on", "pk"),
                to_attr="membership_history",
            ),
            public("officials", Official),
            public("summits_hosted", Summit),
            public("summits_chaired", Summit),
            public("initiatives_led", Initiative),
            public("initiatives", Initiative),
        ]


class OfficialDetailView(RecordDetailView):
    model = Official
    select = ("member_state", "organization")

    def related(self):
        appointments = Appointment.objects.select_related("organization", "member_state")
        return [
            Prefetch("appointments", queryset=appointments.order_by("-started_on", "pk"), to_attr="appointment_list"),
            public("summits", Summit),
            public("initiatives_proposed", Initiative),
        ]


class InitiativeDetailView(RecordDetailView):
    model = Initiative
    select = ("proposed_by", "lead_state", "launched_at")

    def related(self):
        return ["topics", public("participating_states", MemberState)]


class OrganizationDetailView(RecordDetailView):
    model = Organization
    select = ("parent",)

    def related(self):
        return [
            public("children", Organization),
            public("member_states", MemberState),
            public("officials", Official),
            public("summits", Summit),
            public("articles_published", Article),
        ]


DETAIL_VIEWS = {
    view.model: view
    for view in (
        ArticleDetailView,
        SummitDetailView,
        MemberStateDetailView,
        OfficialDetailView,
        InitiativeDetailView,
        OrganizationDetailView,
    )
}

MODELS_BY_PREFIX = {
    "articles": Article,
    "summits": Summit,
    "member-states": MemberState,
    "officials": Official,
    "initiatives": Initiative,
    "organizations": Organization,
}
LIST_VIEWS = {MemberState: MemberStateListView, Summit: SummitListView}


def list_view(model):
    return LIST_VIEWS.get(model, FilteredListView).as_view(model=model)
