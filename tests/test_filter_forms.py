"""The list pages' filter forms stay small whatever the size of the record:
officials, summits, initiatives and organizations are asked for in text boxes
(a slug or an exact name) with suggestions from /suggest/<prefix>/, which
names only published records."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from records import services
from records.models import Status
from records.views.suggest import SUGGESTIONS
from tests import factories
from tests.pages_data import HIDDEN_MARK, build_world, without_history

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_world()


def field_html(content, name):
    """The markup of the form field `name`: its <div class="field">…</div>."""
    match = re.search(rf'<div class="field[^"]*">\s*<label for="id_{name}">.*?</div>', content, re.S)
    assert match, name
    return match.group(0)


@without_history
def test_the_article_filters_stay_small_with_thousands_of_records(client, world):
    for number in range(300):
        factories.OfficialFactory(name=f"Official number {number}", slug=f"official-number-{number}")
    content = client.get("/articles/").content.decode()
    assert content.count("<option") < 100
    for name in ("official", "summit", "initiative", "organization", "source"):
        field = field_html(content, name)
        assert f'<input type="text" name="{name}"' in field
        assert f'list="id_{name}_suggestions"' in field
        assert f'<datalist id="id_{name}_suggestions">' in field
        assert f'aria-describedby="id_{name}_hint"' in field
        assert f'id="id_{name}_hint"' in field
    # Bounded menus stay menus; the suggestion script is a static file (no inline script).
    assert "<select" in field_html(content, "member_state")
    assert "<select" in field_html(content, "topic")
    assert re.search(r'<script src="[^"]*js/suggest\.js" defer></script>', content)


def test_a_list_without_suggestion_boxes_loads_no_script(client, world):
    assert b"suggest.js" not in client.get("/member-states/").content


@pytest.mark.parametrize("value", ["kassym-jomart-tokayev", "Kassym-Jomart Tokayev", "kassym-jomart tokayev"])
def test_an_official_is_chosen_by_slug_or_exact_name_and_shown_back_by_name(client, world, value):
    other = factories.ArticleFactory(title="Unrelated tourism note")
    response = client.get("/articles/", {"official": value})
    assert response.status_code == 200
    content = response.content.decode()
    assert world.article.title in content
    assert other.title not in content
    field = field_html(content, "official")
    assert "Chosen: <span>Kassym-Jomart Tokayev</span>" in field
    assert '<option value="kassym-jomart-tokayev">Kassym-Jomart Tokayev</option>' in field


def test_several_records_separated_by_commas(client, world):
    response = client.get("/articles/", {"summit": "2024-astana-heads-of-state, Future Summit"})
    assert response.status_code == 200
    assert "Chosen: <span>Astana Summit 2024</span>, <span>Future Summit</span>" in response.content.decode()


def test_an_unknown_value_is_a_400_with_a_clear_error_and_the_other_filters_apply(client, world):
    response = client.get("/articles/", {"official": "Nobody Known", "year": "2024"})
    assert response.status_code == 400
    content = response.content.decode()
    assert "No official has the name or slug “Nobody Known”." in field_html(content, "official")
    assert 'aria-describedby="id_official_hint id_official_error"' in content
    assert world.article.title in content


@pytest.mark.parametrize("status", ["draft", "review", "archived", "scheduled"])
def test_a_hidden_record_reads_exactly_like_an_unknown_one(client, world, status):
    hidden_slug = f"{HIDDEN_MARK}-{status}-official"

    def answer(value):
        response = client.get("/articles/", {"official": value})
        return response.status_code, field_html(response.content.decode(), "official").replace(value, "VALUE")

    assert answer(hidden_slug) == answer("xyzzy-never-existed")
    assert answer(f"Xyzzy Official {status}") == answer("Xyzzy Never Existed")
    assert answer(hidden_slug)[0] == 400


def test_suggestions_name_published_records_whose_name_or_slug_contains_the_text(client, world):
    response = client.get("/suggest/officials/", {"q": "tokay"})
    assert response.status_code == 200
    assert response.json() == {"results": [{"slug": "kassym-jomart-tokayev", "name": "Kassym-Jomart Tokayev"}]}
    summits = client.get("/suggest/summits/", {"q": "ASTANA"}).json()["results"]
    assert summits == [{"slug": "2024-astana-heads-of-state", "name": "Astana Summit 2024"}]
    assert client.get("/suggest/summits/", {"q": "2024-astana"}).json()["results"] == summits
    assert client.get("/suggest/officials/", {"q": ""}).json() == {"results": []}


@without_history
def test_suggestions_are_few_and_names_starting_with_the_text_come_first(client, world):
    for number in range(15):
        factories.InitiativeFactory(name=f"Green belt {number:02}", slug=f"green-belt-{number:02}")
    factories.InitiativeFactory(name="A greener future", slug="a-greener-future")
    results = client.get("/suggest/initiatives/", {"q": "green"}).json()["results"]
    assert len(results) == SUGGESTIONS
    assert [result["name"] for result in results[:3]] == ["Green belt 00", "Green belt 01", "Green belt 02"]


def test_suggestions_never_name_a_hidden_record(client, world, admin_client_logged_in):
    for prefix in ("officials", "summits", "initiatives", "organizations"):
        for answer in (client, admin_client_logged_in):
            assert answer.get(f"/suggest/{prefix}/", {"q": HIDDEN_MARK}).json() == {"results": []}, prefix


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/suggest/member-states/?q=kaz", 404),
        ("/suggest/nothing/?q=kaz", 404),
        ("/suggest/officials/?q=%00", 400),
        (f"/suggest/officials/?q={'a' * 101}", 400),
        ("/suggest/officials/?q=%25_", 200),
    ],
)
def test_bad_suggestion_requests_are_refused_cleanly(client, world, url, status):
    assert client.get(url).status_code == status


def test_suggestions_are_kept_per_data_version(client, world, settings):
    settings.RESPONSE_CACHE_SECONDS = 300
    client.get("/suggest/officials/", {"q": "shavkat"})
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/suggest/officials/", {"q": "shavkat"}).json() == {"results": []}
    assert len(queries) == 0
    official = factories.OfficialFactory(name="Shavkat Mirziyoyev", slug="shavkat-mirziyoyev", status=Status.DRAFT)
    services.record_update(record=official, fields={"status": Status.PUBLISHED})
    results = client.get("/suggest/officials/", {"q": "shavkat"}).json()["results"]
    assert results == [{"slug": "shavkat-mirziyoyev", "name": "Shavkat Mirziyoyev"}]
