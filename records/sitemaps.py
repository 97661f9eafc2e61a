"""The sitemap: every public page (home, lists, topics, published records and the site's own pages),
in every language.

`/sitemap.xml` is an index of sections (`/sitemap-<section>.xml`), each cut
into pages of at most `PAGE_SIZE` addresses (`?p=2`), so that no response
lists 100,000 articles. A section's last change comes from one aggregate
query, not from reading its records.

Each section comes once per language (`/sitemap-article.xml` in English,
`/sitemap-article-ru.xml`, `/sitemap-article-zh.xml`), and each address lists
the page's versions in every language and the English one as `x-default`
(hreflang alternates).
"""

from django.contrib.sitemaps import Sitemap
from django.core.paginator import Paginator
from django.db.models import Max, Subquery
from django.urls import reverse
from django.utils import timezone, translation

from records import languages
from records.api.fields import UrlFormat
from records.models import Page, Status, Topic
from records.models.pages import PAGE_URLS
from records.registry import RECORD_TYPES

PAGE_SIZE = 10_000


class LanguageSitemap(Sitemap):
    """A section's addresses in its `language`, each with its versions in every language."""

    language = languages.DEFAULT_LANGUAGE

    def _location(self, item, force_lang_code=None):
        with translation.override(force_lang_code or self.language):
            return self.location(item)

    def _urls(self, page, protocol, domain):
        urls = super()._urls(page, protocol, domain)
        for info in urls:
            versions = {
                code: f"{protocol}://{domain}{self._location(info['item'], code)}" for code in languages.languages()
            }
            info["alternates"] = [
                *({"lang_code": languages.tag(code), "location": url} for code, url in versions.items()),
                {"lang_code": "x-default", "location": versions[languages.DEFAULT_LANGUAGE]},
            ]
        return urls


class PagesSitemap(LanguageSitemap):
    changefreq = "daily"
    priority = 0.8

    def items(self):
        return ["home", *(f"{entry.model_name}-list" for entry in RECORD_TYPES), "topic-list"]

    def location(self, item):
        return reverse(item)


class SlugSitemap(LanguageSitemap):
    """Records with a page at `<prefix>/<slug>/`: the URL is built from a path reversed once."""

    changefreq = "weekly"
    limit = PAGE_SIZE
    model = None

    def location(self, item):
        formats = self.__dict__.setdefault("url_formats", {})
        language = translation.get_language()
        if language not in formats:
            formats[language] = UrlFormat(None, self.model.detail_url_name)
        return formats[language].url(item.slug)


class SeekPaginator(Paginator):
    """Pages of a list ordered by id: a page's first id is found by skipping ids in the published
    records' index (no rows read), and the page's rows are read from there, so a deep page costs
    what the first does."""

    def page(self, number):
        number = self.validate_number(number)
        first = self.object_list.values_list("pk", flat=True)[(number - 1) * self.per_page :][:1]
        rows = self.object_list.filter(pk__gte=Subquery(first))[: self.per_page]
        return self._get_page(rows, number, self)


class RecordSitemap(SlugSitemap):
    """Published records of one type; `lastmod` counts a scheduled record's go-live time."""

    @property
    def paginator(self):
        return SeekPaginator(self._items(), self.limit)

    def items(self):
        return self.model.objects.published().order_by("pk").only("slug", "updated_at", "publish_at")

    def lastmod(self, item):
        if item.publish_at and item.publish_at > item.updated_at:
            return item.publish_at
        return item.updated_at

    def get_latest_lastmod(self):
        """The latest change or go-live among the published records, from the indexes on both."""
        published = self.model.objects.filter(status=Status.PUBLISHED)
        changed = published.aggregate(latest=Max("updated_at"))["latest"]
        went_live = published.filter(publish_at__lte=timezone.now()).aggregate(latest=Max("publish_at"))["latest"]
        return max(filter(None, (changed, went_live)), default=None)


class TopicSitemap(SlugSitemap):
    model = Topic

    def items(self):
        return Topic.objects.order_by("pk").only("slug")


class SitePagesSitemap(LanguageSitemap):
    """The site's own pages that exist (About and methodology)."""

    changefreq = "monthly"

    def items(self):
        return Page.objects.filter(slug__in=list(PAGE_URLS)).order_by("pk")

    def lastmod(self, item):
        return item.updated_at


def record_sitemap(record_model):
    return type(f"{record_model.__name__}Sitemap", (RecordSitemap,), {"model": record_model})


ENGLISH_SECTIONS = {
    "pages": PagesSitemap,
    "topics": TopicSitemap,
    "site-pages": SitePagesSitemap,
    **{model._meta.model_name: record_sitemap(model) for model in (entry.model for entry in RECORD_TYPES)},
}


def in_language(sitemap, code):
    return type(f"{sitemap.__name__}{code.title().replace('-', '')}", (sitemap,), {"language": code})


SITEMAPS = {
    **ENGLISH_SECTIONS,
    **{
        f"{name}-{languages.URL_PREFIXES[code]}": in_language(sitemap, code)
        for code in languages.other_languages()
        for name, sitemap in ENGLISH_SECTIONS.items()
    },
}
