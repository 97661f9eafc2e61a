"""The site in English, Russian and Chinese: each page at its address in each
language (`/…`, `/ru/…`, `/zh/…`) with `lang`, a switcher that keeps the visitor
on the same page and hreflang alternates; the sitemap in every language; the
API's language from `?lang=` or Accept-Language."""

import re
import xml.etree.ElementTree as ET

import pytest

from tests.pages_data import LIST_URLS, SITEMAP_NS, build_world, public_detail_urls
from tests.test_api_support import token_client

pytestmark = pytest.mark.django_db

PREFIXES = {"en": "", "ru": "/ru", "zh-Hans": "/zh"}
XHTML = "{http://www.w3.org/1999/xhtml}link"


@pytest.fixture
def world():
    return build_world()


def page_urls(world):
    return LIST_URLS + public_detail_urls(world) + ["/about/", "/data/"]


def alternates(html):
    return dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html))


def switcher(html):
    nav = re.search(r'<nav class="language-switch".*?</nav>', html, re.S).group(0)
    return {tag: href for href, tag in re.findall(r'<a href="([^"]+)" hreflang="([^"]+)"', nav)}


def test_every_page_is_at_its_address_in_each_language_with_lang_and_hreflang(client, world):
    for url in page_urls(world):
        path = url.split("?")[0]
        for tag, prefix in PREFIXES.items():
            response = client.get(prefix + url)
            assert response.status_code == 200, prefix + url
            html = response.content.decode()
            assert f'<html lang="{tag}">' in html, prefix + url
            assert response["Content-Language"] == {"zh-Hans": "zh-hans"}.get(tag, tag)
            versions = alternates(html)
            expected = {other: f"http://testserver{other_prefix}{path}" for other, other_prefix in PREFIXES.items()}
            expected["x-default"] = f"http://testserver{path}"
            assert versions == expected, prefix + url


def test_the_switcher_leads_to_the_same_page_and_query_in_each_other_language(client, world):
    url = world.kazakhstan.get_absolute_url()
    html = client.get(f"/ru{url}").content.decode()
    assert switcher(html) == {"en": url, "zh-Hans": f"/zh{url}"}
    assert re.search(r'<span aria-current="page" lang="ru"[^>]*>RU</span>', html)
    html = client.get("/zh/summits/?sort=oldest").content.decode()
    assert switcher(html) == {"en": "/summits/?sort=oldest", "ru": "/ru/summits/?sort=oldest"}


def test_links_on_a_page_stay_in_its_language(client, world):
    state = world.kazakhstan.get_absolute_url()
    html = client.get("/ru/").content.decode()
    navigation = re.search(r'<nav class="site-nav".*?</nav>', html, re.S).group(0)
    links = re.findall(r'href="([^"]+)"', navigation)
    assert links and all(link.startswith("/ru/") for link in links)
    links = re.findall(r'href="([^"]+)"', html.split("</header>", 1)[1])
    assert f"/ru{state}" in links
    assert state not in links


def test_english_pages_keep_their_addresses_and_do_not_vary_by_the_browser_language(client, world):
    response = client.get("/summits/", HTTP_ACCEPT_LANGUAGE="ru")
    assert response.status_code == 200
    assert '<html lang="en">' in response.content.decode()
    assert "Accept-Language" not in response.get("Vary", "")


@pytest.mark.parametrize("url", ["/zh-hans/", "/ru/robots.txt", "/ru/sitemap.xml", "/ru/healthz", "/en/summits/"])
def test_addresses_outside_the_language_prefixes_are_not_found(client, url):
    assert client.get(url).status_code == 404


