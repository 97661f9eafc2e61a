"""The floor: the least work that can answer the benchmark's requests.

A plain WSGI app — a psycopg_pool connection, one SQL statement per request,
orjson — that returns the same bytes as our API for the article list and
detail (the benchmark checks this before measuring). Whatever our app costs
beyond this is the price of the framework and of our own code; the
benchmark reports it as a ratio.

    gunicorn 'bench.floor:make_application()'     # reads DATABASE_URL

It has no Django, DRF or template import on purpose.
"""

import base64
import hashlib
import html
import json
import os
import re
from urllib import parse

import orjson

PAGE_SIZE, MAX_PAGE_SIZE = 20, 100
PUBLISHED = "{t}.status = 'published' AND ({t}.publish_at IS NULL OR {t}.publish_at <= now())"

# Related lists of an article: (key, table, through table, column in the through table,
# label column, API prefix, ORDER BY, publishable) — the models' default orderings.
RELATED = (
    ("topics", "records_topic", "records_article_topics", "topic_id", "name", "topics", "r.name", False),
    (
        "summits",
        "records_summit",
        "records_article_summits",
        "summit_id",
        "title",
        "summits",
        "r.starts_on DESC, r.title",
        True,
    ),
    ("officials", "records_official", "records_article_officials", "official_id", "name", "officials", "r.name", True),
    (
        "member_states",
        "records_memberstate",
        "records_article_member_states",
        "memberstate_id",
        "name",
        "member-states",
        "r.name",
        True,
    ),
    (
        "initiatives",
        "records_initiative",
        "records_article_initiatives",
        "initiative_id",
        "name",
        "initiatives",
        "r.starts_on DESC NULLS LAST, r.name",
        True,
    ),
    (
        "organizations",
        "records_organization",
        "records_article_organizations",
        "organization_id",
        "name",
        "organizations",
        "r.name",
        True,
    ),
)
ARTICLE_COLUMNS = (
    "a.slug, a.status, a.publish_at, a.summary, a.title, a.authors, a.original_url, a.original_published_on, "
    "a.original_published_on_precision, a.language, a.text_language, a.republished_by, a.republished_on, "
    "a.republished_url, a.lead_image_id, a.body, a.created_at, a.updated_at"
)
# An article's sources, in the order of its numbered references (Source.Meta.ordering).
SOURCES = (
    "(SELECT coalesce(json_agg(json_build_array(s.id, s.title, s.publisher, s.published_on, s.published_on_precision, "
    "s.url, c.slug, c.title, s.note, {cited_visible}) ORDER BY s.published_on ASC NULLS LAST, s.title, s.id), '[]') "
    "FROM records_article_sources x JOIN records_source s ON s.id = x.source_id "
    "LEFT JOIN records_article c ON c.id = s.article_id WHERE x.article_id = a.id) AS sources"
)
# The list order; our API adds the id as the last key of every order (records.api.keyset).
ORDER = "a.original_published_on DESC NULLS LAST, a.title"
LIST_ORDER = f"{ORDER}, a.id"
CURSOR_KEYS = "-original_published_on,title,pk"


def related_columns():
    columns = []
    for key, table, through, column, label, _, order, publishable in RELATED:
        visible = f" AND {PUBLISHED.format(t='r')}" if publishable else ""
        columns.append(
            f"(SELECT coalesce(json_agg(json_build_array(r.slug, r.{label}) ORDER BY {order}), '[]') "
            f"FROM {through} x JOIN {table} r ON r.id = x.{column} WHERE x.article_id = a.id{visible}) AS {key}"
        )
    return ", ".join(columns)


