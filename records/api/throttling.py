"""API throttling: one counter per caller, one cache round trip per request.

Anonymous callers are counted per client address at `API_THROTTLE_ANON`,
callers with a token or a session per user at `API_THROTTLE_USER`; rates are
read from settings at request time (DRF reads its own once, at import), so
the operator and a test's `override_settings` decide them. Counting is by
fixed window (records.counters); when the cache is down, requests go through
unthrottled rather than failing.
"""

from django.conf import settings
from rest_framework.throttling import BaseThrottle

from records.counters import count_hit, window

PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_rate(rate):
    """ "120/min" → (120, 60): the number of requests allowed and the period in seconds."""
    number, period = rate.split("/")
    return int(number), PERIODS[period.strip()[0]]


def client_address(request):
    """The caller's address: REMOTE_ADDR, or the one `DJANGO_PROXY_COUNT` trusted proxies saw."""
    return BaseThrottle().get_ident(request)


class CallerRateThrottle(BaseThrottle):
    """Per user for authenticated callers, per client address for the rest."""

    def allow_request(self, request, view):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            scope, ident, rate = "user", user.pk, settings.API_THROTTLE_USER
        else:
            scope, ident, rate = "anon", self.get_ident(request), settings.API_THROTTLE_ANON
        limit, seconds = parse_rate(rate)
        index, self.remaining = window(seconds)
        count = count_hit(f"throttle:{scope}:{ident}:{seconds}:{index}", seconds)
        return count is None or count <= limit

    def wait(self):
        return self.remaining
