"""Paths of the site's pages, reversed once per process.

`reverse()` walks the URLconf on every call: a page that links to a dozen
records and sections would pay for a dozen walks. A page's path depends only
on its name, the script prefix, the language (its `/ru/` or `/zh/` prefix) and
the URLconf, so each is reversed once per combination of those and kept; a
record's path is its type's path with the slug put in place of a marker.
"""

import functools

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language

# A slug that no record has, swapped for the real one in a path reversed once.
SLUG_MARKER = "0-slug-0"


@functools.lru_cache(maxsize=512)
def reversed_path(view_name, with_slug, script_prefix, language, urlconf):
    """The path of `view_name` (with the slug marker when `with_slug`), for the
    script prefix, language and URLconf it depends on."""
    kwargs = {"slug": SLUG_MARKER} if with_slug else None
    return reverse(view_name, kwargs=kwargs, urlconf=urlconf)


def _path(view_name, with_slug):
    urlconf = get_urlconf() or settings.ROOT_URLCONF
    return reversed_path(view_name, with_slug, get_script_prefix(), get_language(), urlconf)


def page_path(view_name):
    """`reverse(view_name)` of a page without arguments, in the active language."""
    return _path(view_name, False)


def slug_path_parts(view_name):
    """(prefix, suffix) of the pages of `view_name` that take a slug: the path is prefix + slug + suffix."""
    prefix, _, suffix = _path(view_name, True).rpartition(SLUG_MARKER)
    return prefix, suffix


def slug_path(view_name, slug):
    """`reverse(view_name, kwargs={"slug": slug})`, in the active language (a slug needs no quoting)."""
    prefix, suffix = slug_path_parts(view_name)
    return f"{prefix}{slug}{suffix}"
