"""The image library in the admin: upload, describe, find; saved through the
write service, which checks the file, strips its metadata and makes the
renditions once."""

from django import forms
from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from records.models import Image

from .base import ServiceWritesMixin
from .forms import WriteCheckedForm

ACCEPT = "image/jpeg,image/png,image/webp,image/gif"


class ImageAdminForm(WriteCheckedForm):
    """The upload is checked by the model (records.images), with a message that says why it was refused."""

    file = forms.FileField(
        label=_("File"),
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
        help_text=Image._meta.get_field("file").help_text,
    )

    class Meta:
        model = Image
        fields = ["file", "alt_text", "is_decorative", "caption", "credit", "licence"]


def smallest(image, kind="webp"):
    renditions = [rendition for rendition in image.sorted_renditions() if rendition.format == kind]
    return renditions[0] if renditions else None


@admin.register(Image)
class ImageAdmin(ServiceWritesMixin, admin.ModelAdmin):
    """Editors upload images; an image in use on a live page changes only with the publish permission."""

    form = ImageAdminForm
    list_display = ["thumbnail", "__str__", "is_decorative", "credit", "licence", "size", "created_at"]
    list_display_links = ["thumbnail", "__str__"]
    list_filter = ["is_decorative"]
    search_fields = ["alt_text", "caption", "credit", "licence"]
    list_per_page = 50
    readonly_fields = ["preview", "size", "uploaded_by", "created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["file", "preview", "alt_text", "is_decorative", "caption", "credit", "licence"]}),
        (_("About the file"), {"fields": ["size", "uploaded_by", "created_at", "updated_at"], "classes": ["collapse"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).with_renditions()

    def get_fields(self, request, obj=None):
        return [field for fieldset in self.get_fieldsets(request, obj) for field in fieldset[1]["fields"]]

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is not None:
            # The file is kept as uploaded: its renditions were made from it.
            kwargs["fields"] = [name for name in ImageAdminForm.Meta.fields if name != "file"]
        return super().get_form(request, obj, change=change, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        return [*fields, "file"] if obj is not None else fields

    def get_fieldsets(self, request, obj=None):
        if obj is None:
            main = ["file", "alt_text", "is_decorative", "caption", "credit", "licence"]
            return [(None, {"fields": main})]
        return self.fieldsets

    @admin.display(description=_("picture"))
    def thumbnail(self, obj):
        rendition = smallest(obj)
        if rendition is None:
            return "—"
        return format_html('<img src="{}" width="80" alt="" class="image-thumbnail">', rendition.file.url)

    @admin.display(description=_("preview"))
    def preview(self, obj):
        rendition = smallest(obj, "jpeg") or smallest(obj, "png")
        if rendition is None:
            return "—"
        return format_html('<img src="{}" width="{}" alt="{}">', rendition.file.url, rendition.width, obj.alt)

    @admin.display(description=_("size"))
    def size(self, obj):
        return f"{obj.width} × {obj.height} px" if obj.width else "—"
