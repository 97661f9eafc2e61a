"""Create an API token for an account and print its key (the only time it is shown)."""

import datetime

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from access.models import ApiToken


class Command(BaseCommand):
    help = "Create a named API token for a user and print its key once (it is stored hashed)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", required=True, help="What the token is for.")
        parser.add_argument(
            "--days", type=int, default=None, help="Lifetime in days (default: API_TOKEN_LIFETIME_DAYS)."
        )

    def handle(self, *args, username, name, days, **options):
        User = get_user_model()
        try:
            user = User.objects.get(**{User.USERNAME_FIELD: username})
        except User.DoesNotExist:
            raise CommandError(f"No user named {username!r}.") from None
        if days is not None and days < 1:
            raise CommandError("--days must be at least 1.")
        if ApiToken.objects.filter(user=user, name=name).exists():
            raise CommandError(f"{username} already has a token named {name!r}.")
        expires_at = timezone.now() + datetime.timedelta(days=days) if days else None
        token, key = ApiToken.objects.create_token(user=user, name=name, expires_at=expires_at)
        self.stderr.write(f"Token “{name}” for {username}, valid until {token.expires_at:%Y-%m-%d %H:%M %Z}.")
        self.stderr.write("The key below is shown only this once; it is stored hashed.")
        self.stdout.write(key)
