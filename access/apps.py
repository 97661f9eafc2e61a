from django.apps import AppConfig


class AccessConfig(AppConfig):
    """API tokens for partner accounts (stored hashed, named, expiring, revocable)."""

    name = "access"
    verbose_name = "API access"
    default_auto_field = "django.db.models.BigAutoField"
