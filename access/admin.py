"""API tokens in the admin: created with a name and an expiry, the key shown
once on the page that follows, revoked with an action; never shown again."""

from django.contrib import admin, messages
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _

from .models import ApiToken, default_expiry


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["name", "user", "key_prefix", "created_at", "expires_at", "last_used_at", "state"]
    list_filter = [("revoked_at", admin.EmptyFieldListFilter)]
    list_select_related = ["user"]
    search_fields = ["name", "user__username", "key_prefix"]
    autocomplete_fields = ["user"]
    readonly_fields = ["key_prefix", "created_at", "last_used_at", "revoked_at"]
    actions = ["revoke"]

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["user", "name", "expires_at"]
        return ["user", "name", "key_prefix", "created_at", "expires_at", "last_used_at", "revoked_at"]

    def get_readonly_fields(self, request, obj=None):
        return [*self.readonly_fields, "user"] if obj else self.readonly_fields

    def get_changeform_initial_data(self, request):
        return {"expires_at": default_expiry()}

    @admin.display(description=_("state"))
    def state(self, token):
        if token.revoked_at:
            return pgettext("token state", "revoked")
        return (
            pgettext("token state", "active")
            if token.expires_at > timezone.now()
            else pgettext("token state", "expired")
        )

    def save_model(self, request, obj, form, change):
        if not change:
            # Kept on this object for the page that follows, never stored.
            obj.plain_key = obj.set_new_key()
        super().save_model(request, obj, form, change)

    def response_add(self, request, obj, post_url_continue=None):
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Copy the new token's key now"),
            "token": obj,
            "key": obj.plain_key,
            "opts": self.opts,
        }
        response = TemplateResponse(request, "admin/access/apitoken/created.html", context)
        response["Cache-Control"] = "no-store"
        return response

    @admin.action(description=_("Revoke the selected tokens"))
    def revoke(self, request, queryset):
        count = queryset.filter(revoked_at__isnull=True).update(revoked_at=timezone.now())
        self.message_user(request, gettext("Revoked %(count)d token(s).") % {"count": count}, messages.SUCCESS)
