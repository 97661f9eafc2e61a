"""Keyset positions in an ordered list: what "after this record" means in SQL.

A list's order is a tuple of keys (field, direction, where NULLs go) that
ends with a unique one (the id, unless the slug is already there), so every
record has one position and "the records after it" is exact: no record is
seen twice or skipped by a walk, whatever is added meanwhile. The condition
starts with a range on the first key (`original_published_on <= x`), so that
the database reads its index from that point instead of skipping rows as
OFFSET does; when NULLs of the first key come after that range they are asked
for separately (`segments`), only once the range runs out.

NULLs sort as on PostgreSQL (last ascending, first descending) unless the
order says otherwise, on every database, so positions mean the same on SQLite.
"""

import base64
import binascii
import datetime
import json
from dataclasses import dataclass

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db.models import F, OrderBy, Q
from django.utils.translation import gettext

from records.languages import english

NOTHING = Q(pk__in=[])


class NotKeyed(Exception):
    """The list's order is not made of plain fields (e.g. search rank): no positions."""


class BadCursor(Exception):
    """A cursor that does not name a position in this list's order."""


@dataclass(frozen=True)
class Key:
    name: str
    descending: bool
    nulls_last: bool
    nullable: bool

    @property
    def label(self):
        return ("-" if self.descending else "") + self.name

    def reversed(self):
        return Key(self.name, not self.descending, not self.nulls_last, self.nullable)

    def order_by(self):
        if not self.nullable:
            return F(self.name).desc() if self.descending else F(self.name).asc()
        placement = {"nulls_last": True} if self.nulls_last else {"nulls_first": True}
        return F(self.name).desc(**placement) if self.descending else F(self.name).asc(**placement)

    def beyond(self, value):
        """Strictly after `value` in this key's order, NULLs included where they come."""
        if value is None:
            return NOTHING if self.nulls_last else Q(**{f"{self.name}__isnull": False})
        condition = self.range(value, strict=True)
        if self.nullable and self.nulls_last:
            condition |= Q(**{f"{self.name}__isnull": True})
        return condition

    def range(self, value, strict=False):
        lookup = ("lt" if self.descending else "gt") + ("" if strict else "e")
        return Q(**{f"{self.name}__{lookup}": value})

    def equal(self, value):
        return Q(**{f"{self.name}__isnull": True}) if value is None else Q(**{self.name: value})


def keys_of(queryset):
    """The Keys of `queryset`'s order, with the id added when no key is unique."""
    model = queryset.model
    terms = queryset.query.order_by or (model._meta.ordering if queryset.query.default_ordering else ())
    keys = [key_of(model, term) for term in terms]
    if not any(is_unique(model, key.name) for key in keys):
        keys.append(Key("pk", False, True, False))
    return keys


def key_of(model, term):
    if isinstance(term, str):
        name, descending = term.lstrip("-"), term.startswith("-")
        nulls_last = None
    elif isinstance(term, OrderBy) and isinstance(term.expression, F):
        name, descending = term.expression.name, term.descending
        nulls_last = True if term.nulls_last else False if term.nulls_first else None
    else:
        raise NotKeyed(term)
    try:
        field = model._meta.pk if name == "pk" else model._meta.get_field(name)
    except FieldDoesNotExist:
        raise NotKeyed(term) from None
    if field.is_relation or "__" in name:
        raise NotKeyed(term)
    if nulls_last is None:
        nulls_last = not descending
    return Key(name, descending, nulls_last, field.null)


def is_unique(model, name):
    field = model._meta.pk if name == "pk" else model._meta.get_field(name)
    return field.primary_key or field.unique


def ordered(queryset, keys):
    return queryset.order_by(*(key.order_by() for key in keys))


def lexical(keys, values):
    """Records after the position `values` (one per key), as one condition."""
    if not keys:
        return NOTHING
    key, value = keys[0], values[0]
    return key.beyond(value) | (key.equal(value) & lexical(keys[1:], values[1:]))


def segments(keys, values):
    """Conditions whose records, in this order and each in the list's order, are the
    records after the position: each leads with a range on an indexed key."""
    if not keys:
        return []
    key, value = keys[0], values[0]
    if value is None:
        parts = [key.equal(None) & part for part in segments(keys[1:], values[1:])]
        return parts if key.nulls_last else [*parts, Q(**{f"{key.name}__isnull": False})]
    first = key.range(value) & (key.range(value, strict=True) | (key.equal(value) & lexical(keys[1:], values[1:])))
    return [first, Q(**{f"{key.name}__isnull": True})] if key.nullable and key.nulls_last else [first]


def records_after(queryset, keys, values, limit):
    """Up to `limit` records of `queryset` after the position, in the order of `keys`."""
    queryset = ordered(queryset, keys)
    found = []
    for condition in segments(keys, values):
        found += queryset.filter(condition)[: limit - len(found)]
        if len(found) >= limit:
            break
    return found


# Cursors: the position and the direction, in a URL-safe string --------------------


def position_of(record, keys):
    """The record's values of the ordering keys, as the database orders them: a translated
    field's English value (its column), whatever language the response is in."""
    with english():
        return [getattr(record, "pk" if key.name == "pk" else key.name) for key in keys]


def encode(keys, values, backwards=False):
    data = {"o": ",".join(key.label for key in keys), "p": [plain(value) for value in values]}
    if backwards:
        data["b"] = 1
    text = json.dumps(data, separators=(",", ":"), ensure_ascii=False)
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def plain(value):
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    return value


def decode(token, keys, model):
    """(values, backwards) of a cursor made for `keys`; BadCursor otherwise."""
    try:
        text = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)).decode()
        data = json.loads(text)
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise BadCursor(gettext("Not a cursor of this API.")) from None
    if not isinstance(data, dict) or not isinstance(data.get("p"), list):
        raise BadCursor(gettext("Not a cursor of this API."))
    if data.get("o") != ",".join(key.label for key in keys) or len(data["p"]) != len(keys):
        raise BadCursor(gettext("This cursor belongs to another ordering of the list."))
    values = []
    for key, value in zip(keys, data["p"], strict=True):
        field = model._meta.pk if key.name == "pk" else model._meta.get_field(key.name)
        if value is None and not key.nullable:
            raise BadCursor(gettext("Not a position in this list."))
        if value is not None and not isinstance(value, str | int | bool):
            raise BadCursor(gettext("Not a position in this list."))
        # What PostgreSQL cannot compare: NUL characters, integers beyond 64 bits.
        if (isinstance(value, str) and "\x00" in value) or (isinstance(value, int) and abs(value) >= 2**63):
            raise BadCursor(gettext("Not a position in this list."))
        try:
            values.append(None if value is None else field.to_python(value))
        except (ValidationError, ValueError, TypeError, OverflowError):
            raise BadCursor(gettext("Not a position in this list.")) from None
    return values, bool(data.get("b"))
