"""The filter forms of the list pages: the FilterSet's own form, made friendly
for visitors. Slug parameters naming a small, bounded set of records (member
states, topics) are menus; those naming records that keep growing (officials,
summits, initiatives, organizations) are text boxes that take a slug or an
exact name, with suggestions from /suggest/<prefix>/ (records.views.suggest),
so a form stays small whatever the size of the record.

The form also carries the list's order (`?sort=`), one of the orders its
registry entry offers (records.registry.SortOption); an unknown value is a
form error and the list keeps its default order."""

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext, pgettext

from records.filters import SlugListField
from records.models import Initiative, MemberState, Official, Organization, Summit, Topic
from records.registry import in_active_language, label_field, record_type

# Which records a slug parameter names, by parameter name.
SLUG_PARAMETERS = {
    "topic": Topic,
    "source": Organization,
    "member_state": MemberState,
    "host_state": MemberState,
    "chair_state": MemberState,
    "lead_state": MemberState,
    "official": Official,
    "summit": Summit,
    "launched_at": Summit,
    "initiative": Initiative,
    "organization": Organization,
    "parent": Organization,
}
# Record types offered as menus: bounded by the world's states and the site's taxonomy.
MENU_MODELS = {MemberState, Topic}
LOOKUP_MAX_LENGTH = 500


def public_records(model):
    return model.objects.all() if model is Topic else model.objects.published()


def slug_options(name):
    model = SLUG_PARAMETERS[name]
    label = label_field(model)
    queryset = public_records(model)
    if name == "source":
        queryset = queryset.filter(kind=Organization.Kind.MEDIA)
    # Named in the page's language (English where a translation is missing), in that order.
    named = queryset.annotate(option_label=in_active_language(model, label))
    return list(named.order_by("option_label", "slug").values_list("slug", "option_label"))


class RecordLookupField(forms.CharField):
    """Published records named by slug or by exact name (any case), several
    separated by commas; cleans to their slugs. A value that names no published
    record is an error: a hidden record reads exactly like an unknown one.
    `chosen` holds the (slug, name) pairs found, to show the choice back."""

    def __init__(self, model, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", LOOKUP_MAX_LENGTH)
        super().__init__(**kwargs)
        self.model = model
        self.chosen = []

    def clean(self, value):
        value = super().clean(value)
        self.chosen = []
        if not value:
            return []
        if "\x00" in value:
            raise ValidationError(gettext("Enter a name or a slug."), code="invalid")
        parts = [part.strip() for part in value.split(",") if part.strip()]
        label = label_field(self.model)
        wanted = {part.lower() for part in [value, *parts]}
        found = (
            public_records(self.model)
            .annotate(lowered=Lower(label))
            .filter(Q(slug__in=parts) | Q(lowered__in=wanted))
            .order_by(label, "slug")
            .values_list("slug", label, "lowered")
        )
        by_slug = {slug: (slug, name) for slug, name, _ in found}
        by_name = {}
        for slug, name, lowered in found:
            by_name.setdefault(lowered, []).append((slug, name))
        if value.lower() in by_name and len(parts) > 1:
            parts = [value]  # one name that holds a comma
        chosen, unknown = [], []
        for part in parts:
            matches = [by_slug[part]] if part in by_slug else by_name.get(part.lower())
            if matches:
                chosen += [match for match in matches if match not in chosen]
            else:
                unknown.append(part)
        if unknown:
            raise ValidationError(
                gettext("No %(kind)s has the name or slug “%(value)s”."),
                code="unknown",
                params={"kind": self.model._meta.verbose_name, "value": ", ".join(unknown)[:100]},
            )
        self.chosen = chosen
        return [slug for slug, _ in chosen]


def suggests(name):
    """Whether the page form asks for `name` in a text box with suggestions."""
    return name in SLUG_PARAMETERS and SLUG_PARAMETERS[name] not in MENU_MODELS


def use_record_lookups(form):
    """Before validation: slug parameters of growing record types take a slug or a name."""
    for name, field in list(form.fields.items()):
        if isinstance(field, SlugListField) and suggests(name):
            form.fields[name] = RecordLookupField(SLUG_PARAMETERS[name], label=field.label)


def page_filter_form(form, model, exclude=()):
    """`form` with the API-only fields removed, menus or suggestion boxes for slug
    parameters and "Any" as the empty choice. Errors of removed fields stay in
    `form.hidden_errors`."""
    form.hidden_errors = []
    form.has_suggestions = False
    for name in list(form.fields):
        if name in exclude:
            if name in form.errors:
                form.hidden_errors += [f"{name}: {error}" for error in form.errors[name]]
            del form.fields[name]
            continue
        field = form.fields[name]
        if isinstance(field, RecordLookupField):
            lookup_widget(form, name, field)
        elif isinstance(field, SlugListField) and name in SLUG_PARAMETERS:
            choices = [("", pgettext("any value of a filter", "Any")), *slug_options(name)]
            current = form.data.get(name, "") if form.is_bound else ""
            if current and current not in {value for value, _ in choices}:
                choices.append((current, current))
            field.widget = forms.Select(choices=choices)
        elif hasattr(field, "empty_label") and isinstance(field, forms.ChoiceField):
            field.empty_label = pgettext("any value of a filter", "Any")
            field.widget.choices = field.choices
        elif isinstance(field, forms.DateField):
            field.widget = forms.DateInput(attrs={"type": "date"})
        elif isinstance(field, forms.IntegerField):
            # A text box shows a bad value back to the visitor (a number box would blank it).
            field.widget = forms.TextInput(
                attrs={"inputmode": "numeric", "size": 6, "placeholder": gettext("e.g. 2024")}
            )
    return form


def lookup_widget(form, name, field):
    """A text box tied to a <datalist> that static/js/suggest.js fills as the visitor types."""
    form.has_suggestions = True
    auto_id = form[name].auto_id
    described_by = [f"{auto_id}_hint"]
    if name in form.errors:
        described_by.append(f"{auto_id}_error")
    field.suggest_url = reverse("suggest", kwargs={"prefix": record_type(field.model).prefix})
    field.hint = gettext("Type part of a name, or a slug; separate several with commas.")
    field.widget = forms.TextInput(
        attrs={
            "list": f"{auto_id}_suggestions",
            "data-suggest": field.suggest_url,
            "autocomplete": "off",
            "spellcheck": "false",
            "aria-describedby": " ".join(described_by),
            "maxlength": LOOKUP_MAX_LENGTH,
        }
    )


SORT_PARAMETER = "sort"


def add_sort_field(form, model):
    """Before validation: a "Sort by" menu of the orders the list offers (if more than one)."""
    options = record_type(model).sort_options
    if len(options) > 1:
        form.fields[SORT_PARAMETER] = forms.ChoiceField(
            label=gettext("Sort by"),
            required=False,
            choices=[(option.value, option.label) for option in options],
            error_messages={"invalid_choice": gettext("Choose one of the orders in the list.")},
        )


def chosen_ordering(form, model):
    """The ordering of the order chosen in the validated `form`, or the list's default."""
    options = record_type(model).sort_options
    value = getattr(form, "cleaned_data", {}).get(SORT_PARAMETER)
    for option in options:
        if option.value == value:
            return option.ordering
    return options[0].ordering if options else model._meta.ordering
