"""Send receipts and draft links that are due for another attempt (run from cron every minute
when the task backend cannot defer tasks; the database worker retries by itself)."""

from django.core.management.base import BaseCommand

from hearings.services.mail import response_mail_retry_due


class Command(BaseCommand):
    help = "Send e-mail to respondents that failed earlier and is due for a retry."

    def handle(self, *args, **options):
        sent = response_mail_retry_due()
        self.stdout.write(f"Sendt: {sent}")
