"""Template helpers of the public pages."""

import json
from functools import lru_cache

from django import template
from django.conf import settings
from django.conf.locale import LANG_INFO
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext

from records import languages
from records.dates import PreciseDate
from records.flags import flag_url
from records.models import Image
from records.models.base import can_see
from records.paths import page_path
from records.registry import RECORD_TYPES, TOPIC, record_type
from records.sanitize import image_ids, replace_images, sanitize_html

register = template.Library()

# The escapes of django.utils.html.json_script: nothing in the data can close the <script>.
_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}

# Languages Django's own list names only by a variant (zh-hans, zh-hant).
_LANGUAGE_NAMES = {"zh": "Chinese"}


@register.filter
def jsonld(data):
    """A schema.org JSON-LD block (data, not script: allowed by the CSP)."""
    if not data:
        return ""
    text = json.dumps(data, ensure_ascii=False, sort_keys=False).translate(_JSON_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))  # noqa: S308


@register.simple_tag
def flag(state, width=24, css_class="flag"):
    """The state's flag from our static files, decorative (its name is beside it)."""
    url = flag_url(getattr(state, "iso_code", ""))
    if not url:
        return ""
    return format_html(
        '<img class="{}" src="{}" alt="" width="{}" height="{}" decoding="async">',
        css_class,
        url,
        width,
        width * 3 // 4,
    )


@lru_cache(maxsize=256)
def _sanitized(html):
    return mark_safe(sanitize_html(html))  # noqa: S308 - the allow-list's output


@register.filter
def rich_text(html):
    """Stored rich text as the page shows it (`_rich_text`); an English text shown
    where its translation is missing says so, in a block marked `lang="en"`."""
    shown = _rich_text(html)
    if not isinstance(html, languages.EnglishFallback) or not shown:
        return shown
    note = gettext("Not yet translated: shown in English.")
    return format_html('<p class="untranslated-note">{}</p><div lang="en">{}</div>', note, shown)


def _rich_text(html):
    """Stored rich text, run through the sanitizer again as it is shown, with
    its library images drawn from the library (renditions, size, alt).

    `save()` sanitizes, but `loaddata`, a restored dump, `QuerySet.update()` or
    SQL store text without it; sanitizing at render makes every path safe.
    Records are rendered far more often than they change, so sanitized texts
    are kept per process (keyed by the text itself, so an edit is never stale);
    the images are looked up at each render (two queries), so a changed alt
    text or a deleted image shows at once."""
    if not html:
        return ""
    clean = _sanitized(str(html))
    ids = image_ids(clean)
    if not ids:
        return clean
    found = {image.pk: image for image in Image.objects.filter(pk__in=set(ids)).with_renditions()}

    def render(image_id, tag):
        image = found.get(image_id)
        return figure(image, sizes=PROSE_SIZES) if image is not None else ""

    return mark_safe(replace_images(clean, render))  # noqa: S308 - the sanitizer's output and our own markup


# The width a picture takes on a record page: the whole screen on a phone, the
# main column (about two thirds of at most 72rem) on a wide one.
PROSE_SIZES = "(min-width: 60rem) 46rem, 100vw"


def _srcset(renditions):
    return ", ".join(f"{rendition.file.url} {rendition.width}w" for rendition in renditions)


@register.simple_tag
def picture(image, sizes=PROSE_SIZES, loading="lazy"):
    """A library image as `<picture>`: WebP renditions, a JPEG/PNG fallback,
    `srcset` and `sizes`, the intrinsic `width` and `height`, and its alt text."""
    if image is None:
        return ""
    renditions = image.sorted_renditions()
    webp = [rendition for rendition in renditions if rendition.format == "webp"]
    fallback = [rendition for rendition in renditions if rendition.format != "webp"]
    if not fallback:
        return ""
    largest = fallback[-1]
    source = format_html('<source type="image/webp" srcset="{}" sizes="{}">', _srcset(webp), sizes) if webp else ""
    return format_html(
        '<picture>{}<img src="{}" srcset="{}" sizes="{}" width="{}" height="{}" alt="{}" loading="{}" '
        'decoding="async"></picture>',
        source,
        largest.file.url,
        _srcset(fallback),
        sizes,
        largest.width,
        largest.height,
        image.alt,
        loading,
    )


@register.simple_tag
def figure(image, sizes=PROSE_SIZES, loading="lazy", css_class="figure"):
    """A library image with its caption, credit and licence under it."""
    if image is None:
        return ""
    notes = [note for note in (image.credit, image.licence) if note]
    caption = format_html(
        "{}{}",
        image.caption,
        format_html(' <span class="figure__credit">{}</span>', " · ".join(notes)) if notes else "",
    )
    return format_html(
        '<figure class="{}">{}{}</figure>',
        css_class,
        picture(image, sizes=sizes, loading=loading),
        format_html("<figcaption>{}</figcaption>", caption) if (image.caption or notes) else "",
    )


@register.filter
def record_image(record):
    """The record's picture from the library (lead image, portrait, flag…), or None."""
    return record_type(type(record)).image_of(record)