def test_the_sitemap_lists_each_page_in_each_language_with_its_alternates(client, world):
    index = ET.fromstring(client.get("/sitemap.xml").content)
    sections = [element.text for element in index.findall("s:sitemap/s:loc", SITEMAP_NS)]
    assert "http://testserver/sitemap-summit.xml" in sections
    assert "http://testserver/sitemap-summit-ru.xml" in sections
    assert "http://testserver/sitemap-summit-zh.xml" in sections
    path = world.summit.get_absolute_url()
    for section, prefix in (("summit", ""), ("summit-ru", "/ru"), ("summit-zh", "/zh")):
        urlset = ET.fromstring(client.get(f"/sitemap-{section}.xml").content)
        entry = next(
            url for url in urlset.findall("s:url", SITEMAP_NS) if url.find("s:loc", SITEMAP_NS).text.endswith(path)
        )
        assert entry.find("s:loc", SITEMAP_NS).text == f"http://testserver{prefix}{path}"
        links = {link.get("hreflang"): link.get("href") for link in entry.findall(XHTML)}
        assert links == {
            "en": f"http://testserver{path}",
            "ru": f"http://testserver/ru{path}",
            "zh-Hans": f"http://testserver/zh{path}",
            "x-default": f"http://testserver{path}",
        }


# --- the API --------------------------------------------------------------------


def test_the_api_speaks_the_language_asked_for_and_says_so(client, world):
    url = f"/api/v1/member-states/{world.kazakhstan.slug}/"
    english = client.get(url)
    assert english["Content-Language"] == "en"
    assert "Accept-Language" in english["Vary"]
    by_header = client.get(url, HTTP_ACCEPT_LANGUAGE="ru-RU,ru;q=0.9,en;q=0.5")
    assert by_header["Content-Language"] == "ru"
    by_parameter = client.get(f"{url}?lang=zh", HTTP_ACCEPT_LANGUAGE="ru")
    assert by_parameter["Content-Language"] == "zh-hans"
    assert client.get(url, HTTP_ACCEPT_LANGUAGE="zh-CN")["Content-Language"] == "zh-hans"
    assert client.get(url, HTTP_ACCEPT_LANGUAGE="de, fr;q=0.8")["Content-Language"] == "en"
    # The page's address in the language asked for.
    assert by_header.json()["html_url"] == f"http://testserver/ru{world.kazakhstan.get_absolute_url()}"
    assert len({english["ETag"], by_header["ETag"], by_parameter["ETag"]}) == 3


def test_a_kept_api_response_is_kept_per_language(client, world, settings):
    settings.RESPONSE_CACHE_SECONDS = 60
    url = f"/api/v1/member-states/{world.kazakhstan.slug}/"
    first = client.get(url, HTTP_ACCEPT_LANGUAGE="ru").json()["html_url"]
    second = client.get(url, HTTP_ACCEPT_LANGUAGE="zh").json()["html_url"]
    assert "/ru/" in first and "/zh/" in second


def test_an_unknown_language_is_a_400_naming_the_parameter(client):
    response = client.get("/api/v1/summits/?lang=de", HTTP_ACCEPT_LANGUAGE="ru")
    assert response.status_code == 400
    assert response.json() == {"lang": ["Choose one of en, ru, zh."]}
    assert response["Content-Language"] == "ru"
    assert client.get("/api/v1/summits/?lang=").status_code == 200


def test_a_write_in_another_language_changes_the_english_value_only(publisher, world):
    client = token_client(publisher)
    url = f"/api/v1/member-states/{world.kazakhstan.slug}/"
    response = client.patch(
        f"{url}?lang=ru", {"summary": "New English summary."}, format="json", HTTP_ACCEPT_LANGUAGE="ru"
    )
    assert response.status_code == 200, response.content
    assert response["Content-Language"] == "en"
    stored = (
        type(world.kazakhstan)
        .objects.filter(pk=world.kazakhstan.pk)
        .values("summary", "summary_en", "summary_ru")
        .get()
    )
    assert stored["summary"] == stored["summary_en"] == "New English summary."
    assert stored["summary_ru"] != "New English summary."


def test_the_admin_stays_in_english_whatever_the_browser_asks(admin_client_logged_in, world):
    response = admin_client_logged_in.get(
        f"/admin/records/memberstate/{world.kazakhstan.pk}/change/", HTTP_ACCEPT_LANGUAGE="ru"
    )
    assert response.status_code == 200
    assert response["Content-Language"] == "en"
    assert f'name="name" value="{world.kazakhstan.name_en}"' in response.content.decode()


