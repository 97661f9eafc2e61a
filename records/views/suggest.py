"""Suggestions for the filter forms' record boxes: `/suggest/<prefix>/?q=`
answers with at most SUGGESTIONS published records of that type whose name or
slug contains the text, as `{"results": [{"slug", "name"}]}`.

Only published records are ever suggested, to everyone, so the answer is the
same for every visitor and is kept in the cache per data version
(records.freshness), like the public pages.
"""

from django.db import connection
from django.db.models import Case, IntegerField, Q, Value, When
from django.http import Http404, JsonResponse
from django.utils.translation import gettext

from records import freshness
from records.forms import MENU_MODELS, public_records
from records.registry import BY_MODEL, label_field

SUGGESTIONS = 10
MAX_QUERY_LENGTH = 100
# The record types whose filter boxes ask for suggestions, by URL prefix.
SUGGESTED = {entry.prefix: entry.model for entry in BY_MODEL.values() if entry.model not in MENU_MODELS}


def suggest(request, prefix):
    model = SUGGESTED.get(prefix)
    if model is None:
        raise Http404(gettext("No suggestions for this kind of record."))
    text = request.GET.get("q", "").strip()
    if "\x00" in text or len(text) > MAX_QUERY_LENGTH:
        return JsonResponse(
            {"detail": gettext("q: at most %(count)d characters of text.") % {"count": MAX_QUERY_LENGTH}}, status=400
        )
    slot = freshness.response_key(request, variant="suggest") if text else None
    kept = freshness.fetch(slot[0]) if slot is not None else None
    if kept is None:
        kept = {"results": suggestions(model, text)}
        if slot is not None:
            freshness.store(*slot, kept)
    return JsonResponse(kept)


def suggestions(model, text):
    """Published records of `model` whose name (accents aside) or slug contains
    `text`, those whose name starts with it first."""
    if not text:
        return []
    label = label_field(model)
    contains = f"{label}__unaccent__icontains" if connection.vendor == "postgresql" else f"{label}__icontains"
    starts = f"{label}__unaccent__istartswith" if connection.vendor == "postgresql" else f"{label}__istartswith"
    rows = (
        public_records(model)
        .filter(Q(**{contains: text}) | Q(slug__contains=text.lower()))
        .annotate(rank=Case(When(**{starts: text}, then=Value(0)), default=Value(1), output_field=IntegerField()))
        .order_by("rank", label, "slug")
        .values_list("slug", label)[:SUGGESTIONS]
    )
    return [{"slug": slug, "name": name} for slug, name in rows]
