"""The partner API's viewsets: one shared base, one class per registered record
type (records.registry), made in `viewset_for`.

The base decides who sees what (`visible_to`, `with_related`), hands every
write to the write service (records.services), and adds conditional requests,
old-slug redirects and `?fields=` selection.
"""

from django.db import transaction
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext
from rest_framework import status, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import DjangoModelPermissionsOrAnonReadOnly
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from records import downloads, freshness, services
from records.filters import FILTERSETS
from records.models import current_slug
from records.models.base import visible_records
from records.registry import CAPPED_LIST_SIZE, RECORD_TYPES, TOPIC, sees_only_public

from . import serializers
from .backends import (
    AllowListOrderingFilter,
    RecordContentNegotiation,
    RecordFilterBackend,
    RecordSearchFilter,
    check_query_params,
    csv_values,
)
from .changes import ChangeSerializer
from .conditional import check_preconditions, conditional_read
from .exceptions import SlugMoved
from .pagination import RecordPagination
from .parsers import BoundedJSONParser
from .representation import attach_detail_values, attach_related_values
from .schema import RecordAutoSchema

SLUG_URL_PATTERN = r"[-a-zA-Z0-9_]+"


class RecordPermissions(DjangoModelPermissionsOrAnonReadOnly):
    """Django's model permissions, read from the view's model without building its queryset."""

    def _queryset(self, view):
        return view.model._default_manager.all()


