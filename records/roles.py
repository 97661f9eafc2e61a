"""The staff roles, as Django groups, and the permissions each one holds.

Editors draft and submit for review; Publishers also publish, schedule,
unpublish, archive and delete; Partners (API tokens) write like Editors.
"""

from records.registry import RECORD_TYPES

RECORD_MODEL_NAMES = tuple(entry.model_name for entry in RECORD_TYPES)
CHILD_MODEL_NAMES = ("appointment", "membershipchange", "participation")

# Topics are public as soon as they exist: editors attach them, publishers make them.
EDITOR_PERMISSIONS = [
    *(f"{action}_{model}" for model in RECORD_MODEL_NAMES + CHILD_MODEL_NAMES for action in ("view", "add", "change")),
    "view_topic",
    "view_pendingchange",
    # Sources: editors cite and correct them until a live record cites them.
    *(f"{action}_source" for action in ("view", "add", "change")),
    # Images are uploaded by editors; they reach the public only through a published record.
    *(f"{action}_image" for action in ("view", "add", "change")),
]
PUBLISHER_PERMISSIONS = (
    EDITOR_PERMISSIONS
    + [f"{action}_{model}" for model in RECORD_MODEL_NAMES for action in ("publish", "delete")]
    + [f"delete_{model}" for model in CHILD_MODEL_NAMES]
    + [f"{action}_topic" for action in ("add", "change", "delete", "publish")]
    + ["review_pendingchange", "delete_image", "publish_image"]
    + ["delete_source", "publish_source"]
    # The site's own pages (About and methodology): public as soon as saved.
    + ["view_page", "change_page"]
)

ROLES = {
    "Editors": EDITOR_PERMISSIONS,
    "Publishers": PUBLISHER_PERMISSIONS,
    "Partners": EDITOR_PERMISSIONS,
}


def sync_roles(apps, only_missing=False):
    """Create the groups with exactly the permissions above; update existing
    ones too unless `only_missing`."""
    from django.apps import apps as global_apps
    from django.contrib.auth.management import create_permissions

    # Permissions only exist after post_migrate; make sure they do on a fresh database.
    create_permissions(global_apps.get_app_config("records"), apps=apps, verbosity=0)

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in ROLES.items():
        group, created = Group.objects.get_or_create(name=name)
        if only_missing and not created:
            continue
        group.permissions.set(Permission.objects.filter(content_type__app_label="records", codename__in=codenames))
