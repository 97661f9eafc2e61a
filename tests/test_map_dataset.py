"""The map drawn from the SCO data set (fixtures/sco.json): every state of the
record is a named link, and the year links follow its membership history."""

import pytest

from records.models import MemberState
from records.models.member_states import MEMBERSHIP_NOUNS
from tests.test_map import map_links

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("dataset")]


@pytest.fixture(autouse=True)
def built_every_time(settings):
    settings.RESPONSE_CACHE_SECONDS = 0


def test_every_state_of_the_record_is_a_named_link_on_the_map(client):
    links = map_links(client.get("/member-states/"))
    expected = {
        state.get_absolute_url(): f"{state.name} — {MEMBERSHIP_NOUNS[state.membership][0]}"
        for state in MemberState.objects.published()
    }
    assert len(expected) >= 28
    assert {href: link["label"] for href, link in links.items()} == expected


def test_india_is_an_observer_at_the_end_of_2016_and_a_member_at_the_end_of_2018(client):
    india = MemberState.objects.get(iso_code="IND").get_absolute_url()
    assert map_links(client.get("/?as_of=2016-12-31"))[india]["membership"] == "observer"
    assert map_links(client.get("/?as_of=2018-12-31"))[india]["membership"] == "member"
    founding = map_links(client.get("/member-states/?as_of=2001-12-31"))
    in_sco = sorted(link["label"] for link in founding.values() if link["membership"] != "none")
    assert in_sco == [
        "China — member state",
        "Kazakhstan — member state",
        "Kyrgyzstan — member state",
        "Russia — member state",
        "Tajikistan — member state",
        "Uzbekistan — member state",
    ]
