"""Allow-list sanitization of the rich text stored in `body` and `description`.

Everything not listed here is dropped: scripts, event handlers, styles,
iframes, forms, and `javascript:`, `data:` or other unlisted URL schemes in
any attribute (`href`, and `cite` of `blockquote` and `q` too).

Pictures come from the image library only: an `<img>` is kept when it names a
library image (`data-image="12"`), with its `alt` and, for the editor's
preview, a `src` inside the library; any other `<img>` is removed whole. The
pages draw a kept one from the library at display, with its renditions
(records.templatetags.records_tags). `removals()` says what a save removed,
for the editor's warning.
"""

import re
from collections import Counter
from html.parser import HTMLParser

import nh3
from django.core.files.storage import default_storage

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "cite", "code", "em", "figcaption",
    "figure", "h2", "h3", "h4", "hr", "i", "img", "li", "ol", "p", "pre", "q",
    "small", "strong", "sub", "sup", "table", "tbody", "td", "th", "thead",
    "tr", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "img": {"data-image", "alt", "src"},
    # Numbering of an ordered list, as the editor writes it: start at 3, letters, Roman numerals.
    "ol": {"start", "type", "data-type"},
    "blockquote": {"cite"},
    "q": {"cite"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
}
# The attribute naming a library image in rich text: `<img data-image="12">`.
IMAGE_ATTRIBUTE = "data-image"
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}
# Attributes whose value a browser follows as a URL.
URL_ATTRIBUTES = {"href", "cite"}
# Schemes that run or embed content: refused in every attribute, even a title.
DANGEROUS_SCHEMES = {"javascript", "data", "vbscript"}

# Browsers drop tabs and newlines anywhere in a URL and C0 controls and spaces
# at its ends, so "java\tscript:" and " JavaScript:" are `javascript:` URLs.
_URL_IGNORED = re.compile(r"[\t\n\r]")
_URL_TRIMMED = "".join(chr(code) for code in range(0x21))
_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):")


def url_scheme(value):
    """The scheme a browser would see in `value` (lowercase), or "" for a relative URL."""
    normalized = _URL_IGNORED.sub("", value).strip(_URL_TRIMMED).lower()
    match = _SCHEME.match(normalized)
    return match.group(1) if match else ""


# An <img> as nh3 writes it (attribute values always double-quoted, `"` escaped).
_IMG_TAG = re.compile(r'<img(?:\s+[a-zA-Z-]+(?:="[^"]*")?)*\s*/?>')
_IMAGE_ID = re.compile(rf'\s{IMAGE_ATTRIBUTE}="(\d{{1,12}})"')


def library_url_prefix():
    """The URL under which the library's files are (local media or the bucket)."""
    return default_storage.url("images/")


def _filter_image_attribute(attribute, value):
    if attribute == IMAGE_ATTRIBUTE:
        return value if value.isdigit() and len(value) <= 12 else None
    if attribute == "src":
        return value if value.startswith(library_url_prefix()) and ".." not in value else None
    return value


_LIST_ATTRIBUTES = {
    "start": re.compile(r"^\d{1,6}$"),
    "type": re.compile(r"^[1aAiI]$"),
    "data-type": re.compile(r"^(decimal|lower-alpha|upper-alpha|lower-roman|upper-roman)$"),
}


def _filter_attribute(tag, attribute, value):
    if tag == "ol":
        return value if _LIST_ATTRIBUTES[attribute].match(value) else None
    if tag == "img":
        value = _filter_image_attribute(attribute, value)
        if value is None:
            return None
    scheme = url_scheme(value)
    if scheme in DANGEROUS_SCHEMES:
        return None
    if attribute in URL_ATTRIBUTES and scheme and scheme not in ALLOWED_URL_SCHEMES:
        return None
    return value


def sanitize_html(html):
    """Return `html` reduced to the allow-list; empty input stays empty."""
    if not html:
        return ""
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        attribute_filter=_filter_attribute,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )
    # A picture that does not name a library image is not kept at all.
    return _IMG_TAG.sub(lambda tag: tag.group(0) if _IMAGE_ID.search(tag.group(0)) else "", cleaned)


def image_ids(html):
    """The library image ids that `html` (sanitized) shows, in order."""
    return [int(match.group(1)) for tag in _IMG_TAG.finditer(html or "") for match in [_IMAGE_ID.search(tag.group(0))]]


def replace_images(html, render):
    """`html` with each library `<img>` replaced by `render(image_id, tag)`."""
    return _IMG_TAG.sub(lambda tag: render(int(_IMAGE_ID.search(tag.group(0)).group(1)), tag.group(0)), html)


# --- what a save removed ------------------------------------------------------------

# Attributes the sanitizer writes itself (a link's `rel`): never reported.
_WRITTEN = {("a", "rel")}


class _Inventory(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = Counter()

    def handle_starttag(self, tag, attrs):
        self.found[("element", tag)] += 1
        for name, _value in attrs:
            if (tag, name) not in _WRITTEN:
                self.found[("attribute", name)] += 1

    handle_startendtag = handle_starttag

    def handle_comment(self, data):
        self.found[("comment", "")] += 1


def _inventory(html):
    parser = _Inventory()
    parser.feed(html)
    parser.close()
    return parser.found


def _describe(kind, name, count):
    if kind == "comment":
        noun, label = "comment", ""
    elif kind == "element":
        noun, label = "element", f"<{name}> "
    else:
        noun, label = "attribute", f"{name} "
    if count == 1:
        article = "an" if (name or noun)[:1].lower() in "aeiou" else "a"
        return f"{article} {label}{noun}"
    return f"{count} {label}{noun}s"


def removals(html):
    """What sanitizing `html` removes, for a person: e.g. "a <script> element
    and an onclick attribute were removed" ("" when nothing is)."""
    if not html:
        return ""
    removed = _inventory(html) - _inventory(sanitize_html(html))
    if not removed:
        return ""
    order = {"element": 0, "attribute": 1, "comment": 2}
    parts = [
        _describe(kind, name, count)
        for (kind, name), count in sorted(removed.items(), key=lambda i: (order[i[0][0]], i[0][1]))
    ]
    text = parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"
    verb = "was" if len(parts) == 1 and sum(removed.values()) == 1 else "were"
    return f"{text} {verb} removed"
