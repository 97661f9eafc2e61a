"""Load the SCO data set once: into an empty database only."""

from django.core.management import call_command
from django.core.management.base import BaseCommand

from records.models import Organization


class Command(BaseCommand):
    help = "Load the SCO data set (fixtures/sco.json) unless records are already present."

    def handle(self, *args, **options):
        if Organization.objects.exists():
            self.stdout.write("The database already holds records; the data set was not loaded again.")
            return
        call_command("loaddata", "sco", verbosity=options["verbosity"])
        self.stdout.write(self.style.SUCCESS("Loaded the SCO data set."))
