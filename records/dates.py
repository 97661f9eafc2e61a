"""Dates known only to the day, the month or the year.

A fact such as "established in 2019" or "in May 2023" is stored as the first
day of its period in an ordinary DateField, so lists sort and `year=` filters
work as for any date, together with its precision in a companion column
declared with `precision_field()`. `PreciseDate` reads, formats and parses the
pair: "4 July 2024", "July 2024", "2019" for people; "2024-07-04", "2024-07",
"2019" (ISO 8601 at that precision) for machines. Pages use the
`precise_date` template tag, the API `PreciseDateField`; no day is ever shown
that was not known.
"""

import calendar
import datetime
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import formats
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

ISO_PATTERN = r"^(?!0000)[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$"
_ISO = re.compile(r"^([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?$")


class DatePrecision(models.TextChoices):
    DAY = "day", _("Day")
    MONTH = "month", _("Month only")
    YEAR = "year", _("Year only")


class DatePrecisionField(models.CharField):
    """How precisely the date in `date_field` (on the same model) is known."""

    def __init__(self, *args, date_field=None, **kwargs):
        self.date_field = date_field
        kwargs.setdefault("max_length", 5)
        kwargs.setdefault("choices", DatePrecision.choices)
        kwargs.setdefault("default", DatePrecision.DAY)
        # Left empty in a form, it means "day" (see normalize_precise_dates).
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["date_field"] = self.date_field
        return name, path, args, kwargs


def precision_field(date_field):
    """The companion column of `date_field`: how precisely that date is known."""
    return DatePrecisionField(
        date_field=date_field,
        help_text=_(
            "How precisely the date is known. With “Month only” or “Year only” enter the first day of that "
            "month or year; the site then shows only the month or the year."
        ),
    )


def precise_date_fields(model):
    """{date field name: precision field name} of `model`."""
    return {f.date_field: f.name for f in model._meta.concrete_fields if isinstance(f, DatePrecisionField)}


@dataclass(frozen=True)
class PreciseDate:
    """A date and how precisely it is known."""

    date: datetime.date
    precision: str = DatePrecision.DAY

    @classmethod
    def of(cls, record, field):
        """The date in `record.<field>` with its precision, or None when empty."""
        value = getattr(record, field, None)
        if value is None:
            return None
        return cls(value, getattr(record, f"{field}_precision", None) or DatePrecision.DAY)

    @classmethod
    def parse(cls, text):
        """`2019`, `2019-05` or `2019-05-04` → PreciseDate; ValueError otherwise."""
        if isinstance(text, datetime.date):
            return cls(text)
        match = _ISO.fullmatch(text) if isinstance(text, str) else None
        if match is None:
            raise ValueError(gettext("Give a date as YYYY-MM-DD, YYYY-MM or YYYY."))
        year, month, day = (int(part) if part else None for part in match.groups())
        try:
            value = datetime.date(year, month or 1, day or 1)
        except ValueError as error:
            raise ValueError(gettext("%(date)s is not a date in the calendar.") % {"date": text}) from error
        precision = DatePrecision.DAY if day else DatePrecision.MONTH if month else DatePrecision.YEAR
        return cls(value, precision)

    @property
    def start(self):
        """The first day of the period the date stands for."""
        if self.precision == DatePrecision.YEAR:
            return self.date.replace(month=1, day=1)
        if self.precision == DatePrecision.MONTH:
            return self.date.replace(day=1)
        return self.date

    @property
    def end(self):
        """The last day of the period the date stands for."""
        if self.precision == DatePrecision.YEAR:
            return self.date.replace(month=12, day=31)
        if self.precision == DatePrecision.MONTH:
            return self.date.replace(day=calendar.monthrange(self.date.year, self.date.month)[1])
        return self.date

    def isoformat(self):
        if self.precision == DatePrecision.YEAR:
            return f"{self.date.year:04d}"
        if self.precision == DatePrecision.MONTH:
            return f"{self.date.year:04d}-{self.date.month:02d}"
        return self.date.isoformat()

    def __str__(self):
        """The date at its precision, as the active language writes it: "4 July 2024",
        "4 июля 2024 г.", "2024年7月4日"; "July 2024", "2024年7月"; "2024"."""
        if self.precision == DatePrecision.YEAR:
            return str(self.date.year)
        if self.precision == DatePrecision.MONTH:
            return formats.date_format(self.date, "YEAR_MONTH_FORMAT")
        return formats.date_format(self.date, "DATE_FORMAT")


def normalize_precise_dates(record):
    """Store each date of `record` as the first day of its period, so that a
    month or year never carries a made-up day."""
    for date_field, precision_name in precise_date_fields(type(record)).items():
        value = getattr(record, date_field)
        if value is None:
            setattr(record, precision_name, DatePrecision.DAY)
            continue
        precision = getattr(record, precision_name) or DatePrecision.DAY
        if precision not in DatePrecision.values:
            raise ValidationError({precision_name: gettext("Choose day, month or year.")})
        setattr(record, precision_name, precision)
        setattr(record, date_field, PreciseDate(value, precision).start)


class PreciseDatesMixin(models.Model):
    """Models with dates of varying precision keep them normalized on validation
    (the write service validates every record before saving it)."""

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        normalize_precise_dates(self)
