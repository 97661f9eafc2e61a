"""The "Sort by" menu of the list pages (`?sort=`): each order the registry
offers sorts the list as it says, on the data set; an unknown value is a form
error with the default order, never a 500; the order holds in downloads and
costs no extra query; and on PostgreSQL an index serves every order."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from records.models import Article, Initiative, Summit
from records.registry import RECORD_TYPES, label_field, record_type
from records.views.records import for_cards
from tests import factories

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("dataset")]

OPTIONS = [(entry, option) for entry in RECORD_TYPES for option in entry.sort_options]
DATE_FIELDS = {Article: "original_published_on", Summit: "starts_on", Initiative: "starts_on"}


def expected_order(model, value, records):
    """`records` in the order `value` names, worked out here rather than by the database."""
    label = label_field(model)
    if value in {"newest", "oldest"}:
        field = DATE_FIELDS[model]
        sign = -1 if value == "newest" else 1

        def key(record):
            day = getattr(record, field)
            return (day is None, sign * day.toordinal() if day else 0, getattr(record, label))

        return sorted(records, key=key)
    return sorted(records, key=lambda record: getattr(record, label), reverse=value.startswith("-"))


def listed(response):
    """The records of the page, in the order shown (member states: within each membership group)."""
    if "membership_groups" in response.context:
        return [state for group in response.context["membership_groups"] for state in group["states"]]
    return list(response.context["object_list"])


def test_every_list_offers_at_least_two_orders_the_first_being_its_default():
    for entry in RECORD_TYPES:
        assert len(entry.sort_options) >= 2, entry.model_name
        assert list(entry.sort_options[0].ordering) == list(entry.model._meta.ordering), entry.model_name


@pytest.mark.parametrize(("entry", "option"), OPTIONS, ids=[f"{e.prefix}-{o.value}" for e, o in OPTIONS])
def test_each_order_sorts_the_list_as_it_says(client, entry, option):
    if entry.model in DATE_FIELDS:
        # An undated record comes last whichever way the dates run.
        factory = factories.ArticleFactory if entry.model is Article else factories.InitiativeFactory
        if entry.model is not Summit:
            factory(**{DATE_FIELDS[entry.model]: None, label_field(entry.model): "An undated record"})
    response = client.get(f"/{entry.prefix}/", {"sort": option.value})
    assert response.status_code == 200
    shown = listed(response)
    assert len(shown) >= 5
    if entry.model._meta.model_name == "memberstate":
        for group in response.context["membership_groups"]:
            assert group["states"] == expected_order(entry.model, option.value, group["states"])
    else:
        everything = list(for_cards(entry.model))
        assert shown == expected_order(entry.model, option.value, everything)[: len(shown)]
    content = response.content.decode()
    assert f'<option value="{option.value}" selected>{option.label}</option>' in content
    assert 'name="robots" content="noindex' not in content  # an order is not a filter


def test_the_orders_differ_from_one_another(client):
    newest = listed(client.get("/summits/", {"sort": "newest"}))
    oldest = listed(client.get("/summits/", {"sort": "oldest"}))
    assert newest[0].starts_on > oldest[0].starts_on
    assert listed(client.get("/officials/", {"sort": "-name"}))[0] != listed(client.get("/officials/"))[0]


@pytest.mark.parametrize("value", ["bogus", "-title", "name;drop", "newest\x00", "x" * 500])
def test_an_unknown_order_is_a_form_error_and_the_list_keeps_its_default_order(client, value):
    response = client.get("/articles/", {"sort": value, "year": "2025"})
    assert response.status_code == 400
    content = response.content.decode()
    assert "Choose one of the orders in the list." in content
    assert "Sort by" in content
    default = client.get("/articles/", {"year": "2025"})
    assert listed(response) == listed(default)  # the valid filter still applies


def test_an_order_combines_with_filters_and_keeps_across_pages(client):
    response = client.get("/summits/", {"council": "heads_of_state", "sort": "oldest"})
    assert response.status_code == 200
    shown = listed(response)
    assert shown and all(summit.council == "heads_of_state" for summit in shown)
    assert shown == sorted(shown, key=lambda summit: (summit.starts_on, summit.title))
    response = client.get("/initiatives/", {"sort": "name"})
    assert "sort=name" in response.context["query_without_page"]  # pagination links keep the order


def test_a_download_follows_the_chosen_order(client):
    response = client.get("/summits/", {"sort": "oldest", "download": "csv"})
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    dates = [row["starts_on"] for row in rows]
    assert dates == sorted(dates) and len(rows) == Summit.objects.published().count()
    assert client.get("/summits/", {"sort": "bogus", "download": "csv"}).status_code == 400


def test_sorting_costs_no_extra_query(client):
    client.get("/initiatives/", {"sort": "oldest"})  # what the first request of all fills (menus, data version)
    with CaptureQueriesContext(connection) as default:
        client.get("/initiatives/")
    with CaptureQueriesContext(connection) as sorted_by_name:
        client.get("/initiatives/", {"sort": "name"})
    assert len(sorted_by_name) == len(default)


@pytest.mark.postgres
@pytest.mark.parametrize(("entry", "option"), OPTIONS, ids=[f"{e.prefix}-{o.value}" for e, o in OPTIONS])
def test_an_index_serves_each_order(entry, option):
    # With sorting made prohibitively dear, a plan without a Sort step is one that reads an index in order.
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_sort = off")
        # An index on the first key and an incremental sort on the rest would be a sort all the same.
        cursor.execute("SET LOCAL enable_incremental_sort = off")
    plan = for_cards(entry.model).order_by(*option.ordering)[:20].explain()
    assert "Sort" not in plan, plan
    assert "Index Scan" in plan
    assert record_type(entry.model) is entry
