"""Rich text is safe on the pages whatever path stored it: `loaddata` saves raw,
without the sanitizer that `save()` runs, so the pages sanitize as they render."""

import json

import pytest
from django.core import serializers
from django.core.management import call_command

from records.templatetags.records_tags import rich_text
from tests import factories

pytestmark = pytest.mark.django_db

HOSTILE = (
    '<p>Kept paragraph</p><script>alert("x")</script><img src=x onerror="alert(1)">'
    '<blockquote cite="javascript:alert(2)">Quote</blockquote><a href="javascript:alert(3)">link</a>'
)
DANGEROUS = ("<script", "onerror", "javascript:", "<img")


def load_raw(tmp_path, record, field):
    """Store `record` with HOSTILE in `field` through a real `loaddata`."""
    data = json.loads(serializers.serialize("json", [record]))
    data[0]["fields"][field] = HOSTILE
    fixture = tmp_path / "hostile.json"
    fixture.write_text(json.dumps(data))
    call_command("loaddata", str(fixture), verbosity=0)
    record.refresh_from_db()
    assert getattr(record, field) == HOSTILE  # stored raw, as loaddata does


@pytest.mark.parametrize(
    ("factory", "field"),
    [
        (factories.ArticleFactory, "body"),
        (factories.SummitFactory, "description"),
        (factories.MemberStateFactory, "description"),
        (factories.OfficialFactory, "description"),
        (factories.InitiativeFactory, "description"),
        (factories.OrganizationFactory, "description"),
    ],
)
def test_raw_html_stored_by_loaddata_is_shown_sanitized_on_the_record_page(client, tmp_path, factory, field):
    record = factory()
    load_raw(tmp_path, record, field)
    page = client.get(record.get_absolute_url()).content.decode()
    prose = page.split('<div class="prose">', 1)[1].split("</div>", 1)[0]
    assert "<p>Kept paragraph</p>" in prose
    assert "Quote" in prose
    for dangerous in DANGEROUS:
        assert dangerous not in prose.lower()


def test_the_rich_text_filter_gives_the_same_result_as_the_sanitizer_on_save():
    article = factories.ArticleFactory(body=HOSTILE)
    assert rich_text(HOSTILE) == article.body
    assert rich_text("") == ""
