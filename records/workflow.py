"""The editorial workflow: who may move a record to which state.

The admin and the API both call these functions, so a rule is written once.
Editors (add/change permission) create and edit drafts and submit them for
review; only holders of the model's `publish_<model>` permission publish,
schedule, unpublish, archive or change a record that is live or archived.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from records.models import Status

EDITOR_STATUSES = frozenset({Status.DRAFT, Status.REVIEW})


class WorkflowDenied(PermissionDenied):
    """A change the user's role does not allow; the message says why."""


def can_publish(user, model):
    opts = model._meta
    return user.has_perm(f"{opts.app_label}.publish_{opts.model_name}")


def check_record_write(user, *, model, current=None, new_status=None, new_publish_at=None):
    """Raise WorkflowDenied unless `user` may write this change.

    `current` is the stored record (None when creating); `new_status` and
    `new_publish_at` are the values the write would leave.
    """
    if can_publish(user, model):
        return
    name = model._meta.verbose_name
    if current is not None and current.status not in EDITOR_STATUSES:
        raise WorkflowDenied(
            f"This {name} is {current.get_status_display().lower()}; changing it needs the publish permission."
        )
    if new_status is not None and new_status not in EDITOR_STATUSES:
        raise WorkflowDenied(f"Setting a {name} to “{new_status}” needs the publish permission.")
    old_publish_at = current.publish_at if current is not None else None
    if new_publish_at != old_publish_at:
        raise WorkflowDenied(f"Scheduling a {name} (publish_at) needs the publish permission.")


# Transitions: (target status, whether it needs the publish permission, allowed source statuses)
TRANSITIONS = {
    "submit": (Status.REVIEW, False, {Status.DRAFT}),
    "publish": (Status.PUBLISHED, True, {Status.DRAFT, Status.REVIEW, Status.ARCHIVED}),
    "unpublish": (Status.DRAFT, True, {Status.PUBLISHED, Status.REVIEW}),
    "archive": (Status.ARCHIVED, True, {Status.DRAFT, Status.REVIEW, Status.PUBLISHED}),
}


def record_transition(*, record, action, user):
    """Move one record by `action` ("submit", "publish", "unpublish", "archive").

    Returns True when the record changed, False when it was not in a state the
    action applies to. Raises WorkflowDenied when the user may not do it.
    """
    target, needs_publish, sources = TRANSITIONS[action]
    model = type(record)
    if needs_publish and not can_publish(user, model):
        raise WorkflowDenied(f"To {action} a {model._meta.verbose_name} you need the publish permission.")
    if not needs_publish:
        check_record_write(user, model=model, current=record, new_status=target, new_publish_at=record.publish_at)
    if record.status not in sources:
        return False
    # Publishing a record with a future publish_at leaves it scheduled.
    record.status = target
    with transaction.atomic():
        record.full_clean()
        record.save()
    return True


def records_transition(*, queryset, action, user):
    """Apply `action` to every record of `queryset`; return (changed, skipped) counts."""
    changed = skipped = 0
    for record in queryset:
        if record_transition(record=record, action=action, user=user):
            changed += 1
        else:
            skipped += 1
    return changed, skipped
