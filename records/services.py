"""Every write to the record, whoever makes it.

The admin (forms, inlines, actions, history restore), the API and the
management commands call these functions; nothing else writes records. Each
write is atomic: it locks the stored row, runs the caller's stale check,
checks the workflow (records.workflow), validates the model (`full_clean`),
saves, writes the linked lists, folds what it wrote into one version with its
author, and touches the `updated_at` of every record whose representation it
changed — the parent of a child record, the records at either end of a link —
so that partners syncing with `?updated_since=` see the change.

"Record" here means any of the six record types, a topic, a child record
(appointment, membership change) or an image of the library; each kind has
its own workflow rule. An image's upload is checked, stored without its
metadata and given its renditions here, once, when it is created.
`user=None` is trusted code (commands, data loading): no workflow check.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext

from records import freshness, images
from records.children import child_relations, child_values, fingerprint, parent_attname, proposed_children
from records.dates import PreciseDate
from records.languages import english, keep_english, record_fields
from records.models import (
    Image,
    ImageRendition,
    MembershipChange,
    MemberState,
    PendingChange,
    PublishableRecord,
    Source,
    Status,
    Topic,
)
from records.models.redirects import remember_old_slug
from records.registry import links_to, shows_links
from records.workflow import (
    EDITOR_STATUSES,
    TransitionNotApplicable,
    WorkflowDenied,
    article,
    can_publish,
    check_child_write,
    check_image_write,
    check_model_permission,
    check_record_write,
    check_review,
    check_source_write,
    check_topic_write,
    check_transition,
)

# --- the writes ----------------------------------------------------------------


def record_create(*, record, relations=None, user=None):
    """Save the new, unsaved `record` and its linked lists (`{name: records}`)."""
    with transaction.atomic():
        check_write(record=record, stored=None, user=user)
        return _save(record, stored=None, relations=relations, user=user)


def record_update(*, record, fields, relations=None, user=None, check=None):
    """Change the stored `record`: `fields` (`{name or attname: value}`) and linked
    lists replace what is stored; every other field keeps its stored value, even
    if it changed since `record` was read. `check(stored)` may refuse the write
    (a stale form or If-Match) once the row is locked."""
    with transaction.atomic():
        stored = lock(record, check)
        assign(record, stored, fields)
        check_write(record=record, stored=stored, user=user)
        return _save(record, stored=stored, relations=relations, user=user)


def record_delete(*, record, user=None, check=None):
    """Delete `record`; a record others still point at raises ProtectedError."""
    with transaction.atomic():
        stored = lock(record, check)
        check_write(record=stored, stored=stored, user=user, action="delete")
        transaction.on_commit(freshness.bump)
        _touch_links(stored)
        parent = _parent(stored)
        stored._history_user = user
        files = _stored_files(stored)
        stored.delete()
        transaction.on_commit(lambda: _delete_files(files))
        if parent is not None:
            _after_child_change(parent, user)
        return stored


def record_transition(*, record, action, user):
    """Move one record by `action` ("submit", "publish", "unpublish", "archive").

    Raises WorkflowDenied when the user may not, TransitionNotApplicable when the
    record's status is not one the action starts from.
    """
    with transaction.atomic():
        stored = lock(record)
        target = check_transition(user, record=stored, action=action)
        # Publishing a record with a future publish_at leaves it scheduled.
        return record_update(record=record, fields={"status": target}, user=user)


@dataclass
class TransitionReport:
    changed: list = field(default_factory=list)
    # (record, reason) for each record left as it was.
    skipped: list = field(default_factory=list)


def records_transition(*, queryset, action, user):
    """Apply `action` to each record of `queryset` on its own: one that may not
    move, or fails validation, is skipped with its reason and the others go on."""
    return _each(queryset, lambda record: record_transition(record=record, action=action, user=user))


def record_schedule(*, record, publish_at, user):
    """Publish `record` at `publish_at` (a future time): hidden until then, live after."""
    if publish_at <= timezone.now():
        raise ValidationError({"publish_at": gettext("Choose a time in the future.")})
    return record_update(record=record, fields={"status": Status.PUBLISHED, "publish_at": publish_at}, user=user)


def record_unschedule(*, record, user):
    """Take a scheduled record off the schedule: back to review, not live."""
    if not lock(record).is_scheduled:
        raise TransitionNotApplicable(gettext("it is not scheduled"))
    return record_update(record=record, fields={"status": Status.REVIEW, "publish_at": None}, user=user)


def records_schedule(*, queryset, publish_at, user):
    return _each(queryset, lambda record: record_schedule(record=record, publish_at=publish_at, user=user))


def records_unschedule(*, queryset, user):
    return _each(queryset, lambda record: record_unschedule(record=record, user=user))


def _each(queryset, write):
    report = TransitionReport()
    for record in queryset.order_by("pk"):
        try:
            with transaction.atomic():
                write(record)
        except (TransitionNotApplicable, WorkflowDenied) as reason:
            report.skipped.append((record, str(reason)))
        except ValidationError as error:
            report.skipped.append((record, "; ".join(error.messages)))
        else:
            report.changed.append(record)
    return report


# --- pending changes: an editor's edit of a live record, held for review -----------------


class StaleChange(Exception):
    """The record changed after the pending change was made: it cannot be approved as it is."""


def needs_review(*, record, user):
    """Whether `user`'s edit of the stored `record` becomes a pending change: the
    record is live (or archived) and the user may edit but not publish it."""
    return (
        user is not None
        and isinstance(record, PublishableRecord)
        and record.pk is not None
        and record.status not in EDITOR_STATUSES
        and not can_publish(user, type(record))
    )


def child_needs_review(*, child, user):
    """Whether `user`'s edit of the child record `child` is part of a pending
    change of its parent: the parent is live and the user may not publish it."""
    parent = _parent(child)
    return parent is not None and needs_review(record=parent, user=user)


def change_propose(*, record, fields, relations=None, children=None, user, check=None):
    """Hold `user`'s edit of the live `record` for review; the record stays as it is.

    `children` ({name: records.children.ChildRows}) are the record's child
    records the edit adds, changes or deletes. Returns the PendingChange, or
    None when the edit changes nothing. The edit is validated now, so a bad one
    is refused at once, not at approval.
    """
    with transaction.atomic():
        stored = lock(record, check)
        assign(record, stored, fields)
        check_proposal(record=record, stored=stored, user=user)
        record.full_clean()
        with english():
            keep_english(record)
            keep_english(stored)
            # Each field once: the English value under its own name, its translations under theirs.
            changed = {
                field.attname: field.value_from_object(record)
                for field in record_fields(type(record))
                if field.value_from_object(record) != field.value_from_object(stored)
            }
        lists = {}
        for name, values in (relations or {}).items():
            proposed = sorted({value.pk for value in values})
            if proposed != sorted(getattr(stored, name).values_list("pk", flat=True)):
                lists[name] = proposed
        rows = _proposed_rows(stored, children or {}, user)
        if not changed and not lists and not rows:
            return None
        return PendingChange.objects.create(
            record=stored,
            author=user,
            fields=changed,
            relations=lists,
            children=rows,
            base_version=latest_version_id(stored),
            base_children={name: fingerprint(stored, name) for name in rows},
        )


def _proposed_rows(parent, children, user):
    """The child records of a proposal as stored in a PendingChange (records.children),
    each checked and validated as the write service will at approval."""
    relations = child_relations(type(parent))
    proposal = {}
    for name, rows in children.items():
        model = relations[name]
        entry = {"added": [], "changed": [], "deleted": []}
        for child in rows.deleted:
            stored = _own_child(parent, child)
            check_child_proposal(child=stored, stored=stored, user=user)
            entry["deleted"].append(stored.pk)
        for child in rows.changed:
            stored = _own_child(parent, child)
            check_child_proposal(child=child, stored=stored, user=user)
            child.full_clean()
            keep_english(child)
            keep_english(stored)
            values, before = child_values(child), child_values(stored)
            values = {key: value for key, value in values.items() if value != before[key]}
            if values:
                entry["changed"].append({"id": stored.pk, "fields": values})
        for child in rows.added:
            setattr(child, model.parent_field, parent)
            check_child_proposal(child=child, stored=None, user=user)
            child.full_clean()
            entry["added"].append(child_values(child))
        if any(entry.values()):
            proposal[name] = entry
    return proposal


def _own_child(parent, child):
    """The stored, locked row of `child`, which must be one of `parent`'s."""
    model = type(child)
    stored = (
        model._default_manager.select_for_update().filter(pk=child.pk, **{parent_attname(model): parent.pk}).first()
    )
    if stored is None:
        message = gettext("This %(model)s is not one of %(parent)s's (any more).")
        raise ValidationError(message % {"model": model._meta.verbose_name, "parent": parent})
    return stored


