"""Test settings: production-like (debug off), with a fixed key and fast hashing."""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "test-key-" + "x" * 50)

from .prod import *  # noqa: E402, F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Tests read static files from the finders; no collectstatic needed.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
# The machine running the tests may be busy (a slow moment is not a failure):
# the anonymous statement limit is off here, and its own tests
# (tests/test_statement_timeout.py) turn it on with the production value.
ANONYMOUS_STATEMENT_TIMEOUT = 0
WHITENOISE_AUTOREFRESH = True
