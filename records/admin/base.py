"""The admin bases: every save, inline, action and delete goes through the
write service (records.services); record admins add status at a glance,
workflow actions, history with restore, and no lost edits."""

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Exists, OuterRef
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext, ngettext_lazy
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from records import services
from records.children import ChildRows
from records.diffs import version_rows
from records.languages import (
    completeness,
    english_columns,
    english_name,
    language_columns,
    missing,
    other_languages,
    translation_of,
)
from records.models import PendingChange, Status
from records.registry import label_field, record_type
from records.sanitize import removals
from records.workflow import EDITOR_STATUSES, can_publish

from .editor import RichTextWidget
from .forms import RecordAdminForm, ScheduleForm, WriteCheckedForm


def form_values(form):
    """The form's model fields and linked lists, as the write service takes them."""
    opts = form._meta.model._meta
    concrete = {field.name for field in opts.concrete_fields}
    many = {field.name for field in opts.many_to_many}
    data = form.cleaned_data
    return {k: v for k, v in data.items() if k in concrete}, {k: v for k, v in data.items() if k in many}


def field_values(record):
    """Every concrete field of `record`, as the write service takes them."""
    return {
        field.attname: getattr(record, field.attname) for field in record._meta.concrete_fields if not field.primary_key
    }


def with_languages(model, names, stacked=()):
    """`names` (a fieldset's fields) with each translated field followed by its
    translations: side by side (`("name", "name_ru", "name_zh_hans")`), or one under
    another for the fields in `stacked` (rich text). The `_en` columns are left out:
    the original field is the English one."""
    english_only = english_columns(model)
    shown = []
    for name in names:
        if isinstance(name, list | tuple):
            shown.append(type(name)(with_languages(model, name)))
            continue
        if name in english_only or translation_of(model, name):
            continue  # placed after their original
        columns = list(language_columns(model, name).values())
        if not columns:
            shown.append(name)
        elif name in stacked:
            shown += [name, *columns]
        else:
            shown.append((name, *columns))
    return shown


def short_language(code):
    return code.split("-")[0]


# What a workflow action reports: "3 articles published." (`records`: the model's verbose name).
DONE = {
    "submit": ngettext_lazy(
        "%(count)d %(records)s submitted for review.", "%(count)d %(records)s submitted for review.", "count"
    ),
    "publish": ngettext_lazy("%(count)d %(records)s published.", "%(count)d %(records)s published.", "count"),
    "schedule": ngettext_lazy(
        "%(count)d %(records)s scheduled to go live on %(when)s.",
        "%(count)d %(records)s scheduled to go live on %(when)s.",
        "count",
    ),
    "unschedule": ngettext_lazy(
        "%(count)d %(records)s taken off the schedule.", "%(count)d %(records)s taken off the schedule.", "count"
    ),
    "unpublish": ngettext_lazy("%(count)d %(records)s unpublished.", "%(count)d %(records)s unpublished.", "count"),
    "archive": ngettext_lazy("%(count)d %(records)s archived.", "%(count)d %(records)s archived.", "count"),
}


class MissingTranslationFilter(admin.SimpleListFilter):
    """Records missing a language for a translated field that has an English value."""

    title = _("missing translation")
    parameter_name = "missing"

    def lookups(self, request, model_admin):
        return [(code, english_name(code)) for code in other_languages()]

    def queryset(self, request, queryset):
        if self.value() in other_languages():
            return queryset.filter(missing(queryset.model, self.value()))
        return queryset


class RichTextAdminMixin:
    """The model's rich-text field (`rich_text_field`, and its translations) in the
    editor, and a warning naming what the sanitizer removed when it is saved."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name in self.rich_texts():
            kwargs["widget"] = RichTextWidget
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def rich_texts(self):
        name = self.model.rich_text_field
        return [name, *language_columns(self.model, name).values()]

    def save_model(self, request, obj, form, change):
        removed = {text: removals(form.cleaned_data.get(text) or "") for text in self.rich_texts()}
        super().save_model(request, obj, form, change)
        for text, what in removed.items():
            if not what:
                continue
            label = self.model._meta.get_field(text).verbose_name
            self.message_user(
                request,
                gettext(
                    "%(field)s: %(removed)s when saving. Only paragraphs, headings (levels 2–4), lists, links, "
                    "bold and italic text, quotations, tables and images from the library are kept."
                )
                % {"field": str(label).capitalize(), "removed": what},
                messages.WARNING,
            )


class LanguagesAdminMixin:
    """The languages of a translated model side by side in its form, its
    translations' completeness in its list, and a filter for what is missing."""

    def get_fieldsets(self, request, obj=None):
        stacked = {getattr(self.model, "rich_text_field", None)}
        return [
            (title, {**options, "fields": with_languages(self.model, options["fields"], stacked)})
            for title, options in super().get_fieldsets(request, obj)
        ]

    def get_list_filter(self, request):
        return [*super().get_list_filter(request), MissingTranslationFilter]

    @admin.display(description=_("translated"))
    def translated(self, obj):
        return " · ".join(f"{short_language(code)} {done}/{total}" for code, (done, total) in completeness(obj).items())


