"""Deterministic, news-like text for demo records.

Bodies are built from a pool of sentences about SCO-style diplomacy, so words
have the skewed frequencies of real news: a few very common, many rare. Two
kinds of words are placed on purpose, so that search can be measured on a
known spread:

- `COMMON_WORD` appears in about `COMMON_SHARE` of the articles and nowhere
  in the sentence pool;
- each article names one `rare_word(i)`, invented place names of which each
  appears in only a handful of articles.
"""

import random

COMMON_WORD = "cooperation"
COMMON_SHARE = 0.45

CITIES = (
    "Astana", "Almaty", "Tashkent", "Samarkand", "Bishkek", "Osh", "Dushanbe", "Khujand", "Beijing",
    "Qingdao", "Shanghai", "Chengdu", "Urumqi", "Kazan", "Novosibirsk", "Ufa", "Islamabad", "Lahore",
    "New Delhi", "Goa", "Tehran", "Isfahan", "Minsk", "Ulaanbaatar", "Baku", "Ashgabat",
)  # fmt: skip
SUBJECTS = (
    "Ministers", "Delegations", "Experts", "Officials", "Leaders", "Researchers", "Business leaders",
    "Local authorities", "Young entrepreneurs", "Journalists", "Diplomats", "Border agencies",
    "Health authorities", "Customs services", "University rectors", "Energy companies", "Farmers' unions",
)  # fmt: skip
VERBS = (
    "discussed", "reviewed", "signed", "proposed", "welcomed", "launched", "agreed on", "examined",
    "promoted", "backed", "presented", "outlined", "endorsed", "debated", "assessed", "praised",
)  # fmt: skip
ADJECTIVES = (
    "regional", "joint", "new", "sustainable", "digital", "cross-border", "long-term", "practical",
    "multilateral", "green", "secure", "open", "ambitious", "balanced", "mutual", "inclusive", "rural",
    "industrial", "scientific", "cultural", "humanitarian", "financial", "agricultural", "maritime",
)  # fmt: skip
OBJECTS = (
    "rail links", "trade routes", "water projects", "exercises against terrorism", "payments in local currencies",
    "energy grids", "vaccine research", "tourism programmes", "student exchanges", "film festivals",
    "customs procedures", "logistics hubs", "desert greening", "glacier monitoring", "food security plans",
    "industrial parks", "satellite navigation", "anti-drug operations", "broadcasting agreements",
    "sports tournaments", "heritage sites", "mining investments", "pipeline capacity", "e-commerce platforms",
    "disaster relief", "border crossings", "visa facilitation", "power plants", "seed banks", "air corridors",
)  # fmt: skip
TIMES = (
    "on Monday", "on Tuesday", "this week", "during the talks", "at the plenary session", "in a joint statement",
    "behind closed doors", "at a press conference", "on the sidelines of the meeting", "earlier this month",
)  # fmt: skip
QUALIFIERS = (
    "according to the organizers", "officials said", "the ministry reported", "participants noted",
    "the statement added", "observers pointed out", "a spokesperson confirmed",
)  # fmt: skip
FIRST_NAMES = (
    "Aida", "Bakyt", "Chen", "Dilnoza", "Erlan", "Farrukh", "Gulnara", "Hamid", "Irina", "Javad", "Kamila",
    "Li", "Madina", "Nursultan", "Olga", "Parviz", "Qiang", "Rustam", "Saida", "Timur", "Umar", "Vera",
    "Wang", "Xenia", "Yerlan", "Zarina", "Anil", "Bilal", "Daria", "Farida", "Imran", "Lena", "Murat",
    "Nadia", "Oleg", "Priya", "Sanjar", "Tahmina", "Viktor", "Yusuf",
)  # fmt: skip
LAST_NAMES = (
    "Abdullaev", "Bekova", "Chernov", "Dzhumaev", "Ermekova", "Fazilov", "Gao", "Hasanov", "Ismoilova",
    "Jiang", "Karimov", "Lebedeva", "Mirzaev", "Nazarova", "Orlov", "Petrova", "Qodirov", "Rahimova",
    "Saidov", "Tokaeva", "Usmonov", "Volkova", "Wei", "Yusupova", "Zhang", "Akhmetov", "Baig", "Das",
    "Ehsani", "Khan", "Mehta", "Naqvi", "Omarova", "Rashidov", "Sultanov", "Tursunova",
)  # fmt: skip
TITLES = (
    "Minister of Foreign Affairs", "Minister of Economy", "Minister of Energy", "Minister of Culture",
    "Deputy Prime Minister", "Ambassador", "Head of the Customs Service", "Minister of Health",
    "Minister of Transport", "Presidential Envoy", "Minister of Agriculture", "Minister of Education",
)  # fmt: skip
_SYLLABLES = (
    "ka", "ra", "bo", "ni", "ta", "lu", "me", "so", "vi", "da", "gu", "ze", "pa", "ri", "no", "xi", "fe",
    "mo", "shu", "ol", "an", "ek", "ur", "im",
)  # fmt: skip


