"""Shared fixtures: users, clients and database helpers."""

import pytest
from django.db import connection


def is_postgres():
    return connection.vendor == "postgresql"


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser("admin", "admin@example.org", "pw-admin-123")


@pytest.fixture
def admin_client_logged_in(client, superuser):
    client.force_login(superuser)
    return client
