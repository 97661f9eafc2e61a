"""The interactive API documentation under the site's Content-Security-Policy.

Swagger UI (SpectacularSwaggerSplitView: no inline script, assets from
drf-spectacular-sidecar) needs inline styles; only this page allows them.
"""

import functools

from csp.constants import UNSAFE_INLINE
from csp.decorators import csp_update
from django.utils import translation


def docs_view(view):
    return csp_update({"style-src": [UNSAFE_INLINE]})(view)


def in_english(view):
    """The OpenAPI document in English whatever the request's language: the help texts
    of the models and lists it quotes are marked for translation for the site's pages."""

    @functools.wraps(view)
    def english_view(request, *args, **kwargs):
        with translation.override("en"):
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
        return response

    return english_view