def change_is_stale(change, record=None):
    """Whether the record, or one of the child records the change touches, was
    written after the pending change was made."""
    record = record if record is not None else change.record
    return change.is_pending and (
        latest_version_id(record) != change.base_version
        or any(fingerprint(record, name) != digest for name, digest in change.base_children.items())
    )


def change_approve(*, change, user):
    """Apply a pending change through the write service: its child records, then
    the record itself as a new version by the approver that names the author. A
    stale change raises StaleChange."""
    with transaction.atomic():
        change = PendingChange.objects.select_for_update().get(pk=change.pk)
        record = change.record
        check_review(user, change=change, model=type(record))
        record = lock(record)
        if change_is_stale(change, record):
            raise StaleChange(
                gettext("The record has changed since this change was made; compare them, then edit the record again.")
            )
        reason = f"Proposed by {change.author.get_username()}, approved by {user.get_username()}"[:100]
        # Children first, so that the record's version holds what they change in it (a state's membership).
        for rows in proposed_children(change, record).values():
            for child in rows.deleted:
                record_delete(record=child, user=user)
            for item in rows.changed:
                item.stored._change_reason = reason
                record_update(record=item.stored, fields=item.fields, user=user)
            for child in rows.added:
                child._change_reason = reason
                record_create(record=child, user=user)
        record._change_reason = reason
        record_update(record=record, fields=proposed_fields(change), relations=proposed_relations(change), user=user)
        _close(change, user, PendingChange.State.APPROVED)
        return change


