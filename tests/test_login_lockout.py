"""Admin sign-in: five wrong passwords for an account, or from one address,
lock signing in for fifteen minutes, with a clear message (django-axes,
counted in the database)."""

import datetime

import pytest
from axes.models import AccessAttempt
from django.test import Client

pytestmark = pytest.mark.django_db

RIGHT = "pw-admin-123"


def sign_in(username, password, address="203.0.113.7"):
    client = Client(REMOTE_ADDR=address)
    response = client.post("/admin/login/?next=/admin/", {"username": username, "password": password})
    return response


def signed_in(response):
    return response.status_code == 302 and response["Location"] == "/admin/"


def test_thirty_wrong_passwords_lock_the_account_and_the_right_one_then_waits(superuser):
    statuses = [sign_in("admin", f"wrong-{n}").status_code for n in range(30)]
    assert statuses[:4] == [200] * 4  # the form again, with its error
    assert set(statuses[5:]) == {429}
    locked = sign_in("admin", RIGHT)
    assert locked.status_code == 429
    page = locked.content.decode()
    assert "Too many failed sign-in attempts" in page
    assert "15 minutes" in page
    assert int(locked["Retry-After"]) == 15 * 60
    assert AccessAttempt.objects.filter(username="admin").exists()


def test_five_failures_lock_one_account_from_any_address(superuser):
    for n in range(5):
        sign_in("admin", "wrong", address=f"198.51.100.{n}")
    assert sign_in("admin", RIGHT, address="192.0.2.50").status_code == 429


def test_five_failures_from_one_address_lock_that_address_for_every_account(superuser, django_user_model):
    django_user_model.objects.create_superuser("second", "second@example.org", RIGHT)
    for n in range(5):
        sign_in(f"guess-{n}", "wrong")
    assert sign_in("second", RIGHT).status_code == 429
    assert signed_in(sign_in("second", RIGHT, address="192.0.2.51"))


def test_fewer_than_five_failures_still_let_the_right_password_in(superuser):
    for _ in range(4):
        assert sign_in("admin", "wrong").status_code == 200
    assert signed_in(sign_in("admin", RIGHT))


def test_the_lockout_ends_after_fifteen_minutes(superuser):
    for _ in range(5):
        sign_in("admin", "wrong")
    assert sign_in("admin", RIGHT).status_code == 429
    # Fifteen minutes pass for every recorded attempt.
    for attempt in AccessAttempt.objects.all():
        attempt.attempt_time -= datetime.timedelta(minutes=15, seconds=1)
        attempt.save()
    assert signed_in(sign_in("admin", RIGHT))
