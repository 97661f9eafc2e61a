"""When the database is unreachable, answer 503 with the site's own page,
rendered without touching the database (no request context processors)."""

import logging

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.template import loader
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.deprecation import MiddlewareMixin
from django.utils.translation.trans_real import parse_accept_lang_header

from records import freshness, languages

logger = logging.getLogger(__name__)

SAFE_METHODS = ("GET", "HEAD", "OPTIONS")

RETRY_AFTER_SECONDS = 30
TOO_SLOW = "This request needs more database time than a visitor's request may take; narrow the search or filters."


def cancelled_for_time(exception):
    """Whether the database cancelled the statement (statement_timeout)."""
    cause = exception.__cause__
    return cause is not None and type(cause).__name__ == "QueryCanceled"


def database_unavailable_response(request, too_slow=False):
    """503 with the site's page (JSON under /api/). `too_slow`: the database
    cancelled a statement that passed the requester's time limit."""
    if request.path.startswith("/api/"):
        detail = TOO_SLOW if too_slow else "The database is unavailable; try again shortly."
        response = JsonResponse({"detail": detail}, status=503)
    else:
        response = HttpResponse(loader.get_template("503.html").render({"too_slow": too_slow}), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, OperationalError | InterfaceError):
            if cancelled_for_time(exception):
                logger.warning("%s %s: statement cancelled at its time limit.", request.method, request.path)
                return database_unavailable_response(request, too_slow=True)
            logger.error("Database unavailable: %s", exception)
            return database_unavailable_response(request)
        return None


class PublicPageCacheMiddleware:
    """Public pages for visitors without a session, from the cache when a fresh
    copy is there (records.freshness: never past a write or a scheduled go-live).

    It sits inside the security, frame and CSP middleware, so their headers are
    added to every answer, cached or not.
    """

    SKIPPED_PREFIXES = ("/admin/", "/api/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not self.cacheable_request(request):
            return self.get_response(request)
        slot = freshness.response_key(request, variant="page")
        if slot is not None:
            kept = freshness.fetch(slot[0])
            if kept is not None:
                return HttpResponse(kept["content"], content_type=kept["content_type"])
        response = self.get_response(request)
        if slot is not None and self.cacheable_response(response):
            freshness.store(*slot, {"content": response.content, "content_type": response["Content-Type"]})
        return response

    def cacheable_request(self, request):
        return (
            request.method in ("GET", "HEAD")
            and not request.path.startswith(self.SKIPPED_PREFIXES)
            and not (set(request.COOKIES) - {settings.CSRF_COOKIE_NAME})
            and "HTTP_AUTHORIZATION" not in request.META
        )

    def cacheable_response(self, response):
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and response.get("Content-Type", "").startswith("text/html")
        )


# `?lang=` of the API: the short names of the pages' prefixes, and Django's own codes.
LANG_PARAMETER = "lang"
LANG_VALUES = {
    **{prefix or code: code for code, prefix in languages.URL_PREFIXES.items()},
    **{code: code for code in languages.URL_PREFIXES},
}


def accepted_language(request):
    """The first of the request's Accept-Language that the site speaks (zh-CN is
    zh-hans; the language cookie is not read), else English."""
    for code, _ in parse_accept_lang_header(request.META.get("HTTP_ACCEPT_LANGUAGE", "")):
        if code == "*":
            break
        try:
            return translation.get_supported_language_variant(code)
        except LookupError:
            continue
    return settings.LANGUAGE_CODE


class LanguageMiddleware(MiddlewareMixin):
    """The language of a request.

    - Pages: from the address alone (`/ru/…`, `/zh/…`, English elsewhere; no cookie,
      no Accept-Language), so an English page does not vary by Accept-Language.
    - The API's reads: `?lang=en|ru|zh`, else Accept-Language, else English.
      Responses say `Content-Language` and vary by Accept-Language; an unknown
      `lang` is a 400. Writes are read and answered in English, whatever the
      request asks: a record's fields are its English values, its translations
      are fields of their own (`name_ru`), so no write lands in a language by chance.
    - The admin is in English: its forms edit the English values beside the translations.
    """

    def process_request(self, request):
        if not request.path_info.startswith("/api/"):
            translation.activate(translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE)
            request.LANGUAGE_CODE = translation.get_language()
            return None
        language = accepted_language(request) if request.method in SAFE_METHODS else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        asked = request.GET.get(LANG_PARAMETER, "")
        if asked:
            if asked.lower() not in LANG_VALUES:
                choices = ", ".join(prefix or code for code, prefix in languages.URL_PREFIXES.items())
                return JsonResponse({LANG_PARAMETER: [f"Choose one of {choices}."]}, status=400)
            if request.method in SAFE_METHODS:
                translation.activate(LANG_VALUES[asked.lower()])
                request.LANGUAGE_CODE = translation.get_language()
        return None

    def process_response(self, request, response):
        if request.path_info.startswith("/api/"):
            patch_vary_headers(response, ("Accept-Language",))
        # Django's LocaleMiddleware would also have the English pages vary by
        # Accept-Language, which they do not.
        response.headers.setdefault("Content-Language", translation.get_language())
        return response
