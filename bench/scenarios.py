"""What the benchmark requests, and in which order."""

import json

from bench.load import Scenario
from bench.servers import fetch, next_path

PAGE_SIZE = 20


def search_words(articles):
    """A word in about 45 % of the demo articles, and one in a handful."""
    from records.demo import COMMON_WORD, rare_word

    return COMMON_WORD, rare_word(123 % max(1, articles // 20))


def deep_cursor_path(ours, host_header, articles):
    """The `next` link of the page that ends at 90 % of the list: a keyset position deep in it."""
    deep_page = max(1, int(articles * 0.9) // PAGE_SIZE)
    return next_path(ours.port, f"/api/v1/articles/?page={deep_page}", host_header)


def build_scenarios(ours, host_header, articles):
    """The scenarios, with slugs, ETags and cursors read from our running app.

    The rows above the kept ones are measured against our app building every
    response (RESPONSE_CACHE_SECONDS=0): what a request costs. The "kept" rows
    are answered by our app with its response cache, the way production runs.
    """
    common, rare = search_words(articles)
    _, body, _ = fetch(ours.port, "/api/v1/articles/?page_size=100", host_header)
    slugs = [record["slug"] for record in json.loads(body)["results"]]
    _, _, headers = fetch(ours.port, "/api/v1/articles/", host_header)
    etag = headers["ETag"]
    deep_page = max(1, int(articles * 0.9) // PAGE_SIZE)
    deep_cursor = deep_cursor_path(ours, host_header, articles)
    details = [f"/api/v1/articles/{slug}/" for slug in slugs]
    return [
        Scenario("API list of 20", ["/api/v1/articles/"], counted=True),
        Scenario("API list of 100", ["/api/v1/articles/?page_size=100"], counted=True),
        Scenario("API detail", details),
        Scenario(f"API next link deep in the list (row {deep_page * PAGE_SIZE:,})", [deep_cursor], counted=True),
        Scenario(f"API deep page by number ({deep_page})", [f"/api/v1/articles/?page={deep_page}"], counted=True),
        Scenario("walk by next links (100 a page)", ["/api/v1/articles/?page_size=100"], walk=True, counted=True),
        Scenario("HTML /articles/", ["/articles/"]),
        Scenario("HTML article detail", [f"/articles/{slug}/" for slug in slugs]),
        Scenario(f"search page, common word ({common})", [f"/search/?q={common}"]),
        Scenario(f"search page, rare word ({rare})", [f"/search/?q={rare}"]),
        Scenario(f"API ?search= common word ({common})", [f"/api/v1/articles/?search={common}"]),
        Scenario(f"API ?search= rare word ({rare})", [f"/api/v1/articles/?search={rare}"]),
        Scenario("kept: API list of 20", ["/api/v1/articles/"], side="kept", counted=True),
        Scenario("kept: API detail", details, side="kept"),
        Scenario(
            "kept: API 304 (If-None-Match)",
            ["/api/v1/articles/"],
            headers={"If-None-Match": etag},
            expect=304,
            side="kept",
            counted=True,
        ),
    ]
