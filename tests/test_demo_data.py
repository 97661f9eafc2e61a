"""The demo data command: bulk records that are valid, repeatable and removable."""

import pytest
from django.core.management import CommandError, call_command

from records.demo import COMMON_WORD, DEMO_PREFIX
from records.models import Article, MembershipChange, MemberState, Official, Status, Summit, Topic
from records.sanitize import sanitize_html
from records.search import search_queryset
from tests import factories

pytestmark = pytest.mark.django_db


def generate(articles=60, seed=7, **options):
    call_command("generate_demo_data", articles=articles, seed=seed, verbosity=0, **options)


def demo_articles():
    return Article.objects.filter(slug__startswith=DEMO_PREFIX)


def test_demo_data_has_the_requested_articles_plus_ten_percent_drafts():
    generate(articles=60)
    assert demo_articles().filter(status=Status.PUBLISHED).count() == 60
    assert demo_articles().exclude(status=Status.PUBLISHED).count() == 6
    assert Official.objects.filter(slug__startswith=DEMO_PREFIX).count() >= 3
    assert Summit.objects.filter(slug__startswith=DEMO_PREFIX).count() >= 2


def test_demo_articles_are_linked_like_real_ones():
    generate(articles=60)
    for article in demo_articles().prefetch_related("topics", "officials", "member_states", "summits"):
        assert 1 <= article.topics.count() <= 3
        assert 1 <= article.officials.count() <= 3
        assert article.member_states.count() <= 2
        assert article.summits.count() <= 1
        assert article.source is not None


def test_demo_records_are_what_save_would_have_stored():
    generate(articles=30)
    for article in demo_articles():
        assert article.body == sanitize_html(article.body)
        assert article.created_at is not None and article.updated_at is not None
    for state in MemberState.objects.filter(slug__startswith=DEMO_PREFIX):
        latest = MembershipChange.objects.filter(member_state=state).order_by("-changed_on", "-pk").first()
        assert (latest.membership, latest.changed_on) == (state.membership, state.membership_since)


def test_the_same_seed_gives_the_same_records():
    generate(seed=3)
    first = list(demo_articles().order_by("slug").values_list("slug", "title", "body", "original_published_on"))
    generate(seed=3, clear=True)
    assert list(demo_articles().order_by("slug").values_list("slug", "title", "body", "original_published_on")) == first
    generate(seed=4, clear=True)
    assert list(demo_articles().order_by("slug").values_list("slug", "title")) != [row[:2] for row in first]


def test_clear_removes_only_the_demo_records():
    real = factories.ArticleFactory(slug="real-article")
    topic = factories.TopicFactory(name="Water resources", slug="water")
    generate()
    demo_official = Official.objects.filter(slug__startswith=DEMO_PREFIX).first()
    real.officials.add(demo_official)
    call_command("generate_demo_data", clear=True, verbosity=0)
    assert not demo_articles().exists()
    assert not Topic.objects.filter(slug__startswith=DEMO_PREFIX).exists()
    assert not MembershipChange.objects.filter(member_state__slug__startswith=DEMO_PREFIX).exists()
    assert list(Article.objects.all()) == [real]
    assert Topic.objects.filter(pk=topic.pk).exists()
    assert not real.officials.exists()


def test_generating_twice_without_clear_is_refused():
    generate(articles=5)
    with pytest.raises(CommandError, match="--clear"):
        generate(articles=5)


def test_the_common_word_is_in_about_half_the_articles():
    generate(articles=200)
    share = search_queryset(demo_articles(), COMMON_WORD).count() / demo_articles().count()
    assert 0.3 < share < 0.6
