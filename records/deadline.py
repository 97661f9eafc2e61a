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
