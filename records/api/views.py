"""The partner API's viewsets: one shared base, one small class per record type.

The base decides who sees what (`visible_to`), who writes what (model
permissions plus records.workflow), and adds conditional requests, old-slug
redirects, `?fields=` selection and atomic writes.
"""

from django.db import transaction
from django.db.models import Prefetch
from django.http import Http404
from django.urls import reverse
from rest_framework import status, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import DjangoModelPermissionsOrAnonReadOnly
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from records import filters
from records.models import (
    Appointment,
    Article,
    Initiative,
    MembershipChange,
    MemberState,
    Official,
    Organization,
    Status,
    Summit,
    Topic,
    current_slug,
)
from records.workflow import check_record_write

from . import serializers
from .backends import (
    AllowListOrderingFilter,
    RecordContentNegotiation,
    RecordFilterBackend,
    RecordSearchFilter,
    check_query_params,
    csv_values,
)
from .conditional import check_preconditions, conditional_read
from .exceptions import SlugMoved
from .pagination import RecordPagination
from .schema import RecordAutoSchema

SLUG_URL_PATTERN = r"[-a-zA-Z0-9_]+"


def visible(model, user):
    """The records of `model` that `user` may see (topics are always public)."""
    manager = model._default_manager
    return manager.visible_to(user) if hasattr(manager, "visible_to") else manager.all()


class RecordViewSet(viewsets.ModelViewSet):
    """List, retrieve, create, update and delete one record type, looked up by slug."""

    model = None
    lookup_field = "slug"
    lookup_value_regex = SLUG_URL_PATTERN
    permission_classes = [DjangoModelPermissionsOrAnonReadOnly]
    pagination_class = RecordPagination
    filter_backends = [RecordFilterBackend, RecordSearchFilter, AllowListOrderingFilter]
    content_negotiation_class = RecordContentNegotiation
    schema = RecordAutoSchema()
    # Foreign keys shown on each record, and related lists: name → model (or a ready Prefetch queryset).
    select_related = ()
    prefetch = {}
    ordering_fields = ("slug", "created_at", "updated_at")

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        check_query_params(request)
        self.selected_fields()

    # Reading ------------------------------------------------------------

    def get_queryset(self):
        user = self.request.user
        selected = self.selected_fields()
        lookups = [
            Prefetch(name, queryset=related if not isinstance(related, type) else visible(related, user))
            for name, related in self.prefetch.items()
            if not selected or name in selected
        ]
        queryset = visible(self.model, user).select_related(*self.select_related).prefetch_related(*lookups)
        if self.request.method in ("PUT", "PATCH", "DELETE"):
            # Writes run in a transaction: lock the row, so that of two writes sent
            # with the same If-Match the second waits, then sees it is stale (412).
            queryset = queryset.select_for_update(of=("self",))
        return queryset

    def selected_fields(self):
        """The `?fields=` names, checked against the serializer's fields; [] for all."""
        if not hasattr(self, "_selected_fields"):
            names = csv_values(self.request, "fields") if self.request is not None else []
            available = self.get_serializer_class().Meta.fields
            unknown = [name for name in names if name not in available]
            if unknown:
                raise ValidationError(
                    {"fields": [f"Unknown field(s): {', '.join(unknown)[:200]}. Available: {', '.join(available)}."]}
                )
            self._selected_fields = names
        return self._selected_fields

    def get_serializer_context(self):
        context = super().get_serializer_context()
        context["selected_fields"] = self.selected_fields()
        return context

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

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if (
            request.method in ("GET", "HEAD")
            and response.status_code == status.HTTP_200_OK
            and isinstance(getattr(response, "accepted_renderer", None), JSONRenderer)
        ):
            return conditional_read(request._request, response)
        return response

    # Writing ------------------------------------------------------------

    def create(self, request, *args, **kwargs):
        with transaction.atomic():
            return super().create(request, *args, **kwargs)

    def update(self, request, *args, **kwargs):
        partial = kwargs.pop("partial", False)
        with transaction.atomic():
            instance = self.get_object()
            check_preconditions(request._request, self.get_serializer(instance).data)
            serializer = self.get_serializer(instance, data=request.data, partial=partial)
            serializer.is_valid(raise_exception=True)
            self.perform_update(serializer)
            return Response(self.get_serializer(self.fresh(serializer.instance)).data)

    def destroy(self, request, *args, **kwargs):
        with transaction.atomic():
            instance = self.get_object()
            check_preconditions(request._request, self.get_serializer(instance).data)
            instance.delete()
        return Response(status=status.HTTP_204_NO_CONTENT)

    def perform_create(self, serializer):
        data = serializer.validated_data
        self.check_workflow(None, data.get("status", Status.DRAFT), data.get("publish_at"))
        serializer.instance = self.fresh(serializer.save())

    def perform_update(self, serializer):
        data, current = serializer.validated_data, serializer.instance
        self.check_workflow(current, data.get("status", current.status), data.get("publish_at", current.publish_at))
        serializer.save()

    def check_workflow(self, current, new_status, new_publish_at):
        check_record_write(
            self.request.user, model=self.model, current=current, new_status=new_status, new_publish_at=new_publish_at
        )

    def fresh(self, instance):
        """`instance` reloaded with the list's related data (as the caller may see it)."""
        return self.get_queryset().filter(pk=instance.pk).first() or instance


