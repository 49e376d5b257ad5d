import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils import timezone

from demo.scale import SCALERS


class Command(BaseCommand):
    help = "Legt Massendaten für Messungen an: N Agenturen mit Y Jahren Geschichte (nur für Test-Datenbanken)."

    def add_arguments(self, parser):
        parser.add_argument("--agencies", type=int, default=210)
        parser.add_argument("--years", type=int, default=10)

    def handle(self, *args, agencies: int, years: int, **options):
        from agencies.models import Agency

        if agencies < 1 or years < 1:
            raise CommandError("--agencies und --years müssen mindestens 1 sein.")
        if Agency.objects.filter(name__startswith="Skala-Agentur").exists():
            raise CommandError("Diese Datenbank enthält bereits Massendaten; bitte eine leere Datenbank verwenden.")
        today = timezone.localdate()
        for scaler in SCALERS:
            started = time.perf_counter()
            scaler(agencies=agencies, years=years, today=today)
            self.stdout.write(f"✓ {scaler.__module__}.{scaler.__name__} ({time.perf_counter() - started:.1f} s)")
        if connection.vendor == "postgresql":
            # Fresh planner statistics, as autovacuum would gather them on a live system: right after a bulk load
            # the planner still believes the tables are empty and picks nested loops over thousands of rows.
            started = time.perf_counter()
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
            self.stdout.write(f"✓ ANALYZE ({time.perf_counter() - started:.1f} s)")
