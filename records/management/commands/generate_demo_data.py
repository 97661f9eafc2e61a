"""Generate many realistic demo records, or remove them.

    python manage.py generate_demo_data --articles 100000 --seed 1
    python manage.py generate_demo_data --clear            # remove the demo records only

Demo records are marked by their slug prefix (`demo-`), so they can be
removed again without touching the real record.
"""

import sys
import time

from django.core.management.base import BaseCommand, CommandError

from records import demo

DEFAULT_ARTICLES = 1000


class Command(BaseCommand):
    help = (
        "Insert demo records in bulk: published articles (plus 10% drafts) linked to demo topics, "
        f"officials, member states, summits and initiatives. Their slugs start with “{demo.DEMO_PREFIX}”; "
        "--clear removes them, and nothing else."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--articles", type=int, help=f"Published articles to create (default {DEFAULT_ARTICLES}); drafts add 10%%."
        )
        parser.add_argument("--seed", type=int, default=1, help="Random seed: the same seed gives the same records.")
        parser.add_argument(
            "--clear", action="store_true", help="Remove existing demo records first (alone: only remove them)."
        )

    def handle(self, *args, articles, seed, clear: bool, verbosity, **options):
        if articles is not None and articles < 0:
            raise CommandError("--articles must be 0 or more.")
        if clear:
            started = time.monotonic()
            removed = demo.demo_counts()
            demo.clear()
            summary = ", ".join(f"{count} {name}" for name, count in removed.items()) or "nothing"
            self.stdout.write(f"Removed demo records: {summary} ({time.monotonic() - started:.1f} s).")
            if articles is None:
                return
        elif demo.demo_counts():
            raise CommandError("Demo records already exist: add --clear to replace them.")
        sizes = demo.DemoSizes.for_articles(DEFAULT_ARTICLES if articles is None else articles)
        started = time.monotonic()
        progress = ProgressBar(sys.stderr if verbosity > 0 else None)
        demo.DemoBuilder(sizes, seed=seed, progress=progress).build()
        progress.finish()
        summary = ", ".join(f"{count} {name}" for name, count in demo.demo_counts().items())
        self.stdout.write(self.style.SUCCESS(f"Created {summary} in {time.monotonic() - started:.1f} s."))


class ProgressBar:
    """`articles  [#########-----------]  45% 49,500/110,000  12 s` on one line of a terminal."""

    WIDTH = 30

    def __init__(self, stream):
        self.stream = stream
        self.started = time.monotonic()
        self.label = None

    def __call__(self, label, done, total):
        if self.stream is None:
            return
        if label != self.label and self.label is not None:
            self.stream.write("\n")
        self.label = label
        filled = self.WIDTH * done // max(total, 1)
        bar = "#" * filled + "-" * (self.WIDTH - filled)
        elapsed = time.monotonic() - self.started
        percent = 100 * done // max(total, 1)
        self.stream.write(f"\r{label:<14} [{bar}] {percent:3d}% {done:,}/{total:,}  {elapsed:.0f} s")
        self.stream.flush()

    def finish(self):
        if self.stream is not None and self.label is not None:
            self.stream.write("\n")
