"""Helpers shared by the API tests (no tests here)."""

from rest_framework.test import APIClient

from tests import factories


def token_client(user):
    """An APIClient sending `Authorization: Token <key>` for `user`."""
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {factories.api_key(user)}")
    return client


def results(response):
    """The slugs of a list response's page."""
    assert response.status_code == 200, response.content
    return [item["slug"] for item in response.json()["results"]]
