"""The benchmark's moving parts: the database with demo data, the two gunicorn
servers (ours and the floor), the byte check between them, and our SQL
queries per request."""

import contextlib
import http.client
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib import parse

import psycopg

from bench.floor import conninfo

ROOT = Path(__file__).resolve().parent.parent
GUNICORN = [sys.executable, "-m", "gunicorn", "-k", "gthread", "-w", "2", "--threads", "4", "--log-level", "warning"]
SAME_BYTES_PATHS = ("/api/v1/articles/", "/api/v1/articles/?page_size=100&page=2", "/api/v1/articles/?page=3")


def next_path(port, path, host_header):
    """The path of the `next` link of `path`'s response."""
    import json

    link = json.loads(fetch(port, path, host_header)[1])["next"]
    return link[link.index("/", link.index("//") + 2) :]


def manage(env, *args):
    # Migrations and the demo data touch 100,000 rows: no per-statement time limit for them.
    env = {**env, "DATABASE_STATEMENT_TIMEOUT": "0"}
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)


def prepare_database(env, articles):
    """Create the database if needed, migrate, collect static files, and make sure
    it holds exactly `articles` published demo articles (generating them if not)."""
    url = env["DATABASE_URL"]
    name = parse.urlsplit(url).path.lstrip("/")
    server = conninfo(url.replace(f"/{name}", "/postgres", 1))
    with psycopg.connect(server, autocommit=True) as connection:
        if not connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone():
            connection.execute(f'CREATE DATABASE "{name}"')
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "collectstatic", "--noinput", "-v0")
    with psycopg.connect(conninfo(url), autocommit=True) as connection:
        sql = "SELECT count(*) FROM records_article WHERE slug LIKE 'demo-%%' AND status = 'published'"
        present = connection.execute(sql).fetchone()[0]
        if present != articles:
            print(f"Generating {articles} demo articles (found {present})…", flush=True)
            manage(env, "generate_demo_data", "--clear", "--articles", str(articles), "--seed", "1")
        # Planner statistics and the visibility map, as autovacuum keeps them in production
        # (it may be off on a test server); quick when nothing changed.
        connection.execute("VACUUM ANALYZE")


class Monitor:
    """A connection of our own that lists the other PostgreSQL backends of the database."""

    def __init__(self, database_url):
        self.database_url = database_url

    def __enter__(self):
        self.connection = psycopg.connect(conninfo(self.database_url), autocommit=True)
        return self

    def __exit__(self, *exc):
        self.connection.close()

    def backend_pids(self):
        sql = "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
        return [row[0] for row in self.connection.execute(sql).fetchall()]


class Server:
    """One gunicorn: its master process and port."""

    def __init__(self, name, app, env, ready_path):
        self.name, self.app, self.env, self.ready_path = name, app, env, ready_path
        self.port = free_port()
        self.process = None

    def start(self):
        command = [*GUNICORN, "-b", f"127.0.0.1:{self.port}", self.app]
        self.process = subprocess.Popen(command, cwd=ROOT, env=self.env)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} stopped at start-up (exit code {self.process.returncode})")
            with contextlib.suppress(OSError):
                if fetch(self.port, self.ready_path, "127.0.0.1")[0] == 200:
                    return
            time.sleep(0.3)
        raise RuntimeError(f"{self.name} did not answer within 60 s")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def worker_pids(self):
        from bench.cpu import children

        return children(self.process.pid)


