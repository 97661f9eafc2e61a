"""The answer to a sign-in while the account or the address is locked out
(django-axes calls it): the admin's look, a plain message, 429 with Retry-After."""

import math

from django.conf import settings
from django.shortcuts import render
from django.utils.translation import gettext


def locked_out(request, original_response=None, credentials=None):
    seconds = settings.AXES_COOLOFF_TIME.total_seconds()
    response = render(
        request,
        "admin/locked_out.html",
        {
            "failure_limit": settings.AXES_FAILURE_LIMIT,
            "minutes": math.ceil(seconds / 60),
            "title": gettext("Sign-in temporarily locked"),
        },
        status=429,
    )
    response["Retry-After"] = str(math.ceil(seconds))
    return response
