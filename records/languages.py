"""The record's languages: which fields are translated and how complete a record's translations are.

A translated field (records/translation.py) has a column per language beside its
original: `name` is the English value the site reads, `name_en` the same value
(modeltranslation's column for English, kept equal to the original on every
save), `name_ru` and `name_zh_hans` the translations. Code that walks a model's
fields (diffs, pending changes, history, forms, exports) treats `name` as the
field and `name_ru`/`name_zh_hans` as its translations, and leaves `name_en`
out: it is not a field of its own.

The ORM reads and filters the original columns, as before: querysets of the
translated models do not rewrite `name` to the active language's column
(records.models.base.EnglishColumnsQuerySet); code that wants a language asks for its column.
"""

import functools

from django.conf import settings
from django.db.models import Q
from django.utils import translation
from modeltranslation.translator import NotRegistered, translator
from modeltranslation.utils import build_localized_fieldname

DEFAULT_LANGUAGE = "en"


def languages():
    """The codes of the record's languages, English first: ["en", "ru", "zh-hans"]."""
    return [code for code, _ in settings.LANGUAGES]


def other_languages():
    """The languages a record is translated into: ["ru", "zh-hans"]."""
    return [code for code in languages() if code != DEFAULT_LANGUAGE]


# The languages' names in English, for documentation (the data package's columns).
ENGLISH_NAMES = {"en": "English", "ru": "Russian", "zh-hans": "Chinese (simplified characters)"}


def language_name(code):
    """The language's name in itself: "Русский"."""
    return dict(settings.LANGUAGES)[code]


def english_name(code):
    return ENGLISH_NAMES.get(code, code)


def english():
    """A context in which the original fields read and write English."""
    return translation.override(DEFAULT_LANGUAGE)


@functools.cache
def translated_fields(model):
    """The names of `model`'s translated fields, in the model's order (empty when it has none);
    worked out once per model, since every save and every diff asks."""
    try:
        options = translator.get_options_for_model(model)
    except NotRegistered:
        return ()
    names = set(options.all_fields)
    return tuple(field.name for field in model._meta.concrete_fields if field.name in names)


def column(field, language):
    """The column of `field` in `language`: column("name", "zh-hans") == "name_zh_hans"."""
    return build_localized_fieldname(field, language)


def language_columns(model, field, include_english=False):
    """{language: column} of a translated field; without English (whose value is the original's) by default."""
    if field not in translated_fields(model):
        return {}
    return {code: column(field, code) for code in languages() if include_english or code != DEFAULT_LANGUAGE}


def english_columns(model):
    """The `_en` columns of `model`: the same values as the original fields, never a field of their own."""
    return {column(field, DEFAULT_LANGUAGE) for field in translated_fields(model)}


def record_fields(model):
    """`model`'s concrete fields as a record has them: each translated field once (the
    original) with its translations, without the `_en` columns."""
    skip = english_columns(model)
    return [field for field in model._meta.concrete_fields if field.name not in skip]


def translation_of(model, name):
    """(original field, language) when `name` is a translation column of `model`, else None."""
    for field in translated_fields(model):
        for code, name_in_language in language_columns(model, field).items():
            if name == name_in_language:
                return field, code
    return None


def _filled(value):
    return bool(value and str(value).strip())


def completeness(record):
    """{language: (translated, to translate)} of `record`: of its translated fields that
    have an English value, how many have one in each other language."""
    model = type(record)
    result = {}
    wanted = [field for field in translated_fields(model) if _filled(getattr(record, column(field, "en")))]
    for code in other_languages():
        done = sum(1 for field in wanted if _filled(getattr(record, column(field, code))))
        result[code] = (done, len(wanted))
    return result


def missing(model, language):
    """A Q of the records of `model` that lack `language` for a translated field with an English value."""
    condition = Q(pk__in=[])
    for field in translated_fields(model):
        english_value = ~Q(**{field: ""}) & Q(**{f"{field}__isnull": False})
        untranslated = Q(**{f"{column(field, language)}__isnull": True}) | Q(**{column(field, language): ""})
        condition |= english_value & untranslated
    return condition


def keep_english(record):
    """Make the `_en` columns of `record` hold its English values, and give an empty
    value one form: "" for a field that takes no NULL, NULL for a translation of a
    unique field (two records may both lack it). Called before every save, and on
    both sides of a comparison (a form gives "" where a new column holds NULL)."""
    model = type(record)
    for field in translated_fields(model):
        model_field = model._meta.get_field(field)
        empty = None if model_field.null or model_field.unique else ""
        for code, name in language_columns(model, field, include_english=True).items():
            if getattr(record, name) in ("", None) and not (code == DEFAULT_LANGUAGE and model_field.unique):
                setattr(record, name, empty)
        english_column = column(field, DEFAULT_LANGUAGE)
        if getattr(record, english_column) is None and not model_field.null:
            setattr(record, english_column, "")
