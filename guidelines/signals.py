"""Connects Wagtail's publish signal to the version service; the logic lives in services."""

from django.dispatch import receiver
from wagtail.signals import page_published

from .models import PathwayPage
from .services import pathway_record_publication


@receiver(page_published, sender=PathwayPage)
def record_pathway_publication(sender, instance, revision=None, **kwargs):
    pathway_record_publication(
        pathway=instance,
        revision=revision,
        user=getattr(revision, "user", None),
        published_at=instance.last_published_at,
    )
