"""The API and pages with the cache (Redis) unreachable: answered normally,
the failure logged, `/healthz` degraded but 200, and the cache used again
once it is back. (Under gunicorn, with a hanging Redis: test_resilience.py.)"""

import logging

import pytest
from django.test.utils import override_settings

from records import counters
from tests import factories

pytestmark = pytest.mark.django_db


def test_api_reads_answer_200_and_the_failure_is_logged_once(client, redis_down, caplog):
    factories.TopicFactory(slug="ecology")
    with caplog.at_level(logging.ERROR, logger="records.counters"):
        statuses = [client.get("/api/v1/topics/").status_code for _ in range(5)]
    assert statuses == [200] * 5
    failures = [r for r in caplog.records if "Cache unavailable" in r.getMessage()]
    assert len(failures) == 1


def test_pages_answer_200_with_the_cache_down(client, redis_down):
    assert client.get("/").status_code == 200
    assert client.get("/summits/").status_code == 200


def test_healthz_says_the_cache_is_down_but_the_site_is_up(client, redis_down):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "down"}


@override_settings(API_THROTTLE_ANON="2/min", CACHE_RETRY_SECONDS=0)
def test_throttling_resumes_when_the_cache_is_back(client):
    counters.cache_failed(ConnectionError("simulated earlier failure"))
    # A retry interval of 0: the next request asks the cache again, which answers.
    statuses = [client.get("/api/v1/topics/").status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
