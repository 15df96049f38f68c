"""Test settings: the embedded defaults, fast hashing, in-memory mail, immediate tasks."""

import tempfile

from .base import *  # noqa: F401,F403
from .env import env_str

DEBUG = False
SECRET_KEY = "test-secret-key-not-for-production"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
if not env_str("DATABASE_URL"):
    DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
_TMP = tempfile.mkdtemp(prefix="pasientforlop-test-")
MEDIA_ROOT = _TMP + "/media"
PRIVATE_STORAGE_ROOT = _TMP + "/private"
STORAGES = {
    **STORAGES,  # noqa: F405
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_STORAGE_ROOT, "base_url": None},
    },
}
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
WAGTAILADMIN_BASE_URL = "http://testserver"
SITE_URL = "http://testserver"
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# Tests never write into the indices that a local instance on the same cluster uses: with
# ELASTICSEARCH_URL set, every page a test publishes reaches Wagtail's index through its signals.
SEARCH_INDEX_PREFIX = env_str("SEARCH_INDEX_PREFIX", "pasientforlop-test")
if "WAGTAILSEARCH_BACKENDS" in globals():
    WAGTAILSEARCH_BACKENDS["default"]["INDEX_PREFIX"] = f"{SEARCH_INDEX_PREFIX}-wagtail-"  # noqa: F405
