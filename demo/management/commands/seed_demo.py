from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from demo.seeders import SEEDERS


class Command(BaseCommand):
    help = "Legt die Demodaten an (idempotent: ein zweiter Lauf ändert nichts Doppeltes)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Auch bei ausgeschaltetem DEBUG ausführen (nie in Produktion).",
        )

    def handle(self, *args, force: bool = False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "seed_demo legt Benutzer mit dem Passwort „demo“ an und läuft deshalb nur mit DEBUG=1 "
                "(oder mit --force, wenn Sie genau wissen, dass dies keine Produktivdatenbank ist)."
            )
        today = timezone.localdate()
        for seeder in SEEDERS:
            seeder(today=today)
            self.stdout.write(f"✓ {seeder.__module__}")
        self.stdout.write(self.style.SUCCESS("Demodaten sind angelegt. Alle Demo-Benutzer haben das Passwort „demo“."))
