"""Throttles whose rates come from settings at request time.

DRF reads `DEFAULT_THROTTLE_RATES` once, when its throttle module is imported;
reading `API_THROTTLE_ANON` / `API_THROTTLE_USER` on each request keeps the
rates where the operator (and a test's `override_settings`) sets them.
"""

from django.conf import settings
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle


class AnonymousCallerThrottle(AnonRateThrottle):
    """Per client address, for callers without a token."""

    def get_rate(self):
        return settings.API_THROTTLE_ANON


class TokenCallerThrottle(UserRateThrottle):
    """Per user, for callers with a token or a session."""

    def get_rate(self):
        return settings.API_THROTTLE_USER
