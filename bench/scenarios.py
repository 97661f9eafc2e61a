"""What the benchmark requests, and in which order."""

import json

from bench.load import Scenario
from bench.servers import fetch

PAGE_SIZE = 20


def search_words(articles):
    """A word in about 45 % of the demo articles, and one in a handful."""
    from records.demo import COMMON_WORD, rare_word

    return COMMON_WORD, rare_word(123 % max(1, articles // 20))


def build_scenarios(ours, host_header, articles):
    """The scenarios, with slugs and ETags read from our running app."""
    common, rare = search_words(articles)
    _, body, _ = fetch(ours.port, "/api/v1/articles/?page_size=100", host_header)
    slugs = [record["slug"] for record in json.loads(body)["results"]]
    _, _, headers = fetch(ours.port, "/api/v1/articles/", host_header)
    etag = headers["ETag"]
    deep_page = max(1, int(articles * 0.9) // PAGE_SIZE)
    return [
        Scenario("API list of 20", ["/api/v1/articles/"]),
        Scenario("API list of 100", ["/api/v1/articles/?page_size=100"]),
        Scenario("API detail", [f"/api/v1/articles/{slug}/" for slug in slugs]),
        Scenario("API 304 (If-None-Match)", ["/api/v1/articles/"], headers={"If-None-Match": etag}, expect=304),
        Scenario(f"API deep page ({deep_page})", [f"/api/v1/articles/?page={deep_page}"]),
        Scenario("HTML /articles/", ["/articles/"]),
        Scenario("HTML article detail", [f"/articles/{slug}/" for slug in slugs]),
        Scenario(f"search page, common word ({common})", [f"/search/?q={common}"]),
        Scenario(f"search page, rare word ({rare})", [f"/search/?q={rare}"]),
        Scenario(f"API ?search= common word ({common})", [f"/api/v1/articles/?search={common}"]),
        Scenario(f"API ?search= rare word ({rare})", [f"/api/v1/articles/?search={rare}"]),
        Scenario("walk by next links (100 a page)", ["/api/v1/articles/?page_size=100"], walk=True),
    ]
