"""The admin of every model. Record admins share RecordAdmin (records/admin/base.py)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from records.models import (
    Appointment,
    Article,
    Initiative,
    MembershipChange,
    MemberState,
    Official,
    Organization,
    Page,
    Participation,
    SlugRedirect,
    Source,
    Summit,
    Topic,
)
from records.workflow import source_open

from .base import ChildAdmin, ChildInline, LanguagesAdminMixin, RecordAdmin, RichTextAdminMixin, ServiceWritesMixin


def fieldsets(main, relations=None, text=("summary",)):
    """Main fields, links, the texts, the sources, then the collapsed publication group."""
    sets = [(None, {"fields": main})]
    if relations:
        sets.append((_("Links to other records"), {"fields": relations}))
    sets.append((_("Text"), {"fields": text}))
    sets.append(
        (
            _("Sources"),
            {"fields": ["sources"], "description": _("Every fact on this record needs one of these sources.")},
        )
    )
    sets.append(RecordAdmin.publication_fieldset)
    return sets


@admin.register(Organization)
class OrganizationAdmin(RecordAdmin):
    list_display = ["name", "short_name", "kind", "parent", "publication", "updated_at"]
    list_filter = [*RecordAdmin.list_filter, "kind"]
    list_select_related = ["parent"]
    search_fields = ["name", "short_name", "slug"]
    autocomplete_fields = ["parent", "emblem"]
    prepopulated_fields = {"slug": ["name"]}
    date_hierarchy = "founded_on"
    fieldsets = fieldsets(
        [
            "name",
            "short_name",
            "slug",
            "kind",
            "founded_on",
            "founded_on_precision",
            "headquarters",
            "website",
            "emblem",
        ],
        ["parent"],
        ["summary", "description"],
    )


class MembershipChangeInline(ChildInline):
    model = MembershipChange
    autocomplete_fields = ["summit"]
    fields = [
        "membership",
        "changed_on",
        "changed_on_precision",
        "effective_on",
        "effective_on_precision",
        "summit",
        "note",
    ]


@admin.register(MemberState)
class MemberStateAdmin(RecordAdmin):
    list_display = ["name", "iso_code", "membership", "membership_since", "founding_member", "publication"]
    list_filter = [*RecordAdmin.list_filter, "membership", "founding_member"]
    search_fields = ["name", "official_name", "iso_code", "slug"]
    autocomplete_fields = ["organization", "flag"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [MembershipChangeInline]
    fieldsets = fieldsets(
        [
            "name",
            "official_name",
            "slug",
            "iso_code",
            "capital",
            "membership",
            "membership_since",
            "membership_since_precision",
            "founding_member",
            "flag",
        ],
        ["organization"],
        ["summary", "description"],
    )


class ParticipationInline(ChildInline):
    model = Participation
    autocomplete_fields = ["official", "member_state", "organization"]
    fields = ["official", "member_state", "organization", "role", "attendance", "note"]
    verbose_name = "participant"
    verbose_name_plural = "participants: officials, states and organizations, and how they took part"


@admin.register(Summit)
class SummitAdmin(RecordAdmin):
    list_display = ["title", "number", "council", "city", "starts_on", "format", "publication"]
    list_filter = [*RecordAdmin.list_filter, "council", "format", "host_state"]
    list_select_related = ["host_state"]
    search_fields = ["title", "city", "slug"]
    autocomplete_fields = ["organization", "host_state", "chair_state", "photo"]
    prepopulated_fields = {"slug": ["title"]}
    date_hierarchy = "starts_on"
    inlines = [ParticipationInline]
    fieldsets = fieldsets(
        ["title", "slug", "number", "council", "format", "city", "starts_on", "ends_on", "photo"],
        ["organization", "host_state", "chair_state"],
        ["summary", "description"],
    )


class AppointmentInline(ChildInline):
    model = Appointment
    extra = 1
    autocomplete_fields = ["organization", "member_state"]
    fields = [
        "title",
        "organization",
        "member_state",
        "started_on",
        "started_on_precision",
        "ended_on",
        "ended_on_precision",
        "is_current",
    ]


@admin.register(Official)
class OfficialAdmin(RecordAdmin):
    list_display = ["name", "current_title", "member_state", "organization", "publication"]
    list_filter = [*RecordAdmin.list_filter, "member_state"]
    list_select_related = ["member_state", "organization"]
    search_fields = ["name", "current_title", "slug"]
    autocomplete_fields = ["member_state", "organization", "portrait"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [AppointmentInline]
    fieldsets = fieldsets(
        ["name", "slug", "current_title", "portrait"],
        ["member_state", "organization"],
        ["summary", "description"],
    )


@admin.register(Initiative)
class InitiativeAdmin(RecordAdmin):
    list_display = ["name", "kind", "stage", "lead_state", "starts_on", "publication"]
    list_filter = [*RecordAdmin.list_filter, "kind", "stage", "topics"]
    list_select_related = ["lead_state"]
    search_fields = ["name", "location", "slug"]
    autocomplete_fields = ["proposed_by", "lead_state", "participating_states", "launched_at", "topics"]
    prepopulated_fields = {"slug": ["name"]}
    date_hierarchy = "starts_on"
    fieldsets = fieldsets(
        [
            "name",
            "slug",
            "kind",
            "stage",
            "starts_on",
            "starts_on_precision",
            "ends_on",
            "ends_on_precision",
            "location",
        ],
        ["proposed_by", "lead_state", "participating_states", "launched_at", "topics"],
        ["summary", "description"],
    )


@admin.register(Article)
class ArticleAdmin(RecordAdmin):
    list_display = ["title", "source", "original_published_on", "language", "publication"]
    list_filter = [*RecordAdmin.list_filter, "language", "topics", "source"]
    list_select_related = ["source"]
    search_fields = ["title", "authors", "slug"]
    autocomplete_fields = [
        "source",
        "lead_image",
        "topics",
        "officials",
        "member_states",
        "summits",
        "initiatives",
        "organizations",
    ]
    prepopulated_fields = {"slug": ["title"]}
    date_hierarchy = "original_published_on"
    fieldsets = fieldsets(
        [
            "title",
            "slug",
            "source",
            "authors",
            "original_url",
            "original_published_on",
            "original_published_on_precision",
            "language",
            "text_language",
            "republished_by",
            "republished_on",
            "republished_url",
            "lead_image",
        ],
        ["topics", "officials", "member_states", "summits", "initiatives", "organizations"],
        ["summary", "body"],
    )


@admin.register(Topic)
class TopicAdmin(LanguagesAdminMixin, ServiceWritesMixin, admin.ModelAdmin):
    """Topics are public as soon as they exist: only publishers create, rename or delete them."""

    list_display = ["name", "slug", "translated"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}

    def has_add_permission(self, request):
        return super().has_add_permission(request) and request.user.has_perm("records.publish_topic")

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and request.user.has_perm("records.publish_topic")

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and request.user.has_perm("records.publish_topic")


@admin.register(Source)
class SourceAdmin(ServiceWritesMixin, SimpleHistoryAdmin):
    """Sources are cited by records; one cited by a live record changes only with the publish permission."""

    list_display = ["title", "publisher", "published_on", "url"]
    search_fields = ["title", "publisher", "url"]
    autocomplete_fields = ["article"]
    date_hierarchy = "published_on"
    fields = ["title", "publisher", "published_on", "published_on_precision", "url", "article", "note"]

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or source_open(request.user, obj))

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or source_open(request.user, obj))


@admin.register(Appointment)
class AppointmentAdmin(LanguagesAdminMixin, ChildAdmin):
    list_display = [
        "official",
        "title",
        "organization",
        "member_state",
        "started_on",
        "ended_on",
        "is_current",
        "translated",
    ]
    list_select_related = ["official", "organization", "member_state"]
    search_fields = ["official__name", "title"]
    autocomplete_fields = ["official", "organization", "member_state"]
    date_hierarchy = "started_on"


@admin.register(MembershipChange)
class MembershipChangeAdmin(ChildAdmin):
    list_display = ["member_state", "membership", "changed_on", "effective_on", "summit"]
    list_filter = ["membership"]
    list_select_related = ["member_state", "summit"]
    search_fields = ["member_state__name", "note"]
    autocomplete_fields = ["member_state", "summit"]
    date_hierarchy = "changed_on"


@admin.register(SlugRedirect)
class SlugRedirectAdmin(admin.ModelAdmin):
    """Old slugs are kept by the write service when a slug changes; here they are only shown."""

    list_display = ["old_slug", "content_type", "object_id", "created_at"]
    list_filter = ["content_type"]
    search_fields = ["old_slug"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Page)
class PageAdmin(RichTextAdminMixin, ServiceWritesMixin, admin.ModelAdmin):
    """The site's own pages (About and methodology): public as soon as saved, so
    only users with `change_page` (Publishers) edit them. The pages the site
    shows are made by migrations: none is added or deleted here."""

    list_display = ["title", "slug", "updated_at"]
    fields = ["title", "slug", "body", "updated_at"]
    readonly_fields = ["slug", "updated_at"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


from . import changes, images  # noqa: E402,F401  (registers the review of pending changes, the image library)