class ServiceWritesMixin:
    """Admin writes through records.services: the form, its inlines, deletes."""

    form = WriteCheckedForm

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form.request_user = request.user
        return form

    def save_model(self, request, obj, form, change):
        fields, relations = form_values(form)
        stored = type(obj)._default_manager.filter(pk=obj.pk).first() if change else None
        check = getattr(form, "check_stored", None)
        if stored is not None and services.needs_review(record=stored, user=request.user):
            # Proposed in save_related, with the inlines' child records: one pending change.
            request.proposal = {"record": obj, "fields": fields, "relations": relations, "check": check}
            if getattr(request, "without_inlines", False):
                self.propose(request, children={})
        elif change:
            services.record_update(record=obj, fields=fields, relations=relations, user=request.user, check=check)
        else:
            services.record_create(record=obj, relations=relations, user=request.user)
        # The service wrote the linked lists.
        form.save_m2m = lambda: None

    def save_related(self, request, form, formsets, change):
        if hasattr(request, "proposal"):
            children = {formset.fk.remote_field.get_accessor_name(): proposed_rows(formset) for formset in formsets}
            self.propose(request, children=children)
            return
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    def propose(self, request, children):
        """The edit of a live record held in `request.proposal`, with `children`, as a pending change."""
        proposal = request.__dict__.pop("proposal")
        request.pending_change = services.change_propose(**proposal, children=children, user=request.user)

    def save_formset(self, request, form, formset, change):
        children = formset.save(commit=False)
        for child in formset.deleted_objects:
            services.record_delete(record=child, user=request.user)
        for child in children:
            if child.pk:
                services.record_update(record=child, fields=field_values(child), user=request.user)
            else:
                services.record_create(record=child, user=request.user)

    def delete_model(self, request, obj):
        services.record_delete(record=obj, user=request.user)

    def delete_queryset(self, request, queryset):
        for record in queryset:
            services.record_delete(record=record, user=request.user)


def proposed_rows(formset):
    """The child records an inline formset adds, changes and deletes, nothing written."""
    formset.save(commit=False)
    return ChildRows(
        added=formset.new_objects,
        changed=[child for child, _ in formset.changed_objects],
        deleted=formset.deleted_objects,
    )


def parent_open(user, parent):
    """Whether `user` may change the child records of `parent` (None: a new one)."""
    return parent is None or parent.status in EDITOR_STATUSES or can_publish(user, type(parent))


class ChildInline(admin.TabularInline):
    """Child records (appointments, membership changes) on their parent's page.
    An editor's additions, changes and deletions on a live or archived parent
    are part of the parent's pending change; deleting otherwise needs the
    delete permission. A translated field's columns follow it."""

    form = WriteCheckedForm
    extra = 0

    def get_fields(self, request, obj=None):
        fields = []
        for name in with_languages(self.model, super().get_fields(request, obj)):
            fields += name if isinstance(name, tuple) else [name]
        return fields

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.form.request_user = request.user
        formset.form.on_parent_page = True
        return formset

    def has_delete_permission(self, request, obj=None):
        if obj is not None and services.needs_review(record=obj, user=request.user):
            return self.has_change_permission(request, obj)
        return super().has_delete_permission(request, obj)


class ChildAdmin(ServiceWritesMixin, SimpleHistoryAdmin):
    """A child record's own admin: it follows its parent's workflow."""

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or parent_open(request.user, getattr(obj, obj.parent_field)))

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or parent_open(request.user, getattr(obj, obj.parent_field)))


