"""Settings for SCO Records, driven by environment variables (see README).

When this package itself is the settings module (the default,
`sco_site.settings`), `DJANGO_DEBUG=1` selects the development settings and
anything else the production ones, so development defaults never reach
production. A submodule named directly (`sco_site.settings.test`) is used as is.
"""

import os

from .env import env_bool

if os.environ.get("DJANGO_SETTINGS_MODULE", "sco_site.settings") == "sco_site.settings":
    if env_bool("DJANGO_DEBUG", default=False):
        from .dev import *  # noqa: F403
    else:
        from .prod import *  # noqa: F403