class OrganizationViewSet(RecordViewSet):
    model = Organization
    queryset = Organization.objects.all()
    serializer_class = serializers.OrganizationSerializer
    filterset_class = filters.OrganizationFilterSet
    ordering_fields = (*RecordViewSet.ordering_fields, "name", "short_name", "kind", "founded_on")
    select_related = ("parent",)
    prefetch = {
        "children": Organization,
        "member_states": MemberState,
        "officials": Official,
        "articles": Article,
        "articles_published": Article,
    }


class MemberStateViewSet(RecordViewSet):
    model = MemberState
    queryset = MemberState.objects.all()
    serializer_class = serializers.MemberStateSerializer
    filterset_class = filters.MemberStateFilterSet
    ordering_fields = (*RecordViewSet.ordering_fields, "name", "iso_code", "membership", "membership_since")
    select_related = ("organization",)
    prefetch = {
        "membership_changes": MembershipChange.objects.select_related("summit"),
        "officials": Official,
        "summits_hosted": Summit,
        "initiatives_led": Initiative,
        "initiatives": Initiative,
        "articles": Article,
    }


class SummitViewSet(RecordViewSet):
    model = Summit
    queryset = Summit.objects.all()
    serializer_class = serializers.SummitSerializer
    filterset_class = filters.SummitFilterSet
    ordering_fields = (*RecordViewSet.ordering_fields, "title", "number", "starts_on", "ends_on", "council")
    select_related = ("organization", "host_state", "chair_state")
    prefetch = {"participants": Official, "initiatives_launched": Initiative, "articles": Article}


class OfficialViewSet(RecordViewSet):
    model = Official
    queryset = Official.objects.all()
    serializer_class = serializers.OfficialSerializer
    filterset_class = filters.OfficialFilterSet
    ordering_fields = (*RecordViewSet.ordering_fields, "name")
    select_related = ("member_state", "organization")
    prefetch = {
        "appointments": Appointment.objects.select_related("organization", "member_state"),
        "summits": Summit,
        "initiatives_proposed": Initiative,
        "articles": Article,
    }


class InitiativeViewSet(RecordViewSet):
    model = Initiative
    queryset = Initiative.objects.all()
    serializer_class = serializers.InitiativeSerializer
    filterset_class = filters.InitiativeFilterSet
    ordering_fields = (*RecordViewSet.ordering_fields, "name", "kind", "stage", "starts_on", "ends_on")
    select_related = ("proposed_by", "lead_state", "launched_at")
    prefetch = {"participating_states": MemberState, "topics": Topic, "articles": Article}


class ArticleViewSet(RecordViewSet):
    model = Article
    queryset = Article.objects.all()
    serializer_class = serializers.ArticleSerializer
    filterset_class = filters.ArticleFilterSet
    ordering_fields = (*RecordViewSet.ordering_fields, "title", "original_published_on", "language")
    select_related = ("source",)
    prefetch = {
        "topics": Topic,
        "officials": Official,
        "member_states": MemberState,
        "summits": Summit,
        "initiatives": Initiative,
        "organizations": Organization,
    }


class TopicViewSet(RecordViewSet):
    """Topics: a plain taxonomy, always public; no publication workflow."""

    model = Topic
    queryset = Topic.objects.all()
    serializer_class = serializers.TopicSerializer
    filterset_class = filters.TopicFilterSet
    ordering_fields = ("slug", "name", "created_at", "updated_at")
    prefetch = {"articles": Article, "initiatives": Initiative}

    def perform_create(self, serializer):
        serializer.save()

    def perform_update(self, serializer):
        serializer.save()
