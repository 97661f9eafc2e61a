"""Paths reversed once per process (records.paths) are the paths `reverse()` gives, in
every language and under a script prefix."""

import pytest
from django.urls import clear_script_prefix, reverse, set_script_prefix
from django.utils import translation

from records.paths import page_path, slug_path
from records.registry import RECORD_TYPES, TOPIC

NAMES = ["home", "search", "about", "open-data", "article-feed", "summit-calendar", "sitemap"]
NAMES += [f"{entry.model_name}-list" for entry in (*RECORD_TYPES, TOPIC)]


@pytest.mark.parametrize("language", ["en", "ru", "zh-hans"])
def test_paths_are_what_reverse_gives_in_each_language(language):
    with translation.override(language):
        for name in NAMES:
            assert page_path(name) == reverse(name), name
        for entry in (*RECORD_TYPES, TOPIC):
            name = f"{entry.model_name}-detail"
            assert slug_path(name, "astana-2024") == reverse(name, kwargs={"slug": "astana-2024"}), name
    prefixes = {"en": "/", "ru": "/ru/", "zh-hans": "/zh/"}
    with translation.override(language):
        assert page_path("about").startswith(prefixes[language])


def test_paths_follow_the_script_prefix():
    set_script_prefix("/records/")
    try:
        assert page_path("about") == reverse("about") == "/records/about/"
        assert slug_path("summit-detail", "x") == "/records/summits/x/"
    finally:
        clear_script_prefix()
    assert page_path("about") == "/about/"
