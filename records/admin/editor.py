"""The rich-text editor of the admin: django-prose-editor (ProseMirror/Tiptap),
offering what the sanitizer (records.sanitize) keeps and nothing else.

Its assets are served by us (the package's static files) and started by
`static/records/admin/rich_text.js`, an ES module imported by URL: no import
map and no inline script or style, so it runs under the site's CSP. Pasted
Word or Google Docs markup is read into the editor's schema, which drops
their styles, classes and wrappers; the server sanitizes again on save and
tells the editor what it removed (RecordAdmin.save_model).
"""

from django import forms
from django.urls import reverse_lazy
from django_prose_editor.config import html_tags
from django_prose_editor.widgets import AdminProseEditorWidget

# Extensions and their options (Tiptap names). Link: http(s) and mailto only,
# no `target` (the sanitizer sets `rel` itself); headings h2–h4 (the page has its h1).
EDITOR_EXTENSIONS = {
    "Heading": {"levels": [2, 3, 4]},
    "Bold": True,
    "Italic": True,
    "Subscript": True,
    "Superscript": True,
    "Code": True,
    "CodeBlock": True,
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "HardBreak": True,
    "HorizontalRule": True,
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto"]},
    "Table": True,
    "TableRow": True,
    "TableHeader": True,
    "TableCell": True,
    # Ours (rich_text.js): a picture from the image library, and marks the
    # sanitizer keeps that the editor has no button for, kept as they are.
    "LibraryImage": {"listUrl": reverse_lazy("api:image-list")},
    "Abbreviation": True,
    "Citation": True,
    "Quotation": True,
    "SmallPrint": True,
}

# What our own extensions write, for django_prose_editor.config.allowlist_from_extensions.
CUSTOM_EXTENSION_HTML = {
    "LibraryImage": html_tags(["img"], {"img": ["data-image", "src", "alt"]}),
    "Abbreviation": html_tags(["abbr"], {"abbr": ["title"]}),
    "Citation": html_tags(["cite"]),
    "Quotation": html_tags(["q"], {"q": ["cite"]}),
    "SmallPrint": html_tags(["small"]),
}

EDITOR_CSS = [
    "django_prose_editor/material-icons.css",
    "django_prose_editor/editor.css",
    "django_prose_editor/overrides.css",
    "records/admin/rich_text.css",
]


class RichTextWidget(AdminProseEditorWidget):
    """The editor on a record's `body` or `description`; a plain textarea without script."""

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, config={"extensions": EDITOR_EXTENSIONS}, preset="configurable")

    @property
    def media(self):
        return forms.Media(css={"all": EDITOR_CSS}, js=[forms.Script("records/admin/rich_text.js", type="module")])
