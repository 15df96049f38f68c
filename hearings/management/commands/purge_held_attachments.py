"""Delete attachments held for a re-shown response form once their hold has expired (run daily).

A held upload belongs to nobody until the respondent submits again; after the hold token expires
it can never be used, so keeping it would only keep personal data for no purpose.
"""

from django.core.management.base import BaseCommand

from hearings.services.responses import response_attachments_purge_held


class Command(BaseCommand):
    help = "Delete held attachment uploads whose hold has expired."

    def handle(self, *args, **options):
        deleted = response_attachments_purge_held()
        self.stdout.write(f"Slettet: {deleted}")
