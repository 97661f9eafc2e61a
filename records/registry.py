"""One declaration per record type.

Everything the site needs to know about a record type beyond its model lives
in its `RecordType` entry: its URL prefix (pages and API), its templates, its
place in the navigation, what its cards and page show of other records, and
which lists of linked records its page and its API entry carry. URLs, views,
the API, sitemaps, roles and navigation read this module; adding a record type
takes its model, one entry here and its templates.
"""

import functools
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import CharField, Count, DateField, F, IntegerField, Prefetch, Value, Window
from django.db.models.functions import Cast, Coalesce, NullIf, RowNumber
from django.utils.timezone import now
from django.utils.translation import gettext_lazy as _

from records.languages import active, pick, translation_column
from records.models import (
    Appointment,
    Article,
    Initiative,
    MembershipChange,
    MemberState,
    Official,
    Organization,
    Participation,
    Source,
    Summit,
    Topic,
)
from records.models.base import may_change, visible_records
from records.statements import as_date, as_datetime, statement

# How many records of a list of articles the API embeds in the record that lists them.
CAPPED_LIST_SIZE = 100


@dataclass(frozen=True)
class RelatedList:
    """Records linked to this one (a many-to-many field or a reverse relation),
    listed on its page and in its API entry."""

    name: str
    title: str
    help_text: str = ""
    # The parameter of the linked records' list page that lists exactly these
    # records (e.g. "member_state": the articles that mention a state are
    # `/articles/?member_state=<slug>`); empty when no filter does.
    list_filter: str = ""


@dataclass(frozen=True)
class SortOption:
    """One order a list page offers (`?sort=<value>`): an index serves each."""

    value: str
    label: str
    ordering: tuple


NEWEST_FIRST = "newest"
OLDEST_FIRST = "oldest"


# The labels of A–Z and Z–A on each field a list may be sorted by name on.
BY_NAME_LABELS = {
    "name": (_("Name A–Z"), _("Name Z–A")),
    "title": (_("Title A–Z"), _("Title Z–A")),
}


def by_name(field="name"):
    """A–Z and Z–A on the record's name or title (one index, scanned either way)."""
    ascending, descending = BY_NAME_LABELS[field]
    return (SortOption(field, ascending, (field,)), SortOption(f"-{field}", descending, (f"-{field}",)))


def by_date(field, then, undated=True):
    """Newest first and oldest first by `field`, then by `then`; records without
    the date (if it may be missing) last either way."""
    if not undated:
        return (
            SortOption(NEWEST_FIRST, _("Newest first"), (f"-{field}", then)),
            SortOption(OLDEST_FIRST, _("Oldest first"), (field, then)),
        )
    return (
        SortOption(NEWEST_FIRST, _("Newest first"), (F(field).desc(nulls_last=True), then)),
        SortOption(OLDEST_FIRST, _("Oldest first"), (F(field).asc(nulls_last=True), then)),
    )


