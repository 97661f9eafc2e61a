"""FilterSets shared by the public pages and the API: one per record type,
with the parameter names of the specification. Slug parameters accept
comma-separated values; every value is validated, so bad input is a form
error (a 400 in the API), never a database error."""

import datetime

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from records.models import (
    Appointment,
    Article,
    Initiative,
    Membership,
    MemberState,
    Official,
    Organization,
    Status,
    Summit,
    Topic,
)
from records.models.base import visible_records
from records.registry import RECORD_TYPES, links_to
from records.validators import slug_format_validator


class SlugListField(forms.CharField):
    """`kazakhstan,china` → ["kazakhstan", "china"], each a valid slug."""

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return []
        slugs = [part.strip() for part in value.split(",") if part.strip()]
        for slug in slugs:
            try:
                slug_format_validator(slug)
            except ValidationError as error:
                raise ValidationError(
                    gettext("“%(slug)s” is not a valid slug."), code="invalid_slug", params={"slug": slug[:50]}
                ) from error
        return slugs


def visible_with_slugs(model, slugs, request):
    """The records of `model` with these slugs that the requester may see: a hidden
    record's slug filters like an unknown one (nothing matches)."""
    return visible_records(model, getattr(request, "user", None)).filter(slug__in=slugs)


class LanguageFilter(django_filters.CharFilter):
    """A language code as articles store it (`en`, `zh-Hans`): at most 12 characters."""


class SlugListFilter(django_filters.Filter):
    """Records linked to any of the given slugs through `field_name`."""

    field_class = SlugListField

    def filter(self, qs, value):
        if not value:
            return qs
        related = qs.model._meta.get_field(self.field_name).related_model
        linked = visible_with_slugs(related, value, self.parent.request)
        return qs.filter(**{f"{self.field_name}__in": linked}).distinct()


class YearFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("lookup_expr", "year")
        kwargs.setdefault("min_value", 1900)
        kwargs.setdefault("max_value", 2100)
        super().__init__(*args, **kwargs)


class StrictNullBooleanField(forms.NullBooleanField):
    """`true`/`false` (or `1`/`0`); any other value is an error, not silently ignored."""

    def to_python(self, value):
        if value in (None, ""):
            return None
        result = super().to_python(value)
        if result is None:
            raise ValidationError(gettext("Use true or false."), code="invalid")
        return result


class BooleanFilter(django_filters.BooleanFilter):
    field_class = StrictNullBooleanField


class UtcIsoDateTimeField(django_filters.fields.IsoDateTimeField):
    """An ISO 8601 datetime the database can compare: converted to UTC (PostgreSQL
    refuses offsets beyond ±15:59), so it must exist in UTC too."""

    def clean(self, value):
        value = super().clean(value)
        if value is not None:
            try:
                value = value.astimezone(datetime.UTC)
            except OverflowError as error:
                raise ValidationError(
                    gettext("Enter a date and time between the years 1 and 9999."), code="invalid"
                ) from error
        return value


class UtcIsoDateTimeFilter(django_filters.IsoDateTimeFilter):
    field_class = UtcIsoDateTimeField


class ChangedSinceFilterSet(django_filters.FilterSet):
    """`updated_since`, which every list accepts, so partners can sync only what changed."""

    updated_since = UtcIsoDateTimeFilter(
        method="filter_updated_since",
        label=_("Updated since"),
        help_text="ISO 8601 datetime: records changed, or gone live on schedule, after it.",
    )

    def filter_queryset(self, queryset):
        """Each filter's cleaned value applied in turn, as django-filter does; fields
        a page adds to the form (the list's order: records.forms.add_sort_field)
        are not filters and are left to the page."""
        for name, value in self.form.cleaned_data.items():
            if name in self.filters:
                queryset = self.filters[name].filter(queryset, value)
        return queryset

    def filter_updated_since(self, queryset, name, value):
        return queryset.filter(changed_since(queryset.model, value))


def changed_since(model, since, now=None):
    """Records of `model` whose representation changed after `since`: saved (the
    write service also touches every record that shows a changed one), gone live
    on schedule, or showing a record that went live on schedule."""
    now = now or timezone.now()
    changed = Q(updated_at__gt=since)
    if hasattr(model, "publish_at"):
        changed |= Q(publish_at__gt=since, publish_at__lte=now)
    for entry in RECORD_TYPES:
        went_live = entry.model.objects.filter(status=Status.PUBLISHED, publish_at__gt=since, publish_at__lte=now)
        for target, lookup in links_to(entry.model):
            if target is model:
                changed |= Q(pk__in=model._default_manager.filter(**{f"{lookup}__in": went_live}).values("pk"))
    return changed


class RecordFilterSet(ChangedSinceFilterSet):
    """Parameters every record list accepts."""

    status = django_filters.ChoiceFilter(choices=Status.choices, help_text="Publication state (staff and editors).")


