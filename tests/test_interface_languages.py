"""The interface in Russian and Chinese: the catalogs are complete, and no page
in /ru/ or /zh/ shows one of our English interface strings (English shown in
place of a missing translation is marked lang="en" and left out of the scan)."""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.conf import settings

from records.models import Article, Initiative, MemberState, Official, Organization, Summit, Topic

CATALOGS = {"ru": "ru", "zh": "zh_Hans"}
PLACEHOLDER = re.compile(r"%\(\w+\)[sdr]|%[sdr]|\{\w*\}|<[^>]+>|&\w+;")


def catalog(language):
    path = Path(settings.BASE_DIR) / "locale" / CATALOGS[language] / "LC_MESSAGES" / "django.po"
    with path.open("rb") as handle:
        return read_po(handle)


@pytest.mark.parametrize("language", CATALOGS)
def test_each_catalog_translates_every_message_and_keeps_its_placeholders(language):
    messages = catalog(language)
    assert not messages.fuzzy
    for message in messages:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        assert all(strings), ids[0]
        assert "fuzzy" not in message.flags, ids[0]
        wanted = set(re.findall(r"%\(\w+\)[sd]", ids[-1]))
        for string in strings:
            # A plural form may leave out the count (Russian's "one" form reads "Всего: 1 …").
            assert set(re.findall(r"%\(\w+\)[sd]", string)) <= wanted | set(re.findall(r"%\(\w+\)[sd]", ids[0]))


def english_phrases(language):
    """Our interface's English phrases (of two words or more) that the catalog translates
    differently: none may show on a page in that language."""
    phrases = set()
    for message in catalog(language):
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for text in ids:
            if text in strings:
                continue
            for part in PLACEHOLDER.split(text):
                part = " ".join(part.split()).strip(" .,:;()—–-·")
                kept = any(part in string for string in strings)  # a name the translation keeps
                if len(part.split()) >= 2 and len(part) >= 8 and re.search("[a-z]", part) and not kept:
                    phrases.add(part)
    return phrases


class VisibleText(HTMLParser):
    """The text a reader meets on a page (text and the attributes read aloud or shown),
    without scripts, what is marked as English (lang="en") and what is kept as it was
    written (translate="no": the titles and publishers of sources)."""

    READ = {"aria-label", "title", "placeholder", "alt"}
    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.stack = [], []

    def skipping(self):
        return any(self.stack)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        skip = tag in {"script", "style"} or (attrs.get("lang") or "").startswith("en") or self.skipping()
        skip = skip or attrs.get("translate") == "no"
        if not skip:
            self.parts += [value for name, value in attrs.items() if name in self.READ and value]
            if tag == "meta" and attrs.get("name") == "description":
                self.parts.append(attrs.get("content") or "")
        if tag not in self.VOID:
            self.stack.append(skip)

    def handle_endtag(self, tag):
        if tag not in self.VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data):
        if not self.skipping():
            self.parts.append(data)

    def text(self):
        return " ".join(" ".join(self.parts).split())


def visible_text(html):
    parser = VisibleText()
    parser.feed(html)
    return parser.text()


def pages():
    records = [
        model.objects.published().order_by("pk").first()
        for model in (Article, Summit, MemberState, Official, Initiative, Organization)
    ]
    paths = ["/", "/articles/", "/summits/", "/member-states/", "/officials/", "/initiatives/", "/organizations/"]
    paths += ["/topics/", "/about/", "/data/", "/search/?q=astana", "/search/", "/member-states/?as_of=2010-12-31"]
    paths += [Topic.objects.order_by("pk").first().get_absolute_url()]
    return paths + [record.get_absolute_url() for record in records]


@pytest.mark.django_db
@pytest.mark.parametrize("language", CATALOGS)
def test_no_page_shows_an_english_interface_string(client, dataset, language):
    phrases = english_phrases(language)
    for path in pages():
        response = client.get(f"/{language}{path}")
        assert response.status_code == 200, path
        text = visible_text(response.content.decode())
        shown = sorted(phrase for phrase in phrases if phrase in text)
        assert not shown, (f"/{language}{path}", shown[:10])


@pytest.mark.django_db
@pytest.mark.parametrize("language", CATALOGS)
def test_the_not_found_page_is_in_its_language(client, language):
    response = client.get(f"/{language}/no-such-page/")
    assert response.status_code == 404
    text = visible_text(response.content.decode())
    assert not [phrase for phrase in english_phrases(language) if phrase in text]
    assert f'lang="{ {"ru": "ru", "zh": "zh-Hans"}[language] }"' in response.content.decode()
