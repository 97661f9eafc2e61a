"""Allow-list sanitization of the rich text stored in `body` and `description`.

Everything not listed here is dropped: scripts, event handlers, styles,
iframes, forms, and `javascript:`, `data:` or other unlisted URL schemes in
any attribute (`href`, and `cite` of `blockquote` and `q` too).
"""

import re

import nh3

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "cite", "code", "em", "figcaption",
    "figure", "h2", "h3", "h4", "hr", "i", "li", "ol", "p", "pre", "q",
    "small", "strong", "sub", "sup", "table", "tbody", "td", "th", "thead",
    "tr", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "blockquote": {"cite"},
    "q": {"cite"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
}
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


def _filter_attribute(tag, attribute, value):
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
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        attribute_filter=_filter_attribute,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )
