"""Going through API lists: cursor links that see every record once (ties,
missing dates, records added meanwhile, every allowed ordering), page numbers
for jumping, bad cursors, and a `count` that is exact, kept between pages and
never counts or links a hidden record."""

import base64
import datetime
import json
from urllib import parse

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.test import APIClient

from records import services
from records.models import Article, Status
from tests import factories
from tests.test_api_support import token_client

pytestmark = pytest.mark.django_db

ARTICLE_ORDERINGS = [
    "",
    "title",
    "-title",
    "original_published_on",
    "-original_published_on",
    "language,-created_at",
    "-updated_at",
    "slug",
]


@pytest.fixture
def anonymous():
    return APIClient()


@pytest.fixture
def articles():
    """Articles that tie on date and title, some without a date, and hidden ones."""
    made = []
    for number in range(13):
        made.append(
            factories.ArticleFactory(
                title=f"Title {number % 4}",
                original_published_on=None if number % 5 == 0 else datetime.date(2024, 1, 1 + number % 3),
                language="en" if number % 2 else "ru",
            )
        )
    factories.ArticleFactory(title="Draft", status=Status.DRAFT, original_published_on=datetime.date(2024, 1, 2))
    factories.ArticleFactory(title="In review", status=Status.REVIEW, original_published_on=None)
    factories.ArticleFactory(title="Later", publish_at=timezone.now() + datetime.timedelta(days=1))
    return made


def path_of(link):
    return link.removeprefix("http://testserver")


def walk(client, path, direction="next"):
    """Every page's slugs, following `direction` links from `path`."""
    pages = []
    while path:
        response = client.get(path)
        assert response.status_code == 200, response.content
        body = response.json()
        pages.append([record["slug"] for record in body["results"]])
        path = body[direction] and path_of(body[direction])
    return pages


def expected(ordering, visible):
    """The slugs of `visible` articles in the API's order for `ordering`: ties broken
    by the slug when an ordering is asked for, else by the id."""
    records = list(visible)
    keys = [term for term in ordering.split(",") if term] or ["-original_published_on", "title"]
    records.sort(key=lambda record: record.slug if ordering else record.pk)
    for term in reversed(keys):
        name, descending = term.lstrip("-"), term.startswith("-")
        present = [record for record in records if getattr(record, name) is not None]
        missing = [record for record in records if getattr(record, name) is None]
        present.sort(key=lambda record: getattr(record, name), reverse=descending)
        # NULLs: first in a descending order, except the articles' default order (last).
        nulls_last = not descending or (term == "-original_published_on" and not ordering)
        records = present + missing if nulls_last else missing + present
    return [record.slug for record in records]


@pytest.mark.parametrize("ordering", ARTICLE_ORDERINGS)
def test_next_links_go_through_the_list_once_in_its_order(anonymous, articles, ordering):
    query = f"?page_size=4&ordering={ordering}" if ordering else "?page_size=4"
    pages = walk(anonymous, f"/api/v1/articles/{query}")
    seen = [slug for page in pages for slug in page]
    assert seen == expected(ordering, articles)
    assert all(len(page) == 4 for page in pages[:-1])


@pytest.mark.parametrize("ordering", ARTICLE_ORDERINGS)
def test_previous_links_go_back_through_the_same_pages(anonymous, articles, ordering):
    query = f"?page_size=4&ordering={ordering}" if ordering else "?page_size=4"
    forward = walk(anonymous, f"/api/v1/articles/{query}")
    last = anonymous.get(f"/api/v1/articles/{query}&page={len(forward)}").json()
    back = walk(anonymous, path_of(last["previous"]), direction="previous")
    assert [slug for page in reversed(back) for slug in page] == [slug for page in forward[:-1] for slug in page]


def test_records_added_during_a_walk_are_seen_once_and_none_is_missed(anonymous, articles):
    response = anonymous.get("/api/v1/articles/", {"page_size": 3})
    seen = [record["slug"] for record in response.json()["results"]]
    link = response.json()["next"]
    added = []
    while link:
        # One record lands before the position reached (the newest), one after it (undated, last by title).
        for day, title in ((datetime.date(2030, 1, 1), "Early"), (None, "Zz late")):
            added.append(factories.ArticleFactory(title=f"{title} {len(added):02d}", original_published_on=day))
        body = anonymous.get(path_of(link)).json()
        seen += [record["slug"] for record in body["results"]]
        link = body["next"]
    assert len(seen) == len(set(seen))
    late = [record.slug for record in added if record.original_published_on is None]
    assert set(seen) == {article.slug for article in articles} | set(late)


