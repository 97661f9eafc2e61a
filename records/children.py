"""Child records (an official's appointments, a state's membership changes, a
summit's participants) in a pending change of their live parent.

A pending change keeps them as JSON beside its fields and linked lists:

    {"appointments": {"added": [{attname: value, ...}],
                      "changed": [{"id": pk, "fields": {attname: value, ...}}],
                      "deleted": [pk, ...]}}

with values as Django serializes fields, and a fingerprint of each kind of
child record as it was when the change was made (any write to them since
makes the change stale). Here they are read back as records and shown on the
parent's page for a preview; the writes are in records.services.
"""

import copy
import hashlib
import json
from dataclasses import dataclass, field

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import prefetch_related_objects

from records.languages import english, record_fields, translation_of
from records.models import MemberState


@dataclass
class ChildRows:
    """Child records of one kind as an edit of their parent leaves them: new
    (unsaved) records, stored records holding their new values, stored records
    to delete."""

    added: list = field(default_factory=list)
    changed: list = field(default_factory=list)
    deleted: list = field(default_factory=list)


@dataclass
class ChangedChild:
    """A stored child record and the values a pending change gives it ({attname: value})."""

    stored: object
    fields: dict

    def proposed(self):
        """A copy of the stored record with the proposed values."""
        row = copy.copy(self.stored)
        for name, value in self.fields.items():
            setattr(row, name, value)
        return row


def child_relations(model):
    """{name: child model} of the records that follow a `model` record's workflow,
    e.g. {"appointments": Appointment} for an official."""
    return {
        relation.get_accessor_name(): relation.related_model
        for relation in model._meta.related_objects
        if relation.one_to_many and getattr(relation.related_model, "parent_field", None) == relation.field.name
    }


def parent_attname(model):
    return model._meta.get_field(model.parent_field).attname


def child_values(child):
    """{attname: value} of a child record's own fields: not its id, not its parent; a
    translated field once (records.languages), with its translations where it has them."""
    model = type(child)
    skip = parent_attname(model)
    with english():
        values = {
            model_field.attname: model_field.value_from_object(child)
            for model_field in record_fields(model)
            if not model_field.primary_key and model_field.attname != skip
        }
    return {name: value for name, value in values.items() if value not in ("", None) or not translation_of(model, name)}


def fingerprint(parent, name):
    """A digest of every `name` child record of `parent` as stored now."""
    model = child_relations(type(parent))[name]
    names = [model_field.attname for model_field in model._meta.concrete_fields]
    rows = model._default_manager.filter(**{parent_attname(model): parent.pk}).order_by("pk").values_list(*names)
    text = json.dumps([list(row) for row in rows], cls=DjangoJSONEncoder)
    return hashlib.sha256(text.encode()).hexdigest()


def children_fingerprint(parent):
    """A digest of all of `parent`'s child records as stored now ("" when its type has none)."""
    names = sorted(child_relations(type(parent)))
    if not names:
        return ""
    return hashlib.sha256(" ".join(fingerprint(parent, name) for name in names).encode()).hexdigest()


@dataclass
class ProposedRows:
    """A change's child records of one kind, read back: unsaved new records,
    ChangedChild for each changed one, the stored records it deletes."""

    model: type
    added: list
    changed: list
    deleted: list


def proposed_children(change, parent):
    """{name: ProposedRows} of `change`'s child records. Records deleted since are
    left out (the change is then stale and cannot be approved)."""
    relations = child_relations(type(parent))
    proposed = {}
    for name, entry in change.children.items():
        model = relations[name]
        stored = model._default_manager.filter(**{parent_attname(model): parent.pk}).in_bulk(
            [item["id"] for item in entry.get("changed", [])] + list(entry.get("deleted", []))
        )
        added = []
        for values in entry.get("added", []):
            row = model(**to_python(model, values))
            setattr(row, model.parent_field, parent)
            added.append(row)
        proposed[name] = ProposedRows(
            model=model,
            added=added,
            changed=[
                ChangedChild(stored[item["id"]], to_python(model, item["fields"]))
                for item in entry.get("changed", [])
                if item["id"] in stored
            ],
            deleted=[stored[pk] for pk in entry.get("deleted", []) if pk in stored],
        )
    return proposed


def to_python(model, values):
    """Stored JSON values ({attname: text}) as the model's fields read them."""
    by_attname = {model_field.attname: model_field for model_field in model._meta.concrete_fields}
    return {name: by_attname[name].to_python(value) for name, value in values.items() if name in by_attname}


# --- the parent's page with the change applied ----------------------------------------------


def show_proposed(parent, change):
    """Make `parent`'s child lists (as its page reads them) what `change` would leave."""
    for name, rows in proposed_children(change, parent).items():
        manager = getattr(parent, name)
        current = manager.all()
        ordering = current.query.order_by or rows.model._meta.ordering
        gone = {row.pk for row in rows.deleted}
        values = {item.stored.pk: item.fields for item in rows.changed}
        shown, touched = [], list(rows.added)
        for row in current:
            if row.pk in gone:
                continue
            if row.pk in values:
                for attname, value in values[row.pk].items():
                    setattr(row, attname, value)
                touched.append(row)
            shown.append(row)
        shown = _sorted([*shown, *rows.added], ordering, rows.model)
        model = rows.model
        prefetch_related_objects(
            touched, *(f.name for f in model._meta.concrete_fields if f.is_relation and f.name != model.parent_field)
        )
        listed = current._chain()
        listed._result_cache, listed._prefetch_done = shown, True
        parent.__dict__.setdefault("_prefetched_objects_cache", {})[name] = listed
        if isinstance(parent, MemberState):
            _show_membership(parent, shown)


def _sorted(rows, ordering, model):
    """`rows` in the order of `ordering` (the model's field names, "-" for
    descending; linked records by id); empty values last, new records (no id
    yet) after stored ones."""
    fields = {model_field.name: model_field.attname for model_field in model._meta.concrete_fields}
    for term in reversed(ordering):
        if not isinstance(term, str) or term.lstrip("-") not in {*fields, "pk"}:
            continue
        name, descending = term.lstrip("-"), term.startswith("-")
        name = "pk" if name in {"pk", model._meta.pk.name} else fields[name]
        present = [row for row in rows if getattr(row, name) is not None]
        empty = [row for row in rows if getattr(row, name) is None]
        rows = sorted(present, key=lambda row, name=name: getattr(row, name), reverse=descending) + empty
    return rows


def _show_membership(state, changes):
    """The state's current membership as the write service will sync it: the change in effect last."""
    if not changes:
        return
    latest = max(changes, key=lambda change: (change.takes_effect_on, change.changed_on, change.pk or float("inf")))
    state.membership = latest.membership
    state.membership_since = latest.takes_effect_on
    state.membership_since_precision = latest.takes_effect_on_precision
