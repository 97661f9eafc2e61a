"""Export the whole record, history included, as one portable JSON file.

`import_records` restores it into an empty database of either engine. Unlike
`dumpdata --natural-foreign`, this never looks up the records a history row
points to (a deleted member state's history no longer has one): records and
their history keep their primary keys, and only what differs between
databases (permissions, content types, groups) is written by natural key.
"""

import datetime
import json

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import serializers
from django.core.management.base import BaseCommand
from django.core.serializers.json import DjangoJSONEncoder

from records.models import PendingChange, SlugRedirect

# Apps whose every model (history included) is exported with its primary keys.
RECORD_APPS = ("records", "access")


class ExactJSONEncoder(DjangoJSONEncoder):
    """Times to the microsecond (Django's encoder cuts them to milliseconds), so a restore is exact."""

    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            text = o.isoformat()
            return text[:-6] + "Z" if text.endswith("+00:00") else text
        return super().default(o)


def by_natural_key_models():
    """Models written with natural foreign keys: their relations point at rows that `migrate` recreates."""
    return [Group, get_user_model(), SlugRedirect, PendingChange]


def by_primary_key_models():
    app_list = [(apps.get_app_config(label), None) for label in RECORD_APPS]
    natural = set(by_natural_key_models())
    return [model for model in serializers.sort_dependencies(app_list, allow_cycles=True) if model not in natural]


def export_objects():
    """The export as a list of serialized objects (Django's JSON fixture format)."""
    objects = []
    for model in by_natural_key_models():
        objects += json.loads(
            serializers.serialize(
                "json",
                model._default_manager.order_by("pk"),
                use_natural_foreign_keys=True,
                use_natural_primary_keys=model is Group,
                cls=ExactJSONEncoder,
            )
        )
    for model in by_primary_key_models():
        objects += json.loads(
            serializers.serialize("json", model._default_manager.order_by("pk"), cls=ExactJSONEncoder)
        )
    return objects


class Command(BaseCommand):
    help = "Write the whole record (accounts, records, history, tokens) as JSON for import_records."

    def add_arguments(self, parser):
        parser.add_argument("-o", "--output", help="File to write (default: standard output).")

    def handle(self, *args, output=None, **options):
        text = json.dumps(export_objects(), ensure_ascii=False, indent=1)
        if output:
            with open(output, "w", encoding="utf-8") as file:
                file.write(text)
            self.stderr.write(f"Wrote {output}.")
        else:
            self.stdout.write(text)
