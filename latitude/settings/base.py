"""Everything is driven by environment variables; nothing exists only in production."""

from pathlib import Path

from django.utils.translation import gettext_lazy as _

from latitude.settings.database import database_config
from latitude.settings.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("LATITUDE_VAR_DIR", str(BASE_DIR.parent / "var")))

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_str("SECRET_KEY") or "insecure-development-key-set-SECRET_KEY-in-production"
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "ninja",
    "latitude.core",
    "latitude.people",
    "latitude.catalog",
    "latitude.tickets",
    "latitude.sla",
    "latitude.scopes",
    "latitude.worker",
    "latitude.notifications",
    "latitude.portal",
    "latitude.demo",
    "latitude.bench",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "latitude.core.middleware.RequestIdMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "latitude.core.middleware.PersonPreferencesMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "csp.middleware.CSPMiddleware",
    "latitude.core.middleware.NoStoreMiddleware",
]

ROOT_URLCONF = "latitude.urls"
WSGI_APPLICATION = "latitude.wsgi.application"
ASGI_APPLICATION = "latitude.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.tz",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
            ],
        },
    },
]

DATABASES = {"default": database_config(env_str("DATABASE_URL"), VAR_DIR)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "people.User"
# Sessions record the backend that signed a person in; ModelBackend stays listed so that
# sessions begun before PersonBackend existed stay valid.
AUTHENTICATION_BACKENDS = [
    "latitude.people.backends.PersonBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = env_str("LANGUAGE_CODE", "en")
LANGUAGES = [("en", _("English")), ("de", _("German"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env_str("TIME_ZONE", "Europe/Berlin")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
# Uploads are never served by URL: MEDIA_URL exists only to satisfy Django; attachments
# go through an authorising download view.
MEDIA_URL = "/_no_public_media/"
WHITENOISE_USE_FINDERS = DEBUG or env_bool("WHITENOISE_USE_FINDERS", True)

DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG and bool(env_str("SECRET_KEY")))
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_PROXY") else None
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "font-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 30)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Latitude <desk@localhost>")
SERVER_EMAIL = env_str("SERVER_EMAIL", DEFAULT_FROM_EMAIL)

TASKS_BACKEND = env_str("TASKS_BACKEND", "django_tasks_db.backend.DatabaseBackend")
TASKS = {"default": {"BACKEND": TASKS_BACKEND}}
# The Redis backend (django-tasks-rq) needs django-rq and a queue of the same name.
RQ_QUEUES = {"default": {"URL": env_str("REDIS_URL", "redis://127.0.0.1:6379/0")}}
if TASKS_BACKEND.startswith("django_tasks_rq"):
    INSTALLED_APPS += ["django_rq"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
}

# Latitude's own settings.
LATITUDE_REOPEN_CLOSED_DAYS = env_int("LATITUDE_REOPEN_CLOSED_DAYS", 14)
LATITUDE_ATTACHMENT_MAX_BYTES = env_int("LATITUDE_ATTACHMENT_MAX_BYTES", 10 * 1024 * 1024)
LATITUDE_ATTACHMENT_TYPES = env_list(
    "LATITUDE_ATTACHMENT_TYPES",
    [
        "text/plain",
        "text/csv",
        "application/pdf",
        "image/png",
        "image/jpeg",
        "image/gif",
        "application/zip",
        "application/json",
        "message/rfc822",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "application/vnd.oasis.opendocument.text",
        "application/vnd.oasis.opendocument.spreadsheet",
    ],
)
LATITUDE_PAGE_SIZE = env_int("LATITUDE_PAGE_SIZE", 25)
LATITUDE_SITE_NAME = env_str("LATITUDE_SITE_NAME", "Latitude")
LATITUDE_BASE_URL = env_str("LATITUDE_BASE_URL", "http://127.0.0.1:8000")
LATITUDE_EMAIL_DOMAIN = env_str("LATITUDE_EMAIL_DOMAIN", "latitude.localhost")

# Background work (see docs/operations.md).
LATITUDE_TASK_MAX_ATTEMPTS = env_int("LATITUDE_TASK_MAX_ATTEMPTS", 5)
LATITUDE_TASK_RETRY_SECONDS = env_int("LATITUDE_TASK_RETRY_SECONDS", 30)
LATITUDE_WORKER_HEARTBEAT_SECONDS = env_int("LATITUDE_WORKER_HEARTBEAT_SECONDS", 15)
LATITUDE_WORKER_LOST_SECONDS = env_int("LATITUDE_WORKER_LOST_SECONDS", 120)
LATITUDE_TASK_RESULTS_KEEP_DAYS = env_int("LATITUDE_TASK_RESULTS_KEEP_DAYS", 14)

# Notifications.
LATITUDE_OUTBOX_MAX_ATTEMPTS = env_int("LATITUDE_OUTBOX_MAX_ATTEMPTS", 10)
LATITUDE_OUTBOX_RETRY_SECONDS = env_int("LATITUDE_OUTBOX_RETRY_SECONDS", 60)
LATITUDE_OUTBOX_LEASE_SECONDS = env_int("LATITUDE_OUTBOX_LEASE_SECONDS", 300)
LATITUDE_OUTBOX_KEEP_DAYS = env_int("LATITUDE_OUTBOX_KEEP_DAYS", 30)
LATITUDE_DIGEST_HOUR = env_int("LATITUDE_DIGEST_HOUR", 7)
LATITUDE_BELL_POLL_SECONDS = env_int("LATITUDE_BELL_POLL_SECONDS", 60)

# Decision scopes: how long a decision request waits before it expires, how many of the
# nearest holders it goes to, and within how many days an undoing counts as a reversal.
LATITUDE_DECISION_REQUEST_HOURS = env_int("LATITUDE_DECISION_REQUEST_HOURS", 72)
LATITUDE_DECISION_ROUTE_FANOUT = env_int("LATITUDE_DECISION_ROUTE_FANOUT", 3)
LATITUDE_REVERSAL_WINDOW_DAYS = env_int("LATITUDE_REVERSAL_WINDOW_DAYS", 14)

# Scope review: the period the trust metrics behind suggestions cover, and the thresholds.
# Widen: at least N requests, approval at least X %, reversals at most Y %. Narrow: reversals
# above Z % with at least M decisions carried out.
LATITUDE_REVIEW_PERIOD_DAYS = env_int("LATITUDE_REVIEW_PERIOD_DAYS", 90)
LATITUDE_REVIEW_WIDEN_MIN_REQUESTS = env_int("LATITUDE_REVIEW_WIDEN_MIN_REQUESTS", 5)
LATITUDE_REVIEW_WIDEN_APPROVAL_PERCENT = env_int("LATITUDE_REVIEW_WIDEN_APPROVAL_PERCENT", 90)
LATITUDE_REVIEW_WIDEN_REVERSAL_PERCENT = env_int("LATITUDE_REVIEW_WIDEN_REVERSAL_PERCENT", 5)
LATITUDE_REVIEW_NARROW_MIN_DECISIONS = env_int("LATITUDE_REVIEW_NARROW_MIN_DECISIONS", 5)
LATITUDE_REVIEW_NARROW_REVERSAL_PERCENT = env_int("LATITUDE_REVIEW_NARROW_REVERSAL_PERCENT", 20)
