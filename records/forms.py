"""The filter forms of the list pages: the FilterSet's own form, made friendly
for visitors (menus of published records instead of free-text slugs)."""

from django import forms

from records.filters import SlugListField
from records.models import Initiative, MemberState, Official, Organization, Summit, Topic

# Which records a slug parameter names, by parameter name.
SLUG_PARAMETERS = {
    "topic": (Topic, "name"),
    "source": (Organization, "name"),
    "member_state": (MemberState, "name"),
    "host_state": (MemberState, "name"),
    "chair_state": (MemberState, "name"),
    "lead_state": (MemberState, "name"),
    "official": (Official, "name"),
    "summit": (Summit, "title"),
    "launched_at": (Summit, "title"),
    "initiative": (Initiative, "name"),
    "organization": (Organization, "name"),
    "parent": (Organization, "name"),
}


def slug_options(name):
    model, label = SLUG_PARAMETERS[name]
    queryset = model.objects.all() if model is Topic else model.objects.published()
    if name == "source":
        queryset = queryset.filter(kind=Organization.Kind.MEDIA)
    return list(queryset.order_by(label).values_list("slug", label))


def page_filter_form(form, model, exclude=()):
    """`form` with the API-only fields removed, menus for slug parameters and
    "Any" as the empty choice. Errors of removed fields stay in `form.hidden_errors`."""
    form.hidden_errors = []
    for name in list(form.fields):
        if name in exclude:
            if name in form.errors:
                form.hidden_errors += [f"{name}: {error}" for error in form.errors[name]]
            del form.fields[name]
            continue
        field = form.fields[name]
        if isinstance(field, SlugListField) and name in SLUG_PARAMETERS:
            choices = [("", "Any"), *slug_options(name)]
            current = form.data.get(name, "") if form.is_bound else ""
            if current and current not in {value for value, _ in choices}:
                choices.append((current, current))
            field.widget = forms.Select(choices=choices)
        elif hasattr(field, "empty_label") and isinstance(field, forms.ChoiceField):
            field.empty_label = "Any"
            field.widget.choices = field.choices
        elif isinstance(field, forms.DateField):
            field.widget = forms.DateInput(attrs={"type": "date"})
        elif isinstance(field, forms.IntegerField):
            # A text box shows a bad value back to the visitor (a number box would blank it).
            field.widget = forms.TextInput(attrs={"inputmode": "numeric", "size": 6, "placeholder": "e.g. 2024"})
    return form
