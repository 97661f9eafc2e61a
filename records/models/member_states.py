"""Member states, observers and dialogue partners, with their membership history."""

from django.db import models
from django.db.models import OuterRef, Subquery
from simple_history.models import HistoricalRecords

from records.validators import iso_code_validator

from .base import PublishableManager, PublishableQuerySet, PublishableRecord, image_field


class Membership(models.TextChoices):
    MEMBER = "member", "Member state"
    OBSERVER = "observer", "Observer state"
    DIALOGUE_PARTNER = "dialogue_partner", "Dialogue partner"
    GUEST = "guest", "Guest"


class MemberStateQuerySet(PublishableQuerySet):
    def with_membership_as_of(self, day):
        """Annotate `membership_as_of`: the latest change on or before `day`;
        states with no change by then are left out."""
        latest = MembershipChange.objects.filter(member_state=OuterRef("pk"), changed_on__lte=day).order_by(
            "-changed_on", "-pk"
        )
        return self.annotate(membership_as_of=Subquery(latest.values("membership")[:1])).filter(
            membership_as_of__isnull=False
        )


class MemberState(PublishableRecord):
    """A country in the SCO family.

    `membership` is its current standing; `MembershipChange` is the history of
    record. The write service (records.services) keeps the two in step
    whenever either is written.
    """

    name = models.CharField(max_length=100)
    official_name = models.CharField(max_length=200, blank=True)
    iso_code = models.CharField(
        "ISO code",
        max_length=3,
        unique=True,
        validators=[iso_code_validator],
        help_text="ISO 3166-1 alpha-3, e.g. KAZ.",
    )
    capital = models.CharField(max_length=100, blank=True)
    organization = models.ForeignKey(
        "records.Organization",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="member_states",
        help_text="The organization of which this is a member, observer or partner (the SCO).",
    )
    membership = models.CharField(max_length=20, choices=Membership.choices, default=Membership.MEMBER)
    membership_since = models.DateField(null=True, blank=True, help_text="Date of the current membership status.")
    founding_member = models.BooleanField(
        default=False, help_text="One of the six states that founded the SCO in 2001."
    )
    flag = image_field("flag", "flag_of", "The state's flag from the image library.")
    description = models.TextField(blank=True, help_text="Longer description; basic HTML is kept, the rest removed.")

    history = HistoricalRecords()

    objects = PublishableManager.from_queryset(MemberStateQuerySet)()

    class Meta(PublishableRecord.Meta):
        ordering = ["name"]
        verbose_name = "member state"
        verbose_name_plural = "member states"
        permissions = [("publish_memberstate", "Can publish member states")]
        indexes = [
            *PublishableRecord.Meta.indexes,
            models.Index(fields=["membership", "name"], name="memberstate_membership_idx"),
            models.Index(fields=["founding_member"], name="memberstate_founding_idx"),
            models.Index(fields=["name"], name="memberstate_name_idx"),
        ]

    detail_url_name = "memberstate-detail"

    def __str__(self):
        return self.name

    def latest_membership_change(self):
        return self.membership_changes.order_by("-changed_on", "-pk").first()


class MembershipChange(models.Model):
    """One step in a state's membership history (e.g. observer → member in 2017).

    A child record: it follows its state's workflow (records.workflow).
    """

    parent_field = "member_state"

    member_state = models.ForeignKey(MemberState, on_delete=models.CASCADE, related_name="membership_changes")
    membership = models.CharField(max_length=20, choices=Membership.choices)
    changed_on = models.DateField()
    summit = models.ForeignKey(
        "records.Summit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="membership_changes",
        help_text="The summit at which the change was decided, if any.",
    )
    note = models.CharField(max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["member_state", "changed_on"]
        verbose_name_plural = "membership changes"
        constraints = [
            models.UniqueConstraint(
                fields=["member_state", "changed_on"],
                name="membershipchange_one_per_day",
                violation_error_message="This state already has a membership change on that date.",
            )
        ]
        indexes = [models.Index(fields=["changed_on", "member_state"], name="membershipchange_date_idx")]

    def __str__(self):
        return f"{self.member_state}: {self.get_membership_display()} from {self.changed_on:%Y-%m-%d}"
