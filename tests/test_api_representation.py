"""The API's read path (records.api.representation) says exactly what DRF's own
field-by-field serialization says, byte for byte, for every record type, for
the public and for editors, with hidden linked records among the links."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import translation
from rest_framework import serializers as drf
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.test import APIClient, APIRequestFactory

from records.api.serializers import SERIALIZERS
from records.languages import translated_fields
from records.models import Status
from records.registry import BY_MODEL
from tests import factories
from tests.test_api_http import build_connected_records
from tests.test_api_support import token_client

pytestmark = pytest.mark.django_db


def drf_representation(model, slugs, user, fields=()):
    """The records as DRF's Serializer.to_representation shows them, linked lists as model instances."""
    request = Request(APIRequestFactory().get("/", HTTP_HOST="testserver"))
    request.user = user
    records = {
        record.slug: record
        for record in model._default_manager.visible_to(user).with_related(user).filter(slug__in=slugs)
    }
    serializer = SERIALIZERS[model](context={"request": request, "selected_fields": list(fields)})
    return [drf.Serializer.to_representation(serializer, records[slug]) for slug in slugs]


@pytest.fixture
def linked_records():
    build_connected_records(3)
    hidden_state = factories.MemberStateFactory(status=Status.DRAFT)
    hidden_official = factories.OfficialFactory(status=Status.REVIEW, member_state=hidden_state)
    article = factories.ArticleFactory(source=factories.MediaFactory(status=Status.DRAFT))
    article.member_states.add(hidden_state)
    article.officials.add(hidden_official)
    factories.SummitFactory(host_state=hidden_state).participants.add(hidden_official)


@pytest.mark.parametrize("who", ["anonymous", "editor"])
@pytest.mark.parametrize("prefix", [entry.prefix for entry in BY_MODEL.values()])
def test_the_lean_read_path_says_what_drf_says(linked_records, editor, who, prefix):
    client, user = (APIClient(), AnonymousUser()) if who == "anonymous" else (token_client(editor), editor)
    model = next(entry.model for entry in BY_MODEL.values() if entry.prefix == prefix)
    body = client.get(f"/api/v1/{prefix}/", {"page_size": 100}).json()
    slugs = [record["slug"] for record in body["results"]]
    assert slugs
    expected = drf_representation(model, slugs, user, SERIALIZERS[model].list_field_names())
    assert JSONRenderer().render(body["results"]) == JSONRenderer().render(expected)
    detail = client.get(f"/api/v1/{prefix}/{slugs[0]}/")
    expected = drf_representation(model, slugs[:1], user, SERIALIZERS[model].default_field_names())[0]
    assert detail.content == JSONRenderer().render(expected)


@pytest.mark.parametrize("prefix", [entry.prefix for entry in BY_MODEL.values()])
def test_the_lean_read_path_says_what_drf_says_in_another_language(linked_records, prefix):
    model = next(entry.model for entry in BY_MODEL.values() if entry.prefix == prefix)
    records = list(model.objects.published()[:2])
    for record in records[:1]:
        for field in translated_fields(model):
            model.objects.filter(pk=record.pk).update(**{f"{field}_ru": f"{field} по-русски"})
    client = APIClient()
    body = client.get(f"/api/v1/{prefix}/", {"page_size": 100}, HTTP_ACCEPT_LANGUAGE="ru").json()
    slugs = [record["slug"] for record in body["results"]]
    with translation.override("ru"):
        expected = drf_representation(model, slugs, AnonymousUser(), SERIALIZERS[model].list_field_names())
    assert JSONRenderer().render(body["results"]) == JSONRenderer().render(expected)
    fields = [*SERIALIZERS[model].default_field_names(), "translations"]
    detail = client.get(f"/api/v1/{prefix}/{slugs[0]}/", {"fields": ",".join(fields)}, HTTP_ACCEPT_LANGUAGE="ru")
    with translation.override("ru"):
        expected = drf_representation(model, slugs[:1], AnonymousUser(), fields)[0]
    assert detail.content == JSONRenderer().render(expected)
