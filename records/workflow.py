"""The editorial workflow: who may make which change.

Rules only; the writes themselves are in records.services, which checks every
write here, whether it comes from the admin or the API. Editors (add/change
permission) create and edit drafts and submit them for review; only holders of
the model's `publish_<model>` permission publish, schedule, unpublish, archive
or change a record that is live or archived. Child records (appointments,
membership changes, participations) follow their parent; topics, public the
moment they exist, are created, renamed and deleted only with `publish_topic`;
a source cited by a live record changes only with `publish_source`. Images of
the library are uploaded with `add_image` (Editors may); an image that a live
record shows is changed or deleted only with `publish_image`.
"""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from records.models import Status

EDITOR_STATUSES = frozenset({Status.DRAFT, Status.REVIEW})

# Why a model permission is missing, by action (`records`: the model's plural name).
MODEL_PERMISSION_DENIED = {
    "add": _("You may not add %(records)s."),
    "change": _("You may not change %(records)s."),
    "delete": _("You may not delete %(records)s."),
    "view": _("You may not view %(records)s."),
}
# Why a transition is refused without the publish permission (`record`: "an article").
TRANSITION_DENIED = {
    "submit": _("To submit %(record)s you need the publish permission."),
    "publish": _("To publish %(record)s you need the publish permission."),
    "unpublish": _("To unpublish %(record)s you need the publish permission."),
    "archive": _("To archive %(record)s you need the publish permission."),
}


class WorkflowDenied(PermissionDenied):
    """A change the user's role does not allow; the message says why."""


def can_publish(user, model):
    opts = model._meta
    return user.has_perm(f"{opts.app_label}.publish_{opts.model_name}")


def check_model_permission(user, model, action):
    """Raise WorkflowDenied unless `user` holds the model permission for `action` (add, change, delete)."""
    opts = model._meta
    if not user.has_perm(f"{opts.app_label}.{action}_{opts.model_name}"):
        raise WorkflowDenied(MODEL_PERMISSION_DENIED[action] % {"records": opts.verbose_name_plural})


def check_record_write(user, *, model, current=None, new_status=None, new_publish_at=None):
    """Raise WorkflowDenied unless `user` may write this change.

    `current` is the stored record (None when creating); `new_status` and
    `new_publish_at` are the values the write would leave.
    """
    if can_publish(user, model):
        return
    name = model._meta.verbose_name
    if current is not None and current.status not in EDITOR_STATUSES:
        message = gettext("This %(model)s is %(status)s; changing it needs the publish permission.")
        raise WorkflowDenied(message % {"model": name, "status": current.status_phrase})
    if new_status is not None and new_status not in EDITOR_STATUSES:
        message = gettext("Setting %(record)s to “%(status)s” needs the publish permission.")
        raise WorkflowDenied(message % {"record": article(name), "status": status_label(new_status)})
    old_publish_at = current.publish_at if current is not None else None
    if new_publish_at != old_publish_at:
        message = gettext("Scheduling %(record)s (publish_at) needs the publish permission.")
        raise WorkflowDenied(message % {"record": article(name)})


def check_child_write(user, *, child_model, parent):
    """Raise WorkflowDenied unless `user` may change a child record of `parent`:
    editors only while the parent is a draft or in review (on a live parent,
    their changes are proposed with the parent's: records.services.change_propose)."""
    if parent is None or can_publish(user, type(parent)) or parent.status in EDITOR_STATUSES:
        return
    message = gettext(
        "%(parent)s is %(status)s; changing its %(children)s needs the publish permission. Change them on the "
        "%(model)s's own page instead: your change is then reviewed by a publisher."
    )
    raise WorkflowDenied(
        message
        % {
            "parent": parent,
            "status": parent.status_phrase,
            "children": child_model._meta.verbose_name_plural,
            "model": type(parent)._meta.verbose_name,
        }
    )


def check_topic_write(user):
    """Raise WorkflowDenied unless `user` may create, rename or delete topics."""
    if not user.has_perm("records.publish_topic"):
        raise WorkflowDenied(
            gettext(
                "Topics are public as soon as they exist: creating, renaming or deleting one needs the publish "
                "permission."
            )
        )


def check_image_write(user, *, image, stored, action):
    """Raise WorkflowDenied unless `user` may write `image`: the model permission,
    and the publish permission once a live record shows the stored image."""
    check_model_permission(user, type(image), action)
    if stored is None or user.has_perm("records.publish_image"):
        return
    shown = stored.shown_by_public_records()
    if shown:
        names = ", ".join(f"{record._meta.verbose_name} “{record}”" for record in shown[:3])
        message = gettext(
            "This image is shown on published records (%(records)s); changing or deleting it needs the publish "
            "permission. Upload a new image instead, or ask a publisher."
        )
        raise WorkflowDenied(message % {"records": names})


def check_review(user, *, change, model):
    """Raise WorkflowDenied unless `user` may approve or reject `change`, still pending."""
    if not (user.has_perm("records.review_pendingchange") and can_publish(user, model)):
        raise WorkflowDenied(gettext("Approving or rejecting a change needs the publish permission."))
    if not change.is_pending:
        already = {
            "approved": gettext("This change was already approved."),
            "rejected": gettext("This change was already rejected."),
        }
        raise WorkflowDenied(
            already.get(change.state)
            or gettext("This change was already %(state)s.") % {"state": change.get_state_display().lower()}
        )


def source_open(user, source):
    """Whether `user` may change or delete `source`: anyone with the model
    permission while no live record cites it, else publishers only."""
    return user.has_perm("records.publish_source") or not source.is_cited_publicly()


def check_source_write(user, *, stored):
    """Raise WorkflowDenied unless `user` may change or delete the stored source."""
    if stored is not None and not source_open(user, stored):
        raise WorkflowDenied(gettext("A published record cites this source; changing it needs the publish permission."))


# Transitions: (target status, whether it needs the publish permission, allowed source statuses)
TRANSITIONS = {
    "submit": (Status.REVIEW, False, {Status.DRAFT}),
    "publish": (Status.PUBLISHED, True, {Status.DRAFT, Status.REVIEW, Status.ARCHIVED}),
    "unpublish": (Status.DRAFT, True, {Status.PUBLISHED, Status.REVIEW}),
    "archive": (Status.ARCHIVED, True, {Status.DRAFT, Status.REVIEW, Status.PUBLISHED}),
}


class TransitionNotApplicable(Exception):
    """The record's status is not one the transition starts from."""


def check_transition(user, *, record, action):
    """The status `action` moves `record` to; raise WorkflowDenied when the user
    may not, TransitionNotApplicable when the record's status does not allow it."""
    target, needs_publish, sources = TRANSITIONS[action]
    model = type(record)
    if needs_publish and not can_publish(user, model):
        raise WorkflowDenied(TRANSITION_DENIED[action] % {"record": article(model._meta.verbose_name)})
    if record.status not in sources:
        raise TransitionNotApplicable(gettext("it is %(status)s") % {"status": record.status_phrase})
    if not needs_publish:
        check_record_write(user, model=model, current=record, new_status=target, new_publish_at=record.publish_at)
    return target


def status_label(status):
    """A status as the admin names it ("Published"), or the value itself if unknown."""
    return dict(Status.choices).get(status, status)


def article(noun):
    """`a summit`, `an article`, `an official`."""
    return f"{'an' if noun[:1].lower() in 'aeiou' else 'a'} {noun}"
