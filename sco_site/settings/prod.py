"""Production: debug off, a real secret key required, HTTPS when DJANGO_HTTPS=1."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import HTTPS, SECRET_KEY

DEBUG = False

if not SECRET_KEY:
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is not 1. "
        "Generate one with: python -c 'import secrets; print(secrets.token_urlsafe(50))'"
    )

if HTTPS:
    SECURE_SSL_REDIRECT = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

SILENCED_SYSTEM_CHECKS = [
    # HSTS preload lists the domain in browsers for good: the operator's decision.
    "security.W021",
]
