"""The admin form of every record: the write service's checks shown as form
errors, and protection against lost edits."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from records import services
from records.children import child_relations, children_fingerprint
from records.languages import english
from records.workflow import WorkflowDenied


def last_change(record):
    """(who, when) of the latest saved version of `record`."""
    version = record.history.select_related("history_user").order_by("-history_date", "-history_id").first()
    if version is None:
        return None, record.updated_at
    return version.history_user, version.history_date


class WriteCheckedForm(forms.ModelForm):
    """A model form whose validation ends with the write service's own checks
    (workflow, the record's rules), so a write the service would refuse is a
    form error with its reason, never an error page."""

    # Set by the admin's get_form: the user saving the form.
    request_user = None
    # Set by ChildInline: a child record's row on its parent's page, part of the parent's pending change
    # when the parent is live and the user may not publish it.
    on_parent_page = False

    def __init__(self, *args, **kwargs):
        # A translated field's own name is its English value, whatever the active language
        # (records.languages); its translations have their own fields.
        with english():
            super().__init__(*args, **kwargs)

    def _post_clean(self):
        with english():
            self._checked_clean()

    def _checked_clean(self):
        super()._post_clean()
        if self.errors:
            return
        instance = self.instance
        try:
            stored = services.lock(instance) if instance.pk else None
            if stored is not None:
                # What the write service will save: the form's fields over the stored record
                # (a restored version's values of fields the user may not edit do not count).
                concrete = {field.name for field in instance._meta.concrete_fields if not field.primary_key}
                services.assign(instance, stored, {k: v for k, v in self.cleaned_data.items() if k in concrete})
            self.check_stored(stored)
            if stored is not None and services.needs_review(record=stored, user=self.request_user):
                services.check_proposal(record=instance, stored=stored, user=self.request_user)
            elif self.on_parent_page and services.child_needs_review(child=instance, user=self.request_user):
                # Part of the parent's pending change: checked in full now, not at approval.
                services.check_child_proposal(child=instance, stored=stored, user=self.request_user)
                instance.full_clean()
            else:
                services.check_write(record=instance, stored=stored, user=self.request_user)
        except WorkflowDenied as denied:
            self.add_error(None, ValidationError(str(denied), code="workflow"))
        except ValidationError as error:
            self.add_service_error(error)

    def add_service_error(self, error):
        """The write service's ValidationError as form errors: on the form's fields
        where it names them, else for the whole form."""
        if not hasattr(error, "error_dict"):
            self.add_error(None, error)
            return
        for name, errors in error.error_dict.items():
            self.add_error(name if name in self.fields else None, errors)

    def check_stored(self, stored):
        """Refuse the save (ValidationError) for reasons of the stored record."""


class RecordAdminForm(WriteCheckedForm):
    """Refuses a save when the record changed since the form was opened.

    `loaded_version` carries the id of the record's latest version when the
    editor opened the form; if another version was saved since, the save is
    refused with a message naming who saved it and when, and the editor's
    input stays in the form. `loaded_children` does the same for the child
    records edited in the form's inlines (appointments, membership changes).
    """

    loaded_version = forms.CharField(widget=forms.HiddenInput, required=False)
    loaded_children = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        instance = self.instance
        if instance.pk:
            self.fields["loaded_version"].initial = str(services.latest_version_id(instance))
            self.fields["loaded_children"].initial = children_fingerprint(instance)
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

    def check_stored(self, stored):
        self.stale_check(stored)
        self.children_check(stored)

    def children_check(self, stored):
        loaded = self.data.get(self.add_prefix("loaded_children"), "")
        if stored is None or not loaded or loaded == children_fingerprint(stored):
            return
        opts = self._meta.model._meta
        names = gettext(" or ").join(
            str(model._meta.verbose_name_plural) for model in child_relations(self._meta.model).values()
        )
        raise ValidationError(
            gettext(
                "The %(children)s of this %(model)s were changed after you opened it. Nothing was saved: your input "
                "is still below. Open the record again in a new tab to see them as they are now, then apply your "
                "changes there."
            ),
            code="stale",
            params={"children": names, "model": opts.verbose_name},
        )

    def stale_check(self, stored):
        loaded = self.data.get(self.add_prefix("loaded_version"), "")
        if stored is None or loaded == str(services.latest_version_id(stored)):
            return
        model = self._meta.model
        who, when = last_change(stored)
        name = who.get_username() if who else gettext("someone")
        raise ValidationError(
            gettext(
                "This %(model)s was changed by %(who)s at %(when)s, after you opened it. Nothing was saved: "
                "your input is still below. Open the record again in a new tab to see the new version, "
                "then apply your changes there."
            ),
            code="stale",
            params={
                "model": model._meta.verbose_name,
                "who": name,
                "when": timezone.localtime(when).strftime("%Y-%m-%d %H:%M:%S %Z"),
            },
        )


class ScheduleForm(forms.Form):
    """When the selected records go live (the site's time zone)."""

    publish_at = forms.DateTimeField(
        label=_("Go live on"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"],
    )

    def clean_publish_at(self):
        when = self.cleaned_data["publish_at"]
        if when <= timezone.now():
            raise ValidationError(gettext("Choose a time in the future."))
        return when
