"""Connects Wagtail's workflow approval to the adoption service; the logic lives in services."""

from django.dispatch import receiver
from wagtail.models import WorkflowState
from wagtail.signals import workflow_approved

from .services.hearings import hearing_adoption_approved


@receiver(workflow_approved, sender=WorkflowState)
def record_approved_adoption(sender, instance, user=None, **kwargs):
    """A second editor approved a pathway change: if it was an adoption, record it now."""
    hearing_adoption_approved(workflow_state=instance, user=user)