def change_reject(*, change, user, comment=""):
    """Turn a pending change down, with a comment its author sees."""
    with transaction.atomic():
        change = PendingChange.objects.select_for_update().get(pk=change.pk)
        check_review(user, change=change, model=change.content_type.model_class())
        change.comment = comment
        _close(change, user, PendingChange.State.REJECTED)
        return change


def proposed_fields(change):
    """The change's field values, as the model's fields read them."""
    opts = change.content_type.model_class()._meta
    by_attname = {field.attname: field for field in opts.concrete_fields}
    return {name: by_attname[name].to_python(value) for name, value in change.fields.items() if name in by_attname}


def proposed_relations(change):
    model = change.content_type.model_class()
    return {
        name: model._meta.get_field(name).related_model._default_manager.filter(pk__in=pks)
        for name, pks in change.relations.items()
    }


def _close(change, user, state):
    change.state = state
    change.reviewed_by = user
    change.reviewed_at = timezone.now()
    change.save(update_fields=["state", "comment", "reviewed_by", "reviewed_at"])


# --- checks, shared with the admin's form validation ----------------------------------


def check_proposal(*, record, stored, user):
    """Raise unless `user` may propose `record` (as it would be) over the live `stored`:
    the change permission, and no change of status or schedule."""
    check_model_permission(user, type(record), "change")
    if record.status != stored.status or record.publish_at != stored.publish_at:
        message = gettext("This %(model)s is %(status)s; changing its status or schedule needs the publish permission.")
        raise WorkflowDenied(message % {"model": type(record)._meta.verbose_name, "status": stored.status_phrase})
    if type(record) is MemberState:
        _check_membership_change(record, stored)


def check_child_proposal(*, child, stored, user):
    """Raise unless `user` may propose `child` (as it would be; `stored` is None
    for a new one) as part of a change of its live parent: the change permission
    (the add permission for a new one) and the same parent. Deleting one is
    proposed with the change permission: a publisher decides."""
    check_model_permission(user, type(child), "add" if stored is None else "change")
    name = parent_attname(type(child))
    if stored is not None and getattr(child, name) != getattr(stored, name):
        message = gettext("%(record)s cannot be moved to another record by a change.")
        raise WorkflowDenied(message % {"record": capfirst(article(type(child)._meta.verbose_name))})


def lock(record, check=None):
    """The stored row of `record`, locked until the transaction ends; `check(stored)`
    may then refuse the write (a stale form or If-Match)."""
    manager = type(record)._default_manager
    if transaction.get_connection().in_atomic_block:
        manager = manager.select_for_update()
    stored = manager.get(pk=record.pk)
    if check is not None:
        check(stored)
    return stored


