"""Serializers of the partner API.

`RecordSerializer` is the shared base: `url` and `html_url` on every object,
related records through `RelatedRecordField`, the lists of linked records
declared in records.registry (the same lists the pages show), `?fields=`
selection, and writes handed to the write service (records.services), which
runs the model's own validation, so bad input is a 400, never an IntegrityError.
"""

from django.core.exceptions import NON_FIELD_ERRORS
from drf_spectacular.utils import OpenApiTypes, extend_schema_field
from rest_framework import serializers
from rest_framework.settings import api_settings

from records import services
from records.languages import translated_fields
from records.models import (
    Appointment,
    Article,
    Image,
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
from records.registry import CAPPED_LIST_SIZE, record_type

from . import representation
from .fields import (
    TRANSLATIONS,
    ListCountField,
    PreciseDatesMixin,
    RelatedRecordField,
    StrictTextMixin,
    TranslationsField,
)
from .images import ImageRefField

RECORD_FIELDS = ("url", "html_url", "slug", "status", "publish_at", "summary")
SOURCES_HELP = "Where the record's facts come from, in the order of its numbered references (edited in the admin)."
TIMESTAMPS = ("created_at", "updated_at")


@extend_schema_field(OpenApiTypes.URI)
class HtmlUrlField(serializers.Field):
    """The absolute URL of the record's public page."""

    # Built from a prefix in the read path (records.api.representation).
    page_url = True

    def __init__(self, **kwargs):
        kwargs.update(source="*", read_only=True)
        super().__init__(**kwargs)

    def to_representation(self, value):
        request = self.context.get("request")
        path = value.get_absolute_url()
        return request.build_absolute_uri(path) if request is not None else path


class SourceSerializer(PreciseDatesMixin, serializers.ModelSerializer):
    """A source as the records that cite it list it (numbered in this order)."""

    serializer_related_field = RelatedRecordField

    class Meta:
        model = Source
        fields = ("id", "title", "publisher", "published_on", "published_on_precision", "url", "article", "note")
        read_only_fields = fields


class RecordSerializer(StrictTextMixin, PreciseDatesMixin, serializers.ModelSerializer):
    """The shared base of every record serializer.

    `Meta.fields` names the record's own fields; the lists of linked records
    come from its registry entry and are added before the sources and the
    timestamps.
    """

    serializer_related_field = RelatedRecordField
    html_url = HtmlUrlField(help_text="The record's page on the site.")
    translations = TranslationsField()

    def get_fields(self):
        fields = super().get_fields()
        selected = self.context.get("selected_fields")
        if selected:
            fields = {name: field for name, field in fields.items() if name in selected}
        return fields

    def to_representation(self, instance):
        # DRF's loop, with each field's way of reading decided once (records.api.representation).
        if "_readers" not in self.__dict__:
            self._readers = representation.readers(self, self.context.get("selected_fields") or ())
        data = {}
        for key, read in self._readers:
            value = read(instance)
            if value is not representation.SKIP:
                data[key] = value
        return data

    @classmethod
    def field_names(cls):
        """Every top-level field of the representation, in order."""
        if "_field_names" not in cls.__dict__:
            cls._field_names = tuple(cls(context={}).fields)
        return cls._field_names

    def get_field_names(self, declared_fields, info):
        entry = record_type(self.Meta.model)
        own = [name for name in self.Meta.fields if name not in TIMESTAMPS]
        lists = []
        for item in entry.related:
            lists.append(item.name)
            if item.name in entry.capped_lists:
                lists.append(count_name(item.name))
        lists += list(entry.children)
        if entry.cites_sources:
            lists.append("sources")
        translations = [TRANSLATIONS] if translated_fields(self.Meta.model) else []
        return [*own, *translations, *(name for name in lists if name not in own), *TIMESTAMPS]

    def build_field(self, field_name, info, model_class, nested_depth):
        if field_name == "sources":
            return SourceSerializer, {"many": True, "read_only": True, "help_text": SOURCES_HELP}
        capped = {count_name(name): name for name in record_type(model_class).capped_lists}
        if field_name in capped:
            help_text = (
                f"How many records `{capped[field_name]}` holds in all: on the record's own endpoint it gives the "
                f"first {CAPPED_LIST_SIZE}; list endpoints leave both out."
            )
            return ListCountField, {"help_text": help_text, "source": capped[field_name]}
        return super().build_field(field_name, info, model_class, nested_depth)

    @classmethod
    def capped_field_names(cls):
        """The lists of articles and their counts: given on a record's own endpoint only."""
        capped = record_type(cls.Meta.model).capped_lists
        return (*capped, *(count_name(name) for name in capped))

    @classmethod
    def default_field_names(cls):
        """The fields of a record's own endpoint without `?fields=`: all but the translations."""
        return tuple(name for name in cls.field_names() if name != TRANSLATIONS)

    @classmethod
    def list_field_names(cls):
        """The fields of a record in a list (and a download): all but the lists of articles and their
        counts, and the translations (given when asked for)."""
        left_out = {*cls.capped_field_names(), TRANSLATIONS}
        return tuple(name for name in cls.field_names() if name not in left_out)

    def get_extra_kwargs(self):
        kwargs = super().get_extra_kwargs()
        model = self.Meta.model
        forward = {field.name for field in model._meta.many_to_many}
        for item in record_type(model).related:
            options = kwargs.setdefault(item.name, {})
            options.setdefault("help_text", item.help_text or f"{item.title}.")
            if item.name not in forward:
                options.update(read_only=True, model=model._meta.get_field(item.name).related_model)
        return kwargs

    def build_relational_field(self, field_name, relation_info):
        if relation_info.related_model is Image:
            return ImageRefField, {}
        return super().build_relational_field(field_name, relation_info)

    def build_url_field(self, field_name, model_class):
        kwargs = {
            "view_name": f"api:{model_class._meta.model_name}-detail",
            "lookup_field": "slug",
            "help_text": "This record in the API.",
        }
        return serializers.HyperlinkedIdentityField, kwargs

    # Writes: through the write service ------------------------------------

    def create(self, validated_data):
        relations = self.split_relations(validated_data)
        record = self.Meta.model(**validated_data)
        return services.record_create(record=record, relations=relations, user=self._user())

    def update(self, instance, validated_data):
        precondition = validated_data.pop("precondition", None)
        relations = self.split_relations(validated_data)
        return services.record_update(
            record=instance, fields=validated_data, relations=relations, user=self._user(), check=precondition
        )

    def split_relations(self, validated_data):
        """Take the linked lists out of `validated_data`."""
        many = {field.name for field in self.Meta.model._meta.many_to_many}
        return {name: validated_data.pop(name) for name in list(validated_data) if name in many}

    def _user(self):
        request = self.context.get("request")
        return request.user if request is not None else None


def list_serializer(model, request):
    """The serializer of `model`'s records as a list gives them (no lists of articles)."""
    serializer_class = SERIALIZERS[model]
    return serializer_class(context={"request": request, "selected_fields": list(serializer_class.list_field_names())})


def count_name(list_name):
    return f"{list_name}_count"


def field_errors(error):
    """A Django ValidationError as DRF field errors (`__all__` → `non_field_errors`)."""
    detail = serializers.as_serializer_error(error)
    if NON_FIELD_ERRORS in detail:
        detail[api_settings.NON_FIELD_ERRORS_KEY] = detail.pop(NON_FIELD_ERRORS)
    return detail


class AppointmentSerializer(PreciseDatesMixin, serializers.ModelSerializer):
    """`is_current`: still held. An appointment may have ended on an unknown date
    (`is_current` false, `ended_on` null)."""

    serializer_related_field = RelatedRecordField

    class Meta:
        model = Appointment
        fields = (
            "title",
            "organization",
            "member_state",
            "started_on",
            "started_on_precision",
            "ended_on",
            "ended_on_precision",
            "is_current",
        )
        read_only_fields = fields


class MembershipChangeSerializer(PreciseDatesMixin, serializers.ModelSerializer):
    """`changed_on`: when the change was decided; `effective_on`: when it took
    effect, if later (null when it took effect at once)."""

    serializer_related_field = RelatedRecordField

    class Meta:
        model = MembershipChange
        fields = (
            "membership",
            "changed_on",
            "changed_on_precision",
            "effective_on",
            "effective_on_precision",
            "summit",
            "note",
        )
        read_only_fields = fields


class ParticipationSerializer(serializers.ModelSerializer):
    """Who took part in a summit (an official, a state or an organization) and how."""

    serializer_related_field = RelatedRecordField
    role = serializers.ChoiceField(
        choices=Participation.Role.choices, allow_blank=True, read_only=True, help_text="Empty when not recorded."
    )

    class Meta:
        model = Participation
        fields = ("official", "member_state", "organization", "role", "attendance", "note")
        read_only_fields = fields


class OrganizationSerializer(RecordSerializer):
    class Meta:
        model = Organization
        fields = (
            *RECORD_FIELDS,
            "name",
            "short_name",
            "kind",
            "parent",
            "founded_on",
            "founded_on_precision",
            "headquarters",
            "website",
            "emblem",
            "description",
            *TIMESTAMPS,
        )


class MemberStateSerializer(RecordSerializer):
    membership_changes = MembershipChangeSerializer(many=True, read_only=True, help_text="Membership history.")

    class Meta:
        model = MemberState
        fields = (
            *RECORD_FIELDS,
            "name",
            "official_name",
            "iso_code",
            "capital",
            "organization",
            "membership",
            "membership_since",
            "membership_since_precision",
            "founding_member",
            "flag",
            "description",
            *TIMESTAMPS,
        )

    def to_representation(self, instance):
        data = super().to_representation(instance)
        # With `?as_of=`, `membership` is the membership on that date.
        as_of = getattr(instance, "membership_as_of", None)
        if as_of is not None and "membership" in data:
            data["membership"] = as_of
        return data


class MembershipDecisionSerializer(MembershipChangeSerializer):
    """A membership change as its summit lists it: which state, not which summit."""

    class Meta(MembershipChangeSerializer.Meta):
        fields = (
            "member_state",
            "membership",
            "changed_on",
            "changed_on_precision",
            "effective_on",
            "effective_on_precision",
            "note",
        )
        read_only_fields = fields


class SummitSerializer(RecordSerializer):
    participants = RelatedRecordField(
        many=True,
        required=False,
        queryset=Official.objects.all(),
        help_text="Officials who took part (written by slug; new ones are recorded as attending in person).",
    )
    participations = ParticipationSerializer(
        many=True, read_only=True, help_text="Who took part, officials, states and organizations, and how."
    )
    membership_changes = MembershipDecisionSerializer(
        many=True, read_only=True, help_text="Membership changes decided at this summit."
    )

    class Meta:
        model = Summit
        fields = (
            *RECORD_FIELDS,
            "title",
            "number",
            "council",
            "organization",
            "city",
            "host_state",
            "chair_state",
            "starts_on",
            "ends_on",
            "format",
            "photo",
            "description",
            *TIMESTAMPS,
        )


class OfficialSerializer(RecordSerializer):
    appointments = AppointmentSerializer(many=True, read_only=True, help_text="Positions held.")

    class Meta:
        model = Official
        fields = (
            *RECORD_FIELDS,
            "name",
            "member_state",
            "organization",
            "current_title",
            "portrait",
            "description",
            *TIMESTAMPS,
        )


class InitiativeSerializer(RecordSerializer):
    class Meta:
        model = Initiative
        fields = (
            *RECORD_FIELDS,
            "name",
            "kind",
            "stage",
            "proposed_by",
            "lead_state",
            "launched_at",
            "starts_on",
            "starts_on_precision",
            "ends_on",
            "ends_on_precision",
            "location",
            "description",
            *TIMESTAMPS,
        )


class ArticleSerializer(RecordSerializer):
    class Meta:
        model = Article
        fields = (
            *RECORD_FIELDS,
            "title",
            "source",
            "authors",
            "original_url",
            "original_published_on",
            "original_published_on_precision",
            "language",
            "text_language",
            "republished_by",
            "republished_on",
            "republished_url",
            "lead_image",
            "body",
            *TIMESTAMPS,
        )


class TopicSerializer(RecordSerializer):
    class Meta:
        model = Topic
        fields = ("url", "html_url", "slug", "name", "description", *TIMESTAMPS)


SERIALIZERS = {
    Article: ArticleSerializer,
    Summit: SummitSerializer,
    MemberState: MemberStateSerializer,
    Official: OfficialSerializer,
    Initiative: InitiativeSerializer,
    Organization: OrganizationSerializer,
    Topic: TopicSerializer,
}