def test_a_cursor_page_runs_the_queries_of_the_first_page_and_no_count(anonymous, articles, settings):
    settings.RESPONSE_CACHE_SECONDS = 0
    first = anonymous.get("/api/v1/articles/", {"page_size": 3})
    with CaptureQueriesContext(connection) as first_queries:
        anonymous.get("/api/v1/articles/", {"page_size": 3})
    with CaptureQueriesContext(connection) as cursor_queries:
        body = anonymous.get(path_of(first.json()["next"])).json()
    assert len(cursor_queries) == len(first_queries)
    assert not [query for query in cursor_queries if "COUNT(" in query["sql"].upper()]
    assert body["count"] == 13


def test_page_numbers_still_jump_and_their_links_are_cursors(anonymous, articles):
    body = anonymous.get("/api/v1/articles/", {"page_size": 4, "page": 2}).json()
    order = expected("", articles)
    assert [record["slug"] for record in body["results"]] == order[4:8]
    after = anonymous.get(path_of(body["next"])).json()
    before = anonymous.get(path_of(body["previous"])).json()
    assert [record["slug"] for record in after["results"]] == order[8:12]
    assert [record["slug"] for record in before["results"]] == order[:4]
    assert "cursor=" in body["next"] and "page=" not in body["next"]
    last = anonymous.get("/api/v1/articles/", {"page_size": 4, "page": "last"}).json()
    assert [record["slug"] for record in last["results"]] == order[12:] and last["next"] is None


def cursor(data):
    return base64.urlsafe_b64encode(json.dumps(data).encode()).decode().rstrip("=")


@pytest.mark.parametrize(
    "value",
    [
        "not-a-cursor",
        "%%%",
        base64.urlsafe_b64encode(b"\xff\xfe").decode(),
        cursor([1, 2]),
        cursor({"o": "title,pk", "p": ["A", 1]}),
        cursor({"o": "-original_published_on,title,pk", "p": ["A", "B"]}),
        cursor({"o": "-original_published_on,title,pk", "p": ["not a date", "B", 1]}),
        cursor({"o": "-original_published_on,title,pk", "p": ["2024-01-01", "B", "one"]}),
        cursor({"o": "-original_published_on,title,pk", "p": ["2024-01-01", "B\x00", 1]}),
        cursor({"o": "-original_published_on,title,pk", "p": ["2024-01-01", "B", 10**30]}),
        cursor({"o": "-original_published_on,title,pk", "p": ["2024-01-01", None, 1]}),
        cursor({"o": "-original_published_on,title,pk", "p": ["2024-01-01", ["B"], 1]}),
    ],
)
def test_a_bad_cursor_is_a_400_naming_it(anonymous, articles, value):
    response = anonymous.get("/api/v1/articles/", {"cursor": value})
    assert response.status_code == 400
    assert list(response.json()) == ["cursor"]


def test_an_empty_cursor_counts_as_not_sent(anonymous, articles):
    empty = anonymous.get("/api/v1/articles/", {"cursor": "", "page_size": 4}).json()
    assert empty == anonymous.get("/api/v1/articles/", {"page_size": 4}).json()


def test_a_cursor_of_another_ordering_is_a_400(anonymous, articles):
    link = anonymous.get("/api/v1/articles/", {"page_size": 2}).json()["next"]
    response = anonymous.get(path_of(link) + "&ordering=title")
    assert response.status_code == 400
    assert "another ordering" in response.json()["cursor"][0]


def test_the_count_is_exact_and_kept_between_pages_until_a_write(
    anonymous, articles, settings, django_capture_on_commit_callbacks
):
    settings.RESPONSE_CACHE_SECONDS = 0
    assert anonymous.get("/api/v1/articles/", {"page_size": 2}).json()["count"] == 13
    with CaptureQueriesContext(connection) as queries:
        assert anonymous.get("/api/v1/articles/", {"page_size": 5, "page": 2}).json()["count"] == 13
    assert not [query for query in queries if "COUNT(" in query["sql"].upper()]
    factories.ArticleFactory(title="New")
    assert anonymous.get("/api/v1/articles/", {"page_size": 2}).json()["count"] == 14
    with django_capture_on_commit_callbacks(execute=True):
        services.record_delete(record=Article.objects.get(title="New"))
    assert anonymous.get("/api/v1/articles/", {"page_size": 2}).json()["count"] == 13


