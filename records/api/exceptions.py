"""Consistent JSON errors: every failure answers `{"detail": ...}` or field errors."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import ProtectedError, RestrictedError
from django.http import JsonResponse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from rest_framework import exceptions, status
from rest_framework.views import exception_handler as drf_exception_handler


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = _("The request conflicts with the current state of the record.")
    default_code = "conflict"


class PreconditionFailed(exceptions.APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = _("The record has changed since you read it (If-Match does not match its ETag).")
    default_code = "precondition_failed"


class SlugMoved(exceptions.APIException):
    """The record now lives at another slug: 301 for reads, 308 for writes."""

    default_code = "moved"

    def __init__(self, location, permanent_status):
        self.location = location
        self.status_code = permanent_status
        super().__init__(gettext("This record has moved to %(location)s.") % {"location": location})


def referenced_by(error):
    """`error`'s referencing records, named for a reader."""
    records = list(getattr(error, "protected_objects", None) or getattr(error, "restricted_objects", None) or [])
    names = [f"{record._meta.verbose_name} “{record}”" for record in records[:10]]
    more = len(records) - len(names)
    if more > 0:
        return gettext("%(records)s and %(count)d more") % {"records": ", ".join(names), "count": more}
    return ", ".join(names)


def exception_handler(exc, context):
    """DRF's handler, plus the errors of the models and the workflow."""
    if isinstance(exc, ProtectedError | RestrictedError):
        message = gettext("This record cannot be deleted: it is still referenced by %(records)s.")
        exc = Conflict(message % {"records": referenced_by(exc)})
    elif isinstance(exc, DjangoPermissionDenied) and str(exc):
        # WorkflowDenied (a PermissionDenied) carries the reason; keep it.
        exc = exceptions.PermissionDenied(str(exc))
    elif isinstance(exc, DjangoValidationError):
        from .serializers import field_errors

        exc = exceptions.ValidationError(field_errors(exc))
    response = drf_exception_handler(exc, context)
    if response is not None and isinstance(exc, SlugMoved):
        response["Location"] = exc.location
    return response


@csrf_exempt
def not_found(request, *args, **kwargs):
    """JSON 404 for any path under the API that matches no endpoint."""
    return JsonResponse({"detail": gettext("Not found.")}, status=404)
