from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.dateparse import parse_date

from funding.services.reminders import send_due_reminders


class Command(BaseCommand):
    help = (
        "Versendet die heute fälligen Fristerinnerungen sofort (synchron, über denselben Dienst wie der "
        "Celery-Beat-Auftrag, also jede Erinnerung genau einmal). Mit --dry-run wird nur angezeigt, was "
        "versendet würde."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Nur anzeigen, nichts versenden.")
        parser.add_argument("--date", help="Stichtag JJJJ-MM-TT statt heute (z. B. um einen Ausfalltag nachzuholen).")

    def handle(self, *args, dry_run: bool = False, date: str | None = None, **options):
        today = timezone.localdate()
        if date:
            today = parse_date(date)
            if today is None:
                raise CommandError("Bitte geben Sie das Datum als JJJJ-MM-TT an.")
        result = send_due_reminders(today=today, dry_run=dry_run)
        for item in result.planned:
            obligation = item.obligation
            self.stdout.write(
                f"{item.recipient_email}\t{item.step}\t{obligation.get_document_kind_display()} {obligation.year}"
                f"\t{obligation.debtor_name}\tFrist {obligation.district_due:%d.%m.%Y}"
            )
        if dry_run:
            self.stdout.write(f"{len(result.planned)} Erinnerungen würden heute fällig (nichts versendet).")
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"{result.sent} versendet, {result.failed} fehlgeschlagen (werden wiederholt), "
                f"{result.cancelled} nicht mehr nötig."
            )
        )
        if result.failed:
            raise CommandError(f"{result.failed} Erinnerungen konnten nicht versendet werden.")
