"""Statements compiled once per shape, run with each request's values.

Building a queryset and compiling it to SQL costs more CPU than running a
small statement on an index. A query whose shape depends only on a few things
(the record type, what the caller may see, how many records it is about) is
built once per process with stand-in values for the rest (the ids, the time
and, for a search, its words) and afterwards run with the request's values in
their places.

Rows come back as the database driver gives them, without Django's
converters: use it for plain columns (numbers and text).

On PostgreSQL the statement is also prepared on the server, once per
connection (psycopg's `prepare=True`): a record page's linked lists are one
UNION of a dozen parts, which took the server longer to plan than to run.
The rest of the site sends its queries with their values in place (Django's
default, client-side binding), which keeps them usable behind a connection
pooler; a prepared statement only lives as long as the persistent connection
that prepared it, and psycopg prepares it again on a new one.
"""

import datetime
import itertools
import re

from django.db import connections
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

# Values no real query holds: found again among the compiled parameters.
STANDIN_NOW = datetime.datetime(1901, 2, 3, 4, 5, 6, 789012, tzinfo=datetime.UTC)
STANDIN_ID_BASE = -1_000_000_007
# Letters and hyphens only, so that a LIKE pattern holds it as it is (nothing to escape).
STANDIN_TEXT = "sco-standin-text-qzxj"
# Shapes kept per process; more (a rare mix of `fields=` and page sizes) start the cache again.
MAX_SHAPES = 512

_statements = {}


def standin_ids(count):
    return [STANDIN_ID_BASE - number for number in range(count)]


class NotCompilable(Exception):
    """A stand-in value did not reach the compiled statement as a parameter of its own."""


class Statement:
    """A compiled statement and, for each of its parameters, where its value comes from."""

    def __init__(self, queryset, count):
        connection = connections[queryset.db]
        sql, params = queryset.query.get_compiler(using=queryset.db).as_sql()
        ids = {value: number for number, value in enumerate(standin_ids(count))}
        adapted_now = connection.ops.adapt_datetimefield_value(STANDIN_NOW)
        self.using, self.sql, self.slots = queryset.db, sql, []
        # PostgreSQL's own placeholders, numbered once here rather than found again in
        # the text on every run (psycopg keeps that work only for short statements).
        self.native_sql = native_placeholders(sql) if connection.vendor == "postgresql" else None
        seen = set()
        for value in params:
            if isinstance(value, int) and not isinstance(value, bool) and value in ids:
                self.slots.append(("id", ids[value]))
                seen.add(value)
            elif value == STANDIN_NOW:
                self.slots.append(("now", False))
            elif isinstance(value, str) and value == adapted_now:  # SQLite: the time as text
                self.slots.append(("now", True))
            elif isinstance(value, str) and STANDIN_TEXT in value:
                # The text itself, or a LIKE pattern around it (`%text%`), which takes the text escaped.
                self.slots.append(("text", value.partition(STANDIN_TEXT)[::2]))
            else:
                self.slots.append(("value", value))
        if seen != set(ids):
            raise NotCompilable(f"{len(ids) - len(seen)} stand-in id(s) did not reach the parameters")
        self.takes_text = any(kind == "text" for kind, _ in self.slots)

    def rows(self, ids, now, text=None, named=False):
        """The statement's rows for `ids` (as many as it was built for) at the time `now`, with `text`
        where it was built with STANDIN_TEXT: tuples, or dicts by column name (`named`)."""
        connection = connections[self.using]
        adapted_now = connection.ops.adapt_datetimefield_value(now)
        if (text is not None) != self.takes_text:
            raise ValueError("`text` goes to exactly the statements built with STANDIN_TEXT")
        params = []
        for kind, value in self.slots:
            if kind == "id":
                params.append(ids[value])
            elif kind == "now":
                params.append(adapted_now if value else now)  # `value`: whether it was adapted
            elif kind == "text":
                before, after = value
                params.append(f"{before}{connection.ops.prep_for_like_query(text)}{after}" if before or after else text)
            else:
                params.append(value)
        with preparing_cursor(connection) as cursor:
            cursor.execute(self.native_sql if is_preparing(cursor) else self.sql, params)
            rows = cursor.fetchall()
            if named:
                names = [column[0] for column in cursor.description]
                rows = [dict(zip(names, row, strict=True)) for row in rows]
            return rows


_PLACEHOLDERS = re.compile(r"%%|%s")


def native_placeholders(sql):
    """Django's `%s` placeholders as PostgreSQL's `$1`, `$2`, …, and `%%` as `%`."""
    numbers = itertools.count(1)
    return _PLACEHOLDERS.sub(lambda match: "%" if match[0] == "%%" else f"${next(numbers)}", sql)


def django_placeholders(sql):
    """The reverse of `native_placeholders`, for the query log."""
    return re.sub(r"\$\d+", "%s", sql.replace("%", "%%"))


def preparing_cursor(connection):
    """A cursor of `connection` whose statements the server prepares (PostgreSQL with psycopg 3):
    it takes PostgreSQL's `$n` placeholders, and is wrapped as Django's own cursors are (execute
    wrappers, error translation and query logging apply). Elsewhere, Django's usual cursor."""
    if connection.vendor != "postgresql" or PreparingCursor is None:
        return connection.cursor()
    connection.ensure_connection()
    with connection.wrap_database_errors:
        cursor = PreparingCursor(connection.connection)
    if connection.queries_logged:
        connection.validate_thread_sharing()
        return LoggedPreparedCursor(cursor, connection)
    return connection._prepare_cursor(cursor)


def is_preparing(cursor):
    return PreparingCursor is not None and isinstance(cursor.cursor, PreparingCursor)


def _preparing_cursor_classes():
    try:
        from django.db.backends.postgresql.base import CursorDebugWrapper
        from psycopg import RawCursor
    except ImportError:  # psycopg 2, or no PostgreSQL driver at all
        return None, None

    class PreparingCursor(RawCursor):
        """`$n` placeholders, values bound on the server, and the statement prepared there on its
        first run."""

        def execute(self, query, params=None, *, prepare=None, binary=None):
            return super().execute(query, params, prepare=True, binary=binary)

    class LoggedPreparedCursor(CursorDebugWrapper):
        """Django's query log (DEBUG, tests) with the statement's values in place: psycopg keeps
        no query text of its own for a prepared statement's run."""

        def execute(self, sql, params=None):
            with self.debug_sql(self.db.ops.compose_sql(django_placeholders(sql), params), params):
                return self._execute_with_wrappers(sql, params, many=False, executor=self._execute)

    return PreparingCursor, LoggedPreparedCursor


PreparingCursor, LoggedPreparedCursor = _preparing_cursor_classes()


def statement(key, count, build):
    """The statement of shape `key` for `count` ids: `build(ids, now)` gives its queryset (called once,
    with stand-ins), after which the compiled SQL is reused."""
    slot = (key, count)
    compiled = _statements.get(slot)
    if compiled is None:
        if len(_statements) >= MAX_SHAPES:
            _statements.clear()
        compiled = _statements[slot] = Statement(build(standin_ids(count), STANDIN_NOW), count)
    return compiled


def as_date(value):
    """A date column's value (SQLite gives text)."""
    return parse_date(value) if isinstance(value, str) else value


def as_datetime(value):
    """A time column's value, aware (SQLite gives text, or a naive datetime where the
    column keeps its declared type, both in UTC)."""
    if isinstance(value, str):
        value = parse_datetime(value)
    if value is not None and timezone.is_naive(value):
        value = timezone.make_aware(value, datetime.UTC)
    return value
