"""Shared fixtures and the rules for tests that need PostgreSQL or Chromium.

Without PostgreSQL (DATABASE_URL) or Debian's Chromium, the tests that need
them are skipped with a reason; under CI=true a missing Chromium is an error.
"""

import os
import shutil
import socket

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.test.utils import override_settings
from django.utils import translation

from records import counters

CHROMIUM = "/usr/bin/chromium"
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def database_is_postgres():
    return settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"


def pytest_collection_modifyitems(config, items):
    chromium_missing = not (os.path.exists(CHROMIUM) or shutil.which("chromium"))
    if chromium_missing and IN_CI and any("browser" in item.keywords for item in items):
        raise pytest.UsageError(f"CI=true but {CHROMIUM} is missing: .ci/run installs Debian's chromium.")
    for item in items:
        if "browser" in item.keywords and chromium_missing:
            item.add_marker(
                pytest.mark.skip(reason=f"needs Debian's Chromium at {CHROMIUM} (apt-get install chromium)")
            )
        if "postgres" in item.keywords and not database_is_postgres():
            item.add_marker(
                pytest.mark.skip(
                    reason="needs PostgreSQL: run with DATABASE_URL=postgres://postgres@127.0.0.1:5432/sco"
                )
            )


@pytest.fixture(autouse=True)
def fresh_cache():
    """Throttle counters live in the cache; every test starts with none."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def english_outside_requests():
    """A request activates its page's language in the thread, as the server does; code a
    test runs between requests (reverse(), get_absolute_url()) reads English."""
    translation.activate("en")
    yield
    translation.activate("en")


@pytest.fixture(autouse=True)
def media_root(tmp_path_factory, settings):
    """Uploaded images go to a fresh folder for every test, never the project's media/."""
    settings.MEDIA_ROOT = str(tmp_path_factory.mktemp("media"))
    return settings.MEDIA_ROOT


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser("admin", "admin@example.org", "pw-admin-123")


@pytest.fixture
def admin_client_logged_in(client, superuser):
    client.force_login(superuser)
    return client


def user_in_group(django_user_model, group_name, username=None, is_staff=False):
    from django.contrib.auth.models import Group

    user = django_user_model.objects.create_user(
        username or group_name.lower(), password="pw-user-123", is_staff=is_staff
    )
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def editor(django_user_model):
    return user_in_group(django_user_model, "Editors", "editor", is_staff=True)


@pytest.fixture
def publisher(django_user_model):
    return user_in_group(django_user_model, "Publishers", "publisher", is_staff=True)


@pytest.fixture
def partner(django_user_model):
    return user_in_group(django_user_model, "Partners", "partner")


def closed_port():
    with socket.create_server(("127.0.0.1", 0)) as s:
        return s.getsockname()[1]


@pytest.fixture
def redis_down():
    """The cache pointed at a port where nothing listens."""
    location = f"redis://127.0.0.1:{closed_port()}/2"
    with override_settings(
        CACHES={
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": location,
                "OPTIONS": {"socket_connect_timeout": 0.1, "socket_timeout": 0.1},
            }
        }
    ):
        counters.cache_recovered()
        yield
    counters.cache_recovered()


# The data set (fixtures/sco.json), loaded once for a module of tests that read it.
@pytest.fixture(scope="module")
def dataset(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("loaddata", "sco", verbosity=0)
        yield
        transaction.set_rollback(True)
