"""Officials and the positions they have held."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from records.dates import PreciseDate, PreciseDatesMixin, precision_field

from .base import EnglishColumnsQuerySet, PublishableRecord, date_range_constraint, image_field


class AppointmentQuerySet(EnglishColumnsQuerySet, models.QuerySet):
    pass


class Official(PublishableRecord):
    """A person who holds or held office: a head of state, a minister, a secretary-general."""

    name = models.CharField(max_length=200)
    member_state = models.ForeignKey(
        "records.MemberState",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="officials",
        help_text=_("The country the official serves, if any."),
    )
    organization = models.ForeignKey(
        "records.Organization",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="officials",
        help_text=_("The organization the official serves, if any (e.g. the SCO Secretariat)."),
    )
    current_title = models.CharField(
        max_length=200, blank=True, help_text=_("Leave empty if the official holds no office now.")
    )
    portrait = image_field(_("portrait"), "portrait_of", _("A portrait from the image library."))
    description = models.TextField(blank=True, help_text=_("Biography; basic HTML is kept, the rest removed."))

    # Its history (`history`) is registered with its languages: records/translation.py.

    class Meta(PublishableRecord.Meta):
        ordering = ["name"]
        verbose_name_plural = _("officials")
        permissions = [("publish_official", "Can publish officials")]
        indexes = [
            *PublishableRecord.Meta.indexes,
            models.Index(fields=["name"], name="official_name_idx"),
        ]

    detail_url_name = "official-detail"

    def __str__(self):
        return self.name


class Appointment(PreciseDatesMixin, models.Model):
    """A position an official held, in a state's government or an organization.

    `is_current` tells a position still held from one that ended on a date
    nobody recorded: only the first counts as current. A child record: it
    follows its official's workflow (records.workflow).
    """

    parent_field = "official"

    official = models.ForeignKey(Official, on_delete=models.CASCADE, related_name="appointments")
    title = models.CharField(max_length=200)
    organization = models.ForeignKey(
        "records.Organization", on_delete=models.PROTECT, null=True, blank=True, related_name="appointments"
    )
    member_state = models.ForeignKey(
        "records.MemberState", on_delete=models.PROTECT, null=True, blank=True, related_name="appointments"
    )
    started_on = models.DateField(null=True, blank=True)
    started_on_precision = precision_field("started_on")
    ended_on = models.DateField(null=True, blank=True, help_text=_("Leave empty while the position is held."))
    ended_on_precision = precision_field("ended_on")
    is_current = models.BooleanField(
        _("still held"),
        default=True,
        help_text=_("Untick when the position has ended, even if the end date is unknown. An end date unticks it."),
    )

    # Its history (`history`) is registered with its languages: records/translation.py.

    objects = AppointmentQuerySet.as_manager()

    class Meta:
        ordering = ["official", "-started_on"]
        verbose_name_plural = _("appointments")
        constraints = [
            models.CheckConstraint(
                condition=Q(organization__isnull=False) | Q(member_state__isnull=False),
                name="appointment_has_organization_or_state",
                violation_error_message=_("An appointment belongs to an organization or a member state."),
            ),
            date_range_constraint("appointment_ended_on_after_started_on", "started_on", "ended_on"),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(is_current=False),
                name="appointment_with_end_date_is_not_current",
                violation_error_message=_("A position with an end date is no longer held."),
            ),
        ]
        indexes = [
            models.Index(fields=["ended_on"], name="appointment_ended_idx"),
            models.Index(fields=["official", "is_current"], name="appointment_current_idx"),
        ]

    def __str__(self):
        where = self.organization or self.member_state
        return f"{self.title}, {where}"

    def save(self, *args, **kwargs):
        # Derived from the row itself: a position with an end date is no longer held.
        from records.languages import english, keep_english

        if self.ended_on is not None:
            self.is_current = False
        with english():
            keep_english(self)
            super().save(*args, **kwargs)

    def clean(self):
        if self.ended_on is not None:
            self.is_current = False
        super().clean()

    def describe(self):
        """The position in a line, for the review of changes: “Secretary-General,
        SCO Secretariat, 1 January 2022 – …”."""
        start, end = PreciseDate.of(self, "started_on"), PreciseDate.of(self, "ended_on")
        if start is None and end is None:
            return f"{self}, {'still held' if self.is_current else 'ended'}"
        ending = end or ("…" if self.is_current else "ended (date unknown)")
        return f"{self}, {start or '…'} – {ending}"
