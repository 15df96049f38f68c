"""``python manage.py load_demo``: the demo site, idempotent. All responses in it are invented."""

from importlib import import_module

from django.core.management.base import BaseCommand

from guidelines.demo import load_guidelines_demo


class Command(BaseCommand):
    help = "Laster demoinnhold: forløp med versjoner, forslag, høringer og oppdiktede høringssvar."

    def handle(self, *args, **options):
        result = load_guidelines_demo(stdout=self.stdout)
        try:
            hearing_demo = import_module("hearings.demo")
        except ModuleNotFoundError:
            hearing_demo = None
        if hearing_demo is not None and hasattr(hearing_demo, "load_hearing_demo"):
            hearing_demo.load_hearing_demo(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Demoinnholdet er lastet."))
        self.stdout.write("Innlogging til /admin/ (bare for lokal demo):")
        for username, password in result["users"]:
            self.stdout.write(f"  {username} / {password}")
