"""API tokens: what a partner sends as `Authorization: Token <key>`.

Only a SHA-256 hash of each key is stored, so the database (and a backup or
an admin screen) never holds a usable key: the key is shown once, when the
token is created. Keys are 160 random bits, so a fast hash is enough; no
password-style stretching is needed.
"""

import datetime
import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# How often `last_used_at` is written: a token used all day costs one write a minute.
LAST_USE_PRECISION = datetime.timedelta(minutes=1)


def hash_key(key):
    return hashlib.sha256(key.encode()).hexdigest()


def default_expiry():
    return timezone.now() + datetime.timedelta(days=settings.API_TOKEN_LIFETIME_DAYS)


class ApiTokenQuerySet(models.QuerySet):
    def usable(self, now=None):
        """Tokens that are neither revoked nor expired."""
        return self.filter(revoked_at__isnull=True, expires_at__gt=now or timezone.now())

    def create_token(self, *, user, name, expires_at=None):
        """Create a token; returns (token, key). The key is not kept anywhere: show it now."""
        token = self.model(user=user, name=name, expires_at=expires_at or default_expiry())
        key = token.set_new_key()
        token.full_clean()
        token.save()
        return token, key


class ApiToken(models.Model):
    """A named, expiring, revocable key with which one account uses the API."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100, help_text=_("What the token is for, e.g. “Xinhua newsroom sync”."))
    key_prefix = models.CharField(
        max_length=8, editable=False, help_text=_("The key's first characters, to recognise it; the rest is not kept.")
    )
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(
        default=default_expiry, help_text=_("After this time the token no longer works. Default: one year.")
    )
    revoked_at = models.DateTimeField(null=True, blank=True, editable=False)
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["user", "name"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "name"],
                name="apitoken_one_name_per_user",
                violation_error_message=_("This account already has a token with this name."),
            )
        ]
        indexes = [models.Index(fields=["expires_at"], name="apitoken_expires_idx")]

    def __str__(self):
        return f"{self.name} ({self.key_prefix}…)"

    def set_new_key(self):
        """Give the token a fresh random key; returns it (only its hash is kept)."""
        key = secrets.token_hex(20)
        self.key_hash = hash_key(key)
        self.key_prefix = key[:8]
        return key

    @property
    def is_usable(self):
        return self.revoked_at is None and self.expires_at > timezone.now()

    def revoke(self):
        if self.revoked_at is None:
            self.revoked_at = timezone.now()
            self.save(update_fields=["revoked_at"])

    def record_use(self, now=None):
        now = now or timezone.now()
        if self.last_used_at is None or now - self.last_used_at >= LAST_USE_PRECISION:
            ApiToken.objects.filter(pk=self.pk).update(last_used_at=now)
            self.last_used_at = now
