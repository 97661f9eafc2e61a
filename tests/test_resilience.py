"""The site under gunicorn when PostgreSQL goes away and comes back.

A small TCP relay stands between the app server and PostgreSQL, so the test
can cut the database off (connections refused, or accepted and never
answered) and restore it, while real requests go to a real gunicorn.
"""

import contextlib
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

    def __init__(self, target_port):
        self.target = ("127.0.0.1", target_port)
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        # "forward"; "refuse": close new connections at once; "blackhole": accept, never answer.
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

    @staticmethod
    def _pipe(source, sink):
        try:
            while data := source.recv(65536):
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
    start = time.monotonic()
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            status = response.status
    except urllib.error.HTTPError as error:
        status = error.code
    return status, time.monotonic() - start


@pytest.fixture
def relay():
    return Relay(int(connection.settings_dict.get("PORT") or 5432))


@pytest.fixture
def gunicorn(relay):
    port = free_port()
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")},
        # Production settings with finders for static files (no collectstatic needed).
        "DJANGO_SETTINGS_MODULE": "sco_site.settings.test",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:{relay.port}/{connection.settings_dict['NAME']}",
    }
    env.pop("REDIS_URL", None)
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


def test_pages_answer_503_within_seconds_when_the_database_hangs(relay, gunicorn):
    assert get(gunicorn + "/summits/")[0] == 200
    relay.mode = "blackhole"
    relay.cut_existing()
    status, seconds = get(gunicorn + "/summits/")
    assert status == 503
    assert seconds < 8  # the 3-second connect timeout, not a hang

    relay.mode = "forward"
    assert get(gunicorn + "/summits/")[0] == 200
