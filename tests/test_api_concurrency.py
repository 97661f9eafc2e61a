"""Two partners writing the same record at the same moment: the second write
waits for the first, then finds its If-Match stale (412). Nothing is lost."""

import threading
import time

import pytest
from django.db import connection, transaction

from records.models import Summit

from .factories import SummitFactory
from .test_api_support import token_client

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_a_write_racing_another_on_the_same_etag_gets_412_not_a_silent_overwrite(publisher):
    SummitFactory(slug="astana", title="Original")
    client = token_client(publisher)
    etag = client.get("/api/v1/summits/astana/")["ETag"]

    first_write_in_progress = threading.Event()
    release_first_write = threading.Event()

    def first_partner():
        # A write that has read and locked the row and not yet committed.
        try:
            with transaction.atomic():
                summit = Summit.objects.select_for_update().get(slug="astana")
                first_write_in_progress.set()
                release_first_write.wait(10)
                summit.title = "First partner's title"
                summit.save()
        finally:
            connection.close()

    second = {}

    def second_partner():
        try:
            second["response"] = client.patch(
                "/api/v1/summits/astana/", {"title": "Second partner's title"}, format="json", HTTP_IF_MATCH=etag
            )
        finally:
            connection.close()

    first_thread = threading.Thread(target=first_partner)
    first_thread.start()
    assert first_write_in_progress.wait(10)
    second_thread = threading.Thread(target=second_partner)
    second_thread.start()
    time.sleep(0.5)  # the second write is now waiting for the row
    release_first_write.set()
    first_thread.join(10)
    second_thread.join(10)

    assert second["response"].status_code == 412
    assert Summit.objects.get(slug="astana").title == "First partner's title"
