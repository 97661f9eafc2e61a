"""Summits and other meetings of the SCO's councils, and who took part in them."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .base import PublishableRecord, date_range_constraint, image_field


class Participation(models.Model):
    """Who took part in a meeting and how: an official (for a state or an
    organization, or on their own account), or a state or organization whose
    representative is not recorded — guest states and organizations at SCO Plus
    meetings among them. Whether they came in person, joined by video or sent a
    message is recorded here.

    A child record: it follows its summit's workflow (records.workflow).

    Declared before Summit, whose participants go through it, so that the
    summit's history can follow it.
    """

    parent_field = "summit"

    class Attendance(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        VIDEO = "video", _("By video")
        MESSAGE = "message", _("Sent a message")

    class Role(models.TextChoices):
        MEMBER = "member", _("Member state")
        PARTNER = "partner", _("SCO partner")
        OBSERVER = "observer", _("Observer state")
        DIALOGUE_PARTNER = "dialogue_partner", _("Dialogue partner")
        GUEST = "guest", _("Guest of the chair")
        ORGANIZATION = "organization", _("International organization")
        SCO_BODY = "sco_body", _("SCO body")

    summit = models.ForeignKey("records.Summit", on_delete=models.CASCADE, related_name="participations")
    official = models.ForeignKey(
        "records.Official",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="participations",
        help_text=_("The person who took part, if recorded."),
    )
    member_state = models.ForeignKey(
        "records.MemberState",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="participations",
        help_text=_("The state represented, if any."),
    )
    organization = models.ForeignKey(
        "records.Organization",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="participations",
        help_text=_("The organization represented, if any."),
    )
    role = models.CharField(
        max_length=20, choices=Role.choices, blank=True, help_text=_("In what capacity they took part.")
    )
    attendance = models.CharField(max_length=10, choices=Attendance.choices, default=Attendance.IN_PERSON)
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["summit", "pk"]
        verbose_name_plural = _("participations")
        constraints = [
            models.CheckConstraint(
                condition=Q(official__isnull=False) | Q(member_state__isnull=False) | Q(organization__isnull=False),
                name="participation_names_someone",
                violation_error_message=_("Name the official, the state or the organization that took part."),
            ),
            models.UniqueConstraint(
                fields=["summit", "official"],
                condition=Q(official__isnull=False),
                name="participation_official_once",
                violation_error_message=_("This official is already listed for this meeting."),
            ),
            models.UniqueConstraint(
                fields=["summit", "member_state"],
                condition=Q(official__isnull=True, member_state__isnull=False),
                name="participation_state_once",
                violation_error_message=_("This state is already listed for this meeting."),
            ),
            models.UniqueConstraint(
                fields=["summit", "organization"],
                condition=Q(official__isnull=True, member_state__isnull=True, organization__isnull=False),
                name="participation_organization_once",
                violation_error_message=_("This organization is already listed for this meeting."),
            ),
        ]

    def __str__(self):
        who = self.official or self.member_state or self.organization
        return f"{who} at {self.summit}"

    def describe(self):
        """Who took part and how, in a line, for the review of changes."""
        names = [str(record) for record in (self.official, self.member_state, self.organization) if record]
        how = [self.get_role_display().lower()] if self.role else []
        how.append(self.get_attendance_display().lower())
        return f"{', for '.join(names[:2])} ({', '.join(how)})"


class Summit(PublishableRecord):
    """A meeting of one of the SCO's councils, e.g. the 24th heads-of-state summit in Astana."""

    class Council(models.TextChoices):
        HEADS_OF_STATE = "heads_of_state", _("Council of Heads of State")
        HEADS_OF_GOVERNMENT = "heads_of_government", _("Council of Heads of Government")
        FOREIGN_MINISTERS = "foreign_ministers", _("Council of Foreign Ministers")
        OTHER = "other", _("Other meeting")

    class Format(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        VIDEO = "video", _("Video conference")
        HYBRID = "hybrid", _("Hybrid")

    title = models.CharField(max_length=200)
    number = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text=_("Ordinal of the meeting in its council's series, e.g. 24.")
    )
    council = models.CharField(max_length=20, choices=Council.choices, default=Council.HEADS_OF_STATE)
    organization = models.ForeignKey(
        "records.Organization", on_delete=models.PROTECT, null=True, blank=True, related_name="summits"
    )
    city = models.CharField(max_length=100, blank=True)
    host_state = models.ForeignKey(
        "records.MemberState", on_delete=models.PROTECT, null=True, blank=True, related_name="summits_hosted"
    )
    chair_state = models.ForeignKey(
        "records.MemberState",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="summits_chaired",
        help_text=_("The state holding the rotating chairmanship at the time."),
    )
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True, help_text=_("Leave empty for a one-day meeting."))
    format = models.CharField(max_length=10, choices=Format.choices, default=Format.IN_PERSON)
    participants = models.ManyToManyField(
        "records.Official",
        blank=True,
        through=Participation,
        related_name="summits",
        help_text=_("Officials who took part; states and organizations are listed with their participation."),
    )
    photo = image_field(_("photo"), "photo_of", _("A photo of the meeting from the image library."))
    description = models.TextField(blank=True, help_text=_("What was discussed and decided; basic HTML is kept."))

    # Its history (`history`) is registered with its languages: records/translation.py.

    class Meta(PublishableRecord.Meta):
        ordering = ["-starts_on", "title"]
        verbose_name_plural = _("summits")
        permissions = [("publish_summit", "Can publish summits")]
        constraints = [date_range_constraint("summit_ends_on_after_starts_on", "starts_on", "ends_on")]
        indexes = [
            *PublishableRecord.Meta.indexes,
            models.Index(fields=["-starts_on", "title"], name="summit_starts_idx"),
            # The list oldest first (`?sort=oldest`).
            models.Index(fields=["starts_on", "title"], name="summit_starts_asc_idx"),
            models.Index(fields=["council", "-starts_on"], name="summit_council_idx"),
            models.Index(fields=["format"], name="summit_format_idx"),
        ]

    detail_url_name = "summit-detail"

    def __str__(self):
        return self.title

    @property
    def last_day(self):
        return self.ends_on or self.starts_on
