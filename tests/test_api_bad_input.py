"""Bad filter values are a 400 that names the parameter, never a 500 —
including values with a `%`, which django-filter's messages once choked on —
and a query parameter the schema does not allow is refused, not guessed at."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "query",
    ["member_state=%25", "member_state=a%25s", "topic=100%25,ecology", "source=x%25d", "year=20%2524"],
)
def test_a_percent_sign_in_a_filter_value_is_a_400_naming_the_parameter(client, query):
    response = client.get(f"/api/v1/articles/?{query}")
    assert response.status_code == 400
    assert query.split("=")[0] in response.json()


@pytest.mark.parametrize(
    "query, parameter",
    [
        ("page_size=abc", "page_size"),
        ("page_size=0", "page_size"),
        ("page_size=-5", "page_size"),
        ("fields=slug,,title", "fields"),
        ("fields=%20slug", "fields"),
        ("ordering=,", "ordering"),
    ],
)
def test_a_list_parameter_outside_its_schema_is_a_400_naming_it(client, query, parameter):
    response = client.get(f"/api/v1/articles/?{query}")
    assert response.status_code == 400
    assert parameter in response.json()


def test_an_empty_optional_parameter_is_the_same_as_none(client):
    assert client.get("/api/v1/articles/?page_size=&fields=&ordering=&status=").status_code == 200


def test_the_schema_says_an_empty_query_parameter_is_allowed(client):
    document = client.get("/api/v1/schema/", {"format": "json"}).json()
    parameters = document["paths"]["/api/v1/articles/"]["get"]["parameters"]
    assert all(p["allowEmptyValue"] for p in parameters if p["in"] == "query")


def test_an_unknown_change_state_is_a_400(publisher):
    from tests.test_api_support import token_client

    response = token_client(publisher).get("/api/v1/changes/", {"state": "lost"})
    assert response.status_code == 400
    assert "state" in response.json()
