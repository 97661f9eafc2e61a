"""The benchmark's pieces (bench/): the floor answers with our API's bytes, the
load client counts what it sends, the results file keeps one section per run.
Times are never asserted here."""

import contextlib
import datetime
import os
import threading
from wsgiref.simple_server import WSGIRequestHandler, make_server

import pytest
from django.db import connection

from bench import cpu, load, results, servers
from bench.floor import Floor
from records.models import Article, Status
from tests import factories


class QuietHandler(WSGIRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serving(app):
    server = make_server("127.0.0.1", 0, app, handler_class=QuietHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_port
    finally:
        server.shutdown()
        server.server_close()


def call(app, path, query="", **headers):
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "HTTP_HOST": "testserver",
        "wsgi.url_scheme": "http",
        **headers,
    }
    answer = {}
    body = b"".join(app(environ, lambda status, headers: answer.update(status=status, headers=dict(headers))))
    return int(answer["status"].split()[0]), body, answer["headers"]


class TestConnectionPool:
    """The floor's pool, lending it the test's own connection (which sees the test's records)."""

    @contextlib.contextmanager
    def connection(self):
        connection.ensure_connection()
        yield connection.connection


@pytest.fixture
def linked_articles():
    topics = [factories.TopicFactory(name="Ecology"), factories.TopicFactory(name="Energy")]
    hidden_official = factories.OfficialFactory(name="Hidden", status=Status.DRAFT)
    official = factories.OfficialFactory(name="Zhang Ming")
    state = factories.MemberStateFactory(name="Türkiye")
    summit = factories.SummitFactory(title="Astana 2024")
    hidden_source = factories.MediaFactory(status=Status.DRAFT)
    articles = []
    for number in range(25):
        article = factories.ArticleFactory(
            title=f"Green plan {number:02d}",
            summary="Trees\u2028and “water”.",
            original_published_on=datetime.date(2024, 1, 1) + datetime.timedelta(days=number % 7),
            source=hidden_source if number == 3 else factories.MediaFactory(),
        )
        article.topics.set(topics[: number % 3])
        article.officials.set([official, hidden_official])
        article.member_states.set([state] if number % 2 else [])
        article.summits.set([summit])
        articles.append(article)
    factories.ArticleFactory(title="Draft", status=Status.DRAFT)
    factories.ArticleFactory(title="Undated", original_published_on=None)
    return articles


@pytest.mark.postgres
@pytest.mark.django_db
@pytest.mark.parametrize(
    "path,query",
    [
        ("/api/v1/articles/", ""),
        ("/api/v1/articles/", "page=2"),
        ("/api/v1/articles/", "page_size=5&page=3"),
        ("/api/v1/articles/", "page_size=500"),
        ("/api/v1/articles/green-plan-07/", ""),
        ("/api/v1/articles/article-missing/", ""),
    ],
)
def test_the_floor_answers_with_the_same_bytes_as_our_api(client, linked_articles, path, query):
    factories.ArticleFactory(slug="green-plan-07", title="Green plan seven")
    floor = Floor(TestConnectionPool())
    ours = client.get(f"{path}?{query}" if query else path)
    status, body, headers = call(floor, path, query)
    assert status == ours.status_code
    if status == 200:
        assert body == ours.content
        assert headers["ETag"] == ours["ETag"]


@pytest.mark.postgres
@pytest.mark.django_db
@pytest.mark.parametrize("counts", [True, False], ids=["floor", "floor without COUNT"])
def test_the_floor_walks_next_links_with_the_same_bytes_as_our_api(client, linked_articles, counts):
    floor = Floor(TestConnectionPool(), count=counts)
    path, pages = "/api/v1/articles/?page_size=4", 0
    while path:
        ours = client.get(path)
        status, body, _ = call(floor, *path.split("?", 1))
        assert (status, body) == (200, ours.content), path
        link = ours.json()["next"]
        path = link.removeprefix("http://testserver") if link else None
        pages += 1
    assert pages == 7  # 26 public articles, the undated one last


@pytest.mark.postgres
@pytest.mark.django_db
def test_the_floor_answers_304_and_searches(linked_articles):
    floor = Floor(TestConnectionPool())
    _, _, headers = call(floor, "/api/v1/articles/")
    assert call(floor, "/api/v1/articles/", HTTP_IF_NONE_MATCH=headers["ETag"])[0] == 304
    status, body, _ = call(floor, "/api/v1/articles/", "search=green")
    assert status == 200 and b'"count":25' in body
    assert call(floor, "/search/", "q=green")[0] == 200


def test_the_python_load_client_sends_the_requests_in_turn_and_walks_next_links():
    seen = []

    def app(environ, start_response):
        path = environ["PATH_INFO"] + "?" + environ["QUERY_STRING"]
        seen.append(path)
        page = int(environ["QUERY_STRING"].removeprefix("page=") or 1)
        next_link = f'"http://x/list/?page={page + 1}"' if page < 3 else "null"
        start_response("200 OK", [("Content-Type", "application/json")])
        return [f'{{"next":{next_link}}}'.encode()]

    with serving(app) as port:
        options = {"host": "127.0.0.1", "port": port, "host_header": "x", "seconds": 10, "connections": 1}
        walk = load.run(load.Scenario("walk", ["/list/?page=1"], walk=True), max_requests=5, **options)
        turns = load.run(load.Scenario("turns", ["/a/?", "/b/?"], expect=201), max_requests=4, **options)
    assert walk.requests == 5 and walk.failures == 0
    assert seen[:5] == ["/list/?page=1", "/list/?page=2", "/list/?page=3", "/list/?page=1", "/list/?page=2"]
    assert seen[5:] == ["/a/?", "/b/?", "/a/?", "/b/?"]
    assert turns.failures == 4


def test_cpu_time_is_read_for_this_process():
    spent = cpu.spent({}, cpu.sample([os.getpid()]))
    assert spent > 0
    assert cpu.process_seconds(2**22 + 12345) is None


def test_resident_memory_is_read_and_reported_per_worker():
    assert cpu.resident_mb(os.getpid()) > 10
    assert cpu.resident_mb(2**22 + 12345) is None
    memory = {"requests": 20000, "failures": 0, "before": [61.2, 60.8], "after": [104.4, 99.6]}
    line = results.render_section([], header=False, memory=memory)
    assert "after 20,000 mixed requests (0 not answered as expected): 104 / 100 (before them: 61 / 61)" in line


@pytest.mark.django_db
def test_search_times_count_the_database_apart_from_python(linked_articles):
    times = servers.search_times(["green", "nowhere"], runs=3)
    count, p50, p95, database_p50, database_p95 = times["green"]
    assert count == Article.objects.published().filter(title__icontains="green").count() > 0
    assert 0 < database_p50 <= p50 and 0 < database_p95 <= p95
    assert times["nowhere"][0] == 0
    lines = "\n".join(results.render_search({"green": (1001, 9.5, 12.25, 6.0, 8.04)}))
    assert "| green | 1,001 | 6.0 / 8.0 | 9.5 / 12.2 |" in lines


def test_each_labelled_run_has_its_own_section_of_the_results(tmp_path):
    path = tmp_path / "RESULTS.md"
    results.write_section(path, "before", "## before\n\nfirst-table")
    results.write_section(path, "after search", "## after search\n\nsecond-table")
    results.write_section(path, "before", "## before\n\nfirst-table-again")
    text = path.read_text()
    assert text.startswith("# Benchmark results")
    assert text.index("first-table-again") < text.index("second-table")
    assert text.count("first-table") == 1