@dataclass(frozen=True)
class RecordType:
    model: type
    # The URL prefix of its pages and API endpoint, e.g. "member-states".
    prefix: str
    # Its templates' folder: `<templates>/list.html`, `<templates>/detail.html`.
    templates: str
    nav_label: str
    # Foreign keys a card of the record shows (fetched with the card).
    card_fields: tuple = ()
    # Foreign keys its page and API entry show.
    detail_fields: tuple = ()
    # Lists of linked records, on its page and in its API entry.
    related: tuple = ()
    # Child records listed with it: name → function(user) giving their queryset.
    children: dict = field(default_factory=dict)
    # Extra keys the API may order lists by (besides slug and timestamps).
    ordering_fields: tuple = ()
    # The text searched, by weight: A (names and titles), B (summary and short
    # facts), C (the long text). PostgreSQL stores the vector: a change here needs
    # a migration that regenerates it (tests/test_search.py checks they agree).
    search_fields: dict = field(default_factory=dict)
    # Its picture from the image library (a foreign key to Image), if it has one.
    image_field: str = ""
    # The orders its list page offers, the first its default (the model's own ordering).
    sort_options: tuple = ()
    # What a one-line entry of it in another record's page shows after its name:
    # a date (with its precision, if the field has one) and a short text (a choice
    # field shows its label).
    row_date: str = ""
    row_text: str = ""

    @property
    def model_name(self):
        return self.model._meta.model_name

    @functools.cached_property
    def capped_lists(self):
        """Its lists of articles: thousands at 100,000 articles. The API gives the first
        CAPPED_LIST_SIZE of each, and their number, on the record's own endpoint only."""
        return tuple(item.name for item in self.related if related_model(self.model, item.name) is Article)

    @property
    def label_field(self):
        """The field a record is named by in links: `title` or `name`."""
        return label_field(self.model)

    def image_of(self, record):
        """The record's picture (an Image) or None."""
        return getattr(record, self.image_field) if self.image_field else None

    def related_models(self):
        """{list name: model of its records}."""
        return {item.name: related_model(self.model, item.name) for item in self.related}

    def prefetches(self, user=None, only=None, lists=True):
        """The prefetches of the linked lists and child records, as `user` may see
        them (None: as the public does). `only` limits them to those names;
        `lists=False` leaves the linked lists and sources to `related_values`."""
        lookups = []
        if self.image_field and (only is None or self.image_field in only):
            lookups.append(f"{self.image_field}__renditions")
        for name, model in self.related_models().items():
            if lists and (only is None or name in only):
                queryset = visible_records(model, user).select_related(*card_fields(model))
                lookups.append(Prefetch(name, queryset=queryset))
        for name, children in self.children.items():
            if only is None or name in only:
                lookups.append(Prefetch(name, queryset=children(user)))
        if lists and self.cites_sources and (only is None or "sources" in only):
            lookups.append(Prefetch("sources", queryset=Source.objects.select_related("article")))
        return lookups

    def related_values(self, records, user=None, only=None):
        """The linked lists of `records` as plain `(slug, label)` pairs, as `user` may
        see them: `{record pk: {list name: [(slug, label), ...]}}`, and their sources
        (Source instances, under "sources"). Cheaper than prefetched model instances
        where only a link is shown (the API): every list in one query (a UNION ALL,
        each part numbering its rows in its model's order), the sources in another."""
        lists = {record.pk: {} for record in records}
        if not lists:
            return lists
        names = [name for name in self.related_models() if only is None or name in only]
        for values in lists.values():
            values.update({name: [] for name in names})
        if names:
            models = [related_model(self.model, name) for name in names]
            shape = (self.model, tuple(names), tuple(may_change(user, model) for model in models), active())

            def build(owners, now):
                parts = [self.related_values_query(n, name, owners, user, now) for n, name in enumerate(names)]
                return parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]

            owners = list(lists)
            rows = sorted(statement(shape, len(owners), build).rows(owners, now()), key=lambda row: row[:3])
            for number, owner, _, slug, label, translated in rows:
                lists[owner][names[number]].append((slug, pick(label, translated)))
        if self.cites_sources and (only is None or "sources" in only):
            # Sources are shown in full: instances, but one query for all the records.
            for values in lists.values():
                values["sources"] = []
            for owner, source in cited_sources(self.model, list(lists)):
                lists[owner]["sources"].append(source)
        return lists

    def related_values_query(self, number, name, owners, user, now=None):
        """(number, owner pk, position, slug, label) of the records in list `name` of `owners`."""
        model = related_model(self.model, name)
        back = path_back(self.model, name)
        return (
            visible_records(model, user, now)
            .filter(**{f"{back}__in": owners})
            .order_by()
            .annotate(
                list_number=Value(number),
                owner=F(back),
                position=Window(RowNumber(), order_by=[*model._meta.ordering, "pk"]),
                label=F(label_field(model)),
                label_translation=translated_label(model),
            )
            .values_list("list_number", "owner", "position", "slug", "label", "label_translation")
        )

    def related_page_values(self, record, user=None, only=None, limits=None):
        """The linked lists of one record for its page, as `user` may see them:
        `{list name: (count, [(slug, label, date, date precision, text), ...])}`,
        the first `limits[name]` records of each list (all of them for a list
        not in `limits`) with the number of records in the whole list, and its
        sources (Source instances, under "sources") as `related_values` gives them.

        One statement for every list and count, whatever their length (a UNION
        ALL of each list's first rows, in its model's order, and of its count),
        compiled once per record type, lists and visibility (records.statements);
        one for the sources. Where the database allows a LIMIT in each part
        (PostgreSQL), a list's first rows are read without numbering the whole list."""
        limits = {name: limit for name, limit in (limits or {}).items() if limit is not None}
        names = [name for name in self.related_models() if only is None or name in only]
        lists = {name: (0, []) for name in names}
        if names:
            models = [related_model(self.model, name) for name in names]
            shape = ("page", self.model, tuple(names), tuple(sorted(limits.items())))
            shape += (tuple(may_change(user, model) for model in models), active())

            def build(owners, now):
                parts = []
                for number, name in enumerate(names):
                    parts.append(self.page_rows_query(number, name, owners[0], user, now, limits.get(name)))
                    if name in limits:
                        parts.append(self.page_count_query(number, name, owners[0], user, now))
                return parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]

            rows = statement(shape, 1, build).rows([record.pk], now())
            for number, position, count, slug, label, translated, date, *facts in sorted(rows, key=lambda row: row[:2]):
                name = names[number]
                if position == 0:
                    lists[name] = (count, lists[name][1])
                else:
                    lists[name][1].append((slug, pick(label, translated), as_date(date), *facts))
            for name in names:
                if name not in limits:
                    lists[name] = (len(lists[name][1]), lists[name][1])
        if self.cites_sources and (only is None or "sources" in only):
            lists["sources"] = [source for _, source in cited_sources(self.model, [record.pk])]
        return lists

    def page_rows_query(self, number, name, owner, user, now, limit=None):
        """(number, position from 1, no count, slug, label, date, date precision, text)
        of the first `limit` records (all without one) of list `name` of `owner`."""
        model = related_model(self.model, name)
        ordering = [*model._meta.ordering, "pk"]
        queryset = (
            visible_records(model, user, now)
            .filter(**{path_back(self.model, name): owner})
            .annotate(
                list_number=Value(number),
                position=Window(RowNumber(), order_by=ordering),
                list_count=null(IntegerField()),
                label=F(label_field(model)),
                label_translation=translated_label(model),
                **row_facts(model),
            )
        )
        if limit is not None and connection.features.supports_slicing_ordering_in_compound:
            # Its first rows in order, without numbering the whole list (an index can give them).
            queryset = queryset.order_by(*ordering)[:limit]
        else:
            if limit is not None:
                queryset = queryset.filter(position__lte=limit)
            queryset = queryset.order_by()
        return queryset.values_list(*PAGE_COLUMNS)

    def page_count_query(self, number, name, owner, user, now):
        """(number, position 0, how many records list `name` of `owner` holds, then empty values):
        one row (none when the list is empty, which counts as 0)."""
        model = related_model(self.model, name)
        nothing = {
            column: null(CharField()) for column in ("slug", "label", "label_translation", "row_precision", "row_text")
        }
        return (
            visible_records(model, user, now)
            .filter(**{path_back(self.model, name): owner})
            .order_by()
            .values(list_number=Value(number))
            .annotate(position=Value(0), list_count=Count("pk"), row_date=null(DateField()), **nothing)
            .values_list(*PAGE_COLUMNS)
        )

    @property
    def cites_sources(self):
        """Whether its records list their sources (every record type; topics do not)."""
        return any(f.name == "sources" for f in self.model._meta.many_to_many)


