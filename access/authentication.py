"""`Authorization: Token <key>` against hashed, expiring, revocable tokens,
with failed attempts limited per client address.

Every request whose key matches no usable token counts against its address;
past `API_THROTTLE_AUTH_FAILURES` (e.g. `10/min`) the address gets 429 with
`Retry-After` for any token until the window ends, so keys cannot be guessed
by the thousand. The counters live in the cache (records.counters): when the
cache is down, attempts are not limited rather than refused.
"""

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication

from records.api.throttling import client_address, parse_rate
from records.counters import count_hit, read_count, window

from .models import ApiToken, hash_key


class HashedTokenAuthentication(TokenAuthentication):
    keyword = "Token"

    def authenticate(self, request):
        self.request = request
        return super().authenticate(request)

    def _failure_key(self):
        limit, seconds = parse_rate(settings.API_THROTTLE_AUTH_FAILURES)
        index, remaining = window(seconds)
        return f"authfail:{client_address(self.request)}:{seconds}:{index}", limit, seconds, remaining

    def authenticate_credentials(self, key):
        failure_key, limit, seconds, remaining = self._failure_key()
        failures = read_count(failure_key)
        if failures is not None and failures >= limit:
            detail = gettext("Too many failed authentications from this address.")
            raise exceptions.Throttled(wait=remaining, detail=detail)
        token = (
            ApiToken.objects.usable()
            .select_related("user")
            .filter(key_hash=hash_key(key), user__is_active=True)
            .first()
        )
        if token is None:
            count_hit(failure_key, seconds)
            raise exceptions.AuthenticationFailed(gettext("Invalid, expired or revoked token."))
        token.record_use(timezone.now())
        return token.user, token