SOURCE = f"CASE WHEN {PUBLISHED.format(t='s')} THEN json_build_array(s.slug, s.name) END AS source"
COLUMNS = f"{ARTICLE_COLUMNS}, {SOURCE}, {related_columns()}, " + SOURCES.format(
    cited_visible=f"coalesce({PUBLISHED.format(t='c')}, false)"
)
SOURCE_JOIN = "LEFT JOIN records_organization s ON s.id = a.source_id"
COUNT_SQL = f"SELECT count(*) FROM records_article a WHERE {PUBLISHED.format(t='a')}"
COUNT = f"({COUNT_SQL}) AS total"
# The page's ids first, so that the related lists are built for its rows only, not for the skipped ones.
# {total}: the COUNT, or NULL when the floor keeps its count; {after}: a keyset position.
LIST_SQL = (
    f"WITH page AS (SELECT a.id FROM records_article a WHERE {PUBLISHED.format(t='a')}{{after}} "
    f"ORDER BY {LIST_ORDER} LIMIT %(limit)s OFFSET %(offset)s) "
    f"SELECT {{total}}, a.id, {COLUMNS} FROM page JOIN records_article a ON a.id = page.id {SOURCE_JOIN} "
    f"ORDER BY {LIST_ORDER}"
)
# After a position (original_published_on, title, id), as our API asks for it: the range of dates
# from the position's, then (only when it runs out) the articles without a date.
AFTER_DATED = (
    " AND a.original_published_on <= %(on)s AND (a.original_published_on < %(on)s OR "
    "(a.original_published_on = %(on)s AND (a.title > %(title)s OR (a.title = %(title)s AND a.id > %(id)s))))"
)
AFTER_UNDATED = (
    " AND a.original_published_on IS NULL AND a.title >= %(title)s AND (a.title > %(title)s "
    "OR (a.title = %(title)s AND a.id > %(id)s))"
)
ALL_UNDATED = " AND a.original_published_on IS NULL"
DETAIL_SQL = f"SELECT {COLUMNS} FROM records_article a {SOURCE_JOIN} WHERE a.slug = %s AND {PUBLISHED.format(t='a')}"
# Search, as the API answers it: only the first CANDIDATES matches in list order are ranked and counted.
CANDIDATES = 1000
# The query is written out (not a CTE), so that the planner sees how common its words are.
QUERY = "websearch_to_tsquery('sco_search', %(query)s)"
MATCHES = "FROM records_article a WHERE {vector} @@ " + QUERY + " AND " + PUBLISHED.format(t="a")
SEARCH_SQL = (
    f"WITH candidates AS (SELECT a.id {MATCHES} ORDER BY {ORDER} LIMIT {CANDIDATES}), "
    "ranked AS (SELECT a.id, ts_rank({vector}, " + QUERY + ") AS rank FROM candidates c "
    "JOIN records_article a ON a.id = c.id ORDER BY rank DESC, a.id LIMIT %(limit)s OFFSET %(offset)s) "
    f"SELECT (SELECT count(*) FROM (SELECT 1 {MATCHES} LIMIT {CANDIDATES}) t) AS total, {COLUMNS} "
    f"FROM ranked JOIN records_article a ON a.id = ranked.id {SOURCE_JOIN} ORDER BY ranked.rank DESC, a.id"
)
DETAIL_PATH = re.compile(r"^/(api/v1/)?articles/([-a-zA-Z0-9_]+)/$")
JSON_HEADERS = [("Content-Type", "application/json"), ("Vary", "Accept")]


