"""The record's translated fields, and the history of the models that have them.

django-modeltranslation gives each field named here a column per language of
`settings.LANGUAGES` (`name_en`, `name_ru`, `name_zh_hans`) beside the
original column. English is canonical: the original column and `_en` hold the
same value (records.languages), and the English site and API read them as
before.

A model's history table must have the language columns too, so its
`HistoricalRecords` is registered here, after the model's languages, rather
than in the model's class body (the historical model copies the fields the
model has when it is made). Names, tables and linked-list history tables stay
as they were.
"""

import warnings

import simple_history
from django.db.models.signals import pre_init
from modeltranslation.translator import TranslationOptions, translator

from records.languages import mark_fallbacks
from records.models import (
    Appointment,
    Article,
    Initiative,
    MemberState,
    Official,
    Organization,
    Summit,
    Topic,
)

# {model: (translated fields, the linked lists its history keeps)}; Topic keeps no history.
TRANSLATED = {
    Organization: (("name", "short_name", "headquarters", "summary", "description"), ["sources"]),
    MemberState: (("name", "official_name", "capital", "summary", "description"), ["sources"]),
    Official: (("name", "current_title", "summary", "description"), ["sources"]),
    Summit: (("title", "city", "summary", "description"), ["participants", "sources"]),
    Initiative: (("name", "location", "summary", "description"), ["participating_states", "topics", "sources"]),
    Article: (
        ("title", "summary", "body"),
        ["topics", "officials", "member_states", "summits", "initiatives", "organizations", "sources"],
    ),
    Topic: (("name", "description"), None),
    Appointment: (("title",), []),
}


for model, (fields, history_lists) in TRANSLATED.items():
    options = type(f"{model.__name__}TranslationOptions", (TranslationOptions,), {"fields": fields})
    indexes = list(model._meta.indexes)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # about the names of the indexes left out below
        translator.register(model, options)
    model._meta.indexes = indexes
    mark_fallbacks(model)
    if history_lists is not None:
        simple_history.register(model, m2m_fields=history_lists)


def english_from_original(sender, args, kwargs, **_):
    """A record made from values (a fixture, a historical version) that names a
    translated field and its `_en` column takes the field's value for both: the
    original is the English value (an edited fixture changes `name`, not `name_en`)."""
    for field in TRANSLATED[sender][0]:
        if field in kwargs:
            kwargs[f"{field}_en"] = kwargs[field]


for model in TRANSLATED:
    pre_init.connect(english_from_original, sender=model, dispatch_uid=f"records.translation.{model.__name__}")
