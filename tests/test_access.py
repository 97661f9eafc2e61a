"""API tokens: stored hashed, shown once, named, expiring, revocable, last use
recorded; wrong tokens limited per client address."""

import datetime
import hashlib
import io
import re
import secrets

import pytest
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.test.utils import override_settings
from django.utils import timezone
from rest_framework.test import APIClient

from access.models import ApiToken
from tests import factories

pytestmark = pytest.mark.django_db

KEY = re.compile(r"\b[0-9a-f]{40}\b")


def with_key(key, address="203.0.113.7"):
    client = APIClient(REMOTE_ADDR=address)
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def create_topic(client, slug="ecology"):
    return client.post("/api/v1/topics/", {"slug": slug, "name": slug.title()}, format="json")


@pytest.fixture
def publisher_key(publisher):
    return factories.api_key(publisher, name="newsroom")


def test_a_token_is_stored_only_as_a_hash_of_its_key(publisher):
    token, key = ApiToken.objects.create_token(user=publisher, name="newsroom")
    stored = ApiToken.objects.filter(pk=token.pk).values().get()
    assert key not in str(stored)
    assert stored["key_hash"] == hashlib.sha256(key.encode()).hexdigest()
    assert stored["key_prefix"] == key[:8]


def test_a_token_expires_after_a_year_by_default(publisher):
    token, _ = ApiToken.objects.create_token(user=publisher, name="newsroom")
    assert abs(token.expires_at - (timezone.now() + datetime.timedelta(days=365))) < datetime.timedelta(minutes=1)


def test_the_authorization_token_header_authenticates_and_records_the_last_use(publisher_key):
    assert ApiToken.objects.get().last_used_at is None
    assert create_topic(with_key(publisher_key)).status_code == 201
    assert ApiToken.objects.get().last_used_at is not None


def test_an_expired_token_is_refused(publisher):
    key = factories.api_key(publisher, expires_at=timezone.now() - datetime.timedelta(seconds=1))
    response = create_topic(with_key(key))
    assert response.status_code == 401
    assert "expired" in response.json()["detail"]


def test_a_revoked_token_is_refused(publisher_key):
    client = with_key(publisher_key)
    assert create_topic(client, "ecology").status_code == 201
    ApiToken.objects.get().revoke()
    assert create_topic(client, "tourism").status_code == 401


def test_a_token_of_a_deactivated_account_is_refused(publisher, publisher_key):
    publisher.is_active = False
    publisher.save()
    assert create_topic(with_key(publisher_key)).status_code == 401


# --- failed authentications -------------------------------------------------------


# The windows are fixed (records.counters): an hour's window keeps 300 requests inside one
# of them however slowly they run, where a minute's could be cut in two.
@override_settings(API_THROTTLE_AUTH_FAILURES="10/hour")
def test_random_tokens_from_one_address_are_throttled_with_retry_after(publisher_key):
    statuses = []
    for _ in range(300):
        response = with_key(secrets.token_hex(20)).get("/api/v1/topics/")
        statuses.append(response.status_code)
    assert statuses[:10] == [401] * 10
    assert set(statuses[10:]) == {429}
    assert int(response["Retry-After"]) > 0
    assert "failed authentications" in response.json()["detail"]
    # Even a right key waits from that address (no oracle for guesses) ...
    assert with_key(publisher_key).get("/api/v1/topics/").status_code == 429
    # ... while other addresses are not affected.
    assert with_key(publisher_key, address="198.51.100.1").get("/api/v1/topics/").status_code == 200
    assert with_key(secrets.token_hex(20), address="198.51.100.2").get("/api/v1/topics/").status_code == 401


@override_settings(API_THROTTLE_AUTH_FAILURES="3/min")
def test_a_forged_forwarded_for_header_does_not_escape_the_limit():
    statuses = [
        with_key(secrets.token_hex(20)).get("/api/v1/topics/", HTTP_X_FORWARDED_FOR=f"10.0.0.{n}").status_code
        for n in range(5)
    ]
    assert statuses == [401, 401, 401, 429, 429]


# --- admin ------------------------------------------------------------------------


def test_the_admin_shows_a_new_tokens_key_once(admin_client_logged_in, partner):
    response = admin_client_logged_in.post(
        "/admin/access/apitoken/add/",
        {"user": partner.pk, "name": "partner sync", "expires_at_0": "2099-01-01", "expires_at_1": "00:00:00"},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "only this once" in page
    key = KEY.search(page).group()
    token = ApiToken.objects.get()
    assert token.name == "partner sync" and token.user == partner
    assert with_key(key).get("/api/v1/topics/").status_code == 200

    for url in ("/admin/access/apitoken/", f"/admin/access/apitoken/{token.pk}/change/"):
        shown = admin_client_logged_in.get(url).content.decode()
        assert key not in shown
        assert token.key_prefix in shown


def test_the_admin_revokes_tokens_with_an_action(admin_client_logged_in, publisher_key):
    token = ApiToken.objects.get()
    admin_client_logged_in.post(
        "/admin/access/apitoken/", {"action": "revoke", "_selected_action": [token.pk]}, follow=True
    )
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert create_topic(with_key(publisher_key)).status_code == 401


# --- management command -----------------------------------------------------------


def test_create_api_token_prints_a_working_key_once(publisher):
    out, err = io.StringIO(), io.StringIO()
    call_command("create_api_token", publisher.username, "--name", "cli", "--days", "30", stdout=out, stderr=err)
    key = out.getvalue().strip()
    assert KEY.fullmatch(key)
    assert "only this once" in err.getvalue()
    token = ApiToken.objects.get(name="cli")
    assert token.expires_at - timezone.now() < datetime.timedelta(days=30, minutes=1)
    assert create_topic(with_key(key)).status_code == 201


def test_create_api_token_names_an_unknown_user():
    with pytest.raises(CommandError, match="No user named 'nobody'"):
        call_command("create_api_token", "nobody", "--name", "cli")


# --- moving the tokens of rest_framework.authtoken ---------------------------------


@pytest.mark.django_db(transaction=True)
def test_old_clear_text_tokens_are_moved_hashed_and_keep_working(django_user_model):
    import importlib

    from django.apps import apps
    from django.db import connection

    user = factories.UserFactory()
    user.groups.add(Group.objects.get(name="Publishers"))
    old_key = secrets.token_hex(20)
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE authtoken_token (key varchar(40) PRIMARY KEY, user_id integer, created timestamp)")
        cursor.execute(
            "INSERT INTO authtoken_token (key, user_id, created) VALUES (%s, %s, %s)",
            [old_key, user.pk, timezone.now()],
        )
    migration = importlib.import_module("access.migrations.0002_move_authtoken_tokens")
    with connection.schema_editor() as schema_editor:
        migration.move_authtoken_tokens(apps, schema_editor)

    assert "authtoken_token" not in connection.introspection.table_names()
    token = ApiToken.objects.get(user=user)
    assert token.key_hash == hashlib.sha256(old_key.encode()).hexdigest()
    assert token.is_usable
    assert create_topic(with_key(old_key)).status_code == 201
