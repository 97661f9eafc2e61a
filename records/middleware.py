"""When the database is unreachable, answer 503 with the site's own page,
rendered without touching the database (no request context processors)."""

import logging

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.template import loader

from records import freshness

logger = logging.getLogger(__name__)

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
