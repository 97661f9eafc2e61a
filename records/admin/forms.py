"""The admin form of every record: workflow rules and protection against lost edits."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from records.workflow import WorkflowDenied, check_record_write


def last_change(record):
    """(who, when) of the latest saved version of `record`."""
    version = record.history.select_related("history_user").order_by("-history_date", "-history_id").first()
    if version is None:
        return None, record.updated_at
    return version.history_user, version.history_date


class RecordAdminForm(forms.ModelForm):
    """Refuses a save when the record changed since the form was opened.

    `loaded_version` carries the record's `updated_at` as it was when the editor
    opened the form; if the stored record is newer, the save is refused with a
    message naming who changed it and when, and the editor's input stays in
    the form.
    """

    loaded_version = forms.CharField(widget=forms.HiddenInput, required=False)

    # Set by RecordAdmin.get_form: the user saving the form.
    request_user = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        instance = self.instance
        if instance.pk:
            stored = type(instance)._default_manager.filter(pk=instance.pk).values_list("updated_at", flat=True).first()
            self.fields["loaded_version"].initial = stored.isoformat() if stored else ""
            historical = getattr(instance, "_history", None)
            if historical is not None:
                self._use_version_relations(historical)

    def _use_version_relations(self, historical):
        """When restoring a version, start from that version's links too."""
        for field in historical._history_m2m_fields:
            if field.name in self.fields:
                target = field.m2m_reverse_field_name()
                rows = getattr(historical, field.name).all()
                self.initial[field.name] = [getattr(row, f"{target}_id") for row in rows]

    def clean(self):
        cleaned = super().clean()
        stored = self._stored_record()
        self._check_not_stale(stored)
        self._check_workflow(cleaned, stored)
        return cleaned

    def _stored_record(self):
        """The record as stored now (None when adding one)."""
        if not self.instance.pk:
            return None
        stored = self._meta.model._default_manager.filter(pk=self.instance.pk)
        if connection.in_atomic_block:
            # The admin saves in a transaction: lock the row, so that of two saves
            # at the same moment the second waits and then sees the first.
            stored = stored.select_for_update()
        return stored.first()

    def _check_not_stale(self, stored):
        loaded = parse_datetime(self.data.get(self.add_prefix("loaded_version"), "") or "")
        if stored is None or loaded is None or stored.updated_at <= loaded:
            return
        model = self._meta.model
        who, when = last_change(stored)
        name = who.get_username() if who else "someone"
        raise ValidationError(
            "This %(model)s was changed by %(who)s at %(when)s, after you opened it. Nothing was saved: "
            "your input is still below. Open the record again in a new tab to see the new version, "
            "then apply your changes there.",
            code="stale",
            params={
                "model": model._meta.verbose_name,
                "who": name,
                "when": timezone.localtime(when).strftime("%Y-%m-%d %H:%M:%S %Z"),
            },
        )

    def _check_workflow(self, cleaned, current):
        if self.request_user is None:
            return
        try:
            check_record_write(
                self.request_user,
                model=self._meta.model,
                current=current,
                new_status=cleaned.get("status", current.status if current else None),
                new_publish_at=cleaned.get("publish_at", current.publish_at if current else None),
            )
        except WorkflowDenied as denied:
            raise ValidationError(str(denied), code="workflow") from denied
