from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReviewConfig(AppConfig):
    """The reviewers' workspace: screens and services over the consultation's models.

    Its own app so that its hooks, templates and URLs live together and its dependency on
    ``hearings`` runs one way; it defines no models (they stay in ``hearings``).
    """

    name = "hearings.review"
    label = "hearings_review"
    verbose_name = _("Høringsarbeid")
