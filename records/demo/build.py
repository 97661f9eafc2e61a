"""Build and remove demo records in bulk.

Every demo record's slug starts with `DEMO_PREFIX`, which is how `clear()`
finds them again; nothing else in the database is touched. Records are
inserted with `bulk_create`, so `save()` does not run: what it would do is
done here instead — rich text goes through the same sanitizer, each member
state gets the membership history that matches its membership, and the
timestamps are set by the fields themselves. Demo records get no version
history (they were never edited).
"""

import datetime
import random
import time
from dataclasses import dataclass

from django.db import connection, transaction
from django.utils.text import slugify

from records.models import (
    Appointment,
    Article,
    Initiative,
    Membership,
    MembershipChange,
    MemberState,
    Official,
    Organization,
    Status,
    Summit,
    Topic,
)
from records.sanitize import sanitize_html

from .text import COMMON_SHARE, TITLES, TextMaker, rare_word

DEMO_PREFIX = "demo-"
BATCH_SIZE = 2000
DRAFT_SHARE = 0.1
# Articles per rare word: each invented place name is in about this many articles.
ARTICLES_PER_RARE_WORD = 20
FIRST_DAY = datetime.date(2005, 1, 1)
LAST_DAY = datetime.date(2025, 12, 31)

TOPIC_NAMES = (
    "Water resources", "Digital economy", "Transport corridors", "Energy", "Education",
    "Science and technology", "Media", "Youth", "Trade", "Counter-terrorism", "Climate", "Migration",
)  # fmt: skip
STATE_NAMES = (
    "Aravia", "Belostan", "Corvania", "Dastania", "Elbaria", "Farsinia", "Gorvistan", "Haldovia", "Istrania",
    "Jubaria", "Karsistan", "Lumeria", "Morvania", "Nordistan", "Ostravia", "Pelvaria", "Qirgania", "Rusavia",
    "Sarvistan", "Tavria", "Ulmeria", "Varkistan", "Wesmaria", "Yaldovia", "Zarvania", "Kestria",
)  # fmt: skip
SOURCE_NAMES = (
    "Steppe Herald", "Silk Road Times", "Caspian Daily", "Pamir Post", "Eurasia Wire", "Tian Shan Tribune",
    "Continental Observer", "Oasis News Agency", "Highland Courier", "Delta Press",
)  # fmt: skip