def rare_word(number):
    """The invented place name number `number`: unique, lowercase, and no English word."""
    count = len(_SYLLABLES)
    return "".join(_SYLLABLES[(number // count**place) % count] for place in range(3)) + "abad"


def sentence(rng):
    """One plain-text sentence of news prose."""
    kind = rng.randrange(4)
    city = rng.choice(CITIES)
    if kind == 0:
        return (
            f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(ADJECTIVES)} "
            f"{rng.choice(OBJECTS)} in {city} {rng.choice(TIMES)}."
        )
    if kind == 1:
        return (
            f"{rng.randrange(2, 60)} {rng.choice(ADJECTIVES)} projects worth {rng.randrange(5, 900)} million "
            f"dollars are planned for {rng.choice(OBJECTS)}, {rng.choice(QUALIFIERS)}."
        )
    if kind == 2:
        return (
            f"The {rng.choice(ADJECTIVES)} agenda also covered {rng.choice(OBJECTS)} and "
            f"{rng.choice(OBJECTS)}, with a follow-up meeting expected in {city}."
        )
    return (
        f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)} said that {rng.choice(ADJECTIVES)} "
        f"{rng.choice(OBJECTS)} would help the {rng.choice(ADJECTIVES)} economy of the region."
    )


class TextMaker:
    """Titles, summaries and HTML bodies of about `body_chars` characters, from one seeded RNG."""

    def __init__(self, rng, pool_size=5000, body_chars=1600):
        self.rng = rng
        self.pool = [sentence(random.Random(rng.random())) for _ in range(pool_size)]
        self.body_chars = body_chars
        self.titles_seen = set()

    def summary(self):
        return " ".join(self.rng.choices(self.pool, k=2))

    def title(self, common=False):
        """A headline not used before by this maker (lists order by date, then title)."""
        rng = self.rng
        while True:
            title = (
                f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(ADJECTIVES)} "
                f"{rng.choice(OBJECTS)} in {rng.choice(CITIES)}"
            )
            if common and rng.random() < 0.2:
                title = f"{title}: {COMMON_WORD} deepens"
            if title not in self.titles_seen:
                self.titles_seen.add(title)
                return title
            rng_suffix = rng.randrange(2, 99)
            title = f"{title} ({rng_suffix})"
            if title not in self.titles_seen:
                self.titles_seen.add(title)
                return title

    def body(self, rare, common):
        """Paragraphs of pool sentences, one naming `rare`, and `COMMON_WORD` if `common`."""
        rng = self.rng
        sentences = [f"The delegation later travelled to {rare.capitalize()}, {rng.choice(QUALIFIERS)}."]
        if common:
            sentences.append(f"Both sides called for closer {COMMON_WORD} in {rng.choice(OBJECTS)}.")
        length = sum(len(text) for text in sentences)
        while length < self.body_chars:
            text = rng.choice(self.pool)
            sentences.append(text)
            length += len(text) + 1
        rng.shuffle(sentences)
        paragraphs = [sentences[start : start + 4] for start in range(0, len(sentences), 4)]
        return "".join(f"<p>{' '.join(paragraph)}</p>" for paragraph in paragraphs)

    def person(self):
        return f"{self.rng.choice(FIRST_NAMES)} {self.rng.choice(LAST_NAMES)}"
