"""The admin base shared by the six record types: status at a glance,
workflow actions, history with restore, and no lost edits."""

from django.contrib import admin, messages
from django.db import models
from django.utils import timezone
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from records.models import Status
from records.workflow import EDITOR_STATUSES, WorkflowDenied, can_publish, records_transition

from .forms import RecordAdminForm


class PublicationFilter(admin.SimpleListFilter):
    """Draft, in review, scheduled, live or archived — scheduled split from live."""

    title = "publication"
    parameter_name = "publication"

    def lookups(self, request, model_admin):
        return [
            ("draft", "Draft"),
            ("review", "In review"),
            ("scheduled", "Scheduled"),
            ("live", "Published (live)"),
            ("archived", "Archived"),
        ]

    def queryset(self, request, queryset):
        now = timezone.now()
        value = self.value()
        if value == "scheduled":
            return queryset.scheduled(now)
        if value == "live":
            return queryset.published(now)
        if value in {"draft", "review", "archived"}:
            return queryset.filter(status=value)
        return queryset


class RecordAdmin(SimpleHistoryAdmin):
    """Base for the six record admins."""

    form = RecordAdminForm
    list_filter = [PublicationFilter]
    list_per_page = 50
    readonly_fields = ["created_at", "updated_at", "public_link"]
    actions = ["submit_for_review", "publish", "unpublish", "archive"]
    save_on_top = True
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    publication_fieldset = (
        "Publication",
        {
            "fields": ["status", "publish_at", "public_link", "created_at", "updated_at", "loaded_version"],
            "description": "Editors save drafts and submit them for review; publishers publish and schedule.",
        },
    )

    # --- list columns -------------------------------------------------
    @admin.display(description="publication", ordering="status")
    def publication(self, obj):
        if obj.is_scheduled:
            label, css = f"Scheduled for {timezone.localtime(obj.publish_at):%Y-%m-%d %H:%M}", "scheduled"
        else:
            label, css = obj.get_status_display(), obj.status
        return format_html('<span class="publication publication-{}">{}</span>', css, label)

    @admin.display(description="on the site")
    def public_link(self, obj):
        if not obj or not obj.pk:
            return "—"
        label = "View on site" if obj.is_public else "Preview (not published)"
        return format_html('<a href="{}">{}</a>', obj.get_absolute_url(), label)

    # --- permissions ----------------------------------------------------
    def has_publish_permission(self, request):
        return can_publish(request.user, self.model)

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        if allowed and obj is not None and obj.status not in EDITOR_STATUSES:
            # A live or archived record changes only with the publish permission.
            return self.has_publish_permission(request)
        return allowed

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not self.has_publish_permission(request):
            fields.append("publish_at")
        return fields

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form.request_user = request.user
        return form

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        if db_field.name == "status" and not self.has_publish_permission(request):
            kwargs["choices"] = [(value, label) for value, label in Status.choices if value in EDITOR_STATUSES]
        return super().formfield_for_choice_field(db_field, request, **kwargs)

    # --- workflow actions -------------------------------------------------
    def _run_transition(self, request, queryset, action, done):
        try:
            changed, skipped = records_transition(queryset=queryset, action=action, user=request.user)
        except WorkflowDenied as denied:
            self.message_user(request, str(denied), messages.ERROR)
            return
        names = self.model._meta.verbose_name_plural
        if changed:
            self.message_user(request, f"{changed} {names if changed != 1 else self.model._meta.verbose_name} {done}.")
        if skipped:
            self.message_user(
                request,
                f"{skipped} left unchanged: their status does not allow this step.",
                messages.WARNING,
            )

    @admin.action(description="Submit selected for review", permissions=["change"])
    def submit_for_review(self, request, queryset):
        self._run_transition(request, queryset, "submit", "submitted for review")

    @admin.action(description="Publish selected (or keep their schedule)", permissions=["publish"])
    def publish(self, request, queryset):
        self._run_transition(request, queryset, "publish", "published")

    @admin.action(description="Unpublish selected (back to draft)", permissions=["publish"])
    def unpublish(self, request, queryset):
        self._run_transition(request, queryset, "unpublish", "unpublished")

    @admin.action(description="Archive selected", permissions=["publish"])
    def archive(self, request, queryset):
        self._run_transition(request, queryset, "archive", "archived")
