"""No anonymous request holds PostgreSQL longer than ANONYMOUS_STATEMENT_TIMEOUT
per statement: the statement is cancelled and the request answers 503 at once,
while signed-in staff keep DATABASE_STATEMENT_TIMEOUT, and the connection serves
the next request as usual."""

import time

import pytest
from django.db import connection
from django.test import Client

from access.models import ApiToken
from records.models import Article
from tests import factories

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def slow_urls(settings):
    settings.ROOT_URLCONF = "tests.slow_urls"
    settings.ANONYMOUS_STATEMENT_TIMEOUT = 0.1
    settings.DATABASE_STATEMENT_TIMEOUT = 5
    settings.RESPONSE_CACHE_SECONDS = 0


def timed_get(client, url, **extra):
    started = time.monotonic()
    response = client.get(url, **extra)
    return response, time.monotonic() - started


def test_an_anonymous_request_past_the_limit_answers_503_quickly_with_the_sites_page(client):
    response, seconds = timed_get(client, "/slow/?seconds=3")
    assert response.status_code == 503
    assert seconds < 1.5
    assert b"Temporarily unavailable" in response.content
    assert b"narrower search" in response.content
    assert response["Cache-Control"] == "no-store"


def test_an_anonymous_api_request_past_the_limit_answers_a_json_503(client):
    response, seconds = timed_get(client, "/api/v1/slow/?seconds=3")
    assert response.status_code == 503
    assert seconds < 1.5
    assert "database time" in response.json()["detail"]


def test_a_request_within_the_limit_is_answered(client):
    response = client.get("/slow/?seconds=0.01")
    assert response.status_code == 200
    assert response.json() == {"statement_timeout": "100ms"}


def test_staff_keep_the_global_limit(admin_client_logged_in):
    response = admin_client_logged_in.get("/slow/?seconds=0.3")
    assert response.status_code == 200
    assert response.json() == {"statement_timeout": "5s"}


def test_an_api_caller_with_a_token_keeps_the_global_limit(client, superuser):
    _, key = ApiToken.objects.create_token(user=superuser, name="sync")
    response = client.get("/api/v1/slow/?seconds=0.3", HTTP_AUTHORIZATION=f"Token {key}")
    assert response.status_code == 200
    assert response.json() == {"statement_timeout": "5s"}
    assert client.get("/api/v1/slow/?seconds=0.01").json() == {"statement_timeout": "100ms"}


def test_after_a_request_the_connection_has_its_own_limit_again(client):
    assert client.get("/slow/?seconds=0.01").json() == {"statement_timeout": "100ms"}
    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        assert cursor.fetchone() == ("5s",)


def test_the_connection_serves_the_next_requests_after_a_cancelled_one(admin_client_logged_in):
    client = Client()
    factories.ArticleFactory(title="Leaders meet in Astana")
    assert client.get("/slow/?seconds=3").status_code == 503
    response = client.get("/articles/")
    assert response.status_code == 200
    assert b"Leaders meet in Astana" in response.content
    assert admin_client_logged_in.get("/slow/?seconds=0.2").json() == {"statement_timeout": "5s"}
    assert client.get("/slow/?seconds=0.01").json() == {"statement_timeout": "100ms"}
    assert Article.objects.count() == 1


def test_a_real_search_past_a_tiny_limit_answers_503(client, settings):
    for number in range(200):
        factories.ArticleFactory(title=f"Cooperation note {number}", summary="cooperation " * 50)
    settings.ANONYMOUS_STATEMENT_TIMEOUT = 0.001
    response = client.get("/search/?q=cooperation")
    assert response.status_code == 503
    settings.ANONYMOUS_STATEMENT_TIMEOUT = 0.1
    assert client.get("/search/?q=cooperation").status_code == 200
