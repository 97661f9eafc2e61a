"""RSS 2.0 feed of the published articles.

Feed readers treat an item's title, description and author as HTML, while
ours are plain text: each is HTML-escaped here (and XML-escaped again by the
feed writer), so `<img onerror=…>` in a summary reaches the reader as text.
"""

import datetime

from django.contrib.syndication.views import Feed
from django.db.models import F
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

from records import languages
from records.models import Article

FEED_SIZE = 30


class LatestArticlesFeed(Feed):
    title = _("SCO Records — articles")
    link = reverse_lazy("article-list")
    description = _("News articles about the Shanghai Cooperation Organization, as recorded by SCO Records.")

    @property
    def language(self):
        """The feed's language: its address's (/ru/articles/feed/, /zh/articles/feed/)."""
        return languages.tag(languages.active())

    def items(self):
        return (
            Article.objects.published()
            .select_related("source")
            .prefetch_related("topics")
            .order_by(F("original_published_on").desc(nulls_last=True), "-pk")[:FEED_SIZE]
        )

    def item_title(self, item):
        return escape(item.title)

    def item_description(self, item):
        return escape(item.summary)

    def item_author_name(self, item):
        return escape(item.authors) if item.authors else None

    def item_pubdate(self, item):
        if item.original_published_on:
            return datetime.datetime.combine(item.original_published_on, datetime.time(), tzinfo=datetime.UTC)
        return item.publish_at or item.created_at

    def item_updateddate(self, item):
        return item.updated_at or timezone.now()

    def item_categories(self, item):
        return [escape(topic.name) for topic in item.topics.all()]

    def item_guid(self, item):
        language = languages.active()
        return f"article-{item.pk}" if language == languages.DEFAULT_LANGUAGE else f"article-{item.pk}-{language}"

    item_guid_is_permalink = False
