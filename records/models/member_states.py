"""Member states, SCO partners, observers and dialogue partners, with their
membership history.

In September 2025 the Tianjin summit merged the observer and dialogue-partner
statuses into one: SCO partner. The history keeps the earlier statuses (a
state was an observer, then a partner).
"""

from django.db import models
from django.db.models import OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.models import HistoricalRecords

from records.dates import PreciseDate, PreciseDatesMixin, precision_field
from records.validators import iso_code_validator

from .base import PublishableManager, PublishableQuerySet, PublishableRecord, date_range_constraint, image_field


class Membership(models.TextChoices):
    MEMBER = "member", _("Member state")
    PARTNER = "partner", _("SCO partner")
    OBSERVER = "observer", _("Observer state")
    DIALOGUE_PARTNER = "dialogue_partner", _("Dialogue partner")
    GUEST = "guest", _("Guest")


# The nouns of a membership in lists: "member state", "member states".
MEMBERSHIP_NOUNS = {
    Membership.MEMBER: (_("member state"), _("member states")),
    Membership.PARTNER: (_("SCO partner"), _("SCO partners")),
    Membership.OBSERVER: (_("observer state"), _("observer states")),
    Membership.DIALOGUE_PARTNER: (_("dialogue partner"), _("dialogue partners")),
    Membership.GUEST: (_("guest"), _("guests")),
}


def membership_noun(membership, count):
    """The noun for `count` states of `membership`: "member state" or "member states"."""
    singular, plural = MEMBERSHIP_NOUNS[membership]
    return str(singular if count == 1 else plural)


def membership_count(membership, count):
    """How a count of states with a membership reads: "1 guest", "17 SCO partners"."""
    counts = {
        Membership.MEMBER: ngettext("%(count)d member state", "%(count)d member states", count),
        Membership.PARTNER: ngettext("%(count)d SCO partner", "%(count)d SCO partners", count),
        Membership.OBSERVER: ngettext("%(count)d observer state", "%(count)d observer states", count),
        Membership.DIALOGUE_PARTNER: ngettext("%(count)d dialogue partner", "%(count)d dialogue partners", count),
        Membership.GUEST: ngettext("%(count)d guest", "%(count)d guests", count),
    }
    return counts[membership] % {"count": count}


class MembershipChangeQuerySet(models.QuerySet):
    def with_effective_date(self):
        """Annotate `effective_date`: when the change took effect, or when it was
        decided if it took effect at once."""
        return self.annotate(effective_date=Coalesce("effective_on", "changed_on"))

    def latest_first(self):
        return self.with_effective_date().order_by("-effective_date", "-changed_on", "-pk")


class MemberStateQuerySet(PublishableQuerySet):
    def annotate_membership_as_of(self, day):
        """Annotate `membership_as_of`: the membership of the latest change in
        effect on `day`, None for states with none by then."""
        latest = (
            MembershipChange.objects.filter(member_state=OuterRef("pk")).latest_first().filter(effective_date__lte=day)
        )
        return self.annotate(membership_as_of=Subquery(latest.values("membership")[:1]))

    def with_membership_as_of(self, day):
        """Annotate `membership_as_of`: the latest change in effect on `day`;
        states with no change in effect by then are left out."""
        return self.annotate_membership_as_of(day).filter(membership_as_of__isnull=False)


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
        help_text=_("ISO 3166-1 alpha-3, e.g. KAZ."),
    )
    capital = models.CharField(max_length=100, blank=True)
    organization = models.ForeignKey(
        "records.Organization",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="member_states",
        help_text=_("The organization of which this is a member, observer or partner (the SCO)."),
    )
    membership = models.CharField(max_length=20, choices=Membership.choices, default=Membership.MEMBER)
    membership_since = models.DateField(
        null=True, blank=True, help_text=_("Since when the current membership status applies.")
    )
    membership_since_precision = precision_field("membership_since")
    founding_member = models.BooleanField(
        default=False, help_text=_("One of the six states that founded the SCO in 2001.")
    )
    flag = image_field(_("flag"), "flag_of", _("The state's flag from the image library."))
    description = models.TextField(blank=True, help_text=_("Longer description; basic HTML is kept, the rest removed."))

    # Its history (`history`) is registered with its languages: records/translation.py.

    objects = PublishableManager.from_queryset(MemberStateQuerySet)()

    class Meta(PublishableRecord.Meta):
        ordering = ["name"]
        verbose_name = _("member state")
        verbose_name_plural = _("member states")
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
        """The change in effect last: its membership is the state's current one."""
        return MembershipChange.objects.filter(member_state=self).latest_first().first()


class MembershipChange(PreciseDatesMixin, models.Model):
    """One step in a state's membership history (e.g. observer → member in 2017).

    `changed_on` is when the change was decided (often at a summit);
    `effective_on`, when it took effect later (e.g. when the memorandum was
    signed). The membership on a date, the chart and the API's `as_of` follow
    the date it took effect. A child record: it follows its state's workflow
    (records.workflow).
    """

    parent_field = "member_state"

    member_state = models.ForeignKey(MemberState, on_delete=models.CASCADE, related_name="membership_changes")
    membership = models.CharField(max_length=20, choices=Membership.choices)
    changed_on = models.DateField(
        _("decided on"), help_text=_("When the change was decided, e.g. the day of the summit that granted the status.")
    )
    changed_on_precision = precision_field("changed_on")
    effective_on = models.DateField(
        _("took effect on"),
        null=True,
        blank=True,
        help_text=_("Only if the change took effect later than it was decided, e.g. when a memorandum was signed."),
    )
    effective_on_precision = precision_field("effective_on")
    summit = models.ForeignKey(
        "records.Summit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="membership_changes",
        help_text=_("The summit at which the change was decided, if any."),
    )
    note = models.CharField(max_length=300, blank=True)

    history = HistoricalRecords()

    objects = MembershipChangeQuerySet.as_manager()

    class Meta:
        ordering = ["member_state", "changed_on"]
        verbose_name_plural = _("membership changes")
        constraints = [
            models.UniqueConstraint(
                fields=["member_state", "changed_on"],
                name="membershipchange_one_per_day",
                violation_error_message=_("This state already has a membership change on that date."),
            ),
            date_range_constraint("membershipchange_effective_on_after_changed_on", "changed_on", "effective_on"),
        ]
        indexes = [models.Index(fields=["changed_on", "member_state"], name="membershipchange_date_idx")]

    def __str__(self):
        return f"{self.member_state}: {self.get_membership_display()} from {self.takes_effect_on:%Y-%m-%d}"

    def describe(self):
        """The change in a line, for the review of changes: “Member state, decided
        9 June 2017, in effect from 1 July 2017”."""
        text = f"{self.get_membership_display()}, decided {PreciseDate.of(self, 'changed_on')}"
        if self.effective_on:
            text += f", in effect from {PreciseDate.of(self, 'effective_on')}"
        return f"{text} — {self.note}" if self.note else text

    @property
    def takes_effect_on(self):
        """When the change applies: the day it took effect, else the day it was decided."""
        return self.effective_on or self.changed_on

    @property
    def takes_effect_on_precision(self):
        return self.effective_on_precision if self.effective_on else self.changed_on_precision
