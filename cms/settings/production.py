"""Production: secrets and integrations only from the environment."""

import os

from .base import *  # noqa: F401,F403
from .env import env_bool, env_int, env_str

DEBUG = False
# No default: a production process without SECRET_KEY in its environment refuses to start.
SECRET_KEY = os.environ["SECRET_KEY"]
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", True)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
}
# Analysis (spaCy) and receipt mail must never run inside a submission request: production queues
# them for ``manage.py db_worker`` unless TASKS_BACKEND=immediate is set explicitly.
if env_str("TASKS_BACKEND", "database") == "database":
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
if env_str("CACHE_URL").startswith("redis://"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": env_str("CACHE_URL"),
        }
    }
# Receipts and other mail go through the configured backend; EMAIL_BACKEND overrides it (the load
# benchmark uses the locmem backend so a deadline rush does not flood a log).
EMAIL_BACKEND = env_str("EMAIL_BACKEND", EMAIL_BACKEND)  # noqa: F405

# Whole-page cache for anonymous readers. Django's cache middleware stores only GET/HEAD 200
# responses without cookies or Cache-Control: private, so forms (CSRF cookie), receipts and the admin
# (never_cache) are never cached; logged-in users vary on their session cookie. Published changes
# show after at most PAGE_CACHE_SECONDS. 0 switches the cache off.
CACHE_MIDDLEWARE_SECONDS = env_int("PAGE_CACHE_SECONDS", 60)
CACHE_MIDDLEWARE_KEY_PREFIX = "page"
if CACHE_MIDDLEWARE_SECONDS > 0:
    MIDDLEWARE = [  # noqa: F405
        "django.middleware.cache.UpdateCacheMiddleware",
        *MIDDLEWARE,  # noqa: F405
        "django.middleware.cache.FetchFromCacheMiddleware",
    ]

# Rate limits can be relaxed for a load test without touching their defaults in code, e.g.
# HEARINGS_RATE_LIMIT_RESPONSE_POST=1000000 (requests per hour and client).
HEARINGS_RATE_LIMITS = {
    purpose: (env_int(f"HEARINGS_RATE_LIMIT_{purpose.upper()}", 0), 3600)
    for purpose in ("response_post", "link_request")
    if env_int(f"HEARINGS_RATE_LIMIT_{purpose.upper()}", 0) > 0
}
HEARINGS_TRUST_X_FORWARDED_FOR = env_bool("HEARINGS_TRUST_X_FORWARDED_FOR", False)
# How many reverse proxies in front of the app append to X-Forwarded-For (cms.ratelimit); the
# client is the entry that many places from the right. Unset: one when the switch above is on.
RATE_LIMIT_TRUSTED_PROXIES = env_int(
    "RATE_LIMIT_TRUSTED_PROXIES", 1 if HEARINGS_TRUST_X_FORWARDED_FOR else 0
)
