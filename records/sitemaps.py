"""The sitemap: every public page (home, lists, topics and published records)."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from records.models import Article, Initiative, MemberState, Official, Organization, Summit, Topic


class PagesSitemap(Sitemap):
    changefreq = "daily"
    priority = 0.8

    def items(self):
        return [
            "home",
            "article-list",
            "summit-list",
            "memberstate-list",
            "official-list",
            "initiative-list",
            "organization-list",
            "topic-list",
        ]

    def location(self, item):
        return reverse(item)


class RecordSitemap(Sitemap):
    """Published records of one type; `lastmod` counts a scheduled record's go-live time."""

    changefreq = "weekly"
    model = None

    def items(self):
        return self.model.objects.published().order_by("pk").only("slug", "updated_at", "publish_at")

    def lastmod(self, item):
        if item.publish_at and item.publish_at > item.updated_at:
            return item.publish_at
        return item.updated_at


class TopicSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return Topic.objects.order_by("pk")


def record_sitemap(record_model):
    return type(f"{record_model.__name__}Sitemap", (RecordSitemap,), {"model": record_model})


SITEMAPS = {
    "pages": PagesSitemap,
    "topics": TopicSitemap,
    **{
        model._meta.model_name: record_sitemap(model)
        for model in (Article, Summit, MemberState, Official, Initiative, Organization)
    },
}