SOURCE_FIELDS = ("pk", "title", "publisher", "published_on", "published_on_precision", "url", "note", "article_id")
CITED_ARTICLE_FIELDS = ("slug", "title", "status", "publish_at")


def cited_sources(model, owners):
    """(owner pk, Source) for each source the records `owners` of `model` cite, in the sources' order,
    with the article a source is (slug, title in the active language and what decides who sees it),
    from one statement."""
    back = path_back(model, "sources")
    article_fields = (*CITED_ARTICLE_FIELDS, *filter(None, [translation_column(Article, "title")]))

    def build(ids, now):
        return Source.objects.filter(**{f"{back}__in": ids}).values_list(
            back, *SOURCE_FIELDS, *(f"article__{name}" for name in article_fields)
        )

    width = len(SOURCE_FIELDS)
    for row in statement(("sources", model, active()), len(owners), build).rows(owners, now()):
        source = Source(**dict(zip(SOURCE_FIELDS, row[1 : width + 1], strict=True)))
        source.published_on = as_date(source.published_on)
        if source.article_id is not None:
            article = dict(zip(article_fields, row[width + 1 :], strict=True))
            article["publish_at"] = as_datetime(article["publish_at"])
            source.article = Article(pk=source.article_id, **article)
        yield row[0], source


# The columns of `related_page_values`' statement.
PAGE_COLUMNS = (
    *("list_number", "position", "list_count", "slug", "label", "label_translation"),
    *("row_date", "row_precision", "row_text"),
)


@functools.cache
def label_field(model):
    return "title" if any(f.name == "title" for f in model._meta.fields) else "name"


def path_back(model, name):
    """The lookup from the records of `model`'s list `name` back to `model`."""
    field = model._meta.get_field(name)
    return field.related_query_name() if field.many_to_many and not field.auto_created else field.field.name


