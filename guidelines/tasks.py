from django.conf import settings
from django_tasks import task

from . import notifications
from .models.versions import PathwayVersion


@task()
def notify_subscribers(version_id: int) -> int:
    version = PathwayVersion.objects.select_related("pathway").get(pk=version_id)
    return notifications.subscribers_notify(version=version, base_url=settings.SITE_URL)
