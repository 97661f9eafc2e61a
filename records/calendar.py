"""The summits as an iCalendar feed (RFC 5545), written by hand: one all-day
VEVENT per published summit, with escaped text and folded lines."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext

PRODID = "-//SCO Records//Summits//EN"
LINE_LIMIT = 75  # octets, without the CRLF


def escape_text(value):
    """Escape a TEXT value: backslash, semicolon, comma and newlines (RFC 5545 §3.3.11)."""
    value = str(value or "").replace("\r\n", "\n").replace("\r", "\n")
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def fold(line):
    """Fold a content line at 75 octets, never inside a UTF-8 character (§3.1)."""
    parts = []
    current = b""
    limit = LINE_LIMIT
    for char in line:
        encoded = char.encode("utf-8")
        if len(current) + len(encoded) > limit:
            parts.append(current)
            current = b""
            limit = LINE_LIMIT - 1  # continuation lines start with a space
        current += encoded
    parts.append(current)
    return b"\r\n ".join(parts).decode("utf-8")


def _utc_stamp(moment):
    return timezone.localtime(moment, datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def summit_event(summit, request, stamp):
    host = summit.host_state if summit.host_state and summit.host_state.is_public else None
    location = ", ".join(part for part in (summit.city, host.name if host else "") if part)
    lines = [
        "BEGIN:VEVENT",
        f"UID:summit-{summit.pk}@{request.get_host().split(':')[0]}",
        f"DTSTAMP:{stamp}",
        f"DTSTART;VALUE=DATE:{summit.starts_on:%Y%m%d}",
        # DTEND of an all-day event is exclusive: the day after the last day.
        f"DTEND;VALUE=DATE:{summit.last_day + datetime.timedelta(days=1):%Y%m%d}",
        f"SUMMARY:{escape_text(summit.title)}",
    ]
    if location:
        lines.append(f"LOCATION:{escape_text(location)}")
    if summit.summary:
        lines.append(f"DESCRIPTION:{escape_text(summit.summary)}")
    lines += [
        f"URL:{request.build_absolute_uri(summit.get_absolute_url())}",
        f"LAST-MODIFIED:{_utc_stamp(summit.updated_at)}",
        "TRANSP:TRANSPARENT",
        "END:VEVENT",
    ]
    return lines


def summits_to_ics(summits, request):
    """The calendar text (CRLF line ends) of `summits`."""
    stamp = _utc_stamp(timezone.now())
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "X-WR-CALNAME:" + escape_text(gettext("SCO summits")),
    ]
    for summit in summits:
        lines += summit_event(summit, request, stamp)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
