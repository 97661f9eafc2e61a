"""Counters in the shared cache (Redis in production) for throttles and
failed-login limits: one round trip per count, and never an error when the
cache is unreachable.

When the cache fails, the failure is logged once and the cache is left alone
for `CACHE_RETRY_SECONDS`: callers get `None` (throttles then let requests
through: degraded, not dead) instead of paying a timeout on every request.
After that the next count tries the cache again, so service recovers without
a restart.
"""

import logging
import time

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

# What a cache that is down, hanging or refusing raises.
CACHE_ERRORS = (RedisError, OSError)

_down_until = 0.0


def cache_is_resting():
    """True while a recent failure keeps us from asking the cache again."""
    return time.monotonic() < _down_until


def cache_failed(error):
    """Note a cache failure: log it (once per pause) and pause cache use."""
    global _down_until
    if not cache_is_resting():
        logger.error(
            "Cache unavailable (%s: %s); throttles let requests through for %s s.",
            type(error).__name__,
            error,
            settings.CACHE_RETRY_SECONDS,
        )
    _down_until = time.monotonic() + settings.CACHE_RETRY_SECONDS


def cache_recovered():
    global _down_until
    _down_until = 0.0


def window(seconds, now=None):
    """(index of the current fixed window, seconds until it ends)."""
    now = time.time() if now is None else now
    return int(now // seconds), seconds - (now % seconds)


def count_hit(key, seconds):
    """Add one to `key`, which expires after `seconds`; the new count, or None if the cache is down."""
    if cache_is_resting():
        return None
    cache = caches["default"]
    try:
        if isinstance(cache, RedisCache):
            # INCR and EXPIRE pipelined: one round trip. Django's RedisCache
            # stores integers as plain Redis integers, so cache.get() reads them.
            full_key = cache.make_and_validate_key(key)
            pipe = cache._cache.get_client(full_key, write=True).pipeline(transaction=False)
            pipe.incr(full_key)
            pipe.expire(full_key, int(seconds) + 1)
            count, _ = pipe.execute()
            return int(count)
        cache.add(key, 0, timeout=int(seconds) + 1)
        try:
            return cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, timeout=int(seconds) + 1)
            return 1
    except CACHE_ERRORS as error:
        cache_failed(error)
        return None


def safely(operation, default=None):
    """`operation()` on the cache, or `default` when the cache is down or resting."""
    if cache_is_resting():
        return default
    try:
        result = operation()
    except CACHE_ERRORS as error:
        cache_failed(error)
        return default
    cache_recovered()
    return result


def read_count(key):
    """The count under `key` (0 when none), or None if the cache is down."""
    return safely(lambda: int(caches["default"].get(key) or 0))


def cache_status():
    """ "up" or "down", asking the cache itself (for /healthz)."""
    try:
        caches["default"].get("healthz-probe")
    except CACHE_ERRORS as error:
        cache_failed(error)
        return "down"
    cache_recovered()
    return "up"
