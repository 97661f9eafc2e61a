"""The OpenAPI document: valid OpenAPI 3, complete, and true to the API — a
property test generated from it (schemathesis, every check, every operation,
anonymous and with a Publishers token) finds no server error, no response that
breaks it, no request it forbids that the API takes and no request it allows
that the API refuses."""

import json
import re

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import override_settings
from hypothesis import HealthCheck, settings
from openapi_spec_validator import validate
from rest_framework.test import APIClient
from schemathesis.openapi.checks import RejectedPositiveData
from schemathesis.specs.openapi.checks import positive_data_acceptance

from sco_site.wsgi import application
from tests import factories

OPERATIONS_WITH_FILTERS = {
    "articles": ["topic", "source", "member_state", "official", "summit", "initiative", "organization", "year"],
    "summits": ["council", "format", "host_state", "chair_state", "year"],
    "member-states": ["membership", "founding_member", "as_of"],
    "officials": ["member_state", "organization", "current"],
    "initiatives": ["kind", "stage", "lead_state", "member_state", "topic", "launched_at", "year"],
    "organizations": ["kind", "parent"],
}
COMMON_LIST_PARAMETERS = ["fields", "updated_since", "page", "page_size", "cursor", "ordering", "search", "status"]


@pytest.fixture(scope="module")
def document():
    return APIClient().get("/api/v1/schema/", {"format": "json"}).json()


def parameters(document, path, method="get"):
    return {parameter["name"] for parameter in document["paths"][path][method].get("parameters", [])}


def test_the_schema_is_valid_openapi_3(document):
    validate(document)
    assert document["openapi"].startswith("3.")


@pytest.mark.parametrize("endpoint", OPERATIONS_WITH_FILTERS)
def test_every_list_documents_its_filters_and_common_parameters(document, endpoint):
    documented = parameters(document, f"/api/v1/{endpoint}/")
    assert set(OPERATIONS_WITH_FILTERS[endpoint] + COMMON_LIST_PARAMETERS) <= documented


def test_lists_document_their_cursor_links_and_exact_count(document):
    page = document["components"]["schemas"]["PaginatedArticleList"]
    assert set(page["required"]) == {"count", "next", "previous", "results"}
    assert "cursor" in page["properties"]["next"]["description"]
    assert page["properties"]["next"]["nullable"] and page["properties"]["previous"]["nullable"]
    assert "exact" in page["properties"]["count"]["description"]


def test_detail_reads_and_writes_document_fields_and_conditional_headers(document):
    assert {"fields", "If-None-Match"} <= parameters(document, "/api/v1/summits/{slug}/")
    for method in ("put", "patch", "delete"):
        assert "If-Match" in parameters(document, "/api/v1/summits/{slug}/", method)


def test_the_token_scheme_and_error_responses_are_documented(document):
    scheme = document["components"]["securitySchemes"]["tokenAuth"]
    assert scheme["type"] == "apiKey" and scheme["name"] == "Authorization"
    detail = document["paths"]["/api/v1/summits/{slug}/"]
    assert {"400", "401", "403", "404", "412", "429"} <= set(detail["put"]["responses"])
    assert {"409", "412"} <= set(detail["delete"]["responses"])
    assert {"304", "400", "404", "429"} <= set(document["paths"]["/api/v1/summits/"]["get"]["responses"])


def test_related_records_are_documented_as_slug_name_url(document):
    host_state = document["components"]["schemas"]["Summit"]["properties"]["host_state"]
    assert set(host_state["properties"]) == {"slug", "name", "url"}
    request = document["components"]["schemas"]["SummitRequest"]["properties"]["host_state"]
    assert request["oneOf"][0]["type"] == "string"


@pytest.fixture
def in_process_requests():
    """Keep the test's database connection open across in-process requests (as Django's test client does)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def connected_records():
    state = factories.MemberStateFactory(slug="india", membership="observer")
    factories.MembershipChangeFactory(member_state=state, membership="member", changed_on="2017-06-09")
    official = factories.OfficialFactory(slug="modi", member_state=state)
    factories.AppointmentFactory(official=official, member_state=state)
    summit = factories.SummitFactory(slug="astana", host_state=state)
    summit.participants.add(official)
    article = factories.ArticleFactory(slug="news")
    article.summits.add(summit)
    article.topics.add(factories.TopicFactory(slug="ecology"))
    factories.InitiativeFactory(slug="green", lead_state=state, launched_at=summit)


# Rules a schema cannot state: they depend on what is stored (a slug taken, a
# related record or image that does not exist) or tie one field to another.
# A write the schema allows may still meet one of them; it must then be a 400
# naming the field, with one of these messages, and never anything else.
RULES_BEYOND_THE_SCHEMA = re.compile(
    "|".join(
        [
            "already exists",  # a unique value taken
            r"^No [a-z ]+ with the (slug|id) ",  # a related record or image that is not there
            "is not a date in the calendar",  # 2023-02-30
            "is not an image we can use",  # bytes that are no picture
            "cannot be before",  # an end before its start
            "Name the site that republished the article",  # republished, by nobody
            "Say what the picture shows",  # an image needs alt text unless it is decorative
        ]
    )
)


def messages(body):
    if isinstance(body, dict):
        for value in body.values():
            yield from messages(value)
    elif isinstance(body, list):
        for value in body:
            yield from messages(value)
    else:
        yield str(body)


def valid_data_accepted(ctx, response, case):
    """Schemathesis' `positive_data_acceptance`, except for a 400 that only cites rules beyond the schema."""
    try:
        return positive_data_acceptance(ctx, response, case)
    except RejectedPositiveData:
        if response.status_code == 400 and case.method == "GET" and set(json.loads(response.content)) == {"cursor"}:
            return None  # a cursor the API did not make: any string fits the schema, few are positions
        if response.status_code != 400 or case.method == "GET":
            raise
        found = list(messages(json.loads(response.content)))
        if not found or not all(RULES_BEYOND_THE_SCHEMA.search(message) for message in found):
            raise
        return None


every_operation = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", application)
# Examples and fuzzing, positive and negative data; the exhaustive coverage phase would take many minutes.
every_operation.config.phases.update(phases=["examples", "fuzzing"])
EXAMPLES = 50
# The same examples on every run of the same code, so a run in CI finds what a run here found.


@pytest.mark.django_db
@every_operation.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
@override_settings(API_THROTTLE_ANON="100000/min", API_THROTTLE_USER="100000/min")
def test_anonymous_calls_keep_every_promise_of_the_schema(case, in_process_requests, connected_records):
    case.call_and_validate(excluded_checks=[positive_data_acceptance], additional_checks=[valid_data_accepted])


@pytest.mark.django_db
@every_operation.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
@override_settings(API_THROTTLE_ANON="100000/min", API_THROTTLE_USER="100000/min")
def test_publisher_calls_keep_every_promise_of_the_schema(case, in_process_requests, connected_records):
    from django.contrib.auth.models import Group

    user = factories.UserFactory()
    user.groups.add(Group.objects.get(name="Publishers"))
    case.call_and_validate(
        headers={"Authorization": f"Token {factories.api_key(user)}"},
        excluded_checks=[positive_data_acceptance],
        additional_checks=[valid_data_accepted],
    )
