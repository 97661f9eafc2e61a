"""Public pages and API responses from the cache: served without touching the
database, never after a write or past a scheduled go-live, never for those
who see unpublished records, and not needed when the cache is down."""

import datetime
import time

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.test import APIClient

from records import services
from tests import factories
from tests.test_api_support import results, token_client

pytestmark = pytest.mark.django_db


def fetch(client, url, **headers):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **headers)
    return response, len(queries)


def test_a_public_api_read_is_kept_and_answered_without_the_database():
    factories.SummitFactory(slug="astana")
    client = APIClient()
    first, built = fetch(client, "/api/v1/summits/")
    again, kept = fetch(client, "/api/v1/summits/")
    assert built > 0 and kept == 0
    assert again.content == first.content and again["ETag"] == first["ETag"]
    assert "no-cache" in again["Cache-Control"]
    not_modified, queries = fetch(client, "/api/v1/summits/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert (not_modified.status_code, queries) == (304, 0)


def test_a_write_makes_the_next_read_fresh():
    summit = factories.SummitFactory(slug="astana", title="Astana summit")
    client = APIClient()
    client.get("/api/v1/summits/astana/")
    services.record_update(record=summit, fields={"title": "Astana summit 2024"})
    assert client.get("/api/v1/summits/astana/").json()["title"] == "Astana summit 2024"
    page = client.get("/summits/astana/")
    services.record_update(record=summit, fields={"title": "Renamed again"})
    assert b"Renamed again" in client.get("/summits/astana/").content and b"Renamed again" not in page.content


def test_a_record_going_live_on_schedule_is_never_hidden_by_the_cache():
    factories.ArticleFactory(slug="live-now")
    goes_live = timezone.now() + datetime.timedelta(seconds=2)
    factories.ArticleFactory(slug="scheduled", publish_at=goes_live)
    client = APIClient()
    assert results(client.get("/api/v1/articles/")) == ["live-now"]
    assert b"scheduled" not in client.get("/articles/").content
    time.sleep(max(0, (goes_live - timezone.now()).total_seconds()) + 0.1)
    assert sorted(results(client.get("/api/v1/articles/"))) == ["live-now", "scheduled"]
    assert b"/articles/scheduled/" in client.get("/articles/").content


def test_readers_who_see_unpublished_records_are_never_served_from_the_cache(editor):
    factories.SummitFactory(slug="draft-summit", status="draft")
    anonymous, editor_client = APIClient(), token_client(editor)
    anonymous.get("/api/v1/summits/")
    assert results(editor_client.get("/api/v1/summits/")) == ["draft-summit"]
    _, queries = fetch(editor_client, "/api/v1/summits/")
    assert queries > 0
    assert results(anonymous.get("/api/v1/summits/")) == []


def test_a_public_page_is_kept_with_its_security_headers(admin_client_logged_in):
    factories.SummitFactory(slug="astana", title="Astana summit")
    client = Client()
    first, built = fetch(client, "/summits/")
    again, kept = fetch(client, "/summits/")
    assert built > 0 and kept == 0
    assert again.content == first.content
    assert again["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert again["X-Frame-Options"] == "DENY"
    # Signed-in staff get pages built for them (previews, banners).
    _, staff_queries = fetch(admin_client_logged_in, "/summits/")
    assert staff_queries > 0


def test_reads_go_on_when_the_cache_is_down(redis_down):
    factories.SummitFactory(slug="astana", title="Astana summit")
    client = APIClient()
    for _ in range(2):
        assert client.get("/api/v1/summits/astana/").json()["title"] == "Astana summit"
        assert b"Astana summit" in client.get("/summits/astana/").content
