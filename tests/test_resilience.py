"""The site under gunicorn when PostgreSQL or Redis goes away and comes back.

A small TCP relay stands between the app server and PostgreSQL (or Redis), so
the test can cut it off (connections refused, or accepted and never answered)
and restore it, while real requests go to a real gunicorn.
"""

import contextlib
import json
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.db import connection

BASE_DIR = Path(__file__).resolve().parent.parent

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]


class Relay:
    """Forwards a local port to PostgreSQL; `mode` decides what happens to new connections."""

    def __init__(self, target_port, target_host="127.0.0.1"):
        self.target = (target_host, target_port)
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        # "forward"; "refuse": close new connections at once; "blackhole": accept, never answer;
        # "partition": like "blackhole", and open connections stay open but carry nothing.
        self.mode = "forward"
        self.sockets = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            if self.mode == "refuse":
                client.close()
                continue
            self.sockets.append(client)
            if self.mode == "forward":
                upstream = socket.create_connection(self.target)
                self.sockets.append(upstream)
                for a, b in ((client, upstream), (upstream, client)):
                    threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    def _pipe(self, source, sink):
        try:
            while data := source.recv(65536):
                if self.mode != "partition":
                    sink.sendall(data)
        except OSError:
            pass
        finally:
            for s in (source, sink):
                with contextlib.suppress(OSError):
                    s.shutdown(socket.SHUT_RDWR)

    def cut_existing(self):
        for s in self.sockets:
            with contextlib.suppress(OSError):
                s.shutdown(socket.SHUT_RDWR)
        self.sockets.clear()


def free_port():
    with socket.create_server(("127.0.0.1", 0)) as s:
        return s.getsockname()[1]


def get(url, timeout=15):
    """(status, seconds taken) of a GET."""
    status, seconds, _ = fetch(url, timeout)
    return status, seconds


def fetch(url, timeout=15):
    """(status, seconds taken, body) of a GET."""
    start = time.monotonic()
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            status, body = response.status, response.read()
    except urllib.error.HTTPError as error:
        status, body = error.code, error.read()
    return status, time.monotonic() - start, body


@pytest.fixture
def relay():
    return Relay(int(connection.settings_dict.get("PORT") or 5432))


@contextlib.contextmanager
def running_gunicorn(database_port, **environment):
    """A real gunicorn (one worker, production settings) on a free port; yields its base URL."""
    port = free_port()
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")},
        # Production settings with finders for static files (no collectstatic needed).
        "DJANGO_SETTINGS_MODULE": "sco_site.settings.test",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:{database_port}/{connection.settings_dict['NAME']}",
    }
    env.pop("REDIS_URL", None)
    env.update(environment)
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "sco_site.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
        cwd=BASE_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            get(base + "/robots.txt", timeout=1)
            break
        except OSError:
            time.sleep(0.1)
    try:
        yield base
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture
def gunicorn(relay):
    # Every answer built from the database: kept pages are tested on their own below.
    with running_gunicorn(relay.port, RESPONSE_CACHE_SECONDS="0") as base:
        yield base


def test_a_kept_page_still_answers_while_the_database_is_away(relay):
    with running_gunicorn(relay.port) as base:
        assert get(base + "/summits/")[0] == 200
        relay.mode = "refuse"
        relay.cut_existing()
        status, seconds = get(base + "/summits/")
        assert (status, seconds < 1) == (200, True)
        assert get(base + "/officials/")[0] == 503
        relay.mode = "forward"
        assert get(base + "/officials/")[0] == 200


def test_pages_answer_503_quickly_when_the_database_refuses_and_recover_when_it_returns(relay, gunicorn):
    assert get(gunicorn + "/summits/")[0] == 200
    assert get(gunicorn + "/healthz")[0] == 200

    relay.mode = "refuse"
    relay.cut_existing()
    for path in ("/summits/", "/healthz", "/api/v1/summits/"):
        status, seconds = get(gunicorn + path)
        assert status == 503, path
        assert seconds < 5, path

    relay.mode = "forward"
    assert get(gunicorn + "/summits/")[0] == 200
    assert get(gunicorn + "/healthz")[0] == 200