class ArticleFilterSet(RecordFilterSet):
    topic = SlugListFilter(field_name="topics", label=_("Topic"))
    source = SlugListFilter(field_name="source", label=_("Source"))
    member_state = SlugListFilter(field_name="member_states", label=_("Member state"))
    official = SlugListFilter(field_name="officials", label=_("Official"))
    summit = SlugListFilter(field_name="summits", label=_("Summit"))
    initiative = SlugListFilter(field_name="initiatives", label=_("Initiative"))
    organization = SlugListFilter(field_name="organizations", label=_("Organization"))
    year = YearFilter(field_name="original_published_on", label=_("Year"))
    published_after = django_filters.DateFilter(
        field_name="original_published_on", lookup_expr="gte", label=_("Published on or after")
    )
    published_before = django_filters.DateFilter(
        field_name="original_published_on", lookup_expr="lte", label=_("Published on or before")
    )
    language = LanguageFilter(field_name="language", max_length=12, label=_("Language"))

    class Meta:
        model = Article
        fields = []


class SummitFilterSet(RecordFilterSet):
    council = django_filters.ChoiceFilter(choices=Summit.Council.choices, label=_("Council"))
    format = django_filters.ChoiceFilter(choices=Summit.Format.choices, label=_("Format"))
    host_state = SlugListFilter(field_name="host_state", label=_("Host state"))
    chair_state = SlugListFilter(field_name="chair_state", label=_("Chair state"))
    year = YearFilter(field_name="starts_on", label=_("Year"))

    class Meta:
        model = Summit
        fields = []


class MemberStateFilterSet(RecordFilterSet):
    membership = django_filters.ChoiceFilter(
        choices=Membership.choices, method="filter_membership", label=_("Membership")
    )
    founding_member = BooleanFilter(
        label=_("Founding member"),
        widget=forms.Select(
            choices=[("", pgettext_lazy("any value of a filter", "Any")), ("true", _("Yes")), ("false", _("No"))]
        ),
    )
    as_of = django_filters.DateFilter(
        method="filter_as_of",
        label=_("As of"),
        help_text=(
            "ISO date: each state's membership on that date, from its membership history "
            "(changes count from the day they took effect)."
        ),
    )

    class Meta:
        model = MemberState
        fields = []

    def filter_queryset(self, queryset):
        # `as_of` first, so that `membership` filters on the membership of that date.
        as_of = self.form.cleaned_data.get("as_of")
        if as_of:
            queryset = queryset.with_membership_as_of(as_of)
        return super().filter_queryset(queryset)

    def filter_as_of(self, queryset, name, value):
        return queryset  # applied in filter_queryset

    def filter_membership(self, queryset, name, value):
        field = "membership_as_of" if self.form.cleaned_data.get("as_of") else "membership"
        return queryset.filter(**{field: value})


class OfficialFilterSet(RecordFilterSet):
    member_state = SlugListFilter(field_name="member_state", label=_("Member state"))
    organization = SlugListFilter(field_name="organization", label=_("Organization"))
    current = BooleanFilter(
        method="filter_current",
        label=_("Holds office now"),
        widget=forms.Select(
            choices=[("", pgettext_lazy("any value of a filter", "Any")), ("true", _("Yes")), ("false", _("No"))]
        ),
    )

    class Meta:
        model = Official
        fields = []

    def filter_current(self, queryset, name, value):
        # An appointment that ended on an unknown date is not current, though it has no end date.
        holds_office = Exists(Appointment.objects.filter(official=OuterRef("pk"), is_current=True))
        return queryset.filter(holds_office if value else ~holds_office)


class InitiativeFilterSet(RecordFilterSet):
    kind = django_filters.ChoiceFilter(choices=Initiative.Kind.choices, label=_("Kind"))
    stage = django_filters.ChoiceFilter(choices=Initiative.Stage.choices, label=_("Stage"))
    lead_state = SlugListFilter(field_name="lead_state", label=_("Lead state"))
    member_state = SlugListFilter(method="filter_member_state", label=_("Member state (lead or participating)"))
    topic = SlugListFilter(field_name="topics", label=_("Topic"))
    launched_at = SlugListFilter(field_name="launched_at", label=_("Launched at (summit)"))
    year = YearFilter(field_name="starts_on", label=_("Year"))

    class Meta:
        model = Initiative
        fields = []

    def filter_member_state(self, queryset, name, value):
        if not value:
            return queryset
        states = visible_with_slugs(MemberState, value, self.request)
        return queryset.filter(Q(lead_state__in=states) | Q(participating_states__in=states)).distinct()


class OrganizationFilterSet(RecordFilterSet):
    kind = django_filters.ChoiceFilter(choices=Organization.Kind.choices, label=_("Kind"))
    parent = SlugListFilter(field_name="parent", label=_("Parent organization"))

    class Meta:
        model = Organization
        fields = []


class TopicFilterSet(ChangedSinceFilterSet):
    class Meta:
        model = Topic
        fields = []


FILTERSETS = {
    Article: ArticleFilterSet,
    Summit: SummitFilterSet,
    MemberState: MemberStateFilterSet,
    Official: OfficialFilterSet,
    Initiative: InitiativeFilterSet,
    Organization: OrganizationFilterSet,
    Topic: TopicFilterSet,
}
