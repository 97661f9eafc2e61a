"""The benchmark: our site under gunicorn against the floor (bench/floor.py), on
PostgreSQL with 100,000 demo articles.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/sco_bench REDIS_URL=redis://127.0.0.1:6379/3 make bench

Generates the demo data if the database does not hold exactly that many demo
articles, starts the apps with gunicorn (`-k gthread -w 2 --threads 4`, our
production settings) — ours building every response (RESPONSE_CACHE_SECONDS=0),
ours with its response cache (the "kept" rows), the floor, and the floor
keeping its count ("without COUNT") — checks that both floors return the same
bytes as our API, then loads each scenario for a bounded time and prints and writes
bench/RESULTS.md: requests per second, p50/p99 under load, p50/p95 of one
client alone, CPU milliseconds per request (gunicorn workers + PostgreSQL
backends, from /proc) for ours and the floor, their ratio, and our SQL
queries per request.

Environment: BENCH_ARTICLES (100000), BENCH_SECONDS per run (8),
BENCH_CONNECTIONS (4), BENCH_LABEL (the section of RESULTS.md to write,
"latest"), BENCH_ONLY (comma-separated scenario names), BENCH_DRIVER
(`python` to use the bundled client instead of wrk), BENCH_MEMORY_REQUESTS
(20000; 0 skips it): after the scenarios, that many requests mixing every
scenario's paths (but the deep page by number) are sent to our app building
every response, and each worker's resident memory is reported before and after.
"""

import datetime
import os
import platform
import secrets
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import cpu, load, servers  # noqa: E402
from bench.results import render_section, write_section  # noqa: E402
from bench.scenarios import build_scenarios, deep_cursor_path, search_words  # noqa: E402

ARTICLES = int(os.environ.get("BENCH_ARTICLES", "100000"))
SECONDS = float(os.environ.get("BENCH_SECONDS", "8"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "4"))
LABEL = os.environ.get("BENCH_LABEL", "latest")
HOST = "127.0.0.1"
# A single request slower than this is measured with a bounded number of requests.
SLOW_SECONDS = 0.5
MEMORY_REQUESTS = int(os.environ.get("BENCH_MEMORY_REQUESTS", "20000"))


def server_environment():
    database_url = os.environ.get("DATABASE_URL", "")
    if not database_url.startswith(("postgres://", "postgresql://")):
        sys.exit("make bench needs PostgreSQL: DATABASE_URL=postgres://postgres@127.0.0.1:5432/sco_bench make bench")
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="sco_site.settings",
        DJANGO_DEBUG="0",
        DJANGO_HTTPS="0",
        DJANGO_SECRET_KEY=os.environ.get("DJANGO_SECRET_KEY") or secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS=f"{HOST},localhost",
        # The throttle still runs on every request, it just never refuses one.
        API_THROTTLE_ANON="100000000/min",
        API_THROTTLE_USER="100000000/min",
    )
    # The deep page by number (OFFSET) takes longer than an anonymous request may (ANONYMOUS_STATEMENT_TIMEOUT):
    # it is measured, so the cap is off unless asked for.
    env.setdefault("ANONYMOUS_STATEMENT_TIMEOUT", "0")
    if not env.get("REDIS_URL"):
        print("REDIS_URL is not set: cache and throttle counters stay in each worker's memory.")
    return env


def measure(server, scenario, monitor):
    """Single-client latency first (which also warms up), then the load run with CPU sampled around it."""
    alone = load.run(scenario, host=HOST, port=server.port, host_header=HOST, seconds=3, connections=1, max_requests=20)
    slow = alone.p50_ms / 1000 > SLOW_SECONDS
    pids = server.worker_pids() + monitor.backend_pids()
    before = cpu.sample(pids)
    result = load.run(
        scenario,
        host=HOST,
        port=server.port,
        host_header=HOST,
        seconds=SECONDS,
        connections=CONNECTIONS,
        max_requests=CONNECTIONS if slow else None,
        driver=os.environ.get("BENCH_DRIVER"),
    )
    after = cpu.sample(server.worker_pids() + monitor.backend_pids())
    cpu_ms = 1000 * cpu.spent(before, after) / max(result.requests, 1)
    return {"alone": alone, "load": result, "cpu_ms": cpu_ms}


def measure_memory(server, scenarios):
    """Each worker's resident memory (MB) before and after MEMORY_REQUESTS mixed requests."""
    paths = [path for scenario in scenarios if "deep page" not in scenario.name for path in scenario.paths[:20]]
    mixed = load.Scenario("mixed", paths)
    before = [cpu.resident_mb(pid) for pid in server.worker_pids()]
    result = load.run(
        mixed,
        host=HOST,
        port=server.port,
        host_header=HOST,
        seconds=3600,
        connections=CONNECTIONS,
        max_requests=MEMORY_REQUESTS,
        driver="python",
    )
    after = [cpu.resident_mb(pid) for pid in server.worker_pids()]
    return {"requests": result.requests, "failures": result.failures, "before": before, "after": after}


def main():
    env = server_environment()
    commit = servers.git_commit()
    servers.prepare_database(env, ARTICLES)
    servers.setup_django(env)
    with servers.Monitor(env["DATABASE_URL"]) as monitor, servers.start_all(env) as running:
        ours = running["ours"]
        cursor_paths = (servers.next_path(ours.port, "/api/v1/articles/", HOST), deep_cursor_path(ours, HOST, ARTICLES))
        for floor in (running["floor"], running["floor without COUNT"]):
            servers.check_same_bytes(ours, floor, HOST, extra_paths=cursor_paths)
        scenarios = build_scenarios(ours, HOST, ARTICLES)
        only = {name for name in os.environ.get("BENCH_ONLY", "").split(",") if name}
        scenarios = [scenario for scenario in scenarios if not only or scenario.name in only]
        queries = servers.queries_per_request(scenarios, HOST)
        search = servers.search_times(search_words(ARTICLES))
        rows = []
        for scenario in scenarios:
            row = {"scenario": scenario, "queries": queries.get(scenario.name)}
            sides = [("ours", running[scenario.side]), ("floor", running["floor"])]
            if scenario.counted:
                sides.append(("floor without COUNT", running["floor without COUNT"]))
            for side, server in sides:
                row[side] = measure(server, scenario, monitor)
            print(render_section([row], header=False), flush=True)
            rows.append(row)
        memory = measure_memory(ours, scenarios) if MEMORY_REQUESTS else None
    context = {
        "label": LABEL,
        "when": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "commit": commit,
        "articles": ARTICLES,
        "seconds": SECONDS,
        "connections": CONNECTIONS,
        "cores": os.cpu_count(),
        "python": platform.python_version(),
    }
    section = render_section(rows, context=context, search=search, memory=memory)
    print(section)
    write_section(ROOT / "bench" / "RESULTS.md", LABEL, section)


if __name__ == "__main__":
    main()
