"""gunicorn settings, read by `gunicorn sco_site.wsgi` from this directory.

Sync workers: each request runs in its worker's main thread, where the
request deadline (records/deadline.py, REQUEST_TIMEOUT) can interrupt a
database wait. GUNICORN_TIMEOUT is the last resort above it: a worker silent
for that long is killed and replaced.
"""

import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", "3"))
worker_class = "sync"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "15"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "15"))
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "5"))
