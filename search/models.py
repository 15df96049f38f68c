"""The database search index and the durable queue of index changes.

Why a table of our own: every searchable thing (pages, old versions, responses, passages) is
flattened into one :class:`SearchDocument` row with analysed terms and the facet values. The
database backend searches these rows directly (SQLite or PostgreSQL), and the Elasticsearch
backend is fed from them, so the two backends index exactly the same documents and the database
copy is always there to fall back on when Elasticsearch is down.

:class:`PendingChange` keeps every change Elasticsearch has not confirmed yet; ``catch_up``
applies them in order when the cluster is back, so nothing is lost while it was away.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Audience(models.TextChoices):
    PUBLIC = "public", _("Offentlig")
    STAFF = "staff", _("Saksbehandlere")


class Kind(models.TextChoices):
    PATHWAY = "pathway", _("Pasientforløp")
    VERSION = "version", _("Tidligere versjoner")
    PROPOSAL = "proposal", _("Forslag")
    HEARING = "hearing", _("Høringer")
    RESPONSE = "response", _("Høringssvar")
    PASSAGE = "passage", _("Tekstutdrag")


class SearchDocument(models.Model):
    key = models.CharField(max_length=80, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    audience = models.CharField(max_length=10, choices=Audience.choices)
    title = models.CharField(max_length=500)
    body = models.TextField(blank=True)
    url = models.CharField(max_length=500, blank=True)
    # Space-delimited analysed terms with a leading and trailing space (see search.analysis).
    title_terms = models.TextField(blank=True)
    body_terms = models.TextField(blank=True)
    pathway_id = models.PositiveIntegerField(null=True, blank=True)
    pathway_title = models.CharField(max_length=255, blank=True)
    year = models.PositiveIntegerField(null=True, blank=True)
    facets = models.JSONField(default=dict, blank=True)
    # "|goal=G1|theme=Ventetid|" so facet filters are plain substring matches on every database.
    facet_terms = models.TextField(blank=True)
    # Public responses are indexed when approved but only shown after the hearing deadline.
    visible_from = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [
            models.Index(fields=["audience", "kind"]),
            models.Index(fields=["pathway_id"]),
        ]

    def __str__(self) -> str:
        return self.key


class PendingChange(models.Model):
    """A document key whose current state Elasticsearch has not yet received."""

    key = models.CharField(max_length=80, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.key


class IndexRequest(models.Model):
    """A source key to (re)index in the next batch, written when the change commits.

    Why: with the database task queue, a task per commit meant one re-index call per submission
    in a deadline rush (about 24 ms of a worker's CPU each); the batch task indexes every waiting
    key in calls of ``indexing.BATCH`` keys (about 4 ms per response). The rows are the queue, so
    a batch task that fails or never runs leaves them for the next one.
    """

    key = models.CharField(max_length=80)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.key
