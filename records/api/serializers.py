"""Serializers of the partner API.

`RecordSerializer` is the shared base: `url` and `html_url` on every object,
related records through `RelatedRecordField`, `?fields=` selection, and
writes that run the model's own validation (`full_clean`: field validators,
check and unique constraints) so bad input is a 400, never an IntegrityError.
"""

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import OpenApiTypes, extend_schema_field
from rest_framework import serializers
from rest_framework.settings import api_settings

from records.models import (
    Appointment,
    Article,
    Initiative,
    MembershipChange,
    MemberState,
    Official,
    Organization,
    Summit,
    Topic,
)

from .fields import RelatedRecordField

RECORD_FIELDS = ("url", "html_url", "slug", "status", "publish_at", "summary")
TIMESTAMPS = ("created_at", "updated_at")


def related_list(model, **kwargs):
    """A read-only list of the records of `model` that point at this one."""
    return RelatedRecordField(model=model, many=True, read_only=True, **kwargs)


@extend_schema_field(OpenApiTypes.URI)
class HtmlUrlField(serializers.Field):
    """The absolute URL of the record's public page."""

    def __init__(self, **kwargs):
        kwargs.update(source="*", read_only=True)
        super().__init__(**kwargs)

    def to_representation(self, value):
        request = self.context.get("request")
        path = value.get_absolute_url()
        return request.build_absolute_uri(path) if request is not None else path


class RecordSerializer(serializers.ModelSerializer):
    """The shared base of every record serializer."""

    serializer_related_field = RelatedRecordField
    html_url = HtmlUrlField(help_text="The record's page on the site.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        selected = self.context.get("selected_fields")
        if selected:
            for name in set(self.fields) - set(selected):
                self.fields.pop(name)

    def build_url_field(self, field_name, model_class):
        kwargs = {
            "view_name": f"api:{model_class._meta.model_name}-detail",
            "lookup_field": "slug",
            "help_text": "This record in the API.",
        }
        return serializers.HyperlinkedIdentityField, kwargs

    # Writes -------------------------------------------------------------

    def create(self, validated_data):
        return self.save_record(self.Meta.model(), validated_data)

    def update(self, instance, validated_data):
        return self.save_record(instance, validated_data)

    def save_record(self, instance, validated_data):
        many = {
            name: validated_data.pop(name)
            for name in list(validated_data)
            if isinstance(self.fields[name], serializers.ManyRelatedField)
        }
        for name, value in validated_data.items():
            setattr(instance, name, value)
        try:
            instance.full_clean()
        except DjangoValidationError as error:
            raise serializers.ValidationError(field_errors(error)) from error
        instance.save()
        for name, records in many.items():
            getattr(instance, name).set(records)
        return instance


def field_errors(error):
    """A Django ValidationError as DRF field errors (`__all__` → `non_field_errors`)."""
    detail = serializers.as_serializer_error(error)
    if NON_FIELD_ERRORS in detail:
        detail[api_settings.NON_FIELD_ERRORS_KEY] = detail.pop(NON_FIELD_ERRORS)
    return detail


class AppointmentSerializer(serializers.ModelSerializer):
    serializer_related_field = RelatedRecordField
    is_current = serializers.BooleanField(read_only=True)

    class Meta:
        model = Appointment
        fields = ("title", "organization", "member_state", "started_on", "ended_on", "is_current")
        read_only_fields = fields


class MembershipChangeSerializer(serializers.ModelSerializer):
    serializer_related_field = RelatedRecordField

    class Meta:
        model = MembershipChange
        fields = ("membership", "changed_on", "summit", "note")
        read_only_fields = fields


class OrganizationSerializer(RecordSerializer):
    children = related_list(Organization, help_text="Organizations that belong to this one.")
    member_states = related_list(MemberState)
    officials = related_list(Official)
    articles = related_list(Article, help_text="Articles that mention this organization.")
    articles_published = related_list(Article, help_text="Articles this outlet wrote.")

    class Meta:
        model = Organization
        fields = (
            *RECORD_FIELDS,
            "name",
            "short_name",
            "kind",
            "parent",
            "founded_on",
            "headquarters",
            "website",
            "description",
            "children",
            "member_states",
            "officials",
            "articles",
            "articles_published",
            *TIMESTAMPS,
        )


class MemberStateSerializer(RecordSerializer):
    membership_changes = MembershipChangeSerializer(many=True, read_only=True, help_text="Membership history.")
    officials = related_list(Official)
    summits_hosted = related_list(Summit)
    initiatives_led = related_list(Initiative)
    initiatives = related_list(Initiative, help_text="Initiatives the state takes part in.")
    articles = related_list(Article, help_text="Articles that mention this state.")

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
            "founding_member",
            "description",
            "membership_changes",
            "officials",
            "summits_hosted",
            "initiatives_led",
            "initiatives",
            "articles",
            *TIMESTAMPS,
        )

    def to_representation(self, instance):
        data = super().to_representation(instance)
        # With `?as_of=`, `membership` is the membership on that date.
        as_of = getattr(instance, "membership_as_of", None)
        if as_of is not None and "membership" in data:
            data["membership"] = as_of
        return data


class SummitSerializer(RecordSerializer):
    initiatives_launched = related_list(Initiative)
    articles = related_list(Article, help_text="Articles that mention this summit.")

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
            "participants",
            "description",
            "initiatives_launched",
            "articles",
            *TIMESTAMPS,
        )


class OfficialSerializer(RecordSerializer):
    appointments = AppointmentSerializer(many=True, read_only=True, help_text="Positions held.")
    summits = related_list(Summit, help_text="Summits the official took part in.")
    initiatives_proposed = related_list(Initiative)
    articles = related_list(Article, help_text="Articles that mention this official.")

    class Meta:
        model = Official
        fields = (
            *RECORD_FIELDS,
            "name",
            "member_state",
            "organization",
            "current_title",
            "description",
            "appointments",
            "summits",
            "initiatives_proposed",
            "articles",
            *TIMESTAMPS,
        )


class InitiativeSerializer(RecordSerializer):
    articles = related_list(Article, help_text="Articles that mention this initiative.")

    class Meta:
        model = Initiative
        fields = (
            *RECORD_FIELDS,
            "name",
            "kind",
            "stage",
            "proposed_by",
            "lead_state",
            "participating_states",
            "launched_at",
            "starts_on",
            "ends_on",
            "location",
            "topics",
            "description",
            "articles",
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
            "language",
            "body",
            "topics",
            "officials",
            "member_states",
            "summits",
            "initiatives",
            "organizations",
            *TIMESTAMPS,
        )


class TopicSerializer(RecordSerializer):
    articles = related_list(Article)
    initiatives = related_list(Initiative)

    class Meta:
        model = Topic
        fields = ("url", "html_url", "slug", "name", "description", "articles", "initiatives", *TIMESTAMPS)
