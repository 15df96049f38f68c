"""python manage.py search_index rebuild | catch_up | status

``rebuild`` rebuilds the database index and, when Elasticsearch is enabled, copies it into a new
Elasticsearch index and switches the alias (search keeps answering from the old index meanwhile).
"""

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from search import indexing
from search.backends.base import BackendUnavailable
from search.models import SearchDocument
from search.selectors import search_index_status


class Command(BaseCommand):
    help = "Bygg, oppdater eller vis søkeindeksen."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["rebuild", "catch_up", "status"])
        parser.add_argument("--database-only", action="store_true")

    def handle(self, *args, action, database_only=False, **options):
        getattr(self, f"_{action}")(database_only=database_only)

    def _rebuild(self, *, database_only):
        total = indexing.total_sources()
        with tqdm(total=total, desc="Database", unit="obj", disable=None) as bar:
            count = indexing.rebuild_database(bar.update)
        self.stdout.write(f"Databaseindeksen: {count} kilder indeksert.")
        if database_only or not indexing.elasticsearch_enabled():
            return

        try:
            with tqdm(
                total=SearchDocument.objects.count(), desc="Elasticsearch", unit="dok", disable=None
            ) as bar:
                name = indexing.rebuild_elasticsearch(bar.update)
        except BackendUnavailable as exc:
            raise CommandError(f"Elasticsearch svarer ikke: {exc}") from exc
        self.stdout.write(f"Elasticsearch: aliaset peker nå på {name}.")

    def _catch_up(self, **_kwargs):
        if not indexing.elasticsearch_enabled():
            self.stdout.write("Elasticsearch er ikke slått på; ingenting å ta igjen.")
            return
        try:
            applied = indexing.catch_up()
        except BackendUnavailable as exc:
            raise CommandError(f"Elasticsearch svarer fortsatt ikke: {exc}") from exc
        self.stdout.write(f"{applied} ventende endringer sendt til Elasticsearch.")

    def _status(self, **_kwargs):
        status = search_index_status()
        self.stdout.write(f"Dokumenter i databaseindeksen: {status['documents']}")
        for kind, n in sorted(status["by_kind"].items()):
            self.stdout.write(f"  {kind}: {n}")
        self.stdout.write(f"Ventende endringer til Elasticsearch: {status['pending']}")
        if indexing.elasticsearch_enabled():
            # lazy: the Elasticsearch client is loaded only when that backend is configured.
            from search.backends import elasticsearch

            try:
                self.stdout.write(f"Dokumenter i Elasticsearch: {elasticsearch.count()}")
            except BackendUnavailable:
                self.stdout.write("Elasticsearch svarer ikke (søket bruker databasen).")