def test_the_count_is_kept_per_filter(anonymous, articles):
    english = sum(1 for article in articles if article.language == "en")
    assert anonymous.get("/api/v1/articles/", {"page_size": 2}).json()["count"] == 13
    assert anonymous.get("/api/v1/articles/", {"page_size": 2, "language": "en"}).json()["count"] == english
    assert anonymous.get("/api/v1/articles/", {"page_size": 2, "language": "ru"}).json()["count"] == 13 - english


def test_the_count_is_exact_without_a_cache(anonymous, articles, settings):
    settings.COUNT_CACHE_SECONDS = 0
    assert anonymous.get("/api/v1/articles/", {"page_size": 2}).json()["count"] == 13


def test_no_hidden_record_is_counted_or_linked(anonymous, editor, articles):
    hidden = set(Article.objects.exclude(pk__in=[article.pk for article in articles]).values_list("slug", flat=True))
    editors = token_client(editor)
    # The editor (who sees every status) counts first: the public count is kept apart.
    assert editors.get("/api/v1/articles/", {"page_size": 2}).json()["count"] == 16
    response = anonymous.get("/api/v1/articles/", {"page_size": 2})
    assert response.json()["count"] == 13
    link, seen = response.json()["next"], []
    while link:
        body = anonymous.get(path_of(link)).json()
        for key in ("next", "previous"):
            if body[key]:
                token = parse.parse_qs(parse.urlsplit(body[key]).query)["cursor"][0]
                position = json.loads(base64.urlsafe_b64decode(token + "==="))["p"]
                assert position[-1] in {article.pk for article in articles}
        seen += [record["slug"] for record in body["results"]]
        link = body["next"]
    assert not hidden & set(seen)
    editor_pages = walk(editors, "/api/v1/articles/?page_size=4")
    assert hidden <= {slug for page in editor_pages for slug in page}


def test_search_results_keep_page_links_and_a_count(anonymous, articles):
    body = anonymous.get("/api/v1/articles/", {"search": "Title", "page_size": 5}).json()
    assert body["count"] == 13
    assert "page=2" in body["next"]


def test_search_results_are_walked_by_page_numbers_and_the_last_page_is_not_counted(anonymous, articles):
    first = anonymous.get("/api/v1/articles/", {"search": "Title", "page_size": 5}).json()
    assert first["previous"] is None
    second = anonymous.get(path_of(first["next"])).json()
    assert parse.parse_qs(parse.urlsplit(second["previous"]).query) == {"search": ["Title"], "page_size": ["5"]}
    with CaptureQueriesContext(connection) as queries:
        last = anonymous.get(path_of(second["next"])).json()
    assert not any("COUNT(" in query["sql"].upper() for query in queries.captured_queries)
    assert (last["count"], last["next"], len(last["results"])) == (13, None, 3)
    assert "page=2" in last["previous"]
    slugs = [record["slug"] for body in (first, second, last) for record in body["results"]]
    assert len(set(slugs)) == 13
    jumped = anonymous.get("/api/v1/articles/", {"search": "Title", "page_size": 5, "page": "last"}).json()
    assert jumped["results"] == last["results"]
    beyond = anonymous.get("/api/v1/articles/", {"search": "Title", "page_size": 5, "page": 4})
    assert beyond.status_code == 404


def test_search_results_that_fit_one_page_are_not_counted(anonymous, articles):
    with CaptureQueriesContext(connection) as queries:
        body = anonymous.get("/api/v1/articles/", {"search": "Title"}).json()
    assert not any("COUNT(" in query["sql"].upper() for query in queries.captured_queries)
    assert (body["count"], body["next"], body["previous"], len(body["results"])) == (13, None, None, 13)
    nothing = anonymous.get("/api/v1/articles/", {"search": "nowhere"}).json()
    assert (nothing["count"], nothing["results"]) == (0, [])


def test_a_cursor_on_search_results_is_a_400(anonymous, articles):
    response = anonymous.get("/api/v1/articles/", {"search": "Title", "cursor": "abc"})
    assert response.status_code == 400 and list(response.json()) == ["cursor"]
