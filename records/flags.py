"""The states' flags, served from our static files.

The SVG flags come from the npm package flag-icons (MIT), copied to
static/vendor/flag-icons/ by assets/build_flags.py, which also writes
records/data/flags.json: the file of each flag by the state's ISO 3166-1
alpha-3 code. A state whose code has no flag there shows none (run the
script with its code to add it).
"""

import json
from functools import cache
from pathlib import Path

from django.templatetags.static import static

MANIFEST = Path(__file__).resolve().parent / "data" / "flags.json"


@cache
def flag_files():
    """{alpha-3 code: file name without extension}, read once per process."""
    return json.loads(MANIFEST.read_text(encoding="utf-8"))["flags"]


def flag_url(iso_code):
    """The URL of the state's flag (4:3 SVG), or "" when we have none."""
    name = flag_files().get((iso_code or "").upper())
    return static(f"vendor/flag-icons/4x3/{name}.svg") if name else ""