def row_facts(model):
    """The columns `row_date`, `row_precision` and `row_text` of `model`'s one-line
    entries, typed alike for every model (the parts of a UNION ALL)."""
    entry = BY_MODEL.get(model)
    date, text = (entry.row_date, entry.row_text) if entry else ("", "")
    fields = {field.name for field in model._meta.concrete_fields}
    precision = f"{date}_precision" if f"{date}_precision" in fields else ""
    return {
        "row_date": Cast(F(date), DateField()) if date else null(DateField()),
        "row_precision": Cast(F(precision), CharField()) if precision else null(CharField()),
        "row_text": Cast(in_active_language(model, text), CharField()) if text else null(CharField()),
    }


def translated_label(model):
    """The column of the name or title of `model`'s records in the active language
    (NULL in English, or when it has no translations): beside the English `label`."""
    name = translation_column(model, label_field(model))
    return F(name) if name else null(CharField())


def in_active_language(model, field):
    """`field` in the active language, English where its translation is empty."""
    name = translation_column(model, field)
    return Coalesce(NullIf(F(name), Value("")), F(field)) if name else F(field)


def null(output_field):
    """NULL of a given type (the parts of a UNION ALL must agree on their columns' types)."""
    return Cast(Value(None), output_field)


def related_model(model, name):
    return model._meta.get_field(name).related_model


def appointments(user):
    return Appointment.objects.select_related("organization", "member_state").order_by("-started_on", "pk")


def membership_history(user):
    return MembershipChange.objects.select_related("summit").order_by("changed_on", "pk")


def membership_decisions(user):
    """Membership changes decided at a summit, of the states `user` may see."""
    changes = MembershipChange.objects.filter(member_state__in=visible_records(MemberState, user))
    return changes.select_related("member_state").order_by("member_state__name", "changed_on")


def participations(user):
    """Who took part in a summit and how, in the order they were entered."""
    return Participation.objects.select_related("official", "member_state", "organization").order_by("pk")


def reported_in(list_filter):
    """The articles that mention a record; `list_filter` names the record on /articles/."""
    return RelatedList("articles", _("Reported in"), _("Articles that mention this record."), list_filter)


