"""Configuration: production refuses to start without a secret, deploy checks, security headers."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parent.parent


def run_django(code, **env):
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    environment.update(DJANGO_SETTINGS_MODULE="sco_site.settings", **env)
    return subprocess.run(
        [sys.executable, "-c", code], cwd=BASE_DIR, env=environment, capture_output=True, text=True, timeout=120
    )


def test_production_refuses_to_start_without_a_secret_key():
    # An empty value also wins over a local .env file.
    result = run_django("import django; django.setup()", DJANGO_DEBUG="0", DJANGO_SECRET_KEY="")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_debug_mode_starts_with_a_development_key():
    result = run_django(
        "import django; django.setup(); from django.conf import settings as s; print(s.DEBUG, bool(s.SECRET_KEY))",
        DJANGO_DEBUG="1",
        DJANGO_SECRET_KEY="",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True True"


def test_deploy_checks_pass_for_a_https_production_configuration():
    result = run_django(
        "import sys; from django.core.management import execute_from_command_line; "
        "execute_from_command_line(['manage.py', 'check', '--deploy', '--fail-level', 'WARNING'])",
        DJANGO_DEBUG="0",
        DJANGO_HTTPS="1",
        DJANGO_SECRET_KEY="k" * 20 + "-production-secret-key-with-enough-entropy-1234567890",
        DJANGO_ALLOWED_HOSTS="records.example.org",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_database_and_cache_come_from_the_environment():
    result = run_django(
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.DATABASES['default']['ENGINE'], s.DATABASES['default']['NAME'], "
        "s.DATABASES['default']['CONN_MAX_AGE'], s.DATABASES['default']['CONN_HEALTH_CHECKS'], "
        "s.CACHES['default']['BACKEND'])",
        DJANGO_DEBUG="1",
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/sco",
        REDIS_URL="redis://127.0.0.1:6379/0",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "django.db.backends.postgresql",
        "sco",
        # Persistent connections, without a health-check query before each request's first one.
        "60",
        "False",
        "django.core.cache.backends.redis.RedisCache",
    ]


def test_prepared_statements_are_on_unless_the_environment_turns_them_off():
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.DATABASES['default']['OPTIONS']['prepare_threshold'])"
    )
    url = "postgres://postgres@127.0.0.1:5432/sco"
    on = run_django(code, DJANGO_DEBUG="1", DATABASE_URL=url)
    off = run_django(code, DJANGO_DEBUG="1", DATABASE_URL=url, DATABASE_PREPARED_STATEMENTS="0")
    assert on.returncode == off.returncode == 0, on.stderr + off.stderr
    # psycopg prepares only what is asked for (a threshold no query reaches), or nothing at all.
    assert (on.stdout.strip(), off.stdout.strip()) == (str(2**31 - 1), "None")


@pytest.mark.django_db
def test_pages_carry_the_security_headers(client):
    response = client.get("/healthz")
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    assert "frame-ancestors 'none'" in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs Redis: set REDIS_URL=redis://127.0.0.1:6379/0")
def test_the_cache_lives_in_redis_so_every_app_server_shares_it():
    import redis
    from django.core.cache import cache

    cache.set("shared-probe", "seen by every server", 30)
    server = redis.Redis.from_url(os.environ["REDIS_URL"])
    keys = server.keys("sco:*:shared-probe")
    assert len(keys) == 1
    assert server.ttl(keys[0]) > 0
    cache.delete("shared-probe")
    assert not server.keys("sco:*:shared-probe")


def test_every_timeout_is_a_setting_with_a_default_that_the_environment_overrides():
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "o = s.DATABASES['default']['OPTIONS']; c = s.CACHES['default']['OPTIONS']; "
        "print(s.REQUEST_TIMEOUT, o['connect_timeout'], o['options'], o['tcp_user_timeout'], o['keepalives'], "
        "c['socket_connect_timeout'], c['socket_timeout'], s.CACHE_RETRY_SECONDS)"
    )
    urls = {"DATABASE_URL": "postgres://postgres@127.0.0.1:5432/sco", "REDIS_URL": "redis://127.0.0.1:6379/0"}
    defaults = run_django(code, DJANGO_DEBUG="1", **urls)
    assert defaults.returncode == 0, defaults.stderr
    assert defaults.stdout.split() == ["4.0", "3", "-c", "statement_timeout=5000", "5000", "1", "0.1", "0.1", "5.0"]
    chosen = run_django(
        code,
        DJANGO_DEBUG="1",
        REQUEST_TIMEOUT="9",
        DATABASE_CONNECT_TIMEOUT="2",
        DATABASE_STATEMENT_TIMEOUT="8",
        DATABASE_TCP_TIMEOUT="6",
        REDIS_CONNECT_TIMEOUT="0.5",
        REDIS_TIMEOUT="0.25",
        CACHE_RETRY_SECONDS="30",
        **urls,
    )
    assert chosen.stdout.split() == ["9.0", "2", "-c", "statement_timeout=8000", "6000", "1", "0.5", "0.25", "30.0"]


def test_a_timeout_that_is_not_a_number_stops_start_up_with_a_clear_message():
    result = run_django("import django; django.setup()", DJANGO_DEBUG="1", REQUEST_TIMEOUT="soon")
    assert result.returncode != 0
    assert "REQUEST_TIMEOUT must be a number" in result.stderr


@pytest.mark.postgres
@pytest.mark.django_db
def test_postgresql_sessions_carry_the_statement_timeout():
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        assert cursor.fetchone()[0] == "5s"


def test_media_go_to_an_s3_bucket_when_one_is_configured():
    result = run_django(
        "import django; django.setup(); from django.conf import settings as s; "
        "from django.core.files.storage import storages; d = storages['default']\n"
        "from django.urls import resolve, Resolver404\n"
        "try:\n    resolve('/media/images/x.jpg'); served = True\nexcept Resolver404:\n    served = False\n"
        "print(type(d).__name__, d.bucket_name, d.url('images/x.jpg'), served, "
        "s.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src'][-1])",
        DJANGO_DEBUG="1",
        MEDIA_S3_BUCKET="sco-media",
        MEDIA_S3_ENDPOINT_URL="https://s3.example.org",
        MEDIA_S3_CUSTOM_DOMAIN="media.example.org",
        AWS_ACCESS_KEY_ID="test",
        AWS_SECRET_ACCESS_KEY="test",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "S3Storage",
        "sco-media",
        "https://media.example.org/images/x.jpg",
        "False",
        "https://media.example.org",
    ]


def test_media_stay_on_the_local_disk_and_are_served_by_the_app_by_default():
    result = run_django(
        "import django; django.setup(); from django.core.files.storage import storages; d = storages['default']; "
        "from django.urls import resolve; print(type(d).__name__, d.url('images/x.jpg'), "
        "resolve('/media/images/x.jpg').url_name)",
        DJANGO_DEBUG="1",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["FileSystemStorage", "/media/images/x.jpg", "media"]


def test_the_corrections_address_comes_from_the_environment_with_a_default():
    code = "import django; django.setup(); from django.conf import settings as s; print(s.CORRECTIONS_EMAIL)"
    configured = run_django(code, DJANGO_DEBUG="1", CORRECTIONS_EMAIL="errata@example.net")
    assert configured.returncode == 0, configured.stderr
    assert configured.stdout.strip() == "errata@example.net"
    default = run_django(code, DJANGO_DEBUG="1", CORRECTIONS_EMAIL="")
    assert default.stdout.strip() == "corrections@example.org"