@contextlib.contextmanager
def start_all(env):
    """{"ours": our app building every response, "kept": our app with its response cache,
    "floor": the floor, "floor without COUNT": the floor keeping its count}."""
    kept_seconds = env.get("RESPONSE_CACHE_SECONDS") or "0"
    floor_env = {**env, "FLOOR_POOL_SIZE": "4"}
    servers = {
        "ours": Server("our app", "sco_site.wsgi", {**env, "RESPONSE_CACHE_SECONDS": "0"}, "/healthz"),
        "kept": Server(
            "our app, kept responses",
            "sco_site.wsgi",
            {**env, "RESPONSE_CACHE_SECONDS": kept_seconds if kept_seconds != "0" else "300"},
            "/healthz",
        ),
        "floor": Server("floor", "bench.floor:make_application()", floor_env, "/api/v1/articles/"),
        "floor without COUNT": Server(
            "floor without COUNT", "bench.floor:make_application(count=False)", floor_env, "/api/v1/articles/"
        ),
    }
    try:
        for server in servers.values():
            server.start()
        yield servers
    finally:
        for server in servers.values():
            server.stop()


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(port, path, host_header, headers=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    try:
        connection.request("GET", path, headers={"Host": host_header, **(headers or {})})
        response = connection.getresponse()
        return response.status, response.read(), dict(response.getheaders())
    finally:
        connection.close()


def check_same_bytes(ours, floor, host_header, extra_paths=()):
    """Stop unless the floor answers our API's list and detail requests with the same bytes."""
    status, body, _ = fetch(ours.port, "/api/v1/articles/", host_header)
    import json

    slugs = [record["slug"] for record in json.loads(body)["results"][:3]]
    paths = (*SAME_BYTES_PATHS, *extra_paths, *(f"/api/v1/articles/{slug}/" for slug in slugs))
    for path in paths:
        ours_status, ours_body, _ = fetch(ours.port, path, host_header)
        floor_status, floor_body, _ = fetch(floor.port, path, host_header)
        if (ours_status, ours_body) != (floor_status, floor_body):
            offset = next(
                (i for i, (a, b) in enumerate(zip(ours_body, floor_body, strict=False)) if a != b),
                min(len(ours_body), len(floor_body)),
            )
            sys.exit(
                f"The floor differs from our API at {path} (status {ours_status} vs {floor_status}, byte {offset}):\n"
                f"  ours:  {ours_body[max(0, offset - 80) : offset + 80]!r}\n"
                f"  floor: {floor_body[max(0, offset - 80) : offset + 80]!r}"
            )
    print(f"{floor.name.capitalize()} returns the same bytes as our API ({len(paths)} responses).")


def setup_django(env):
    import os

    os.environ.update(env)
    import django

    django.setup()


def queries_per_request(scenarios, host_header):
    """Our SQL queries for the first request of each scenario, counted in this process."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings

    client = Client(HTTP_HOST=host_header)
    counts = {}
    for scenario in scenarios:
        headers = {f"HTTP_{name.upper().replace('-', '_')}": value for name, value in scenario.headers.items()}
        with override_settings(RESPONSE_CACHE_SECONDS=300 if scenario.side == "kept" else 0):
            with CaptureQueriesContext(connection) as queries:
                started = time.monotonic()
                client.get(scenario.paths[0], **headers)
            if time.monotonic() - started < 1:
                # Again with warm caches, as under load (a slow page is not asked twice).
                with CaptureQueriesContext(connection) as queries:
                    client.get(scenario.paths[0], **headers)
        counts[scenario.name] = len(queries)
    return counts


def search_times(words, runs=20):
    """{word: (count, p50 ms, p95 ms, database p50 ms, database p95 ms)}: one page of ranked
    article matches and their capped count, as the API's `?search=` asks for them when it
    counts, timed in this process; "database" is the time spent in the statements' execution
    (sent, run and answered), without building the querysets and the records."""
    import statistics

    from django.db import connection

    from records.models import Article
    from records.search import search_count, search_queryset

    def cuts(samples):
        found = statistics.quantiles(samples, n=100, method="inclusive")
        return found[49], found[94]

    in_database = []

    def timed(execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            in_database[-1] += time.perf_counter() - started

    times = {}
    with connection.execute_wrapper(timed):
        for word in words:
            samples, database = [], []
            for _ in range(runs):
                in_database.append(0.0)
                queryset = Article.objects.published().select_related("source")
                started = time.perf_counter()
                list(search_queryset(queryset, word)[:20])
                count = search_count(queryset, word)
                samples.append((time.perf_counter() - started) * 1000)
                database.append(in_database[-1] * 1000)
            times[word] = (count, *cuts(samples), *cuts(database))
    return times


def git_commit():
    def git(*args):
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True).stdout.strip()

    commit = git("rev-parse", "--short", "HEAD")
    # The results file itself does not count as a change to what is measured.
    changed = git("status", "--porcelain", "--untracked-files=no", "--", ".", ":!bench/RESULTS.md")
    return commit + ("+changes" if changed else "")