RECORD_TYPES = (
    RecordType(
        model=Article,
        prefix="articles",
        templates="articles",
        nav_label=_("Articles"),
        card_fields=("source",),
        detail_fields=("source",),
        related=(
            RelatedList("topics", _("Topics")),
            RelatedList("summits", _("Summits mentioned")),
            RelatedList("officials", _("Officials mentioned")),
            RelatedList("member_states", _("Member states mentioned")),
            RelatedList("initiatives", _("Initiatives mentioned")),
            RelatedList("organizations", _("Organizations mentioned")),
        ),
        search_fields={"A": ("title",), "B": ("summary", "authors"), "C": ("body",)},
        ordering_fields=("title", "original_published_on", "language"),
        image_field="lead_image",
        sort_options=(*by_date("original_published_on", "title"), by_name("title")[0]),
        row_date="original_published_on",
    ),
    RecordType(
        model=Summit,
        prefix="summits",
        templates="summits",
        nav_label=_("Summits"),
        card_fields=("host_state",),
        detail_fields=("organization", "host_state", "chair_state"),
        related=(
            RelatedList("participants", _("Participants")),
            RelatedList("initiatives_launched", _("Initiatives launched here"), list_filter="launched_at"),
            reported_in("summit"),
        ),
        search_fields={"A": ("title",), "B": ("summary", "city"), "C": ("description",)},
        children={"participations": participations, "membership_changes": membership_decisions},
        ordering_fields=("title", "number", "starts_on", "ends_on", "council"),
        image_field="photo",
        sort_options=by_date("starts_on", "title", undated=False),
        row_date="starts_on",
        row_text="city",
    ),
    RecordType(
        model=MemberState,
        prefix="member-states",
        templates="member_states",
        nav_label=_("Member states"),
        detail_fields=("organization",),
        related=(
            RelatedList("officials", _("Officials"), list_filter="member_state"),
            RelatedList("summits_hosted", _("Summits hosted"), list_filter="host_state"),
            RelatedList(
                "summits_chaired",
                _("Summits chaired"),
                _("Summits held while the state held the chair, wherever they met."),
                list_filter="chair_state",
            ),
            RelatedList("initiatives_led", _("Initiatives led"), list_filter="lead_state"),
            RelatedList("initiatives", _("Initiatives taken part in"), _("Initiatives the state takes part in.")),
            reported_in("member_state"),
        ),
        search_fields={"A": ("name", "official_name"), "B": ("summary", "capital"), "C": ("description",)},
        children={"membership_changes": membership_history},
        ordering_fields=("name", "iso_code", "membership", "membership_since"),
        image_field="flag",
        sort_options=by_name(),
        row_text="membership",
    ),
    RecordType(
        model=Official,
        prefix="officials",
        templates="officials",
        nav_label=_("Officials"),
        card_fields=("member_state", "organization"),
        detail_fields=("member_state", "organization"),
        related=(
            RelatedList("summits", _("Summits attended"), _("Summits the official took part in.")),
            RelatedList("initiatives_proposed", _("Initiatives proposed")),
            reported_in("official"),
        ),
        search_fields={"A": ("name",), "B": ("summary", "current_title"), "C": ("description",)},
        children={"appointments": appointments},
        ordering_fields=("name",),
        image_field="portrait",
        sort_options=by_name(),
        row_text="current_title",
    ),
    RecordType(
        model=Initiative,
        prefix="initiatives",
        templates="initiatives",
        nav_label=_("Initiatives"),
        card_fields=("lead_state",),
        detail_fields=("proposed_by", "lead_state", "launched_at"),
        related=(
            RelatedList("topics", _("Topics")),
            RelatedList("participating_states", _("Participating states")),
            reported_in("initiative"),
        ),
        search_fields={"A": ("name",), "B": ("summary", "location"), "C": ("description",)},
        ordering_fields=("name", "kind", "stage", "starts_on", "ends_on"),
        sort_options=(*by_date("starts_on", "name"), by_name()[0]),
        row_date="starts_on",
        row_text="stage",
    ),
    RecordType(
        model=Organization,
        prefix="organizations",
        templates="organizations",
        nav_label=_("Organizations"),
        card_fields=("parent",),
        detail_fields=("parent",),
        related=(
            RelatedList(
                "children",
                _("Bodies of this organization"),
                _("Organizations that belong to this one."),
                list_filter="parent",
            ),
            RelatedList("member_states", _("Member states")),
            RelatedList("officials", _("Officials"), list_filter="organization"),
            RelatedList("summits", _("Meetings")),
            RelatedList(
                "articles_published",
                _("Articles from this outlet"),
                _("Articles this outlet wrote."),
                list_filter="source",
            ),
            reported_in("organization"),
        ),
        search_fields={"A": ("name", "short_name"), "B": ("summary",), "C": ("description",)},
        ordering_fields=("name", "short_name", "kind", "founded_on"),
        image_field="emblem",
        sort_options=by_name(),
        row_text="kind",
    ),
)

# Topics: a plain taxonomy with pages and an API endpoint, but no workflow.
TOPIC = RecordType(
    model=Topic,
    prefix="topics",
    templates="topics",
    nav_label=_("Topics"),
    related=(
        RelatedList("articles", _("Articles"), list_filter="topic"),
        RelatedList("initiatives", _("Initiatives"), list_filter="topic"),
    ),
    ordering_fields=("name",),
)

BY_MODEL = {entry.model: entry for entry in (*RECORD_TYPES, TOPIC)}
BY_PREFIX = {entry.prefix: entry for entry in RECORD_TYPES}


def record_type(model):
    """The entry of `model` (a record type or Topic)."""
    return BY_MODEL[model]


def card_fields(model):
    entry = BY_MODEL.get(model)
    return entry.card_fields if entry else ()


def shows_links(model):
    """Whether records of `model` show linked records (and so change with them)."""
    return model in BY_MODEL


def links_to(model):
    """(model, lookup) pairs: the records whose representation shows a given record
    of `model`, directly or through a child record, are `model.filter(lookup=record)`."""
    pairs = []
    for relation in model._meta.get_fields():
        target = relation.related_model
        if not relation.is_relation or target is None:
            continue
        reverse = relation.auto_created and not relation.concrete
        if shows_links(target):
            pairs.append((target, relation.field.name if reverse else relation.related_query_name()))
        elif hasattr(target, "parent_field") and reverse:
            # Through a child record: e.g. the officials whose appointments name this organization.
            for child_field in target._meta.concrete_fields:
                owner = child_field.related_model
                if owner is not None and shows_links(owner) and child_field is not relation.field:
                    pairs.append((owner, f"{child_field.related_query_name()}__{relation.field.name}"))
    return pairs


def sees_only_public(user):
    """Whether `user` sees exactly what the public sees: they may change no record type."""
    if user is None or not user.is_authenticated:
        return True
    return not any(may_change(user, entry.model) for entry in RECORD_TYPES)
