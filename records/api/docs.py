"""The interactive API documentation under the site's Content-Security-Policy.

Swagger UI (SpectacularSwaggerSplitView: no inline script, assets from
drf-spectacular-sidecar) needs inline styles; only this page allows them.
"""

from csp.constants import UNSAFE_INLINE
from csp.decorators import csp_update


def docs_view(view):
    return csp_update({"style-src": [UNSAFE_INLINE]})(view)
