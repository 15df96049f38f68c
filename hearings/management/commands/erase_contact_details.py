from django.conf import settings
from django.core.management.base import BaseCommand

from hearings.services import contact_details_erase_expired


class Command(BaseCommand):
    help = "Erase respondents' contact details a set time after their hearing was concluded (run daily)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help=f"Retention in days after conclusion (default CONTACT_RETENTION_DAYS={settings.CONTACT_RETENTION_DAYS}).",
        )

    def handle(self, *args, **options):
        count = contact_details_erase_expired(retention_days=options["days"])
        self.stdout.write(f"Erased contact details from {count} responses.")
