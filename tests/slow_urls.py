"""The site's URLs plus two that hold the database for a given time, for the
tests of the per-request statement time limit (never part of the site)."""

from django.db import connection
from django.http import JsonResponse
from django.urls import path
from rest_framework.decorators import api_view, permission_classes
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from sco_site.urls import urlpatterns as site_urlpatterns


def sleep_in_the_database(request):
    """Sleeps in PostgreSQL for `?seconds=`; returns the statement_timeout it ran under."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_sleep(%s)", [float(request.GET.get("seconds", "0.5"))])
        cursor.execute("SHOW statement_timeout")
        return cursor.fetchone()[0]


def hold_the_database(request):
    return JsonResponse({"statement_timeout": sleep_in_the_database(request)})


@api_view(["GET"])
@permission_classes([AllowAny])
def hold_the_database_in_the_api(request):
    """The same behind the API's authentication (tokens, sessions)."""
    return Response({"statement_timeout": sleep_in_the_database(request)})


# The site's patterns themselves, not included: its language prefixes must stay at the top level.
urlpatterns = [
    path("slow/", hold_the_database),
    path("api/v1/slow/", hold_the_database_in_the_api),
    *site_urlpatterns,
]
