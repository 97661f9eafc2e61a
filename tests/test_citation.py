""" "Cite this record" on every record page: text, BibTeX and CSL-JSON naming the
record's permanent URL and the date it was last updated."""

import html
import json

import pytest
from django.utils import timezone

from records.models import Status
from tests import factories

pytestmark = pytest.mark.django_db

FACTORIES = {
    "articles": factories.ArticleFactory,
    "summits": factories.SummitFactory,
    "member-states": factories.MemberStateFactory,
    "officials": factories.OfficialFactory,
    "initiatives": factories.InitiativeFactory,
    "organizations": factories.OrganizationFactory,
}


@pytest.mark.parametrize("prefix", list(FACTORIES))
def test_every_record_page_shows_its_citation(client, prefix):
    record = FACTORIES[prefix]()
    url = f"http://testserver/{prefix}/{record.slug}/"
    page = client.get(url).content.decode()
    updated = timezone.localdate(record.updated_at)
    assert "Cite this record" in page
    assert f"“{record}”" in page
    assert f"url = {{{url}}}" in page
    assert f"last updated {updated.isoformat()}" in page
    assert f'"URL": "{url}"' in html.unescape(page)
    assert f'href="/{prefix}/{record.slug}/citation.json"' in page


def test_the_csl_json_downloads(client):
    summit = factories.SummitFactory(title="Astana & Tianjin {2025}")
    response = client.get(f"/summits/{summit.slug}/citation.json")
    assert response["Content-Type"] == "application/vnd.citationstyles.csl+json"
    (item,) = json.loads(response.content)
    updated = timezone.localdate(summit.updated_at)
    assert item["title"] == "Astana & Tianjin {2025}"
    assert item["URL"] == f"http://testserver/summits/{summit.slug}/"
    assert item["issued"] == {"date-parts": [[updated.year, updated.month, updated.day]]}
    page = client.get(f"/summits/{summit.slug}/").content.decode()
    assert r"title = {Astana \&amp; Tianjin \{2025\}}" in page


def test_a_draft_has_no_citation(client, publisher):
    draft = factories.ArticleFactory(status=Status.DRAFT)
    assert client.get(f"/articles/{draft.slug}/citation.json").status_code == 404
    client.force_login(publisher)
    assert "Cite this record" not in client.get(f"/articles/{draft.slug}/").content.decode()
