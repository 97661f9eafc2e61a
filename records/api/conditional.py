"""Conditional requests with Django's own semantics (`get_conditional_response`).

The ETag is a hash of the JSON the response carries, so it changes exactly
when what a client sees changes (related records included). Reads answer 304
to a current `If-None-Match`; writes with a stale `If-Match` answer 412
before anything is changed.
"""

import hashlib

from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import quote_etag
from rest_framework.renderers import JSONRenderer

from .exceptions import PreconditionFailed


def etag_for(content):
    return quote_etag(hashlib.sha256(content).hexdigest()[:40])


def representation_etag(data):
    """The ETag a plain JSON GET of `data` carries."""
    return etag_for(JSONRenderer().render(data))


def conditional_read(request, response):
    """Add ETag and caching headers to a JSON read; answer 304 when the client's copy is current."""
    if hasattr(response, "render"):
        response.render()
    etag = etag_for(response.content)
    response["ETag"] = etag
    # Clients may keep the response but must revalidate: nothing stale is ever served,
    # not even across a scheduled publish_at.
    patch_cache_control(response, no_cache=True)
    patch_vary_headers(response, ("Accept", "Authorization", "Cookie"))
    return get_conditional_response(request, etag=etag, response=response)


def check_preconditions(request, current_data):
    """Raise PreconditionFailed when `If-Match` does not name the record's current ETag."""
    if "HTTP_IF_MATCH" not in request.META:
        return
    response = get_conditional_response(request, etag=representation_etag(current_data))
    if response is not None and response.status_code == 412:
        raise PreconditionFailed()
