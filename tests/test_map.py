"""The map of the SCO and the states' flags: every published state is a named,
linked shape coloured by its membership on the chosen date; nothing
unpublished is named or linked; flags come from our own static files."""

import datetime
import json
import re
from html import unescape
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders

from records import map as sco_map
from records.flags import flag_files, flag_url
from records.models import Membership, Status
from tests import factories

pytestmark = pytest.mark.django_db

STATE_LINK = re.compile(
    r'<a class="sco-map__state sco-map__state--(?P<membership>[a-z_]+)" href="(?P<href>[^"]+)" '
    r'aria-label="(?P<label>[^"]+)"><title>(?P<title>[^<]+)</title>'
)
YEAR_LINK = re.compile(
    r'<li><a href="(?P<href>[^"]+)#sco-map"(?P<current> aria-current="true")?>(?P<label>\w+)</a></li>'
)
FLAG_IMG = re.compile(r'<img class="flag[^"]*" src="(?P<src>[^"]+)" alt=""')


@pytest.fixture(autouse=True)
def built_every_time(settings):
    settings.RESPONSE_CACHE_SECONDS = 0


@pytest.fixture
def states():
    """India (observer from 2005, member from 2017), Kazakhstan (founding member),
    Egypt (partner from 2022), and a draft state where Afghanistan is."""
    kazakhstan = factories.MemberStateFactory(
        name="Kazakhstan", slug="kazakhstan", iso_code="KAZ", membership_since=datetime.date(2001, 6, 15)
    )
    india = factories.MemberStateFactory(
        name="India",
        slug="india",
        iso_code="IND",
        membership=Membership.OBSERVER,
        membership_since=datetime.date(2005, 7, 5),
    )
    factories.MembershipChangeFactory(
        member_state=india, membership=Membership.MEMBER, changed_on=datetime.date(2017, 6, 9)
    )
    egypt = factories.MemberStateFactory(
        name="Egypt",
        slug="egypt",
        iso_code="EGY",
        membership=Membership.PARTNER,
        membership_since=datetime.date(2022, 9, 16),
    )
    draft = factories.MemberStateFactory(
        name="Xyzzy Draftland", slug="xyzzy-draftland", iso_code="AFG", status=Status.DRAFT
    )
    return {"kazakhstan": kazakhstan, "india": india, "egypt": egypt, "draft": draft}


def map_links(response):
    html = response.content.decode()
    return {
        match["href"]: {
            "membership": match["membership"],
            "label": unescape(match["label"]),
            "title": unescape(match["title"]),
        }
        for match in STATE_LINK.finditer(html)
    }


@pytest.mark.parametrize("url", ["/", "/member-states/"])
def test_every_published_state_is_a_named_linked_shape_coloured_by_its_membership(client, states, url):
    links = map_links(client.get(url))
    assert links == {
        "/member-states/egypt/": {
            "membership": "partner",
            "label": "Egypt — SCO partner",
            "title": "Egypt — SCO partner",
        },
        "/member-states/india/": {
            "membership": "member",
            "label": "India — member state",
            "title": "India — member state",
        },
        "/member-states/kazakhstan/": {
            "membership": "member",
            "label": "Kazakhstan — member state",
            "title": "Kazakhstan — member state",
        },
    }


@pytest.mark.parametrize("url", ["/", "/member-states/", "/member-states/?as_of=2018-12-31"])
def test_a_draft_state_is_neither_named_nor_linked_on_the_map(client, states, url):
    html = client.get(url).content.decode().lower()
    assert "xyzzy" not in html
    assert "/member-states/xyzzy-draftland/" not in map_links(client.get(url))


def test_the_shape_of_a_drafts_country_is_still_drawn_neutral(client, states):
    afghanistan = next(country for country in sco_map.geometry()["countries"] if country["iso"] == "AFG")
    html = client.get("/member-states/").content.decode()
    land = re.search(r'<path class="sco-map__land" d="([^"]*)"', html).group(1)
    assert afghanistan["d"] in land


def test_the_year_selector_shows_the_membership_at_the_end_of_that_year(client, states):
    in_2016 = map_links(client.get("/member-states/?as_of=2016-12-31"))
    in_2018 = map_links(client.get("/member-states/?as_of=2018-12-31"))
    assert in_2016["/member-states/india/"]["membership"] == "observer"
    assert in_2016["/member-states/india/"]["label"] == "India — observer state"
    assert in_2018["/member-states/india/"]["membership"] == "member"
    # Egypt joined in 2022: in 2018 it is drawn, linked and said to be outside the SCO.
    assert in_2018["/member-states/egypt/"] == {
        "membership": "none",
        "label": "Egypt — not in the SCO then",
        "title": "Egypt — not in the SCO then",
    }
    assert in_2018["/member-states/kazakhstan/"]["membership"] == "member"


def test_the_year_links_are_the_years_of_changes_and_today_and_follow_the_api_rule(client, states):
    html = client.get("/").content.decode()
    years = [(m["label"], m["href"], bool(m["current"])) for m in YEAR_LINK.finditer(html)]
    assert years == [
        ("2001", "?as_of=2001-12-31", False),
        ("2005", "?as_of=2005-12-31", False),
        ("2017", "?as_of=2017-12-31", False),
        ("2022", "?as_of=2022-12-31", False),
        ("Today", "?", True),
    ]
    for label, href, _ in years:
        page = client.get(f"/{href}")
        assert page.status_code == 200
        shown = {link["label"].split(" — ")[0]: link["membership"] for link in map_links(page).values()}
        api_day = href.removeprefix("?as_of=") if label != "Today" else None
        api = client.get("/api/v1/member-states/", {"as_of": api_day} if api_day else {}).json()["results"]
        in_sco = {state["name"]: state["membership"] for state in api}
        assert {name: membership for name, membership in shown.items() if membership != "none"} == in_sco
    assert 'aria-current="true">2017<' in client.get("/?as_of=2017-12-31").content.decode()


