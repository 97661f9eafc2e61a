"""Member states, observers and dialogue partners, with their membership history."""

from django.db import models, transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone
from simple_history.models import HistoricalRecords

from records.validators import iso_code_validator

from .base import PublishableManager, PublishableQuerySet, PublishableRecord


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
    record, and the two are kept in step whenever either is saved.
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

    def save(self, *args, **kwargs):
        with transaction.atomic():
            super().save(*args, **kwargs)
            if not kwargs.get("raw"):
                self._record_membership_change()

    def _record_membership_change(self):
        """Add a history entry when the current membership differs from the latest one."""
        latest = self.membership_changes.order_by("-changed_on", "-pk").first()
        if latest is None or latest.membership != self.membership:
            MembershipChange.objects.create(
                member_state=self,
                membership=self.membership,
                changed_on=self.membership_since or timezone.localdate(),
                note="Recorded when the member state was saved.",
            )


class MembershipChange(models.Model):
    """One step in a state's membership history (e.g. observer → member in 2017)."""

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

    def save(self, *args, **kwargs):
        with transaction.atomic():
            super().save(*args, **kwargs)
            self.sync_member_state()

    def delete(self, *args, **kwargs):
        with transaction.atomic():
            result = super().delete(*args, **kwargs)
            self.sync_member_state()
        return result

    def sync_member_state(self):
        """Make the state's current membership equal its latest change."""
        latest = (
            MembershipChange.objects.filter(member_state_id=self.member_state_id).order_by("-changed_on", "-pk").first()
        )
        if latest is None:
            return
        MemberState.objects.filter(pk=self.member_state_id).exclude(
            membership=latest.membership, membership_since=latest.changed_on
        ).update(membership=latest.membership, membership_since=latest.changed_on, updated_at=timezone.now())
