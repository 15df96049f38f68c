from django.apps import AppConfig
from django.conf import settings
from django.utils.translation import gettext_lazy as _


def _pipeline_path() -> str:
    return getattr(settings, "NLP_PIPELINE_PATH", "") or ""


class HearingsConfig(AppConfig):
    name = "hearings"
    verbose_name = _("Høringer")

    def ready(self):
        # The NLP library has no Django import; it learns the configured pipeline from the app.
        # framework: AppConfig.ready() is where Django lets app code run once the registry is loaded.
        from . import signals  # noqa: F401 - connects the adoption to workflow approval
        from .nlp import pipeline
        from .receipt_cache import connect_signals as connect_receipt_signals
        from .structure_cache import connect_signals

        pipeline.path_provider = _pipeline_path
        connect_signals()
        connect_receipt_signals()