class PublicationFilter(admin.SimpleListFilter):
    """Draft, in review, scheduled, live or archived — scheduled split from live."""

    title = _("publication")
    parameter_name = "publication"

    def lookups(self, request, model_admin):
        return [
            ("draft", gettext("Draft")),
            ("review", gettext("In review")),
            ("scheduled", gettext("Scheduled")),
            ("live", gettext("Published (live)")),
            ("archived", gettext("Archived")),
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


class ReadableHistoryMixin:
    """History that reads: one row per version with who, when and what changed,
    as text compared word by word, and any two versions compared."""

    object_history_list_template = "admin/records/object_history_list.html"
    history_list_per_page = 50

    def set_history_delta_changes(self, request, historical_records, foreign_keys_are_objs=True):
        versions = list(historical_records)
        for newer, older in zip(versions, versions[1:], strict=False):
            newer.readable_changes = version_rows(newer, older)

    def get_urls(self):
        opts = self.model._meta
        compare = path(
            "<path:object_id>/history/compare/",
            self.admin_site.admin_view(self.compare_view),
            name=f"{opts.app_label}_{opts.model_name}_history_compare",
        )
        return [compare, *super().get_urls()]

    def compare_view(self, request, object_id):
        """Two versions of the record side by side: `?from=<version>&to=<version>`."""
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        try:
            versions = obj.history.in_bulk([int(request.GET.get("from", "")), int(request.GET.get("to", ""))])
        except ValueError:
            versions = {}
        if len(versions) != 2:
            self.message_user(request, gettext("Choose two versions to compare."), messages.WARNING)
            return HttpResponseRedirect(
                reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_history", args=[obj.pk])
            )
        older, newer = sorted(versions.values(), key=lambda version: (version.history_date, version.history_id))
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Compare versions: %(record)s") % {"record": obj},
            "opts": self.model._meta,
            "object": obj,
            "older": older,
            "newer": newer,
            "rows": version_rows(newer, older),
        }
        return TemplateResponse(request, "admin/records/history_compare.html", context)


class PendingChangeFilter(admin.SimpleListFilter):
    title = _("pending change")
    parameter_name = "pending_change"

    def lookups(self, request, model_admin):
        return [("yes", gettext("Has a pending change")), ("no", gettext("No pending change"))]

    def queryset(self, request, queryset):
        if self.value() in {"yes", "no"}:
            return queryset.filter(has_pending_change=self.value() == "yes")
        return queryset


class PictureFilter(admin.SimpleListFilter):
    """Records without their picture (lead image, portrait, flag…), or whose picture has no alt text."""

    title = _("picture")
    parameter_name = "picture"

    def lookups(self, request, model_admin):
        return [
            ("missing", gettext("No picture")),
            ("no_alt", gettext("Picture without alt text")),
            ("ok", gettext("Picture with alt text")),
        ]

    def queryset(self, request, queryset):
        name = record_type(queryset.model).image_field
        if not name or self.value() not in {"missing", "no_alt", "ok"}:
            return queryset
        if self.value() == "missing":
            return queryset.filter(**{f"{name}__isnull": True})
        without_alt = queryset.filter(**{f"{name}__alt_text": ""})
        if self.value() == "no_alt":
            return without_alt
        return queryset.filter(**{f"{name}__isnull": False}).exclude(pk__in=without_alt.values("pk"))


