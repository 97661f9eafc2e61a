"""The map of the SCO: every published state coloured by its membership, today
or on a chosen date, drawn on the server as inline SVG (no script).

The countries' shapes are Natural Earth's, projected once by
assets/build_map.py into records/data/map.json, which is read once per
process. A published state whose ISO code has a shape is drawn coloured by
its membership (the same `as_of` rule as the API: its latest membership
change in effect on that date), named and linked to its page; every other
country is drawn neutral, with no name and no link, so nothing unpublished
shows. Two queries, whatever the number of states.
"""

import datetime
import json
from functools import cache
from pathlib import Path

from django.db.models.functions import ExtractYear
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext

from records.flags import flag_url
from records.languages import with_translation
from records.models import Membership, MembershipChange, MemberState
from records.models.member_states import MEMBERSHIP_NOUNS

GEOMETRY = Path(__file__).resolve().parent / "data" / "map.json"
# The flag drawn inside a state large enough for it, in viewBox units (4:3).
FLAG_WIDTH, FLAG_HEIGHT = 16, 12
MARKER_RADIUS = 4
NOT_IN_SCO = "none"


@cache
def geometry():
    """The projected countries: {"width", "height", "countries": [{"iso", "d", "flag_at", "marker_at"}]}."""
    return json.loads(GEOMETRY.read_text(encoding="utf-8"))


def year_end(year):
    return datetime.date(year, 12, 31)


def describe_day(as_of, today):
    """How the caption names the day: "today", "at the end of 2016", "on 15 June 2001"."""
    if as_of is None or as_of == today:
        return gettext("today")
    if (as_of.month, as_of.day) == (12, 31):
        return gettext("at the end of %(year)d") % {"year": as_of.year}
    return gettext("on %(date)s") % {"date": date_format(as_of, "j F Y")}


def published_states(as_of):
    """Published states with `shown_membership`: their membership on `as_of`
    (None if they had none yet), or their current one."""
    states = MemberState.objects.published().only(
        *with_translation(MemberState, "name"), "slug", "iso_code", "membership"
    )
    states = states.order_by("name")
    if as_of is None:
        states = list(states)
        for state in states:
            state.shown_membership = state.membership
        return states
    states = list(states.annotate_membership_as_of(as_of))
    for state in states:
        state.shown_membership = state.membership_as_of
    return states


def change_years():
    """The years in which a published state's membership changed, oldest first."""
    changes = (
        MembershipChange.objects.filter(member_state__in=MemberState.objects.published())
        .with_effective_date()
        .annotate(year=ExtractYear("effective_date"))
        .values_list("year", flat=True)
        .distinct()
        .order_by("year")
    )
    return list(changes)


def year_links(as_of, today, query=""):
    """The year selector: one link per year with a change (its membership at the
    end of that year), then today. `query` is the rest of the page's query string."""
    prefix = f"?{query}&" if query else "?"
    links = [
        {"label": str(year), "url": f"{prefix}as_of={year_end(year):%Y-%m-%d}", "current": as_of == year_end(year)}
        for year in change_years()
        if year_end(year) < today
    ]
    current = as_of is None or as_of == today
    links.append({"label": gettext("Today"), "url": f"?{query}" if query else "?", "current": current})
    return links


def state_label(state):
    if state.shown_membership is None:
        return gettext("%(state)s — not in the SCO then") % {"state": state.name}
    return gettext("%(state)s — %(membership)s") % {
        "state": state.name,
        "membership": MEMBERSHIP_NOUNS[state.shown_membership][0],
    }


def membership_map(*, as_of=None, query="", today=None):
    """What templates/includes/sco_map.html draws, for the membership on `as_of`
    (None: today). `query` is kept in the year links (the page's other filters)."""
    today = today or timezone.localdate()
    data = geometry()
    states_by_iso = {state.iso_code.upper(): state for state in published_states(as_of)}
    neutral, shapes = [], []
    for country in data["countries"]:
        state = states_by_iso.get(country["iso"] or "")
        if state is None:
            if country["d"]:
                neutral.append(country["d"])
            continue
        membership = state.shown_membership or NOT_IN_SCO
        flag = flag_url(state.iso_code) if country["flag_at"] else ""
        shapes.append(
            {
                "state": state,
                "label": state_label(state),
                "membership": membership,
                "d": country["d"],
                "marker": country["marker_at"],
                "flag": flag,
                "flag_x": country["flag_at"][0] - FLAG_WIDTH / 2 if flag else None,
                "flag_y": country["flag_at"][1] - FLAG_HEIGHT / 2 if flag else None,
            }
        )
    shown = {shape["membership"] for shape in shapes}
    legend = [
        {"membership": value, "label": capfirst(MEMBERSHIP_NOUNS[value][1])} for value in Membership if value in shown
    ]
    if NOT_IN_SCO in shown:
        legend.append({"membership": NOT_IN_SCO, "label": gettext("Not in the SCO then")})
    return {
        "width": data["width"],
        "height": data["height"],
        "neutral": neutral,
        "shapes": shapes,
        "legend": legend,
        "day": describe_day(as_of, today),
        "years": year_links(as_of, today, query),
        "marker_radius": MARKER_RADIUS,
        "flag_width": FLAG_WIDTH,
        "flag_height": FLAG_HEIGHT,
    }
