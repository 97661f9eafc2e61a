"""Initiatives: declared years, demonstration zones, programmes, declarations."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from records.dates import precision_field

from .base import PublishableRecord, date_range_constraint


class Initiative(PublishableRecord):
    """Something the SCO or its members set out to do, from a declared year to a treaty."""

    class Kind(models.TextChoices):
        DECLARED_YEAR = "declared_year", _("Declared year")
        DEMONSTRATION_ZONE = "demonstration_zone", _("Demonstration zone")
        PROGRAMME = "programme", _("Programme")
        FORUM = "forum", _("Forum")
        DECLARATION = "declaration", _("Declaration")
        STATEMENT = "statement", _("Statement")
        ACTION_PLAN = "action_plan", _("Action plan")
        AGREEMENT = "agreement", _("Agreement")
        INSTITUTION = "institution", _("Institution")
        PROJECT = "project", _("Project")
        OTHER = "other", _("Other")

    class Stage(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        ADOPTED = "adopted", _("Adopted")
        IN_PROGRESS = "in_progress", _("In progress")
        COMPLETED = "completed", _("Completed")

    name = models.CharField(max_length=250)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.OTHER)
    stage = models.CharField(max_length=20, choices=Stage.choices, default=Stage.PROPOSED)
    proposed_by = models.ForeignKey(
        "records.Official", on_delete=models.PROTECT, null=True, blank=True, related_name="initiatives_proposed"
    )
    lead_state = models.ForeignKey(
        "records.MemberState", on_delete=models.PROTECT, null=True, blank=True, related_name="initiatives_led"
    )
    participating_states = models.ManyToManyField("records.MemberState", blank=True, related_name="initiatives")
    launched_at = models.ForeignKey(
        "records.Summit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="initiatives_launched",
        help_text=_("The summit at which it was proposed or adopted."),
    )
    starts_on = models.DateField(null=True, blank=True, help_text=_("When it began, was adopted or was set up."))
    starts_on_precision = precision_field("starts_on")
    ends_on = models.DateField(null=True, blank=True, help_text=_("When it ended or is due to end."))
    ends_on_precision = precision_field("ends_on")
    location = models.CharField(max_length=200, blank=True)
    topics = models.ManyToManyField("records.Topic", blank=True, related_name="initiatives")
    description = models.TextField(blank=True, help_text=_("Longer description; basic HTML is kept, the rest removed."))

    # Its history (`history`) is registered with its languages: records/translation.py.

    class Meta(PublishableRecord.Meta):
        # Newest first and undated last on every database (PostgreSQL would put NULLs first).
        ordering = [models.F("starts_on").desc(nulls_last=True), "name"]
        verbose_name_plural = _("initiatives")
        permissions = [("publish_initiative", "Can publish initiatives")]
        constraints = [date_range_constraint("initiative_ends_on_after_starts_on", "starts_on", "ends_on")]
        indexes = [
            *PublishableRecord.Meta.indexes,
            models.Index(fields=["-starts_on", "name"], name="initiative_starts_idx"),
            # The list by name (`?sort=name`).
            models.Index(fields=["name"], name="initiative_name_idx"),
            models.Index(fields=["kind"], name="initiative_kind_idx"),
            models.Index(fields=["stage"], name="initiative_stage_idx"),
        ]

    detail_url_name = "initiative-detail"

    def __str__(self):
        return self.name
