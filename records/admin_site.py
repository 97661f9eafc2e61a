"""The admin site, with a home panel of the week's editorial work."""

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy

PANEL_SIZE = 10


def _entry(record, when):
    opts = record._meta
    return {
        "label": str(record),
        "kind": opts.verbose_name,
        "url": reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[record.pk]),
        "when": when,
    }


def _change_entry(change, label):
    return {
        "label": label,
        "kind": "pending change",
        "url": reverse("admin:records_pendingchange_change", args=[change.pk]),
        "when": change.created_at,
    }


def my_work(user):
    """The user's own drafts (last saved by them) and pending changes."""
    from records.models import PendingChange, Status
    from records.registry import RECORD_TYPES

    drafts = []
    for model in (entry.model for entry in RECORD_TYPES):
        saved_by_user = model.history.filter(history_user=user).values("id")
        mine = model.objects.filter(status=Status.DRAFT, pk__in=saved_by_user).order_by("-updated_at")
        drafts += [_entry(record, record.updated_at) for record in mine[:PANEL_SIZE]]
    changes = PendingChange.objects.filter(author=user).select_related("content_type").prefetch_related("record")
    changes = changes.order_by("-created_at")
    return {
        "my_drafts": sorted(drafts, key=lambda e: e["when"], reverse=True)[:PANEL_SIZE],
        "my_changes": [
            _change_entry(change, f"{change.record} — {change.get_state_display().lower()}")
            for change in changes[:PANEL_SIZE]
        ],
    }


def editorial_panel(now=None):
    """What awaits review, what goes live next and what went live recently."""
    from records.models import PendingChange, Status
    from records.registry import RECORD_TYPES

    now = now or timezone.now()
    review, scheduled, published = [], [], []
    for model in (entry.model for entry in RECORD_TYPES):
        review += [
            _entry(r, r.updated_at)
            for r in model.objects.filter(status=Status.REVIEW).order_by("-updated_at")[:PANEL_SIZE]
        ]
        scheduled += [_entry(r, r.publish_at) for r in model.objects.scheduled(now).order_by("publish_at")[:PANEL_SIZE]]
        live = model.objects.published(now).annotate(live_since=Coalesce("publish_at", "updated_at"))
        published += [_entry(r, r.live_since) for r in live.order_by("-live_since")[:PANEL_SIZE]]
    pending = PendingChange.objects.pending().select_related("author", "content_type").prefetch_related("record")
    for change in pending[:PANEL_SIZE]:
        label = gettext("Change to %(record)s by %(author)s") % {"record": change.record, "author": change.author}
        review.append(_change_entry(change, label))
    return {
        "awaiting_review": sorted(review, key=lambda e: e["when"], reverse=True)[:PANEL_SIZE],
        "scheduled_next": sorted(scheduled, key=lambda e: e["when"])[:PANEL_SIZE],
        "recently_published": sorted(published, key=lambda e: e["when"], reverse=True)[:PANEL_SIZE],
    }


class SCOAdminSite(admin.AdminSite):
    site_header = gettext_lazy("SCO Records administration")
    site_title = gettext_lazy("SCO Records admin")
    index_title = gettext_lazy("The record")
    # Record lists need the width at 1366 px; the home page lists every model.
    enable_nav_sidebar = False

    def index(self, request, extra_context=None):
        editorial = {**editorial_panel(), **my_work(request.user)}
        extra_context = {**(extra_context or {}), "editorial": editorial}
        return super().index(request, extra_context)


class SCOAdminConfig(AdminConfig):
    """The Django admin, with the site's own AdminSite (editorial panel on its home page)."""

    default_site = "records.admin_site.SCOAdminSite"
