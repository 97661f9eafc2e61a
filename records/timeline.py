"""The membership timeline chart: how many members, partners, observers and
dialogue partners the SCO had at the end of each year, from MembershipChange
(each change counted from the day it took effect).

The chart is drawn on the server as inline SVG (no script); the view passes
the geometry computed here and the template draws it, with a table of the
same numbers as its text alternative. It has two layouts of the same numbers:
a column per year for wide screens, and a row per year for phones, where
twenty-odd columns would be too narrow to read (the stylesheet shows one).
"""

import datetime
from collections import defaultdict

from django.utils import timezone
from django.utils.translation import gettext_lazy

from records.models import Membership, MembershipChange, MemberState

SERIES = (
    (Membership.MEMBER, gettext_lazy("Member states")),
    (Membership.PARTNER, gettext_lazy("SCO partners")),
    (Membership.OBSERVER, gettext_lazy("Observers")),
    (Membership.DIALOGUE_PARTNER, gettext_lazy("Dialogue partners")),
)

WIDTH, HEIGHT = 720, 260
LEFT, RIGHT, TOP, BOTTOM = 36, 8, 12, 28
# The phone layout: drawn about 1:1 on a 360 px screen, a row per year.
ROWS_WIDTH, ROW_HEIGHT, ROW_BAR = 300, 18, 12
ROWS_LEFT, ROWS_RIGHT, ROWS_TOP = 40, 24, 22


def yearly_counts(changes, first_year, last_year):
    """{year: {membership: count}} at the end of each year (today for this year)."""
    by_state = defaultdict(list)
    for change in changes:
        by_state[change.member_state_id].append(change)
    counts = {}
    for year in range(first_year, last_year + 1):
        counts[year] = dict.fromkeys((value for value, _ in SERIES), 0)
        end_of_year = datetime.date(year, 12, 31)
        for state_changes in by_state.values():
            current = None
            for change in state_changes:
                if change.effective_date <= end_of_year:
                    current = change.membership
            if current in counts[year]:
                counts[year][current] += 1
    return counts


def membership_timeline(today=None):
    """Data and geometry of the chart, or None when there is no history yet."""
    today = today or timezone.localdate()
    changes = list(
        MembershipChange.objects.filter(member_state__in=MemberState.objects.published())
        .with_effective_date()
        .filter(effective_date__lte=today)
        .order_by("member_state_id", "effective_date", "changed_on", "pk")
        .only("member_state_id", "membership", "changed_on", "effective_on")
    )
    if not changes:
        return None
    first_year = min(change.effective_date.year for change in changes)
    counts = yearly_counts(changes, first_year, today.year)
    peak = max(sum(year.values()) for year in counts.values()) or 1
    scale = (HEIGHT - TOP - BOTTOM) / peak
    slot = (WIDTH - LEFT - RIGHT) / len(counts)
    label_every = max(1, round(len(counts) / 8))
    years = []
    for index, (year, values) in enumerate(sorted(counts.items())):
        x = LEFT + index * slot
        base = HEIGHT - BOTTOM
        bars = []
        for membership, label in SERIES:
            height = values[membership] * scale
            if height:
                base -= height
                bars.append(
                    {
                        "kind": membership,
                        "label": label,
                        "count": values[membership],
                        "y": round(base, 1),
                        "height": round(height, 1),
                    }
                )
        years.append(
            {
                "year": year,
                "x": round(x + slot * 0.15, 1),
                "width": round(slot * 0.7, 1),
                "center": round(x + slot / 2, 1),
                "bars": bars,
                "counts": [values[membership] for membership, _ in SERIES],
                "show_label": (len(counts) - 1 - index) % label_every == 0,
            }
        )
    step = max(1, round(peak / 4))
    ticks = [{"value": value, "y": round(HEIGHT - BOTTOM - value * scale, 1)} for value in range(0, peak + 1, step)]
    rows = rows_layout(counts, peak, step)
    return {
        "rows": rows,
        "width": WIDTH,
        "height": HEIGHT,
        "left": LEFT,
        "right": WIDTH - RIGHT,
        "baseline": HEIGHT - BOTTOM,
        "label_y": HEIGHT - 8,
        "years": years,
        "ticks": ticks,
        "series": SERIES,
        "first_year": first_year,
        "last_year": today.year,
    }


def rows_layout(counts, peak, step):
    """The phone layout: a row per year (its label, its stacked bar, its total),
    the scale across the top."""
    scale = (ROWS_WIDTH - ROWS_LEFT - ROWS_RIGHT) / peak
    years = []
    for index, (year, values) in enumerate(sorted(counts.items())):
        y = ROWS_TOP + index * ROW_HEIGHT
        x = ROWS_LEFT
        bars = []
        for membership, label in SERIES:
            width = values[membership] * scale
            if width:
                bars.append(
                    {
                        "kind": membership,
                        "label": label,
                        "count": values[membership],
                        "x": round(x, 1),
                        "width": round(width, 1),
                    }
                )
                x += width
        years.append(
            {
                "year": year,
                "y": y + (ROW_HEIGHT - ROW_BAR) / 2,
                "label_y": y + ROW_HEIGHT / 2,
                "total": sum(values.values()),
                "total_x": round(x + 4, 1),
                "bars": bars,
            }
        )
    ticks = [{"value": value, "x": round(ROWS_LEFT + value * scale, 1)} for value in range(0, peak + 1, step)]
    return {
        "width": ROWS_WIDTH,
        "height": ROWS_TOP + len(counts) * ROW_HEIGHT + 4,
        "left": ROWS_LEFT,
        "top": ROWS_TOP - 4,
        "bottom": ROWS_TOP + len(counts) * ROW_HEIGHT,
        "bar_height": ROW_BAR,
        "tick_label_y": ROWS_TOP - 10,
        "years": years,
        "ticks": ticks,
    }