class Floor:
    """The WSGI app. `pool` has psycopg_pool's `connection()` context manager."""

    def __init__(self, pool, count=True):
        self.pool = pool
        # count=False: the floor counts once and keeps the count ("without COUNT").
        self.count, self.kept_total = count, None
        self.search_sql = SEARCH_SQL.replace("{vector}", self.search_vector())

    def search_vector(self):
        """The article's search vector: its stored column, or else the expression its GIN index is built on."""
        column = "SELECT 1 FROM pg_attribute WHERE attrelid = 'records_article'::regclass AND attname = 'search_vector'"
        if self.fetch(column, ()):
            return "a.search_vector"
        (definition,) = self.fetch("SELECT pg_get_indexdef('article_search_gin'::regclass)", ())[0]
        return definition.split(" USING gin ", 1)[1]

    def __call__(self, environ, start_response):
        path = environ.get("PATH_INFO", "")
        query = parse.parse_qs(environ.get("QUERY_STRING", ""), keep_blank_values=True)
        base = f"{environ.get('wsgi.url_scheme', 'http')}://{environ.get('HTTP_HOST', 'localhost')}"
        if path == "/search/" or (path == "/api/v1/articles/" and "search" in query):
            status, body = self.article_search(base, path, environ.get("QUERY_STRING", ""), query)
        elif path in ("/api/v1/articles/", "/articles/"):
            status, body = self.article_list(base, path, environ.get("QUERY_STRING", ""), query)
        elif match := DETAIL_PATH.match(path):
            status, body = self.article_detail(base, match.group(2))
        else:
            status, body = "404 Not Found", orjson.dumps({"detail": "Not found."})
        if status.startswith("200") and not path.startswith("/api/"):
            return respond(start_response, status, as_html(orjson.loads(body)), [("Content-Type", "text/html")])
        etag = '"' + hashlib.sha256(body).hexdigest()[:40] + '"'
        if status.startswith("200") and etag in environ.get("HTTP_IF_NONE_MATCH", ""):
            return respond(start_response, "304 Not Modified", b"", [("ETag", etag)])
        return respond(start_response, status, body, [*JSON_HEADERS, ("ETag", etag)])

    def fetch(self, sql, params):
        with self.pool.connection() as connection, connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    def article_list(self, base, path, query_string, query):
        page_size = positive_int(query.get("page_size", [""])[-1], PAGE_SIZE, MAX_PAGE_SIZE)
        url = f"{base}{path}" + (f"?{query_string}" if query_string else "")
        if "cursor" in query:
            position = json.loads(base64.urlsafe_b64decode(query["cursor"][-1] + "==="))["p"]
            rows = self.page_after(position, page_size + 1)
            page = None
        else:
            page = query.get("page", ["1"])[-1]
            page = 1 if page == "" else int(page) if page.isdigit() else 0
            params = {"limit": page_size + 1, "offset": (page - 1) * page_size}
            rows = self.list_rows("", params) if page else []
            if not rows and page != 1:
                return "404 Not Found", orjson.dumps({"detail": "Invalid page."})
        more, rows = len(rows) > page_size, rows[:page_size]
        total = len(rows) if page == 1 and not more else rows[0][0] if self.count else self.total()
        data = {
            "count": total,
            "next": cursor_link(url, rows[-1][1:]) if more else None,
            "previous": None if page == 1 else cursor_link(url, rows[0][1:], backwards=True),
            "results": [article(base, row[2:]) for row in rows],
        }
        return "200 OK", dumps(data)

    def list_rows(self, after, params):
        sql = LIST_SQL.format(total=COUNT if self.count else "NULL", after=after)
        return self.fetch(sql, params)

    def page_after(self, position, limit):
        on, title, record_id = position
        params = {"on": on, "title": title, "id": record_id, "limit": limit, "offset": 0}
        rows = self.list_rows(AFTER_DATED if on is not None else AFTER_UNDATED, params)
        if on is not None and len(rows) < limit:
            rows += self.list_rows(ALL_UNDATED, {"limit": limit - len(rows), "offset": 0})
        return rows

    def total(self):
        if self.kept_total is None:
            self.kept_total = self.fetch(COUNT_SQL, ())[0][0]
        return self.kept_total

    def article_search(self, base, path, query_string, query):
        words = (query.get("q") or query.get("search") or [""])[-1]
        page = query.get("page", ["1"])[-1]
        page = int(page) if page.isdigit() and int(page) > 0 else 1
        params = {"query": words, "limit": PAGE_SIZE, "offset": (page - 1) * PAGE_SIZE}
        rows = self.fetch(self.search_sql, params)
        total = rows[0][0] if rows else 0
        url = f"{base}{path}?{query_string}"
        data = {
            "count": total,
            "next": replace_query_param(url, "page", page + 1) if page * PAGE_SIZE < total else None,
            "previous": previous_link(url, page),
            "results": [article(base, row[1:]) for row in rows],
        }
        return "200 OK", dumps(data)

    def article_detail(self, base, slug):
        rows = self.fetch(DETAIL_SQL, (slug,))
        if not rows:
            return "404 Not Found", orjson.dumps({"detail": "No Article matches the given query."})
        return "200 OK", dumps(article(base, rows[0]))


def precise(value, precision):
    """A date at its precision, as the API writes it: "2024-07-04", "2024-07" or "2024"."""
    if value is None:
        return None
    text = value if isinstance(value, str) else value.isoformat()
    return {"year": text[:4], "month": text[:7]}.get(precision, text[:10])


def article(base, row):
    """One article as our ArticleSerializer shows it, in the same key order."""
    (slug, status, publish_at, summary, title, authors, original_url, published_on, precision) = row[:9]
    (language, text_language, republished_by, republished_on, republished_url, lead_image_id, body) = row[9:16]
    created_at, updated_at, source, *related, sources = row[16:]
    # The demo record has no pictures; the floor draws none (a record with one would not match).
    assert lead_image_id is None, "the floor does not draw lead images"
    data = {
        "url": f"{base}/api/v1/articles/{slug}/",
        "html_url": f"{base}/articles/{slug}/",
        "slug": slug,
        "status": status,
        "publish_at": publish_at,
        "summary": summary,
        "title": title,
        "source": source and {"slug": source[0], "name": source[1], "url": f"{base}/api/v1/organizations/{source[0]}/"},
        "authors": authors,
        "original_url": original_url,
        "original_published_on": precise(published_on, precision),
        "original_published_on_precision": precision,
        "language": language,
        "text_language": text_language,
        "republished_by": republished_by,
        "republished_on": republished_on,
        "republished_url": republished_url,
        "lead_image": None,
        "body": body,
    }
    for (key, _, _, _, label, prefix, _, _), items in zip(RELATED, related, strict=True):
        data[key] = [{"slug": s, label: name, "url": f"{base}/api/v1/{prefix}/{s}/"} for s, name in items]
    data["sources"] = [
        {
            "id": source_id,
            "title": source_title,
            "publisher": publisher,
            "published_on": precise(source_on, source_precision),
            "published_on_precision": source_precision,
            "url": url,
            "article": {"slug": cited, "title": cited_title, "url": f"{base}/api/v1/articles/{cited}/"}
            if cited and cited_visible
            else None,
            "note": note,
        }
        for (
            source_id,
            source_title,
            publisher,
            source_on,
            source_precision,
            url,
            cited,
            cited_title,
            note,
            cited_visible,
        ) in sources
    ]
    data["created_at"] = created_at
    data["updated_at"] = updated_at
    return data