@dataclass
class DemoSizes:
    """How many demo records of each kind; `for_articles` keeps the proportions of 100,000 articles."""

    articles: int
    drafts: int
    officials: int
    initiatives: int
    summits: int

    @classmethod
    def for_articles(cls, articles):
        return cls(
            articles=articles,
            drafts=round(articles * DRAFT_SHARE),
            officials=max(3, articles // 50),
            initiatives=max(2, articles // 100),
            summits=max(2, articles // 200),
        )


def demo_models():
    """Models that hold demo records, linked records last (the order of insertion)."""
    return (Topic, Organization, MemberState, Official, Summit, Initiative, Article)


def demo_counts():
    """{model name: number of demo records} for every model that has some."""
    counts = {model._meta.verbose_name_plural: demo_records(model).count() for model in demo_models()}
    return {name: count for name, count in counts.items() if count}


def demo_records(model):
    return model._default_manager.filter(slug__startswith=DEMO_PREFIX)


# Rows that belong to a demo record and go with it (on_delete=CASCADE).
CHILD_ROWS = {MemberState: ((MembershipChange, "member_state"),), Official: ((Appointment, "official"),)}


def clear():
    """Delete every demo record and its links; other records are left as they are.

    Plain DELETE statements keep this fast at 100,000 records. A non-demo
    record that still points at a demo record (e.g. an initiative an editor
    attached to a demo summit) makes it fail, and nothing is deleted.
    """
    with transaction.atomic():
        for model in reversed(demo_models()):
            table = connection.ops.quote_name(model._meta.db_table)
            demo_ids = f"SELECT id FROM {table} WHERE slug LIKE %s"  # noqa: S608 - names come from the models
            for field in model._meta.many_to_many:
                _delete_where(field.remote_field.through, field.m2m_field_name(), demo_ids)
            for relation in model._meta.related_objects:
                if relation.many_to_many:
                    _delete_where(relation.through, relation.field.m2m_reverse_field_name(), demo_ids)
            for child, field_name in CHILD_ROWS.get(model, ()):
                _delete_where(child, field_name, demo_ids)
            _delete_where(model, "slug", "%s", like=True)


def _delete_where(model, field_name, values_sql, like=False):
    """DELETE the rows of `model` whose `field_name` is in `values_sql` (or LIKE it)."""
    table = connection.ops.quote_name(model._meta.db_table)
    column = connection.ops.quote_name(model._meta.get_field(field_name).column)
    condition = f"{column} LIKE {values_sql}" if like else f"{column} IN ({values_sql})"
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table} WHERE {condition}", [f"{DEMO_PREFIX}%"])  # noqa: S608


def random_day(rng, first=FIRST_DAY, last=LAST_DAY):
    return first + datetime.timedelta(days=rng.randrange((last - first).days + 1))


class DemoBuilder:
    """Inserts one set of demo records, deterministic for a given seed."""

    def __init__(self, sizes, *, seed=0, progress=None, batch_size=BATCH_SIZE):
        self.sizes = sizes
        self.rng = random.Random(seed)
        self.text = TextMaker(random.Random(self.rng.random()))
        self.progress = progress or (lambda label, done, total: None)
        self.batch_size = batch_size

    def build(self):
        with transaction.atomic():
            self.topics = self._topics()
            self.sources = self._sources()
            self.states = self._member_states()
            self.officials = self._officials()
            self.summits = self._summits()
            self.initiatives = self._initiatives()
            self._articles()

    # Small record types ---------------------------------------------------

    def _create(self, model, records, label):
        created = []
        for start in range(0, len(records), self.batch_size):
            created += model.objects.bulk_create(records[start : start + self.batch_size])
            self.progress(label, len(created), len(records))
        return created

    def _link(self, field, pairs):
        """Insert (record id, related id) rows into the through table of m2m `field`."""
        through = field.remote_field.through
        source, target = f"{field.m2m_field_name()}_id", f"{field.m2m_reverse_field_name()}_id"
        rows = [through(**{source: left, target: right}) for left, right in pairs]
        through.objects.bulk_create(rows, batch_size=self.batch_size * 5)

    def _description(self):
        return sanitize_html(f"<p>{self.text.summary()}</p><p>{self.text.summary()}</p>")

    def _topics(self):
        taken = set(Topic.objects.values_list("name", flat=True))
        topics = []
        for name in TOPIC_NAMES:
            unique = name if name not in taken else f"{name} (demo)"
            topics.append(Topic(name=unique, slug=DEMO_PREFIX + slugify(name), description=f"Demo topic: {name}."))
        return self._create(Topic, topics, "topics")

    def _sources(self):
        sources = [
            Organization(
                slug=DEMO_PREFIX + slugify(name),
                name=name,
                kind=Organization.Kind.MEDIA,
                status=Status.PUBLISHED,
                summary=f"{name}, a news outlet of the demo data.",
                description=self._description(),
            )
            for name in SOURCE_NAMES
        ]
        return self._create(Organization, sources, "sources")

    def _member_states(self):
        rng = self.rng
        states = []
        for number, name in enumerate(STATE_NAMES):
            membership = rng.choice(Membership.values)
            states.append(
                MemberState(
                    slug=DEMO_PREFIX + slugify(name),
                    name=name,
                    official_name=f"Republic of {name}",
                    # User-assigned ISO 3166 codes (QMA–QZZ): never a real country's.
                    iso_code="Q" + "MNOPQRSTUVWXYZ"[number // 26] + chr(65 + number % 26),
                    capital=rng.choice(("Tavrograd", "Novaya Ulma", "Kara-Su", "Belovar", "Sarikent")),
                    membership=membership,
                    membership_since=random_day(rng, datetime.date(2001, 6, 15), datetime.date(2024, 7, 4)),
                    status=Status.PUBLISHED,
                    summary=f"{name}, a state of the demo data.",
                    description=self._description(),
                )
            )
        states = self._create(MemberState, states, "member states")
        # The history of record: the latest change is the current membership, as save() would keep it.
        changes = []
        for state in states:
            if state.membership == Membership.MEMBER and rng.random() < 0.5:
                earlier = state.membership_since - datetime.timedelta(days=rng.randrange(365, 3000))
                changes.append(MembershipChange(member_state=state, membership=Membership.OBSERVER, changed_on=earlier))
            changes.append(
                MembershipChange(member_state=state, membership=state.membership, changed_on=state.membership_since)
            )
        MembershipChange.objects.bulk_create(changes)
        return states

    def _officials(self):
        rng, text = self.rng, self.text
        officials, seen = [], set()
        for number in range(self.sizes.officials):
            name = text.person()
            while name in seen:
                name = f"{text.person()} {rng.choice('ABDKMST')}."
            seen.add(name)
            officials.append(
                Official(
                    slug=f"{DEMO_PREFIX}{number + 1}-{slugify(name)}",
                    name=name,
                    member_state=rng.choice(self.states),
                    current_title=rng.choice(TITLES),
                    status=Status.PUBLISHED,
                    summary=text.summary(),
                    description=self._description(),
                )
            )
        officials = self._create(Official, officials, "officials")
        appointments = [
            Appointment(
                official=official,
                title=official.current_title,
                member_state=official.member_state,
                started_on=random_day(rng, datetime.date(2010, 1, 1)),
            )
            for official in officials
        ]
        Appointment.objects.bulk_create(appointments, batch_size=self.batch_size)
        return officials

    def _summits(self):
        rng = self.rng
        councils = Summit.Council.values
        summits = []
        for number in range(self.sizes.summits):
            starts_on = random_day(rng)
            host = rng.choice(self.states)
            council = rng.choice(councils)
            title = f"{starts_on.year} {host.name} meeting no. {number + 1} ({Summit.Council(council).label})"
            summits.append(
                Summit(
                    slug=f"{DEMO_PREFIX}{starts_on.year}-{slugify(host.name)}-{number + 1}",
                    title=title,
                    number=number + 1,
                    council=council,
                    city=f"{host.capital}",
                    host_state=host,
                    chair_state=rng.choice(self.states),
                    starts_on=starts_on,
                    ends_on=starts_on + datetime.timedelta(days=rng.randrange(2)),
                    status=Status.PUBLISHED,
                    summary=self.text.summary(),
                    description=self._description(),
                )
            )
        summits = self._create(Summit, summits, "summits")
        pairs = [(s.pk, o.pk) for s in summits for o in rng.sample(self.officials, min(5, len(self.officials)))]
        self._link(Summit._meta.get_field("participants"), pairs)
        return summits

    def _initiatives(self):
        rng, text = self.rng, self.text
        initiatives = []
        for number in range(self.sizes.initiatives):
            summit = rng.choice(self.summits)
            kind = rng.choice(("plan", "programme", "forum", "zone", "accord"))
            name = f"{summit.host_state.name} {kind} {number + 1}"
            initiatives.append(
                Initiative(
                    slug=f"{DEMO_PREFIX}{slugify(name)}",
                    name=name,
                    kind=rng.choice(Initiative.Kind.values),
                    stage=rng.choice(Initiative.Stage.values),
                    proposed_by=rng.choice(self.officials),
                    lead_state=summit.host_state,
                    launched_at=summit,
                    starts_on=summit.starts_on,
                    location=summit.city,
                    status=Status.PUBLISHED,
                    summary=text.summary(),
                    description=self._description(),
                )
            )
        initiatives = self._create(Initiative, initiatives, "initiatives")
        self._link(
            Initiative._meta.get_field("topics"),
            [(i.pk, t.pk) for i in initiatives for t in rng.sample(self.topics, rng.randint(1, 2))],
        )
        self._link(
            Initiative._meta.get_field("participating_states"),
            [(i.pk, s.pk) for i in initiatives for s in rng.sample(self.states, rng.randint(1, 3))],
        )
        return initiatives

    # Articles -------------------------------------------------------------

    def _articles(self):
        total = self.sizes.articles + self.sizes.drafts
        rare_words = max(1, total // ARTICLES_PER_RARE_WORD)
        order = list(range(total))
        # Drafts are spread among the published articles, not all at the end.
        self.rng.shuffle(order)
        draft_numbers = set(order[: self.sizes.drafts])
        started = time.monotonic()
        done = 0
        while done < total:
            count = min(self.batch_size, total - done)
            batch = [self._article(number, number in draft_numbers, rare_words) for number in range(done, done + count)]
            batch = Article.objects.bulk_create(batch)
            self._article_links(batch)
            done += count
            self.progress("articles", done, total)
        return time.monotonic() - started

    def _article(self, number, is_draft, rare_words):
        rng, text = self.rng, self.text
        common = rng.random() < COMMON_SHARE
        title = text.title(common=common)
        status = rng.choice((Status.DRAFT, Status.REVIEW)) if is_draft else Status.PUBLISHED
        return Article(
            slug=f"{DEMO_PREFIX}{number + 1}-{slugify(title)[:80].strip('-')}",
            title=title,
            source=rng.choice(self.sources),
            authors=text.person() if rng.random() < 0.8 else f"{text.person()} and {text.person()}",
            original_published_on=random_day(rng) if rng.random() > 0.01 else None,
            language="en",
            status=status,
            summary=text.summary(),
            body=sanitize_html(text.body(rare_word(rng.randrange(rare_words)), common)),
        )

    def _article_links(self, articles):
        rng = self.rng
        links = {"topics": [], "officials": [], "member_states": [], "summits": [], "initiatives": []}
        for article in articles:
            pk = article.pk
            links["topics"] += [(pk, t.pk) for t in rng.sample(self.topics, rng.randint(1, 3))]
            links["officials"] += [(pk, o.pk) for o in rng.sample(self.officials, rng.randint(1, 3))]
            links["member_states"] += [(pk, s.pk) for s in rng.sample(self.states, rng.randint(0, 2))]
            if rng.random() < 0.5:
                links["summits"].append((pk, rng.choice(self.summits).pk))
            if rng.random() < 0.5:
                links["initiatives"].append((pk, rng.choice(self.initiatives).pk))
        for name, pairs in links.items():
            self._link(Article._meta.get_field(name), pairs)
