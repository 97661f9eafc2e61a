"""Officials and the positions they have held."""

from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from .base import PublishableRecord, date_range_constraint, image_field


class Official(PublishableRecord):
    """A person who holds or held office: a head of state, a minister, a secretary-general."""

    name = models.CharField(max_length=200)
    member_state = models.ForeignKey(
        "records.MemberState",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="officials",
        help_text="The country the official serves, if any.",
    )
    organization = models.ForeignKey(
        "records.Organization",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="officials",
        help_text="The organization the official serves, if any (e.g. the SCO Secretariat).",
    )
    current_title = models.CharField(
        max_length=200, blank=True, help_text="Leave empty if the official holds no office now."
    )
    portrait = image_field("portrait", "portrait_of", "A portrait from the image library.")
    description = models.TextField(blank=True, help_text="Biography; basic HTML is kept, the rest removed.")

    history = HistoricalRecords()

    class Meta(PublishableRecord.Meta):
        ordering = ["name"]
        verbose_name_plural = "officials"
        permissions = [("publish_official", "Can publish officials")]
        indexes = [
            *PublishableRecord.Meta.indexes,
            models.Index(fields=["name"], name="official_name_idx"),
        ]

    detail_url_name = "official-detail"

    def __str__(self):
        return self.name


class Appointment(models.Model):
    """A position an official held, in a state's government or an organization.

    A child record: it follows its official's workflow (records.workflow).
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
    ended_on = models.DateField(null=True, blank=True, help_text="Leave empty while the position is held.")

    history = HistoricalRecords()

    class Meta:
        ordering = ["official", "-started_on"]
        verbose_name_plural = "appointments"
        constraints = [
            models.CheckConstraint(
                condition=Q(organization__isnull=False) | Q(member_state__isnull=False),
                name="appointment_has_organization_or_state",
                violation_error_message="An appointment belongs to an organization or a member state.",
            ),
            date_range_constraint("appointment_ended_on_after_started_on", "started_on", "ended_on"),
        ]
        indexes = [models.Index(fields=["ended_on"], name="appointment_ended_idx")]

    def __str__(self):
        where = self.organization or self.member_state
        return f"{self.title}, {where}"

    @property
    def is_current(self):
        return self.ended_on is None