def dumps(data):
    # Like DRF's JSONRenderer: compact, UTF-8, "Z" for UTC, U+2028/9 escaped for JavaScript.
    body = orjson.dumps(data, option=orjson.OPT_UTC_Z)
    if b"\xe2\x80\xa8" in body or b"\xe2\x80\xa9" in body:
        body = body.replace(b"\xe2\x80\xa8", b"\\u2028").replace(b"\xe2\x80\xa9", b"\\u2029")
    return body


def as_html(data):
    """A bare page of the same data, for the HTML scenarios."""
    records = data.get("results", [data])
    items = "".join(
        f'<li><a href="{html.escape(r["html_url"])}">{html.escape(r["title"])}</a> '
        f"{r['original_published_on'] or ''} <p>{html.escape(r['summary'])}</p>"
        + (r["body"] if "results" not in data else "")
        + "</li>"
        for r in records
    )
    return f'<!doctype html><html lang="en"><title>Articles</title><main><ul>{items}</ul></main></html>'.encode()


def positive_int(value, default, cutoff):
    return min(int(value), cutoff) if value.isdigit() and int(value) > 0 else default


def replace_query_param(url, key, value):
    scheme, netloc, path, query, fragment = parse.urlsplit(url)
    params = parse.parse_qs(query, keep_blank_values=True)
    params[key] = [str(value)]
    return parse.urlunsplit((scheme, netloc, path, parse.urlencode(sorted(params.items()), doseq=True), fragment))


def cursor_link(url, row, backwards=False):
    """Our API's keyset link to the position of `row` (id, article columns)."""
    position = [row[8].isoformat() if row[8] is not None else None, row[5], row[0]]
    data = {"o": CURSOR_KEYS, "p": position, **({"b": 1} if backwards else {})}
    token = base64.urlsafe_b64encode(json.dumps(data, separators=(",", ":"), ensure_ascii=False).encode())
    scheme, netloc, path, query, fragment = parse.urlsplit(url)
    params = parse.parse_qs(query, keep_blank_values=True)
    params.pop("page", None)
    params["cursor"] = [token.decode().rstrip("=")]
    return parse.urlunsplit((scheme, netloc, path, parse.urlencode(sorted(params.items()), doseq=True), fragment))


def previous_link(url, page):
    if page <= 1:
        return None
    if page > 2:
        return replace_query_param(url, "page", page - 1)
    scheme, netloc, path, query, fragment = parse.urlsplit(url)
    params = parse.parse_qs(query, keep_blank_values=True)
    params.pop("page", None)
    return parse.urlunsplit((scheme, netloc, path, parse.urlencode(sorted(params.items()), doseq=True), fragment))


def respond(start_response, status, body, headers):
    start_response(status, [*headers, ("Content-Length", str(len(body)))])
    return [body]


def conninfo(url):
    """A libpq connection string from DATABASE_URL (postgres://user@host:port/name)."""
    parts = parse.urlsplit(url)
    fields = {
        "host": parts.hostname,
        "port": parts.port,
        "user": parts.username and parse.unquote(parts.username),
        "password": parts.password and parse.unquote(parts.password),
        "dbname": parts.path.lstrip("/"),
    }
    return " ".join(f"{key}={value}" for key, value in fields.items() if value)


def make_application(count=True):
    from psycopg_pool import ConnectionPool

    pool = ConnectionPool(
        conninfo(os.environ["DATABASE_URL"]),
        min_size=1,
        max_size=int(os.environ.get("FLOOR_POOL_SIZE", "4")),
        # No prepared statements: like Django, every query is planned with its values
        # (a generic plan cannot tell a common word from a rare one).
        kwargs={"options": "-c TimeZone=UTC", "autocommit": True, "prepare_threshold": None},
        open=True,
    )
    return Floor(pool, count=count)
