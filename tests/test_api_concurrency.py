"""Two partners writing the same record at the same moment: the second write
waits for the first, then finds its If-Match stale (412). Nothing is lost."""

import pytest

from records.models import Summit

from .concurrency import race_with_locked_write
from .factories import SummitFactory
from .test_api_support import token_client

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_a_write_racing_another_on_the_same_etag_gets_412_not_a_silent_overwrite(publisher):
    summit = SummitFactory(slug="astana", title="Original")
    client = token_client(publisher)
    etag = client.get("/api/v1/summits/astana/")["ETag"]

    response = race_with_locked_write(
        Summit,
        summit.pk,
        change=lambda record: setattr(record, "title", "First partner's title"),
        second_write=lambda: client.patch(
            "/api/v1/summits/astana/", {"title": "Second partner's title"}, format="json", HTTP_IF_MATCH=etag
        ),
    )

    assert response.status_code == 412
    assert Summit.objects.get(slug="astana").title == "First partner's title"
