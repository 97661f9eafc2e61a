"""The review of pending changes: a readable diff against the live record (the
child records it adds, changes and deletes each in a line), a preview of its
page, and approve or reject (with a comment the author sees)."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from records import services
from records.diffs import child_rows, field_rows
from records.models import PendingChange
from records.workflow import WorkflowDenied


@admin.register(PendingChange)
class PendingChangeAdmin(admin.ModelAdmin):
    # Whether a change is stale is read per record: shown on the change's page, not in the list.
    list_display = ["record_link", "author", "state", "created_at"]
    list_filter = ["state", "content_type"]
    list_select_related = ["author", "content_type"]
    fields = [
        "record_link",
        "author",
        "state",
        "stale",
        "created_at",
        "difference",
        "comment",
        "reviewed_by",
        "reviewed_at",
    ]
    readonly_fields = [name for name in fields if name != "comment"]
    change_form_template = "admin/records/pendingchange/change_form.html"

    def get_queryset(self, request):
        # The changed records in one query per record type, not one per row.
        return super().get_queryset(request).visible_to(request.user).prefetch_related("record")

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return request.user.has_perm("records.review_pendingchange") and (obj is None or obj.is_pending)

    @admin.display(description=_("record"))
    def record_link(self, change):
        record = change.record
        if record is None:
            return "—"
        url = reverse(f"admin:records_{record._meta.model_name}_change", args=[record.pk])
        preview = f"{record.get_absolute_url()}?change={change.pk}"
        return format_html(
            '{}: <a href="{}">{}</a> · <a href="{}">{}</a>',
            record._meta.verbose_name.capitalize(),
            url,
            record,
            preview,
            gettext("Preview with this change"),
        )

    @admin.display(description=_("record changed since"), boolean=True)
    def stale(self, change):
        return services.change_is_stale(change)

    @admin.display(description=_("the change"))
    def difference(self, change):
        record = change.record
        rows = field_rows(record, change.fields, services.proposed_relations(change)) + child_rows(change, record)
        return format_html(
            '<table class="change-diff"><thead><tr><th scope="col">{}</th><th scope="col">{}</th>'
            "</tr></thead><tbody>{}</tbody></table>",
            gettext("Field"),
            gettext("Live → proposed"),
            format_html_join("", '<tr><th scope="row">{}</th><td>{}</td></tr>', rows),
        )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if request.method == "POST" and ({"_approve", "_reject"} & set(request.POST)):
            return self.review(request, object_id)
        change = self.get_object(request, object_id)
        extra_context = {
            **(extra_context or {}),
            "can_review": change is not None and change.is_pending and self.has_change_permission(request, change),
        }
        return super().change_view(request, object_id, form_url, extra_context)

    def review(self, request, object_id):
        change = self.get_object(request, object_id)
        if change is None:
            raise Http404
        if not self.has_change_permission(request, change):
            raise PermissionDenied
        here = reverse("admin:records_pendingchange_change", args=[change.pk])
        try:
            if "_approve" in request.POST:
                services.change_approve(change=change, user=request.user)
                message = gettext("Approved: “%(record)s” now shows the change.") % {"record": change.record}
                self.message_user(request, message, messages.SUCCESS)
            else:
                comment = request.POST.get("comment", "")[:5000]
                services.change_reject(change=change, user=request.user, comment=comment)
                message = gettext("Rejected; %(author)s will see your comment.") % {"author": change.author}
                self.message_user(request, message, messages.SUCCESS)
        except services.StaleChange as stale:
            self.message_user(request, str(stale), messages.ERROR)
            return HttpResponseRedirect(here)
        except (WorkflowDenied, ValidationError) as refused:
            reason = "; ".join(refused.messages) if isinstance(refused, ValidationError) else str(refused)
            self.message_user(request, reason, messages.ERROR)
            return HttpResponseRedirect(here)
        return HttpResponseRedirect(reverse("admin:records_pendingchange_changelist"))
