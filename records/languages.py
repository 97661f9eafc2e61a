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
from django.urls import LocalePrefixPattern, URLResolver
from django.utils import translation
from modeltranslation.fields import TranslationFieldDescriptor
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


# --- the site's addresses in each language --------------------------------------
#
# English pages keep the addresses they always had (`/summits/`); the other
# languages' pages are the same paths under a prefix: `/ru/summits/`,
# `/zh/summits/` (Chinese in simplified characters, "zh-hans" to Django).

URL_PREFIXES = {"en": "", "ru": "ru", "zh-hans": "zh"}
# Language tags as HTML and hreflang write them (BCP 47).
TAGS = {"en": "en", "ru": "ru", "zh-hans": "zh-Hans"}
# What the language switcher shows of each (the header has room for little more on a phone).
SHORT_NAMES = {"en": "EN", "ru": "RU", "zh-hans": "中文"}


def tag(code):
    """The BCP 47 tag of a language: tag("zh-hans") == "zh-Hans"."""
    return TAGS.get(code, code)


def url_prefix(code):
    """The path prefix of a language's pages: "" for English, "/ru", "/zh"."""
    prefix = URL_PREFIXES.get(code, code)
    return f"/{prefix}" if prefix else ""


def split_language(path):
    """(language, path as English has it) of a page's path: ("ru", "/summits/") for "/ru/summits/"."""
    for code, prefix in URL_PREFIXES.items():
        if prefix and (path == f"/{prefix}" or path.startswith(f"/{prefix}/")):
            return code, path[len(prefix) + 1 :] or "/"
    return DEFAULT_LANGUAGE, path


def path_in(code, path):
    """`path` (of any language's page) as the page in language `code` has it."""
    return url_prefix(code) + split_language(path)[1]


class LanguagePrefixPattern(LocalePrefixPattern):
    """Django's language prefix of i18n_patterns(), with our prefixes: no prefix for
    English (the default language), "zh/" for zh-hans."""

    @property
    def language_prefix(self):
        code = translation.get_language() or settings.LANGUAGE_CODE
        prefix = URL_PREFIXES.get(code, code)
        return f"{prefix}/" if prefix else ""


def language_patterns(*urls):
    """Pages reachable in every language: i18n_patterns() with our prefixes. The
    middleware reads the language from the prefix (its "zh" is a prefix of "zh-hans")."""
    return [URLResolver(LanguagePrefixPattern(prefix_default_language=False), list(urls))]


# --- reading a record in the page's language ------------------------------------


class EnglishFallback(str):
    """A translated field's English value, read where its translation into the active
    language is missing: pages mark it ("not yet translated", `lang="en"`)."""


def pick(english, translated, language=None):
    """The value to show in `language` (the active one by default): its translation,
    else the English value marked as a fallback."""
    if translated:
        return translated
    if not english or (language or translation.get_language()) == DEFAULT_LANGUAGE:
        return english
    return EnglishFallback(english)


def active():
    """The active language's code, English when none is active."""
    return translation.get_language() or DEFAULT_LANGUAGE


def translation_column(model, field, language=None):
    """The column holding `field` of `model` in `language` (the active one by default),
    or None when that language is English or the field is not translated."""
    language = language or active()
    if language == DEFAULT_LANGUAGE or field not in translated_fields(model):
        return None
    return column(field, language)


class MarkedFallbackDescriptor(TranslationFieldDescriptor):
    """modeltranslation's descriptor of a translated field (the active language's value,
    else English), with the English fallback marked as one (EnglishFallback)."""

    def __get__(self, instance, owner):
        value = super().__get__(instance, owner)
        if instance is None or not isinstance(value, str) or not value:
            return value
        language = active()
        if language == DEFAULT_LANGUAGE:
            return value
        own = getattr(instance, column(self.field.name, language), None)
        return value if own else EnglishFallback(value)


def mark_fallbacks(model):
    """Give `model`'s translated fields the descriptor that marks English fallbacks."""
    for name in translated_fields(model):
        old = model.__dict__[name]
        setattr(
            model,
            name,
            MarkedFallbackDescriptor(old.field, old.fallback_languages, old.fallback_value, old.fallback_undefined),
        )


def with_translation(model, *fields):
    """`fields` and the columns reading them in the active language needs (for `only()`):
    a translated field's column in that language, and its `_en` column (the fallback)."""
    names = list(fields)
    for name in fields:
        translated = translation_column(model, name)
        if translated:
            names += [translated, column(name, DEFAULT_LANGUAGE)]
    return names
