from django.apps import AppConfig
from django.db.models.signals import post_migrate


def create_missing_roles(sender, apps=None, **kwargs):
    """Recreate any role group that is missing (e.g. after `flush`); groups that
    exist keep the permissions their administrators gave them."""
    from records.roles import sync_roles

    if apps is None:  # `flush` sends the signal without the migration state
        from django.apps import apps
    sync_roles(apps, only_missing=True)


class RecordsConfig(AppConfig):
    name = "records"
    verbose_name = "SCO records"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        post_migrate.connect(create_missing_roles, sender=self)