def check_write(*, record, stored, user, action=None):
    """Raise WorkflowDenied unless `user` may write `record` (as it would be saved)
    over `stored` (None when creating), or ValidationError when the write would
    break the record's own rules."""
    model = type(record)
    action = action or ("add" if stored is None else "change")
    if user is not None:
        if model is Topic:
            check_topic_write(user)
        elif model is Image:
            check_image_write(user, image=record, stored=stored, action=action)
        else:
            check_model_permission(user, model, action)
        if model is Source:
            check_source_write(user, stored=stored)
        if hasattr(model, "parent_field"):
            for parent in {_parent(record), _parent(stored)} - {None}:
                check_child_write(user, child_model=model, parent=parent)
        elif issubclass(model, PublishableRecord):
            check_record_write(
                user, model=model, current=stored, new_status=record.status, new_publish_at=record.publish_at
            )
    if model is MemberState and action != "delete":
        _check_membership_change(record, stored)
    if model is Image and stored is not None and record.file.name != stored.file.name:
        raise ValidationError({"file": gettext("The file of an image cannot be replaced: upload a new image instead.")})


def latest_version_id(record):
    """The id of the record's latest version (0 when it has none): changes with
    every write of the record itself, not when a linked record touches it."""
    if record.pk is None or not hasattr(record, "history"):
        return 0
    return record.history.order_by("-history_id").values_list("history_id", flat=True).first() or 0


# --- inside a write ---------------------------------------------------------------


def assign(record, stored, fields):
    """Make `record` what the write will save: `stored` with `fields` applied. A
    translated field's own name (`name`) is its English value; its translations
    have theirs (`name_ru`)."""
    given = set(fields)
    with english():
        for model_field in record._meta.concrete_fields:
            if model_field.name not in given and model_field.attname not in given:
                setattr(record, model_field.attname, getattr(stored, model_field.attname))
        for name, value in fields.items():
            setattr(record, name, value)


def _save(record, *, stored, relations, user):
    record.full_clean()
    freshness.bump_now_and_after_commit()
    if type(record) is Image and stored is None:
        _store_upload(record, user)
    before = _links_of(record if stored is None else stored, relations)
    since = latest_version_id(record)
    membership_changed = type(record) is MemberState and _membership_needs_change(record, stored)
    record._history_user = user
    record.save()
    for name, values in (relations or {}).items():
        getattr(record, name).set(values)
    if stored is not None and hasattr(stored, "slug") and stored.slug != record.slug:
        remember_old_slug(record, stored.slug)
    if membership_changed:
        _record_membership_change(record, user)
    if type(record) is Image and stored is None:
        _make_renditions(record)
    _fold_versions(record, since, created=stored is None)
    if stored is None or _seen_differently(record, stored):
        _touch_links(record)
    else:
        _touch_changed_links(record, before, _links_of(record, relations))
    parent = _parent(record)
    if parent is not None:
        _after_child_change(parent, user, previous=_parent(stored))
    return record


def _fold_versions(record, since, created):
    """One write is one version: the record's save and each linked list it set
    each made one; keep the last, which holds them all."""
    if not hasattr(record, "history"):
        return
    versions = list(
        record.history.filter(history_id__gt=since).order_by("history_id").values_list("history_id", flat=True)
    )
    if len(versions) > 1:
        record.history.filter(history_id__in=versions[:-1]).delete()
    if created and versions:
        record.history.filter(history_id=versions[-1]).update(history_type="+")


# --- images: stored clean, renditions made once ------------------------------------------


def _store_upload(image, user):
    """Replace the (checked) upload by its clean copy: re-encoded, no metadata, a fresh name."""
    clean, image.width, image.height = images.clean_original(image.file.file)
    image.file = clean
    if user is not None and user.is_authenticated:
        image.uploaded_by = user


def _make_renditions(image):
    for width, height, kind, content in images.renditions_of(image.file):
        rendition = ImageRendition(image=image, width=width, height=height, format=kind)
        rendition.file.save(content.name, content, save=False)
        rendition.save()


def _stored_files(record):
    """The files `record` keeps in storage (an image's original and renditions)."""
    if type(record) is not Image:
        return []
    return [record.file, *(rendition.file for rendition in record.renditions.all())]


