"""Public responses kept in the shared cache, never served stale.

Every committed write bumps one data version (records.services); a cached
response is stored under the version it was made from, so the first read
after any write builds a fresh one. A cached response also expires no later
than the next scheduled `publish_at`, so a record going live on schedule is
never hidden by a cache. Only what everyone may see is cached: responses for
anonymous readers (and API callers who may change no record type, who see
the same). When the cache is down or hangs, reads simply skip it
(records.counters keeps a failing cache from costing every request).
"""

import datetime
import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone, translation

from records.counters import safely

VERSION_KEY = "records:data-version"


def bump():
    """Mark every cached public response out of date (called after each write commits)."""

    def increment():
        try:
            cache.incr(VERSION_KEY)
        except ValueError:  # no version yet, or evicted: start from a value never used before
            cache.set(VERSION_KEY, time.time_ns(), timeout=None)

    safely(increment)


def bump_now_and_after_commit():
    """Bump for a write in progress: now, and again once it commits, so that a
    response made from the old data in between is not kept under the new version."""
    bump()
    transaction.on_commit(bump)


def current_version():
    """The data version, or None when the cache cannot be used."""

    def read():
        version = cache.get(VERSION_KEY)
        if version is None:
            cache.add(VERSION_KEY, time.time_ns(), timeout=None)
            version = cache.get(VERSION_KEY)
        return version

    return safely(read)


def next_go_live(version):
    """When the next scheduled record goes live (None if nothing is scheduled), cached per version."""
    key = f"records:next-go-live:{version}"
    stored = safely(lambda: cache.get(key))
    now = timezone.now()
    if stored is not None:
        when = None if stored == "none" else datetime.datetime.fromisoformat(stored)
        if when is None or when > now:
            return when
    when = _compute_next_go_live(now)
    timeout = settings.RESPONSE_CACHE_SECONDS if when is None else max(1, int((when - now).total_seconds()))
    safely(lambda: cache.set(key, when.isoformat() if when else "none", timeout=timeout))
    return when


def _compute_next_go_live(now):
    from records.registry import RECORD_TYPES

    times = [
        entry.model.objects.scheduled(now).order_by("publish_at").values_list("publish_at", flat=True).first()
        for entry in RECORD_TYPES
    ]
    times = [when for when in times if when is not None]
    return min(times) if times else None


def response_key(request, variant=""):
    """(cache key, data version) of this request's public response, or None when
    responses cannot be cached now."""
    if not settings.RESPONSE_CACHE_SECONDS:
        return None
    version = current_version()
    if version is None:
        return None
    # The language too: the API chooses it from Accept-Language as well as from the address.
    key = f"{variant}|{translation.get_language()}|{request.get_full_path()}"
    digest = hashlib.sha256(key.encode()).hexdigest()[:32]
    return f"records:response:{version}:{digest}", version


def fetch(key):
    return safely(lambda: cache.get(key))


def store(key, version, value):
    """Keep `value` under `key` until the next go-live or RESPONSE_CACHE_SECONDS, whichever comes first."""
    timeout = settings.RESPONSE_CACHE_SECONDS
    when = next_go_live(version)
    if when is not None:
        timeout = min(timeout, int((when - timezone.now()).total_seconds()))
    if timeout > 0:
        safely(lambda: cache.set(key, value, timeout=timeout))


def kept_count(description, count):
    """`count()`, kept in the cache per `description` (what is counted) and data version.

    A list's `count` is asked for on every page of it; counting 100,000 rows
    each time would cost more than the page. The count is kept under the data
    version it was made from (so any write makes the next reader count again)
    and until the next scheduled go-live, at most COUNT_CACHE_SECONDS. One cache
    round trip reads the version and the kept count together. Without a cache
    (down, or COUNT_CACHE_SECONDS = 0) it simply counts.
    """
    if not settings.COUNT_CACHE_SECONDS:
        return count()
    key = "records:count:" + hashlib.sha256(description.encode()).hexdigest()[:32]
    found = safely(lambda: cache.get_many([VERSION_KEY, key]))
    if found is None:
        return count()
    version = found.get(VERSION_KEY)
    if version is None:
        version = current_version()
        if version is None:
            return count()
    kept = found.get(key)
    if kept is not None and kept[0] == version and kept[2] > time.time():
        return kept[1]
    value = count()
    timeout = settings.COUNT_CACHE_SECONDS
    when = next_go_live(version)
    if when is not None:
        timeout = min(timeout, int((when - timezone.now()).total_seconds()))
    if timeout > 0:
        safely(lambda: cache.set(key, (version, value, time.time() + timeout), timeout=timeout))
    return value