class RecordAdmin(
    RichTextAdminMixin, LanguagesAdminMixin, ServiceWritesMixin, ReadableHistoryMixin, SimpleHistoryAdmin
):
    """Base for the six record admins."""

    class Media:
        css = {"all": ["css/admin.css"]}

    form = RecordAdminForm
    list_filter = [PublicationFilter, PendingChangeFilter, PictureFilter]
    list_per_page = 50
    readonly_fields = ["created_at", "updated_at", "public_link"]
    actions = ["submit_for_review", "publish", "schedule", "unschedule", "unpublish", "archive"]
    save_on_top = True
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    publication_fieldset = (
        _("Publication"),
        {
            "fields": [
                "status",
                "publish_at",
                "public_link",
                "created_at",
                "updated_at",
                "loaded_version",
                "loaded_children",
            ],
            "description": _("Editors save drafts and submit them for review; publishers publish and schedule."),
        },
    )

    def get_autocomplete_fields(self, request):
        return [*super().get_autocomplete_fields(request), "sources"]

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # Restoring a version saves the record's form alone: no inlines, no save_related.
        request.without_inlines = True
        return super().history_form_view(request, object_id, version_id, extra_context)

    # --- list columns -------------------------------------------------
    def get_queryset(self, request):
        pending = PendingChange.objects.pending().filter(
            content_type=ContentType.objects.get_for_model(self.model), object_id=OuterRef("pk")
        )
        return super().get_queryset(request).annotate(has_pending_change=Exists(pending))

    def get_list_display(self, request):
        """The name or title column truncated to fit, the full text on hover."""
        name = label_field(self.model)

        def label(obj):
            text = getattr(obj, name)
            return format_html('<span class="record-label" title="{}">{}</span>', text, text)

        label.short_description = self.model._meta.get_field(name).verbose_name
        label.admin_order_field = name
        columns = [label if column == name else column for column in super().get_list_display(request)]
        return [*columns, "translated"]

    @admin.display(description=_("publication"), ordering="status")
    def publication(self, obj):
        if obj.is_scheduled:
            when = f"{timezone.localtime(obj.publish_at):%-d %b %Y, %H:%M}"
            label, css = gettext("Scheduled for %(when)s") % {"when": when}, "scheduled"
        else:
            label, css = obj.get_status_display(), obj.status
        badge = format_html('<span class="publication publication-{}">{}</span>', css, label)
        if getattr(obj, "has_pending_change", False):
            badge += format_html('<span class="publication publication-pending">{}</span>', gettext("change pending"))
        return badge

    @admin.display(description=_("on the site"))
    def public_link(self, obj):
        if not obj or not obj.pk:
            return "—"
        label = gettext("View on site") if obj.is_public else gettext("Preview (not published)")
        return format_html('<a href="{}">{}</a>', obj.get_absolute_url(), label)

    # --- permissions ----------------------------------------------------
    def has_publish_permission(self, request):
        return can_publish(request.user, self.model)

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not self.has_publish_permission(request):
            fields.append("publish_at")
            if obj is not None and obj.status not in EDITOR_STATUSES:
                # An editor's edit of a live record is a pending change: its status stays.
                fields.append("status")
        return fields

    def response_change(self, request, obj):
        if not hasattr(request, "pending_change"):
            return super().response_change(request, obj)
        if request.pending_change is None:
            self.message_user(request, gettext("Nothing was changed."), messages.INFO)
        else:
            self.message_user(
                request,
                gettext(
                    "Your change to “%(record)s” awaits review; the published version stays as it is until a "
                    "publisher approves it."
                )
                % {"record": obj},
                messages.SUCCESS,
            )
        return HttpResponseRedirect(reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_changelist"))

    def log_change(self, request, obj, message):
        if getattr(request, "pending_change", None) is None and hasattr(request, "pending_change"):
            return None
        return super().log_change(request, obj, message)

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        if db_field.name == "status" and not self.has_publish_permission(request):
            kwargs["choices"] = [(value, label) for value, label in Status.choices if value in EDITOR_STATUSES]
        return super().formfield_for_choice_field(db_field, request, **kwargs)

    # --- workflow actions -------------------------------------------------
    def _run_transition(self, request, queryset, action, done):
        report = services.records_transition(queryset=queryset, action=action, user=request.user)
        self._report(request, report, done)

    def _report(self, request, report, done, **params):
        opts = self.model._meta
        changed, skipped = len(report.changed), len(report.skipped)
        if changed:
            records = opts.verbose_name_plural if changed != 1 else opts.verbose_name
            self.message_user(request, done % {"count": changed, "records": records, **params})
        if skipped:
            reasons = "; ".join(f"“{record}”: {reason}" for record, reason in report.skipped)
            message = ngettext(
                "%(count)d left unchanged — %(reasons)s.", "%(count)d left unchanged — %(reasons)s.", skipped
            )
            self.message_user(request, message % {"count": skipped, "reasons": reasons}, messages.WARNING)

    @admin.action(description=_("Submit selected for review"), permissions=["change"])
    def submit_for_review(self, request, queryset):
        self._run_transition(request, queryset, "submit", DONE["submit"])

    @admin.action(description=_("Publish selected (or keep their schedule)"), permissions=["publish"])
    def publish(self, request, queryset):
        self._run_transition(request, queryset, "publish", DONE["publish"])

    @admin.action(description=_("Schedule selected…"), permissions=["publish"])
    def schedule(self, request, queryset):
        """Ask when (a page with a date-time picker), then schedule each selected record."""
        form = ScheduleForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            report = services.records_schedule(
                queryset=queryset, publish_at=form.cleaned_data["publish_at"], user=request.user
            )
            when = timezone.localtime(form.cleaned_data["publish_at"]).strftime("%-d %B %Y, %H:%M %Z")
            self._report(request, report, DONE["schedule"], when=when)
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Schedule publication"),
            "opts": self.model._meta,
            "form": form,
            "records": queryset,
            "time_zone": timezone.get_current_timezone_name(),
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/records/schedule.html", context)

    @admin.action(description=_("Unschedule selected (back to review)"), permissions=["publish"])
    def unschedule(self, request, queryset):
        report = services.records_unschedule(queryset=queryset, user=request.user)
        self._report(request, report, DONE["unschedule"])

    @admin.action(description=_("Unpublish selected (back to draft)"), permissions=["publish"])
    def unpublish(self, request, queryset):
        self._run_transition(request, queryset, "unpublish", DONE["unpublish"])

    @admin.action(description=_("Archive selected"), permissions=["publish"])
    def archive(self, request, queryset):
        self._run_transition(request, queryset, "archive", DONE["archive"])
