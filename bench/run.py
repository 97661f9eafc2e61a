"""Speed measurements: median response time and SQL queries of the main pages
and API lists, with a generated record of realistic size.

    make bench                       # SQLite in a temporary test database
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/sco make bench

Prints one line per URL. Numbers are for comparing changes on one machine,
not thresholds: tests assert query counts, this measures time.
"""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sco_site.settings.test")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

ROUNDS = int(os.environ.get("BENCH_ROUNDS", "20"))
SIZE = int(os.environ.get("BENCH_SIZE", "500"))

URLS = [
    "/",
    "/articles/",
    "/articles/?topic=topic-1&year=2024",
    "/summits/",
    "/member-states/",
    "/officials/",
    "/initiatives/",
    "/organizations/",
    "/search/?q=summit",
    "/articles/feed/",
    "/sitemap.xml",
    "/api/v1/articles/?page_size=100",
    "/api/v1/summits/?page_size=100",
    "/api/v1/member-states/?as_of=2015-01-01",
]


def populate(size):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
    from tests import factories

    topics = factories.TopicFactory.create_batch(5)
    states = factories.MemberStateFactory.create_batch(20)
    officials = factories.OfficialFactory.create_batch(size // 5, member_state=states[0])
    summits = factories.SummitFactory.create_batch(size // 10, host_state=states[1])
    for summit in summits:
        summit.participants.set(officials[:10])
    sources = factories.MediaFactory.create_batch(8)
    for number in range(size):
        article = factories.ArticleFactory(source=sources[number % len(sources)])
        article.topics.set(topics[:2])
        article.member_states.set(states[:3])
        article.summits.set(summits[:2])
        article.officials.set(officials[:3])


def measure(client, url):
    timings = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        timings.append(time.perf_counter() - start)
    return response.status_code, len(queries), statistics.median(timings) * 1000


def main():
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0)
    try:
        populate(SIZE)
        client = Client()
        print(f"{connection.vendor}, {SIZE} articles, median of {ROUNDS} requests")
        for url in URLS:
            status, queries, ms = measure(client, url)
            print(f"{status}  {queries:3d} queries  {ms:8.1f} ms  {url}")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