def test_pages_and_api_answer_503_within_5_seconds_when_the_network_to_the_database_partitions(relay, gunicorn):
    # Open connections stay open but nothing comes back: only client-side deadlines help.
    for path in ("/summits/", "/api/v1/summits/", "/healthz"):
        assert get(gunicorn + path)[0] == 200, path
    relay.mode = "partition"
    for path in ("/summits/", "/api/v1/summits/", "/", "/healthz"):
        status, seconds, body = fetch(gunicorn + path)
        assert status == 503, path
        assert seconds < 5, (path, seconds)
        if path.startswith("/api/"):
            assert "detail" in json.loads(body)
        elif path != "/healthz":
            assert b"<html" in body

    relay.mode = "forward"
    relay.cut_existing()
    for path in ("/summits/", "/api/v1/summits/", "/healthz"):
        assert get(gunicorn + path)[0] == 200, path


def test_pages_answer_503_within_seconds_when_the_database_hangs(relay, gunicorn):
    assert get(gunicorn + "/summits/")[0] == 200
    relay.mode = "blackhole"
    relay.cut_existing()
    status, seconds = get(gunicorn + "/summits/")
    assert status == 503
    assert seconds < 8  # the 3-second connect timeout, not a hang

    relay.mode = "forward"
    assert get(gunicorn + "/summits/")[0] == 200


# --- Redis --------------------------------------------------------------------------

REDIS_URL = os.environ.get("REDIS_URL", "")
needs_redis = pytest.mark.skipif(not REDIS_URL, reason="needs Redis: set REDIS_URL=redis://127.0.0.1:6379/0")
# Generous against a busy machine; the timeouts under test are 0.1 s, the old hang 5 s.
SLACK = 0.4


@pytest.fixture
def redis_relay():
    from urllib.parse import urlsplit

    parts = urlsplit(REDIS_URL)
    return Relay(parts.port or 6379, parts.hostname or "127.0.0.1")


def redis_at(port):
    return f"redis://127.0.0.1:{port}/{(REDIS_URL.rsplit('/', 1)[-1] or '0') if REDIS_URL else '0'}"


def health(base):
    status, _, body = fetch(base + "/healthz")
    return status, json.loads(body)


def typical_seconds(url, times=3):
    seconds = []
    for _ in range(times):
        status, took = get(url)
        assert status == 200
        seconds.append(took)
    return min(seconds)


def test_the_site_answers_normally_with_redis_at_a_closed_port(relay):
    with running_gunicorn(relay.port, REDIS_URL=redis_at(free_port())) as base:
        for path in ("/api/v1/summits/", "/api/v1/topics/", "/summits/", "/"):
            status, seconds = get(base + path)
            assert status == 200, path
            assert seconds < 2, path
        assert health(base) == (200, {"status": "ok", "database": "ok", "cache": "down"})


@needs_redis
def test_the_api_stays_fast_when_redis_refuses_or_hangs_and_recovers_without_restart(relay, redis_relay):
    import redis

    with running_gunicorn(
        relay.port, REDIS_URL=redis_at(redis_relay.port), CACHE_RETRY_SECONDS="1", API_THROTTLE_ANON="100000/min"
    ) as base:
        api = base + "/api/v1/summits/"
        usual = typical_seconds(api)
        assert health(base)[1]["cache"] == "up"

        for mode in ("refuse", "blackhole"):
            redis_relay.mode = mode
            redis_relay.cut_existing()
            for _ in range(3):
                for url in (api, base + "/summits/"):
                    status, seconds = get(url)
                    assert status == 200, (mode, url)
                    assert seconds < usual + SLACK, (mode, url, seconds)
                time.sleep(0.5)  # past CACHE_RETRY_SECONDS once: the cache is tried again, and fails fast
            assert health(base) == (200, {"status": "ok", "database": "ok", "cache": "down"}), mode

        redis_relay.mode = "forward"
        time.sleep(1.1)
        assert health(base) == (200, {"status": "ok", "database": "ok", "cache": "up"})
        server = redis.Redis.from_url(REDIS_URL)
        server.delete(*server.keys("sco:*throttle:anon:*"), "sco:none")
        assert get(api)[0] == 200
        assert server.keys("sco:*throttle:anon:*"), "throttle counters are kept in Redis again"
