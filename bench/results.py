"""The results table, printed and kept in bench/RESULTS.md (one section per labelled run)."""

import re

INTRO = """# Benchmark results

Written by `make bench` (bench/run.py). Each section is one run, labelled by
`BENCH_LABEL`. "Floor" is bench/floor.py: a plain WSGI app (psycopg_pool, one
SQL statement, orjson) that returns the same bytes as our API for the list and
detail, served the same way (gunicorn `-k gthread -w 2 --threads 4`). For the
HTML pages and search it answers with the same records (bare HTML, or the
API's JSON shape; search: the newest 1,000 matches ranked, count capped).
"Floor without COUNT" is the same app keeping its count after counting once,
as our API keeps its own (records.freshness `kept_count`).

Our rows are measured against our app building every response
(RESPONSE_CACHE_SECONDS=0); only the rows named "kept:" are answered by our
app with its response cache, as in production. A section's note says where
a run measured something else.

- **req/s, p50/p99**: under load (`connections` concurrent clients, wrk).
- **alone p50/p95**: one client, one request at a time (20 requests): the
  server time a visitor sees.
- **CPU ms/req**: user + system CPU of the gunicorn workers and the PostgreSQL
  backends of the database, divided by the requests served.
- **ratio**: our CPU per request over the floor's. The machine is shared, so
  absolute numbers are noisy; the ratio measured in the same run is what
  counts.
- **queries**: our SQL statements for one request (the floor: always 1).
- **search in the database**: one page of 20 ranked article matches and their
  count (capped or not, as the code does it), timed in-process over 20 runs:
  "in the database" is the time spent running the two statements (sent, run
  and answered), ranking included; "in all" adds building the querysets and
  the records in Python.
"""

COLUMNS = (
    "scenario",
    "ours req/s",
    "ours p50 / p99 ms",
    "ours alone p50 / p95 ms",
    "ours CPU ms/req",
    "floor req/s",
    "floor p50 / p99 ms",
    "floor alone p50 / p95 ms",
    "floor CPU ms/req",
    "CPU ratio",
    "floor w/o COUNT CPU ms/req",
    "ratio w/o COUNT",
    "queries",
)


def _row(row):
    ours, floor = row["ours"], row["floor"]
    notes = []
    for side in ("ours", "floor", "floor without COUNT"):
        if side not in row:
            continue
        result = row[side]["load"]
        if result.failures:
            notes.append(f"{side}: {result.failures} unexpected answers")
        if result.driver != "wrk":
            notes.append(f"{side}: {result.requests} requests ({result.driver} client)")
    name = row["scenario"].name + (f" ({'; '.join(notes)})" if notes else "")
    ratio = ours["cpu_ms"] / floor["cpu_ms"] if floor["cpu_ms"] else float("inf")
    cells = [
        name,
        f"{ours['load'].per_second:.1f}",
        f"{ours['load'].p50_ms:.1f} / {ours['load'].p99_ms:.1f}",
        f"{ours['alone'].p50_ms:.1f} / {_p95(ours['alone']):.1f}",
        f"{ours['cpu_ms']:.1f}",
        f"{floor['load'].per_second:.1f}",
        f"{floor['load'].p50_ms:.1f} / {floor['load'].p99_ms:.1f}",
        f"{floor['alone'].p50_ms:.1f} / {_p95(floor['alone']):.1f}",
        f"{floor['cpu_ms']:.1f}",
        f"{ratio:.1f}×",
        *_without_count(row),
        "" if row["queries"] is None else str(row["queries"]),
    ]
    return "| " + " | ".join(cells) + " |"


def _without_count(row):
    if "floor without COUNT" not in row:
        return ["", ""]
    floor = row["floor without COUNT"]["cpu_ms"]
    ratio = row["ours"]["cpu_ms"] / floor if floor else float("inf")
    return [f"{floor:.1f}", f"{ratio:.1f}×"]


def render_walk(rows):
    """Each page of a walk by `next` links against our first page of the same size."""
    by_name = {row["scenario"].name: row for row in rows}
    walk, first = by_name.get("walk by next links (100 a page)"), by_name.get("API list of 100")
    if not walk or not first or not first["ours"]["cpu_ms"]:
        return []
    ratio = walk["ours"]["cpu_ms"] / first["ours"]["cpu_ms"]
    return [
        "",
        f"Walking by `next` links: {walk['ours']['cpu_ms']:.1f} CPU ms a page, {ratio:.2f}× our first page "
        f"of 100 ({first['ours']['cpu_ms']:.1f} ms).",
    ]


def _p95(result):
    return result.p95_ms if result.p95_ms is not None else result.p99_ms


def render_search(search):
    lines = [
        "",
        "| search | matches counted | in the database p50 / p95 ms | in all p50 / p95 ms |",
        "|---|---|---|---|",
    ]
    lines += [
        f"| {word} | {count:,} | {database_p50:.1f} / {database_p95:.1f} | {p50:.1f} / {p95:.1f} |"
        for word, (count, p50, p95, database_p50, database_p95) in search.items()
    ]
    return lines


def render_memory(memory):
    def mbs(values):
        return " / ".join(f"{value:.0f}" for value in values if value is not None)

    return [
        "",
        f"Memory: resident MB per worker after {memory['requests']:,} mixed requests "
        f"({memory['failures']} not answered as expected): {mbs(memory['after'])} "
        f"(before them: {mbs(memory['before'])}).",
    ]


def render_section(rows, context=None, header=True, search=None, memory=None):
    lines = []
    if context:
        lines += [
            f"## {context['label']}",
            "",
            f"{context['when']}, commit {context['commit']}: {context['articles']:,} published demo articles, "
            f"{context['seconds']:g} s per run, {context['connections']} connections, {context['cores']} cores "
            f"(shared), Python {context['python']}.",
            "",
        ]
    if header:
        lines += ["| " + " | ".join(COLUMNS) + " |", "|" + "---|" * len(COLUMNS)]
    lines += [_row(row) for row in rows]
    if context:
        lines += render_walk(rows)
    if search:
        lines += render_search(search)
    if memory:
        lines += render_memory(memory)
    return "\n".join(lines)


def write_section(path, label, section):
    """Replace the section named `label` in `path`, or add it at the end."""
    text = path.read_text() if path.exists() else INTRO
    pattern = re.compile(rf"^## {re.escape(label)}\n.*?(?=^## |\Z)", re.S | re.M)
    if pattern.search(text):
        text = pattern.sub(lambda _: section.rstrip() + "\n\n", text)
    else:
        text = text.rstrip() + "\n\n" + section.rstrip() + "\n"
    path.write_text(text.rstrip() + "\n")
