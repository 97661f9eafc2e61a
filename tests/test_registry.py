"""One declaration per record type: pages, API, sitemap and navigation all
follow the registry, and pages and API show the same linked lists."""

import pytest
from django.template.loader import get_template
from django.urls import reverse
from rest_framework.test import APIClient

from records.api.serializers import SERIALIZERS
from records.registry import RECORD_TYPES, TOPIC
from records.sitemaps import SITEMAPS
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("entry", [*RECORD_TYPES, TOPIC], ids=lambda entry: entry.model_name)
def test_the_api_carries_every_list_the_registry_declares(entry):
    names = SERIALIZERS[entry.model].field_names()
    for name in [item.name for item in entry.related] + list(entry.children):
        assert name in names, name


@pytest.mark.parametrize("entry", RECORD_TYPES, ids=lambda entry: entry.model_name)
def test_every_record_type_has_its_pages_endpoint_sitemap_and_place_in_the_navigation(client, entry):
    assert reverse(f"{entry.model_name}-list") == f"/{entry.prefix}/"
    assert reverse(f"api:{entry.model_name}-list") == f"/api/v1/{entry.prefix}/"
    get_template(f"{entry.templates}/list.html")
    get_template(f"{entry.templates}/detail.html")
    assert entry.model_name in SITEMAPS
    assert f'<a href="/{entry.prefix}/">{entry.nav_label}</a>'.encode() in client.get("/").content


def test_a_state_page_and_its_api_entry_show_the_same_lists(client):
    state = factories.MemberStateFactory(slug="kazakhstan", name="Kazakhstan")
    factories.SummitFactory(title="Hosted summit", host_state=state)
    factories.SummitFactory(title="Chaired summit", chair_state=state)
    factories.OfficialFactory(name="Envoy", member_state=state)
    page = client.get("/member-states/kazakhstan/").content.decode()
    entry = APIClient().get("/api/v1/member-states/kazakhstan/").json()
    assert [s["title"] for s in entry["summits_chaired"]] == ["Chaired summit"]
    assert [s["title"] for s in entry["summits_hosted"]] == ["Hosted summit"]
    assert [o["name"] for o in entry["officials"]] == ["Envoy"]
    for heading, title in [("Summits chaired", "Chaired summit"), ("Summits hosted", "Hosted summit")]:
        section = page.split(f">{heading} ")[1].split("</section>")[0]
        assert title in section


def test_an_organization_api_entry_lists_its_meetings_like_its_page(client):
    sco = factories.OrganizationFactory(slug="sco")
    factories.SummitFactory(title="Council meeting", organization=sco)
    entry = APIClient().get("/api/v1/organizations/sco/").json()
    assert [s["title"] for s in entry["summits"]] == ["Council meeting"]
    assert "Council meeting" in client.get("/organizations/sco/").content.decode()


def test_a_summit_api_entry_lists_the_membership_decisions_its_page_shows(client):
    summit = factories.SummitFactory(slug="astana-2024", title="Astana 2024")
    belarus = factories.MemberStateFactory(name="Belarus", membership="observer")
    factories.MembershipChangeFactory(member_state=belarus, membership="member", summit=summit)
    entry = APIClient().get("/api/v1/summits/astana-2024/").json()
    assert entry["membership_changes"][0]["member_state"]["name"] == "Belarus"
    assert "Belarus" in client.get("/summits/astana-2024/").content.decode()