def test_translations_are_given_when_asked_for(client, world):
    type(world.kazakhstan).objects.filter(pk=world.kazakhstan.pk).update(name_ru="Казахстан", name_zh_hans="哈萨克斯坦")
    url = f"/api/v1/member-states/{world.kazakhstan.slug}/"
    assert "translations" not in client.get(url).json()
    body = client.get(f"{url}?fields=slug,translations").json()
    assert body["translations"]["ru"]["name"] == "Казахстан"
    assert body["translations"]["zh-hans"]["name"] == "哈萨克斯坦"
    assert body["translations"]["ru"]["capital"] is None
    assert set(body["translations"]) == {"ru", "zh-hans"}
    listed = client.get("/api/v1/member-states/?fields=slug,translations").json()["results"]
    assert all(set(item) == {"slug", "translations"} for item in listed)
    assert "translations" not in client.get("/api/v1/member-states/").json()["results"][0]


def test_fields_read_in_the_language_asked_for_fall_back_to_english(client, world):
    type(world.kazakhstan).objects.filter(pk=world.kazakhstan.pk).update(name_ru="Казахстан", summary_ru="")
    url = f"/api/v1/member-states/{world.kazakhstan.slug}/?fields=name,summary"
    assert client.get(url, HTTP_ACCEPT_LANGUAGE="ru").json() == {
        "name": "Казахстан",
        "summary": world.kazakhstan.summary,
    }


def test_a_walk_by_next_links_is_the_same_in_every_language(client, world):
    def walk(language):
        url, slugs = f"/api/v1/summits/?page_size=1&ordering=title&lang={language}", []
        while url:
            body = client.get(url).json()
            slugs += [item["slug"] for item in body["results"]]
            url = body["next"]
        return slugs

    type(world.summit).objects.filter(pk=world.summit.pk).update(title_ru="Яя последний")
    assert walk("ru") == walk("en") == walk("zh")


def test_translations_are_written_through_the_write_service(publisher, world):
    client = token_client(publisher)
    url = f"/api/v1/member-states/{world.kazakhstan.slug}/"
    body = {"translations": {"ru": {"name": "Казахстан", "capital": "Астана"}, "zh-hans": {"name": "哈萨克斯坦"}}}
    response = client.patch(url, body, format="json")
    assert response.status_code == 200, response.content
    stored = (
        type(world.kazakhstan)
        .objects.values("name", "name_ru", "capital_ru", "name_zh_hans")
        .get(pk=world.kazakhstan.pk)
    )
    assert stored == {
        "name": world.kazakhstan.name,
        "name_ru": "Казахстан",
        "capital_ru": "Астана",
        "name_zh_hans": "哈萨克斯坦",
    }
    assert client.get(f"{url}?lang=ru&fields=name").json() == {"name": "Казахстан"}
    # Emptied with null; what is left out keeps its value.
    client.patch(url, {"translations": {"ru": {"capital": None}}}, format="json")
    stored = type(world.kazakhstan).objects.values("name_ru", "capital_ru").get(pk=world.kazakhstan.pk)
    assert stored == {"name_ru": "Казахстан", "capital_ru": ""}


@pytest.mark.parametrize(
    "translations, key",
    [
        ({"de": {"name": "Kasachstan"}}, "de"),
        ({"en": {"name": "Kazakhstan"}}, "en"),
        ({"ru": {"slug": "x"}}, "ru.slug"),
        ({"ru": {"name": 12}}, "ru.name"),
        ({"ru": {"name": "a\x00b"}}, "ru.name"),
        ({"ru": "Казахстан"}, "ru"),
    ],
)
def test_bad_translations_are_a_400_naming_them(publisher, world, translations, key):
    response = token_client(publisher).patch(
        f"/api/v1/member-states/{world.kazakhstan.slug}/", {"translations": translations}, format="json"
    )
    assert response.status_code == 400
    assert key in response.json()["translations"]