class RecordViewSet(viewsets.ModelViewSet):
    """List, retrieve, create, update and delete one record type, looked up by slug."""

    record_type = None
    lookup_field = "slug"
    lookup_value_regex = SLUG_URL_PATTERN
    permission_classes = [RecordPermissions]
    pagination_class = RecordPagination
    parser_classes = [BoundedJSONParser]
    filter_backends = [RecordFilterBackend, RecordSearchFilter, AllowListOrderingFilter]
    content_negotiation_class = RecordContentNegotiation
    schema = RecordAutoSchema()
    ordering_fields = ("slug", "created_at", "updated_at")

    @property
    def model(self):
        return self.record_type.model

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        check_query_params(request)
        self.selected_fields()

    # Reading ------------------------------------------------------------

    def get_queryset(self):
        # The linked lists come as plain values, for the records shown only (`with_lists`).
        user = self.request.user
        selected = self.selected_fields()
        return visible_records(self.model, user).with_related(user, only=selected or None, lists=False)

    def with_lists(self, records):
        """`records` of a list with their linked lists as the caller may see them (one query for all)."""
        return attach_related_values(records, self.record_type, self.request.user, only=self.selected_fields() or None)

    def with_detail_lists(self, record):
        """One record with its linked lists as its own endpoint gives them (lists of articles capped)."""
        return attach_detail_values(record, self.record_type, self.request.user, only=self.selected_fields() or None)

    def selected_fields(self):
        """The `?fields=` names, checked against the serializer's fields; [] for all. A list gives all but
        the lists of articles and their counts, which only a record's own endpoint gives."""
        if not hasattr(self, "_selected_fields"):
            names = csv_values(self.request, "fields") if self.request is not None else []
            serializer_class = self.get_serializer_class()
            available = serializer_class.field_names()
            unknown = [name or "''" for name in names if name not in available]
            if unknown:
                raise ValidationError(
                    {
                        "fields": [
                            gettext("Unknown field(s): %(unknown)s. Available: %(available)s.")
                            % {"unknown": ", ".join(unknown)[:200], "available": ", ".join(available)}
                        ]
                    }
                )
            # The document describes one representation of a record, with every field.
            if getattr(self, "action", None) == "list" and not getattr(self, "swagger_fake_view", False):
                capped = [name for name in names if name in serializer_class.capped_field_names()]
                if capped:
                    raise ValidationError(
                        {
                            "fields": [
                                gettext(
                                    "%(fields)s: given on each record's own endpoint only (the first %(count)d); "
                                    "the articles' list filters give them all."
                                )
                                % {"fields": ", ".join(capped), "count": CAPPED_LIST_SIZE}
                            ]
                        }
                    )
                names = names or list(serializer_class.list_field_names())
            self._selected_fields = names
        return self._selected_fields

    def get_serializer_context(self):
        context = super().get_serializer_context()
        context["selected_fields"] = self.selected_fields()
        return context

    def filter_queryset(self, queryset):
        # One record by slug, with no filter parameters: the filters would change nothing.
        if self.lookup_field in self.kwargs and not set(self.request.query_params) - {"fields", "format"}:
            return queryset
        return super().filter_queryset(queryset)

    def get_object(self):
        try:
            return super().get_object()
        except Http404:
            moved_to = self.moved_url()
            if moved_to is None:
                raise
            safe = self.request.method in ("GET", "HEAD")
            raise SlugMoved(
                moved_to, status.HTTP_301_MOVED_PERMANENTLY if safe else status.HTTP_308_PERMANENT_REDIRECT
            ) from None

    def moved_url(self):
        """The record's current URL when the slug in the request is an old one it had."""
        old = self.kwargs[self.lookup_field]
        new = current_slug(self.model, old)
        if not new or new == old or not self.get_queryset().filter(slug=new).exists():
            return None
        url = self.request.build_absolute_uri(reverse(f"api:{self.basename}-detail", kwargs={"slug": new}))
        query = self.request.META.get("QUERY_STRING")
        return f"{url}?{query}" if query else url

    # Public reads come from the cache when a fresh copy is there (records.freshness).

    def list(self, request, *args, **kwargs):
        try:
            file_format = downloads.requested_format(request.query_params)
        except ValueError as error:
            raise ValidationError({downloads.DOWNLOAD_PARAM: [str(error)]}) from None
        if file_format:
            return self.download(file_format)
        kept = self.kept_response(request)
        if kept is not None:
            return kept
        page = self.with_lists(self.paginate_queryset(self.filter_queryset(self.get_queryset())))
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def download(self, file_format):
        """Every record of the filtered list (not one page), streamed as a CSV or JSON file.
        Paging parameters are ignored, but a bad one is refused as on a page."""
        queryset = self.filter_queryset(self.get_queryset())
        self.paginator.check_parameters(queryset, self.request)
        return downloads.download_response(
            queryset=queryset,
            serializer=self.get_serializer(),
            file_format=file_format,
            filename=self.record_type.prefix,
            prepare=self.with_lists,
        )

    def retrieve(self, request, *args, **kwargs):
        kept = self.kept_response(request)
        if kept is not None:
            return kept
        return Response(self.get_serializer(self.with_detail_lists(self.get_object())).data)

    def kept_response(self, request):
        """The cached public response to this request, if any; notes where to keep a new one."""
        self.cache_slot = None
        if request.accepted_renderer.format != "json" or not sees_only_public(request.user):
            return None
        self.cache_slot = freshness.response_key(request._request, variant="api")
        kept = freshness.fetch(self.cache_slot[0]) if self.cache_slot else None
        if kept is None:
            return None
        return conditional_read(request._request, HttpResponse(kept["content"], content_type=kept["content_type"]))

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if response.streaming:
            return response
        if (
            request.method in ("GET", "HEAD")
            and response.status_code == status.HTTP_200_OK
            and isinstance(getattr(response, "accepted_renderer", None), JSONRenderer)
        ):
            response.render()
            if getattr(self, "cache_slot", None):
                kept = {"content": response.content, "content_type": response["Content-Type"]}
                freshness.store(*self.cache_slot, kept)
            return conditional_read(request._request, response)
        return response

    # Writing: the serializer validates, the write service writes -------------

    # A request is one transaction: nothing of a write stays if its response fails.

    def create(self, request, *args, **kwargs):
        with transaction.atomic():
            return super().create(request, *args, **kwargs)

    def perform_create(self, serializer):
        serializer.save()
        serializer.instance = self.fresh(serializer.instance)

    def update(self, request, *args, **kwargs):
        partial = kwargs.pop("partial", False)
        with transaction.atomic():
            instance = self.get_object()
            serializer = self.get_serializer(instance, data=request.data, partial=partial)
            serializer.is_valid(raise_exception=True)
            if services.needs_review(record=instance, user=request.user):
                return self.propose(serializer)
            serializer.save(precondition=self.precondition)
            return Response(self.get_serializer(self.fresh(serializer.instance)).data)

    def propose(self, serializer):
        """An editor's edit of a live record: held for review (202), the record unchanged."""
        fields = dict(serializer.validated_data)
        relations = serializer.split_relations(fields)
        change = services.change_propose(
            record=serializer.instance,
            fields=fields,
            relations=relations,
            user=self.request.user,
            check=self.precondition,
        )
        if change is None:
            return Response(self.get_serializer(self.fresh(serializer.instance)).data)
        body = ChangeSerializer(change, context=self.get_serializer_context()).data
        return Response(body, status=status.HTTP_202_ACCEPTED, headers={"Location": body["url"]})

    def destroy(self, request, *args, **kwargs):
        with transaction.atomic():
            services.record_delete(record=self.get_object(), user=request.user, check=self.precondition)
        return Response(status=status.HTTP_204_NO_CONTENT)

    def precondition(self, stored):
        """Refuse the write (412) when If-Match does not name the stored record's ETag."""
        check_preconditions(self.request._request, self.get_serializer(self.fresh(stored)).data)

    def fresh(self, instance):
        """`instance` reloaded with the list's related data (as the caller may see it)."""
        record = self.get_queryset().filter(pk=instance.pk).first()
        return self.with_detail_lists(record) if record is not None else instance


def viewset_for(entry, filterset_class, serializer_class):
    """The viewset of one registered record type."""
    return type(
        f"{entry.model.__name__}ViewSet",
        (RecordViewSet,),
        {
            "__doc__": f"The {entry.model._meta.verbose_name_plural} of the record.",
            "record_type": entry,
            "queryset": entry.model._default_manager.all(),
            "serializer_class": serializer_class,
            "filterset_class": filterset_class,
            "ordering_fields": (*RecordViewSet.ordering_fields, *entry.ordering_fields),
        },
    )


VIEWSETS = {
    entry.prefix: viewset_for(entry, FILTERSETS[entry.model], serializers.SERIALIZERS[entry.model])
    for entry in (*RECORD_TYPES, TOPIC)
}
