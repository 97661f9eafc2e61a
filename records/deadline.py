"""A deadline for each request: past `REQUEST_TIMEOUT` seconds the request is
stopped and answers 503 (the site's page, or JSON under /api/), whatever it
was waiting on, so a database or cache that hangs never holds a worker.

When the deadline passes, the request's PostgreSQL connections are cut (a
query waiting on a partitioned network fails at once) and `RequestTimedOut`
is raised where the request stands. The connections are closed at the end of
the request, so the next one starts with fresh ones.

The deadline is a SIGALRM timer, so it runs in the request's own thread: it
works in gunicorn's sync workers (the production set-up, gunicorn.conf.py)
and in tests, and stays off in threaded servers, where signals cannot reach
the request's thread.
"""

import contextlib
import logging
import signal
import socket
import threading

from django.conf import settings
from django.db import OperationalError, connections
from django.db import connection as default_connection

from records.middleware import database_unavailable_response

logger = logging.getLogger(__name__)


class RequestTimedOut(OperationalError):
    """The request passed REQUEST_TIMEOUT (an OperationalError, so it answers 503 like one)."""


def cut_database_connections():
    """Shut the sockets of this thread's open PostgreSQL connections."""
    for connection in connections.all(initialized_only=True):
        pgconn = getattr(getattr(connection, "connection", None), "pgconn", None)
        if pgconn is None:
            continue
        try:
            # shutdown() acts on the connection itself; closing the duplicate leaves psycopg's fd alone.
            duplicate = socket.fromfd(pgconn.socket, socket.AF_INET, socket.SOCK_STREAM)
        except Exception:  # already closed
            continue
        with duplicate, contextlib.suppress(OSError):
            duplicate.shutdown(socket.SHUT_RDWR)


class RequestDeadlineMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = settings.REQUEST_TIMEOUT
        if not seconds or threading.current_thread() is not threading.main_thread():
            return self.get_response(request)
        expired = []

        def on_deadline(signum, frame):
            expired.append(True)
            cut_database_connections()
            raise RequestTimedOut(f"The request took longer than REQUEST_TIMEOUT ({seconds} s).")

        previous = signal.signal(signal.SIGALRM, on_deadline)
        signal.setitimer(signal.ITIMER_REAL, seconds)
        try:
            response = self.get_response(request)
        except RequestTimedOut:
            response = None
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
        if expired:
            logger.error("%s %s stopped at its %s s deadline.", request.method, request.path, seconds)
            for connection in connections.all(initialized_only=True):
                with contextlib.suppress(Exception):
                    connection.close()
            # The timeout may surface as a 500 from any layer (middleware errors become responses there).
            if response is None or response.status_code >= 500:
                response = database_unavailable_response(request)
        return response


# --- database time of anonymous requests -------------------------------------


def statement_timeout_ms(request):
    """The statement time limit, in milliseconds, for what `request` runs now:
    ANONYMOUS_STATEMENT_TIMEOUT for anonymous visitors, DATABASE_STATEMENT_TIMEOUT
    for signed-in users and API callers with a valid token (the API sets the
    request's user once it has authenticated the caller)."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return global_timeout_ms()
    return int(settings.ANONYMOUS_STATEMENT_TIMEOUT * 1000)


class StatementLimit:
    """A database execute wrapper that gives each statement of a request the
    requester's time limit (PostgreSQL's `statement_timeout`).

    Between requests a connection keeps DATABASE_STATEMENT_TIMEOUT (its
    connection option); the tighter limit is set before the first statement
    that needs it and restored when the request ends, so nothing else that uses
    the connection (a command, a test's clean-up) inherits it."""

    def __init__(self, request):
        self.request = request
        self.limited = {}  # id of a raw connection → (the connection, its limit in ms)

    def __call__(self, execute, sql, params, many, context):
        wanted = statement_timeout_ms(self.request)
        raw = context["connection"].connection
        current = self.limited.get(id(raw), (raw, global_timeout_ms()))[1]
        if wanted != current:
            context["cursor"].cursor.execute(f"SET statement_timeout = {int(wanted)}")
            self.limited[id(raw)] = (raw, wanted)
        return execute(sql, params, many, context)

    def restore(self):
        """Give the connections their own limit back (closing one that cannot take it)."""
        for raw, limit in self.limited.values():
            if limit == global_timeout_ms() or raw.closed:
                continue
            try:
                raw.execute(f"SET statement_timeout = {global_timeout_ms()}")
            except Exception:
                # In a failed transaction the SET waits for its rollback, which undoes the limit too.
                if not default_connection.in_atomic_block:
                    logger.warning("A connection could not get its statement time limit back; closing it.")
                    default_connection.close()
        self.limited.clear()


def global_timeout_ms():
    return int(settings.DATABASE_STATEMENT_TIMEOUT * 1000)


class AnonymousStatementTimeoutMiddleware:
    """No anonymous request may hold the database longer than
    ANONYMOUS_STATEMENT_TIMEOUT per statement, whatever its parameters: past
    it PostgreSQL cancels the statement and the request answers 503 (the
    site's page, or JSON under /api/). Signed-in users and API callers with a
    valid token keep DATABASE_STATEMENT_TIMEOUT. Kept public responses never
    reach this."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not settings.ANONYMOUS_STATEMENT_TIMEOUT or default_connection.vendor != "postgresql":
            return self.get_response(request)
        # Who signed in is settled first (a session lookup), outside the limit's wrapper.
        getattr(getattr(request, "user", None), "is_authenticated", False)
        limit = StatementLimit(request)
        try:
            with default_connection.execute_wrapper(limit):
                return self.get_response(request)
        finally:
            limit.restore()
