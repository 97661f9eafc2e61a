"""The sitemap: every public page (home, lists, topics, published records and the site's own pages)."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from records.models import Page, Topic
from records.models.pages import PAGE_URLS
from records.registry import RECORD_TYPES


class PagesSitemap(Sitemap):
    changefreq = "daily"
    priority = 0.8

    def items(self):
        return ["home", *(f"{entry.model_name}-list" for entry in RECORD_TYPES), "topic-list"]

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


class SitePagesSitemap(Sitemap):
    """The site's own pages that exist (About and methodology)."""

    changefreq = "monthly"

    def items(self):
        return Page.objects.filter(slug__in=list(PAGE_URLS)).order_by("pk")

    def lastmod(self, item):
        return item.updated_at


def record_sitemap(record_model):
    return type(f"{record_model.__name__}Sitemap", (RecordSitemap,), {"model": record_model})


SITEMAPS = {
    "pages": PagesSitemap,
    "topics": TopicSitemap,
    "site-pages": SitePagesSitemap,
    **{model._meta.model_name: record_sitemap(model) for model in (entry.model for entry in RECORD_TYPES)},
}
