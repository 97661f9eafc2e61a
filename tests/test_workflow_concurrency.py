"""Two editors saving the same record at the same moment in the admin: the
second save waits for the first, then is refused as stale. Nothing is lost."""

import pytest
from django.test import Client

from records.models import Article, Status

from .concurrency import race_with_locked_write
from .factories import ArticleFactory
from .test_workflow import article_form, change_url

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_an_admin_save_racing_another_is_refused_not_silently_overwritten(editor):
    article = ArticleFactory(status=Status.DRAFT, title="Original")
    opened = article_form(article)
    client = Client()
    client.force_login(editor)

    response = race_with_locked_write(
        Article,
        article.pk,
        change=lambda record: setattr(record, "title", "First editor's title"),
        second_write=lambda: client.post(change_url(article), {**opened, "title": "Second editor's title"}),
    )

    assert response.status_code == 200  # the form again, with the refusal
    assert "after you opened it" in response.content.decode()
    assert Article.objects.get(pk=article.pk).title == "First editor's title"
