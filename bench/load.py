"""Load drivers: wrk when it is installed, else a small Python client.

Both send the same requests — a list of paths taken in turn, or a walk that
follows each response's `next` link — for a bounded time (and, for the
Python client, a bounded number of requests), and return the same numbers:
completed requests, elapsed seconds, p50/p99 latency, failures.
"""

import http.client
import json
import re
import shutil
import statistics
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass, field

NEXT_LINK = re.compile(rb'"next":"https?://[^/"]+([^"]*)"')


@dataclass
class Scenario:
    """What one measurement requests: `paths` in turn, or a walk from `paths[0]` by `next` links."""

    name: str
    paths: list
    headers: dict = field(default_factory=dict)
    walk: bool = False
    expect: int = 200
    # Which of our servers answers: "ours" builds every response, "kept" may answer from its cache.
    side: str = "ours"
    # Also measure the floor that keeps its count (the lists).
    counted: bool = False


@dataclass
class LoadResult:
    requests: int
    seconds: float
    p50_ms: float
    p99_ms: float
    failures: int
    driver: str
    p95_ms: float | None = None

    @property
    def per_second(self):
        return self.requests / self.seconds if self.seconds else 0.0


def run(scenario, *, host, port, host_header, seconds, connections, max_requests=None, driver=None):
    """Load `scenario` on host:port; wrk unless `driver="python"` or wrk is missing or requests are capped."""
    if driver != "python" and max_requests is None and shutil.which("wrk"):
        options = {"host": host, "port": port, "host_header": host_header, "seconds": seconds}
        return run_wrk(scenario, connections=connections, **options)
    return run_python(
        scenario,
        host=host,
        port=port,
        host_header=host_header,
        seconds=seconds,
        connections=connections,
        max_requests=max_requests,
    )


# wrk ------------------------------------------------------------------------

WRK_SCRIPT = """
local paths = %(paths)s
local walk = %(walk)s
local expect = %(expect)d
local headers = %(headers)s
local counter = 0
local next_path = nil
failures = 0  -- global: done() reads it from each thread

request = function()
  local path
  if walk then
    path = next_path or paths[1]
  else
    counter = counter + 1
    path = paths[(counter - 1) %% #paths + 1]
  end
  return wrk.format("GET", path, headers)
end

response = function(status, hdrs, body)
  if status ~= expect then failures = failures + 1 end
  if walk then
    local found = body and body:match('"next":"https?://[^/"]+([^"]*)"')
    next_path = found
  end
end

function setup(thread)
  table.insert(threads, thread)
end

threads = {}

done = function(summary, latency, requests)
  local failed = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  for _, thread in ipairs(threads) do failed = failed + thread:get("failures") end
  io.write(string.format(
    'BENCH_JSON {"requests": %%d, "seconds": %%f, "p50_us": %%d, "p99_us": %%d, "failures": %%d}\\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50), latency:percentile(99), failed))
end
"""


def lua_string(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def run_wrk(scenario, *, host, port, host_header, seconds, connections):
    headers = {"Host": host_header, **scenario.headers}
    script = WRK_SCRIPT % {
        "paths": "{" + ", ".join(lua_string(path) for path in scenario.paths) + "}",
        "walk": "true" if scenario.walk else "false",
        "expect": scenario.expect,
        "headers": "{" + ", ".join(f"[{lua_string(k)}] = {lua_string(v)}" for k, v in headers.items()) + "}",
    }
    with tempfile.NamedTemporaryFile("w", suffix=".lua") as file:
        file.write(script)
        file.flush()
        command = [
            "wrk",
            f"-t{connections}",
            f"-c{connections}",
            f"-d{max(1, round(seconds))}s",
            "--timeout",
            "30s",
            "-s",
            file.name,
            f"http://{host}:{port}{scenario.paths[0]}",
        ]
        output = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 60, check=True).stdout
    line = next(line for line in output.splitlines() if line.startswith("BENCH_JSON "))
    data = json.loads(line.removeprefix("BENCH_JSON "))
    return LoadResult(
        requests=data["requests"],
        seconds=data["seconds"],
        p50_ms=data["p50_us"] / 1000,
        p99_ms=data["p99_us"] / 1000,
        failures=data["failures"],
        driver="wrk",
    )


# Python ---------------------------------------------------------------------


def run_python(scenario, *, host, port, host_header, seconds, connections, max_requests=None):
    """Keep-alive connections in threads; stop at `seconds` or after `max_requests` in all."""
    latencies, failures = [], []
    lock = threading.Lock()
    budget = [max_requests if max_requests is not None else float("inf")]
    deadline = time.monotonic() + seconds
    headers = {"Host": host_header, **scenario.headers}

    def take_turn():
        with lock:
            if budget[0] <= 0 or time.monotonic() >= deadline:
                return False
            budget[0] -= 1
            return True

    def client(offset):
        connection = http.client.HTTPConnection(host, port, timeout=60)
        counter, next_path = offset, None
        while take_turn():
            if scenario.walk:
                path = next_path or scenario.paths[0]
            else:
                path = scenario.paths[counter % len(scenario.paths)]
                counter += 1
            started = time.perf_counter()
            try:
                connection.request("GET", path, headers=headers)
                response = connection.getresponse()
                body = response.read()
                status = response.status
            except (OSError, http.client.HTTPException):
                connection.close()
                connection = http.client.HTTPConnection(host, port, timeout=60)
                body, status = b"", 0
            elapsed = time.perf_counter() - started
            with lock:
                latencies.append(elapsed)
                if status != scenario.expect:
                    failures.append(status)
            if scenario.walk:
                match = NEXT_LINK.search(body)
                next_path = match.group(1).decode() if match else None
        connection.close()

    started = time.monotonic()
    threads = [threading.Thread(target=client, args=(number,), daemon=True) for number in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    return LoadResult(
        requests=len(latencies),
        seconds=elapsed,
        p50_ms=percentile(latencies, 50) * 1000,
        p99_ms=percentile(latencies, 99) * 1000,
        failures=len(failures),
        driver="python",
        p95_ms=percentile(latencies, 95) * 1000,
    )


def percentile(values, percent):
    if not values:
        return 0.0
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[percent - 1] if percent < 100 else max(values)
