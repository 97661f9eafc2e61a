"""Pending changes in the API: `/api/v1/changes/`.

An editor's PATCH or PUT of a live record answers 202 with the change's URL in
`Location`; publishers list every pending change, editors their own, and
publishers approve (`POST …/approve/`) or reject (`POST …/reject/` with a
`comment`). Approving a change whose record has changed since is a 409.
"""

from django.db import transaction
from django.utils.translation import gettext
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view, inline_serializer
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from records import services
from records.children import child_values, proposed_children
from records.models import PendingChange
from records.registry import label_field

from .exceptions import Conflict
from .fields import api_url
from .pagination import RecordPagination
from .parsers import BoundedJSONParser
from .schema import ERRORS


def responses(ok, *codes):
    return {200: ok, **{code: ERRORS[code] for code in codes}}


STATE = OpenApiParameter("state", str, enum=PendingChange.State.values, description="Only changes in this state.")


class ChangeSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:pendingchange-detail", help_text="This change.")
    record = serializers.SerializerMethodField(help_text="The live record the change is for.")
    author = serializers.CharField(source="author.get_username", read_only=True)
    reviewed_by = serializers.CharField(source="reviewed_by.get_username", read_only=True, default=None)
    proposed = serializers.SerializerMethodField(
        help_text="The fields and linked lists the change sets, as the record's own API entry writes them."
    )
    children = serializers.SerializerMethodField(
        help_text=(
            "The child records (appointments, membership changes, participations) the change adds, changes "
            'and deletes: `{"appointments": {"added": [{...}], "changed": [{"id": 7, ...}], "deleted": [8]}}`, '
            "fields by name, linked records by slug."
        )
    )
    is_stale = serializers.SerializerMethodField(
        help_text="The record, or a child record the change touches, changed after this change was made."
    )

    class Meta:
        model = PendingChange
        fields = (
            "id",
            "url",
            "record",
            "author",
            "state",
            "proposed",
            "children",
            "is_stale",
            "comment",
            "reviewed_by",
            "reviewed_at",
            "created_at",
        )
        read_only_fields = fields

    @staticmethod
    def _reference(record, request):
        name = label_field(type(record))
        return {
            "type": record._meta.model_name,
            "slug": record.slug,
            name: getattr(record, name),
            "url": api_url(request, record),
        }

    def get_record(self, change) -> dict:
        return self._reference(change.record, self.context.get("request"))

    def get_proposed(self, change) -> dict:
        model = change.content_type.model_class()
        by_attname = {field.attname: field for field in model._meta.concrete_fields}
        proposed = {
            by_attname[attname].name: api_value(by_attname[attname], value)
            for attname, value in services.proposed_fields(change).items()
        }
        for name, records in services.proposed_relations(change).items():
            proposed[name] = list(records.values_list("slug", flat=True))
        return proposed

    def get_children(self, change) -> dict:
        children = {}
        for name, rows in proposed_children(change, change.record).items():
            by_attname = {field.attname: field for field in rows.model._meta.concrete_fields}

            def shown(values, by_attname=by_attname):
                return {by_attname[key].name: api_value(by_attname[key], value) for key, value in values.items()}

            children[name] = {
                "added": [shown(child_values(child)) for child in rows.added],
                "changed": [{"id": item.stored.pk, **shown(item.fields)} for item in rows.changed],
                "deleted": [child.pk for child in rows.deleted],
            }
        return children

    def get_is_stale(self, change) -> bool:
        return services.change_is_stale(change)


def api_value(field, value):
    """A proposed value as the API writes it: linked records by slug, dates in ISO 8601."""
    if field.is_relation and value is not None:
        value = field.related_model._default_manager.filter(pk=value).values_list("slug", flat=True).first()
    return value.isoformat() if hasattr(value, "isoformat") else value


@extend_schema_view(
    list=extend_schema(
        parameters=[STATE], responses=responses(ChangeSerializer(many=True), "400", "401", "404", "429")
    ),
    retrieve=extend_schema(responses=responses(ChangeSerializer, "401", "404", "429")),
)
class ChangeViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Pending changes: publishers see all, others their own."""

    serializer_class = ChangeSerializer
    queryset = PendingChange.objects.none()
    permission_classes = [IsAuthenticated]
    parser_classes = [BoundedJSONParser]
    pagination_class = RecordPagination

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return PendingChange.objects.none()
        queryset = PendingChange.objects.visible_to(self.request.user).select_related(
            "author", "reviewed_by", "content_type"
        )
        state = self.request.query_params.get("state", "")
        if state and state not in PendingChange.State.values:
            raise ValidationError(
                {"state": [gettext("Choose from: %(values)s.") % {"values": ", ".join(PendingChange.State.values)}]}
            )
        return queryset.filter(state=state) if state else queryset

    @extend_schema(request=None, responses=responses(ChangeSerializer, "400", "401", "403", "404", "409", "429"))
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        change = self.get_object()
        try:
            with transaction.atomic():
                change = services.change_approve(change=change, user=request.user)
        except services.StaleChange as stale:
            raise Conflict(str(stale)) from stale
        return Response(self.get_serializer(change).data)

    @extend_schema(
        request=inline_serializer("RejectChange", {"comment": serializers.CharField(required=False, max_length=5000)}),
        responses=responses(ChangeSerializer, "400", "401", "403", "404", "429"),
    )
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        change = self.get_object()
        comment = request.data.get("comment", "") if isinstance(request.data, dict) else ""
        if not isinstance(comment, str) or len(comment) > 5000 or "\x00" in comment:
            return Response({"comment": ["Give the comment as text, at most 5,000 characters."]}, status=400)
        change = services.change_reject(change=change, user=request.user, comment=comment)
        return Response(self.get_serializer(change).data, status=status.HTTP_200_OK)