def test_the_year_links_keep_the_lists_other_filters(client, states):
    html = client.get("/member-states/?membership=member&as_of=2018-12-31").content.decode()
    hrefs = [unescape(m["href"]) for m in YEAR_LINK.finditer(html)]
    assert "?membership=member&as_of=2017-12-31" in hrefs
    assert hrefs[-1] == "?membership=member"


@pytest.mark.parametrize("url", ["/?as_of=not-a-date", "/member-states/?as_of=2017-13-45"])
def test_a_bad_date_is_a_400_with_the_reason(client, states, url):
    response = client.get(url)
    assert response.status_code == 400
    assert "valid date" in response.content.decode()
    # The map still shows today's membership.
    assert map_links(response)["/member-states/india/"]["membership"] == "member"


def test_the_map_costs_two_queries_whatever_the_number_of_states(states, django_assert_num_queries):
    with django_assert_num_queries(2):
        few = sco_map.membership_map(as_of=datetime.date(2018, 12, 31))
    for code in ("CHN", "RUS", "PAK", "IRN", "MNG", "TUR", "NPL", "LAO"):
        factories.MemberStateFactory(iso_code=code)
    with django_assert_num_queries(2):
        many = sco_map.membership_map(as_of=datetime.date(2018, 12, 31))
    assert len(many["shapes"]) == len(few["shapes"]) + 8


def test_the_geometry_is_read_once_per_process(client, states, monkeypatch):
    sco_map.geometry()

    def refuse(*args, **kwargs):
        raise AssertionError("map.json read again")

    monkeypatch.setattr(Path, "read_text", refuse)
    assert client.get("/member-states/").status_code == 200


def test_the_map_scales_to_its_container_and_has_no_inline_style(client, states):
    html = client.get("/").content.decode()
    svg = re.search(r"<svg class=\"sco-map__svg\"[^>]*>", html).group(0)
    geometry = sco_map.geometry()
    assert f'viewBox="0 0 {geometry["width"]} {geometry["height"]}"' in svg
    assert "width=" not in svg and "height=" not in svg
    assert "style=" not in html
    css = (Path(settings.BASE_DIR) / "static" / "css" / "site.css").read_text(encoding="utf-8")
    assert re.search(r"\.sco-map__svg \{[^}]*width: 100%", css)


def test_the_legend_names_each_membership_shown(client, states):
    html = client.get("/member-states/?as_of=2018-12-31").content.decode()
    legend = re.search(r'<ul class="legend sco-map__legend".*?</ul>', html).group(0)
    labels = re.findall(r'sco-map__swatch--([a-z_]+)" aria-hidden="true"></span>([^<]+)<', legend)
    assert labels == [("member", "Member states"), ("none", "Not in the SCO then"), ("other", "Other countries")]


def test_every_state_of_the_data_set_has_a_shape_and_a_flag():
    fixture = json.loads((Path(settings.BASE_DIR) / "fixtures" / "sco.json").read_text(encoding="utf-8"))
    codes = {record["fields"]["iso_code"] for record in fixture if record["model"] == "records.memberstate"}
    countries = {country["iso"]: country for country in sco_map.geometry()["countries"] if country["iso"]}
    assert codes <= set(countries)
    assert all(countries[code]["d"] or countries[code]["marker_at"] for code in codes)
    assert codes <= set(flag_files())


def test_flags_are_our_static_files_with_their_licence(client, states):
    url = flag_url("KAZ")
    assert url == "/static/vendor/flag-icons/4x3/kz.svg"
    assert finders.find("vendor/flag-icons/4x3/kz.svg")
    licence = finders.find("vendor/flag-icons/LICENSE")
    assert licence and "MIT License" in Path(licence).read_text(encoding="utf-8")
    response = client.get(url)
    assert response.status_code == 200
    content = b"".join(response.streaming_content) if response.streaming else response.content
    assert b"<svg" in content
    assert flag_url("XXX") == ""


@pytest.mark.parametrize(
    "url", ["/", "/member-states/", "/member-states/kazakhstan/", "/member-states/?as_of=2018-12-31"]
)
def test_flags_on_cards_pages_and_the_map_are_decorative_and_local(client, states, url):
    html = client.get(url).content.decode()
    sources = [m["src"] for m in FLAG_IMG.finditer(html)] + re.findall(
        r'<image class="sco-map__flag" href="([^"]+)"', html
    )
    assert sources
    assert all(src.startswith("/static/vendor/flag-icons/4x3/") for src in sources)
    assert "flag-icons" not in "".join(re.findall(r'(?:src|href)="https?://[^"]+"', html))


def test_the_detail_page_shows_the_flag_beside_the_name(client, states):
    html = client.get("/member-states/kazakhstan/").content.decode()
    heading = re.search(r"<h1>.*?</h1>", html, re.S).group(0)
    assert '<img class="flag flag--heading" src="/static/vendor/flag-icons/4x3/kz.svg" alt=""' in heading
    assert heading.endswith(">Kazakhstan</h1>")


def test_a_state_card_shows_its_flag(client, states):
    html = client.get("/member-states/").content.decode()
    card = re.search(r'<article class="card card--memberstate">.*?India.*?</article>', html, re.S).group(0)
    assert 'src="/static/vendor/flag-icons/4x3/in.svg" alt=""' in card