def _delete_files(files):
    for file in files:
        if file:
            file.storage.delete(file.name)


# --- membership: the state's current membership is its latest change --------------------


def _membership_needs_change(state, stored):
    latest = state.latest_membership_change() if state.pk else None
    return latest is None or latest.membership != state.membership


def _check_membership_change(state, stored):
    if not _membership_needs_change(state, stored):
        return
    day = _membership_day(state)
    if state.pk and state.membership_changes.filter(changed_on=day).exists():
        raise ValidationError(
            {
                "membership_since": gettext(
                    "%(state)s already has a membership change on %(day)s. Give the date from which the new "
                    "membership applies, or correct the membership history."
                )
                % {"state": state, "day": f"{day:%Y-%m-%d}"}
            }
        )


def _membership_day(state):
    """The day from which the state's new membership applies (at its precision)."""
    if state.membership_since is None:
        return timezone.localdate()
    return PreciseDate(state.membership_since, state.membership_since_precision).start


def _record_membership_change(state, user):
    change = MembershipChange(
        member_state=state,
        membership=state.membership,
        changed_on=_membership_day(state),
        changed_on_precision=state.membership_since_precision if state.membership_since else "day",
        note="Recorded when the member state was saved.",
    )
    change._history_user = user
    change.save()
    if state.membership_since is None:
        MemberState.objects.filter(pk=state.pk).update(membership_since=change.changed_on)


def _after_child_change(parent, user, previous=None):
    for record in {parent, previous} - {None}:
        if isinstance(record, MemberState):
            _sync_membership(record)
        type(record)._default_manager.filter(pk=record.pk).update(updated_at=timezone.now())


def _sync_membership(state):
    """Make the state's current membership equal the latest change in effect, and
    its `membership_since` the day (at its precision) that change took effect."""
    latest = state.latest_membership_change()
    if latest is not None:
        MemberState.objects.filter(pk=state.pk).update(
            membership=latest.membership,
            membership_since=latest.takes_effect_on,
            membership_since_precision=latest.takes_effect_on_precision,
        )


def _parent(record):
    if record is None or not hasattr(record, "parent_field"):
        return None
    parent_id = getattr(record, f"{record.parent_field}_id")
    if parent_id is None:
        return None
    return type(record)._meta.get_field(record.parent_field).related_model._default_manager.get(pk=parent_id)


# --- who else shows this record ------------------------------------------------------


def _touch_links(record):
    now = timezone.now()
    for target, lookup in links_to(type(record)):
        linked = target._default_manager.filter(**{lookup: record.pk})
        if target is type(record):
            linked = linked.exclude(pk=record.pk)
        linked.update(updated_at=now)


def _links_of(record, relations):
    """{(model, pk)} of the records `record` points at through its foreign keys and
    the linked lists being written."""
    linked = set()
    if record is None:
        return linked
    for model_field in record._meta.concrete_fields:
        if model_field.is_relation and shows_links(model_field.related_model):
            value = getattr(record, model_field.attname)
            if value is not None:
                linked.add((model_field.related_model, value))
    if record.pk is not None:
        for name in relations or {}:
            manager = getattr(record, name)
            linked |= {(manager.model, pk) for pk in manager.values_list("pk", flat=True)}
    return linked


def _touch_changed_links(record, before, after):
    changed = before ^ after
    by_model = {}
    for model, pk in changed:
        by_model.setdefault(model, set()).add(pk)
    now = timezone.now()
    for model, pks in by_model.items():
        model._default_manager.filter(pk__in=pks).update(updated_at=now)


def _seen_differently(record, stored):
    """Whether others show `record` differently now: its name, slug, visibility or place in their lists."""
    if getattr(record, "shown_whole", False):
        return True
    names = {"slug", "name", "title", "status", "publish_at", *_ordering_fields(type(record))}
    return any(
        getattr(record, f.attname) != getattr(stored, f.attname)
        for f in record._meta.concrete_fields
        if f.name in names
    )


def _ordering_fields(model):
    names = set()
    for term in model._meta.ordering:
        if isinstance(term, str):
            names.add(term.lstrip("-"))
        elif isinstance(getattr(term, "expression", None), models.F):
            names.add(term.expression.name)
    return names
