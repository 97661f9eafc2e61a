"""Pending changes: an editor's edit of a live record, held for review.

The live record stays as it is until a publisher approves the change, which
applies it through the write service as a new version naming both the author
and the approver; a rejected change keeps the reviewer's comment for its
author. A change remembers the version it was made against: when the record
has changed since, the change is stale and cannot be approved as it is.

A change may also add, change and delete the record's child records
(an official's appointments, a state's membership changes), kept in
`children`; it then remembers those child records as they were too, and
any change to them since makes it stale.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class PendingChangeQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(state=PendingChange.State.PENDING)

    def for_record(self, record):
        return self.filter(content_type=ContentType.objects.get_for_model(record), object_id=record.pk)

    def visible_to(self, user):
        """Publishers see every change; others their own."""
        if user.has_perm("records.review_pendingchange"):
            return self
        return self.filter(author=user)


class PendingChange(models.Model):
    """A proposed edit of a live record: field values and linked lists as they
    would be after the change (only what the editor's form or request gave),
    and the child records it adds, changes or deletes."""

    class State(models.TextChoices):
        PENDING = "pending", _("Awaiting review")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    record = GenericForeignKey("content_type", "object_id")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="pending_changes_authored"
    )
    # The proposal, as Django serializes fields: {attname: text}, and {list name: [pk, ...]}.
    fields = models.JSONField(default=dict, blank=True, encoder=DjangoJSONEncoder)
    relations = models.JSONField(default=dict, blank=True)
    # Child records by the record's name for them: {"appointments": {"added": [{attname: text}],
    # "changed": [{"id": pk, "fields": {attname: text}}], "deleted": [pk, ...]}}.
    children = models.JSONField(default=dict, blank=True, encoder=DjangoJSONEncoder)
    base_children = models.JSONField(
        default=dict,
        blank=True,
        help_text=_("A fingerprint of each kind of child record the change touches, as they were when it was made."),
    )
    base_version = models.PositiveBigIntegerField(
        help_text=_("The record's version the change was made against; another version since makes it stale.")
    )
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    comment = models.TextField(blank=True, help_text=_("The reviewer's words to the author."))
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="pending_changes_reviewed",
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PendingChangeQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("pending change")
        verbose_name_plural = _("pending changes")
        permissions = [("review_pendingchange", "Can approve and reject pending changes")]
        indexes = [
            models.Index(fields=["content_type", "object_id", "state"], name="pendingchange_record_idx"),
            models.Index(fields=["state", "-created_at"], name="pendingchange_state_idx"),
            models.Index(fields=["author", "state"], name="pendingchange_author_idx"),
        ]

    def __str__(self):
        return f"Change to {self.content_type.name} #{self.object_id} by {self.author}"

    def get_absolute_url(self):
        return reverse("api:pendingchange-detail", kwargs={"pk": self.pk})

    @property
    def is_pending(self):
        return self.state == self.State.PENDING