def test_translations_that_are_not_an_object_are_a_400(publisher, world):
    response = token_client(publisher).patch(
        f"/api/v1/member-states/{world.kazakhstan.slug}/", {"translations": ["ru"]}, format="json"
    )
    assert response.status_code == 400
    assert "translations" in response.json()


# --- translated content on the pages --------------------------------------------


def test_a_page_shows_the_translation_and_marks_english_shown_in_its_place(client, world):
    state = world.kazakhstan
    url = state.get_absolute_url()
    type(state).objects.filter(pk=state.pk).update(
        name_ru="Казахстан", summary_ru="", description="<p>Steppe.</p>", description_en="<p>Steppe.</p>"
    )
    html = client.get(f"/ru{url}").content.decode()
    assert re.search(r"<h1>[^<]*(<img[^>]*>)?Казахстан</h1>", html)
    summary = re.search(r'<p class="record__summary">(.*?)</p>', html, re.S).group(1)
    assert summary.startswith(f'<span lang="en">{state.summary}</span>')
    assert '<small class="untranslated">(ещё не переведено)</small>' in summary
    assert re.search(r'<p class="untranslated-note">[^<]+</p><div lang="en"><p>Steppe.</p></div>', html)
    english = client.get(url).content.decode()
    assert "untranslated" not in english
    assert 'lang="en"><p>Steppe' not in english


def test_lists_of_linked_records_show_names_in_the_page_language(client, world):
    summit, state = world.summit.get_absolute_url(), world.kazakhstan.get_absolute_url()
    type(world.summit).objects.filter(pk=world.summit.pk).update(title_zh_hans="阿斯塔纳峰会")
    html = client.get(f"/zh{state}").content.decode()
    assert f'href="/zh{summit}">阿斯塔纳峰会</a>' in html
    html = client.get(f"/ru{state}").content.decode()
    assert f'href="/ru{summit}"><span lang="en">{world.summit.title}</span>' in html


def test_dates_are_written_as_each_language_writes_them(client, world):
    url = world.summit.get_absolute_url()
    day = world.summit.starts_on
    months_ru = [
        "января",
        "февраля",
        "марта",
        "апреля",
        "мая",
        "июня",
        "июля",
        "августа",
        "сентября",
        "октября",
        "ноября",
        "декабря",
    ]
    assert f"{day.day} {months_ru[day.month - 1]} {day.year} г." in client.get(f"/ru{url}").content.decode()
    assert f"{day.year}年{day.month}月{day.day}日" in client.get(f"/zh{url}").content.decode()
    assert f"{day.day} {day:%B} {day.year}" in client.get(url).content.decode()


def test_the_feed_and_the_calendar_come_in_each_language(client, world):
    type(world.article).objects.filter(pk=world.article.pk).update(title_ru="Статья по-русски")
    type(world.summit).objects.filter(pk=world.summit.pk).update(title_zh_hans="阿斯塔纳峰会")
    feed = client.get("/ru/articles/feed/")
    assert feed.status_code == 200
    body = feed.content.decode()
    assert "<language>ru</language>" in body
    assert "<title>Статья по-русски</title>" in body
    assert "<link>http://testserver/ru/articles/</link>" in body
    assert "<language>en</language>" in client.get("/articles/feed/").content.decode()
    calendar = client.get("/zh/summits/calendar.ics").content.decode()
    assert "SUMMARY:阿斯塔纳峰会" in calendar


def test_filter_menus_name_records_in_the_page_language(client, world):
    type(world.kazakhstan).objects.filter(pk=world.kazakhstan.pk).update(name_ru="Казахстан")
    html = client.get("/ru/summits/").content.decode()
    assert f'<option value="{world.kazakhstan.slug}">Казахстан</option>' in html
    assert (
        f'<option value="{world.kazakhstan.slug}">{world.kazakhstan.name}</option>'
        in client.get("/summits/").content.decode()
    )


def test_a_page_ignores_the_browser_language_and_the_language_cookie(client, world):
    client.cookies["django_language"] = "ru"
    response = client.get("/summits/", HTTP_ACCEPT_LANGUAGE="zh-CN")
    assert response["Content-Language"] == "en"
    assert '<html lang="en">' in response.content.decode()