@register.simple_tag(takes_context=True)
def social_image(context, image):
    """The largest JPEG/PNG rendition of `image` as an absolute URL, for Open Graph."""
    request = context.get("request")
    fallback = [rendition for rendition in image.sorted_renditions() if rendition.format != "webp"]
    if not fallback or request is None:
        return None
    largest = fallback[-1]
    return {"url": request.build_absolute_uri(largest.file.url), "width": largest.width, "height": largest.height}


@register.filter
def public(record):
    """The record if the public may see it, else None (for foreign keys)."""
    return record if can_see(None, record) else None


@register.simple_tag
def navigation():
    """(label, URL) of each section of the site, in the registry's order."""
    return [(entry.nav_label, page_path(f"{entry.model_name}-list")) for entry in (*RECORD_TYPES, TOPIC)]


@register.simple_tag
def page_url(view_name):
    """The path of a page without arguments, as `{% url %}` gives it, reversed once per process
    and language (records.paths)."""
    return page_path(view_name)


@register.filter
def model_name(record):
    return record._meta.model_name


@register.simple_tag(takes_context=True)
def canonical_url(context):
    """The absolute URL of this page, without filters (the page number kept)."""
    request = context.get("request")
    if request is None:
        return ""
    url = request.build_absolute_uri(request.path)
    page = context.get("page_obj")
    if page is not None and page.number > 1:
        url = f"{url}?page={page.number}"
    return url


@register.simple_tag(takes_context=True)
def page_languages(context):
    """This page in each language, for the switcher and the hreflang alternates:
    dicts of code, tag (BCP 47), name (in itself), short (its name or code in the
    switcher), path (with the query, so filters
    and searches carry over), url (absolute, of the canonical address), current."""
    request = context.get("request")
    if request is None:
        return []
    current, path = languages.split_language(request.path)
    query = request.META.get("QUERY_STRING", "")
    canonical = canonical_url(context)
    origin = request.build_absolute_uri("/")[:-1]
    canonical_path = canonical[len(origin) :] if canonical.startswith(origin) else request.path
    result = []
    for code in languages.languages():
        result.append(
            {
                "code": code,
                "tag": languages.tag(code),
                "name": languages.language_name(code),
                "short": languages.SHORT_NAMES.get(code, code),
                "path": languages.path_in(code, path) + (f"?{query}" if query else ""),
                "url": origin + languages.path_in(code, canonical_path),
                "current": code == current,
            }
        )
    return result


@register.filter
def in_language(value, words=None):
    """A translated field's value as a page shows it (cut to `words` words when given): an
    English value shown for a missing translation is marked `lang="en"`, "not yet translated"."""
    if value is not None and not isinstance(value, str):
        value = str(value)  # a record: its name (__str__), as the active language reads it
    shown = Truncator(value).words(int(words), truncate=" …") if words and value else value
    if not isinstance(value, languages.EnglishFallback):
        return shown
    return format_html(
        '<span lang="en">{}</span> <small class="untranslated">({})</small>', shown, gettext("not yet translated")
    )


@register.filter
def language_tag(code):
    """The BCP 47 tag of a Django language code, for `lang` and `hreflang`."""
    return languages.tag(code)


@register.filter
def card_template(record):
    """The card partial of a record's type."""
    return f"includes/cards/{record._meta.model_name}.html"


def _time(value):
    return format_html('<time datetime="{}">{}</time>', value.isoformat(), str(value))


@register.simple_tag
def precise_date(record, field):
    """`record.<field>` at its precision: “4 July 2024”, “July 2024” or “2019”
    in a <time> element; empty when there is no date."""
    value = PreciseDate.of(record, field)
    return _time(value) if value is not None else ""


@register.filter
def precise(value):
    """A PreciseDate in a <time> element; empty for None."""
    return _time(value) if value is not None else ""


@register.simple_tag
def precise_range(record, start_field, end_field):
    """A period at the precision of each end: “2019 – July 2024”."""
    start, end = PreciseDate.of(record, start_field), PreciseDate.of(record, end_field)
    if start is None:
        return _time(end) if end is not None else ""
    if end is None or end == start:
        return _time(start)
    return format_html("{} – {}", _time(start), _time(end))


@register.filter
def language_name(code):
    """The English name of a language code as articles store it: `zh` → Chinese,
    `zh-Hans` → Simplified Chinese, `ru` → Russian; an unknown code as it is."""
    code = str(code or "").strip()
    lowered = code.lower().replace("_", "-")
    for candidate in (lowered, lowered.split("-")[0]):
        if candidate in _LANGUAGE_NAMES:
            return _LANGUAGE_NAMES[candidate]
        info = LANG_INFO.get(candidate)
        if info and "name" in info:
            return info["name"]
        if info and "fallback" in info:
            return LANG_INFO[info["fallback"][0]]["name"]
    return code


@register.simple_tag
def corrections_email():
    """The address readers write to about an error (settings.CORRECTIONS_EMAIL)."""
    return settings.CORRECTIONS_EMAIL
