"""Settings shared by every layer. Everything that varies between machines comes from the environment."""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [
        item.strip()
        for item in os.environ.get(name, default).split(",")
        if item.strip()
    ]


DEBUG = env_bool("DJANGO_DEBUG", False)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "Set DJANGO_SECRET_KEY (a long random string) when DJANGO_DEBUG is off."
        )
    SECRET_KEY = "django-insecure-local-development-key-never-use-in-production"

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "simple_history",
    "axes",
    "csp",
    "rest_framework",
    "corsheaders",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_tasks",
    "django_tasks_db",
    "sources",
    "editorial",
    "reference",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Before anything that answers: it answers CORS preflights itself.
    "corsheaders.middleware.CorsMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Every page needs a login unless its view says otherwise (login, the API,
    # which authenticates by session or token itself).
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

# django-axes checks every log-in (the desk's form and the admin's) before the password.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "editorial.urls"
WSGI_APPLICATION = "editorial.wsgi.application"
ASGI_APPLICATION = "editorial.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "editorial.conversation.context.unread_notifications",
            ],
        },
    },
]


#: SQLite set up for concurrent requests: IMMEDIATE transactions take the write lock up
#: front, the timeout makes a request wait for it, and WAL lets readers proceed while
#: one writer writes, so requests wait instead of failing with "database is locked"
#: (without them, one of two simultaneous edits answered 500 instead of 409).
SQLITE_OPTIONS = {
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
}


def database_from_environment() -> dict:
    """PostgreSQL (or any database) from DATABASE_URL; otherwise the embedded SQLite file.

    SQLite gets ``SQLITE_OPTIONS`` whichever way it is chosen (no DATABASE_URL, or a
    ``sqlite:///…`` one); options the URL names itself are kept.
    """
    url = os.environ.get("DATABASE_URL", "").strip()
    if url:
        database = dj_database_url.parse(
            url, conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60"))
        )
        if database["ENGINE"] == "django.db.backends.postgresql":
            # The desk's queries are short, but PostgreSQL's JIT compiles any plan
            # whose estimated cost passes jit_above_cost: the sources list filtered by
            # kind spent 220 ms compiling a query that runs in a few (EXPLAIN ANALYZE
            # on the benchmark data, README "Performance and scale").
            options = database.setdefault("OPTIONS", {})
            options["options"] = f"{options.get('options', '')} -c jit=off".strip()
        if database["ENGINE"] == "django.db.backends.sqlite3":
            database["OPTIONS"] = {**SQLITE_OPTIONS, **database.get("OPTIONS", {})}
        return database
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": os.environ.get("SQLITE_PATH", str(BASE_DIR / "db.sqlite3")),
        "OPTIONS": dict(SQLITE_OPTIONS),
    }


DATABASES = {"default": database_from_environment()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = os.environ.get("DJANGO_TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Security settings follow DEBUG: off in development, all on in production.
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = int(
    os.environ.get("DJANGO_HSTS_SECONDS", "0" if DEBUG else "31536000")
)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https")
    if env_bool("DJANGO_BEHIND_TLS_PROXY", False)
    else None
)

# Content-Security-Policy (django-csp): scripts, styles and everything else only from
# the desk's own static files. No inline script, inline handler or inline style runs;
# data reaches scripts through json_script and data-* attributes.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Log-in throttling (django-axes): after this many failed log-ins for one username
# from one address, that pair is locked out for the cool-off time. Locking the pair,
# not the address, keeps one mistyping editor from locking out a newsroom behind one
# address; locking the pair, not the username, keeps a stranger from locking out an
# editor. A successful log-in clears the count.
AXES_FAILURE_LIMIT = int(os.environ.get("EDITORIAL_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(
    minutes=int(os.environ.get("EDITORIAL_LOGIN_COOLOFF_MINUTES", "15"))
)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "editorial.security.lockout_response"
# The client's address: the connection's own, or behind DJANGO_BEHIND_TLS_PROXY the
# one that proxy appended to X-Forwarded-For (never one the client sent itself).
AXES_CLIENT_IP_CALLABLE = "editorial.security.client_ip"

# The organisation named as the author of published reviews (ClaimReview's author and
# the public pages). EDITORIAL_ORGANISATION is the older name of _NAME, still read.
EDITORIAL_ORGANISATION_NAME = os.environ.get(
    "EDITORIAL_ORGANISATION_NAME",
    os.environ.get("EDITORIAL_ORGANISATION", "Editorial desk"),
)
EDITORIAL_ORGANISATION = EDITORIAL_ORGANISATION_NAME
# Its home page and logo, absolute URLs; empty means the site's own root and the
# shipped logo (editorial/static/editorial/img/logo.png), made absolute per request.
EDITORIAL_ORGANISATION_URL = os.environ.get("EDITORIAL_ORGANISATION_URL", "")
EDITORIAL_ORGANISATION_LOGO = os.environ.get("EDITORIAL_ORGANISATION_LOGO", "")
# The largest source body the desk accepts, in characters (documented in the README).
EDITORIAL_MAX_BODY_CHARS = int(os.environ.get("EDITORIAL_MAX_BODY_CHARS", "2000000"))
# The largest request body (a form or JSON, files aside) in bytes: room for a source
# text at EDITORIAL_MAX_BODY_CHARS in UTF-8 sent back through the correction form.
# Larger requests are refused with a 400 that says so (editorial.errors).
DATA_UPLOAD_MAX_MEMORY_SIZE = int(
    os.environ.get("EDITORIAL_MAX_REQUEST_BYTES", str(10 * 1024 * 1024))
)
# Run the consistency checks on each newly imported source (after its import commits).
EDITORIAL_CHECK_AFTER_IMPORT = (
    os.environ.get("EDITORIAL_CHECK_AFTER_IMPORT", "1") == "1"
)
# How the checks find restated claims: "lexical" (rapidfuzz) or "semantic" (adds the
# packaged all-MiniLM-L6-v2 model; needs the optional extra, see the README).
EDITORIAL_CLAIM_MATCHING = os.environ.get("EDITORIAL_CLAIM_MATCHING", "lexical")
# Where the packaged model is unpacked on first use (never downloaded).
EDITORIAL_MODEL_CACHE = os.environ.get(
    "EDITORIAL_MODEL_CACHE", str(Path.home() / ".cache" / "editorial-models")
)

# The caches. Without CACHE_URL each process keeps its own in memory (one server).
# CACHE_URL (redis://host:6379/0, Django's built-in RedisCache) gives every application
# server and worker one shared cache for "default" (log-in throttling) and "reader" (the
# reader's drawn marks, under their own key prefix), so one server's drawing serves all.
# The reader's drawings are kept per text and highlight state, so never stale, and
# stored signed (editorial.highlights.reader). In memory: about 5 bytes per character
# of text per article kept, at most EDITORIAL_READER_CACHE_ENTRIES articles.
CACHE_URL = os.environ.get("CACHE_URL", "")
if CACHE_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CACHE_URL,
            "KEY_PREFIX": "editorial",
        },
        "reader": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CACHE_URL,
            "KEY_PREFIX": "editorial-reader",
            "TIMEOUT": None,
        },
    }
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "reader": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "editorial-reader",
            "OPTIONS": {
                "MAX_ENTRIES": int(
                    os.environ.get("EDITORIAL_READER_CACHE_ENTRIES", "200")
                )
            },
        },
    }
EDITORIAL_READER_CACHE = "reader"
# The checks' reading of each text goes in this cache when it is shared (CACHE_URL),
# so one server's reading serves all (editorial.checks.shared_readings); "": none.
EDITORIAL_CHECK_READINGS_CACHE = "default" if CACHE_URL else ""
# Failed log-ins are counted in the shared cache when there is one (every server sees
# one count), else in the database (django-axes' default; shared by every process).
if CACHE_URL:
    AXES_HANDLER = "axes.handlers.cache.AxesCacheHandler"

# One console handler, for Django's loggers too (its own console handler under DEBUG
# printed every record a second time); refusals (4xx) in one line (editorial.logs).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"one_line_refusals": {"()": "editorial.logs.OneLineRefusals"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["one_line_refusals"],
        }
    },
    "root": {
        "handlers": ["console"],
        "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING"),
    },
    "loggers": {"django": {"handlers": [], "propagate": True}},
}

# Change reasons are free text: an editor's reason should never be cut short.
SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True
SIMPLE_HISTORY_REVERT_DISABLED = False
# History is evidence: the admin may revert (a new version), never edit an old one.
SIMPLE_HISTORY_EDIT = False

# Uploads (editorial.intake.uploads reads every upload through these limits, refusing
# a file as soon as it passes one, before it is kept in memory or on disk).
# The largest file, in bytes, and the most files and bytes in one request.
EDITORIAL_MAX_UPLOAD_BYTES = int(
    os.environ.get("EDITORIAL_MAX_UPLOAD_BYTES", str(20 * 1024 * 1024))
)
EDITORIAL_MAX_UPLOAD_FILES = int(os.environ.get("EDITORIAL_MAX_UPLOAD_FILES", "20"))
EDITORIAL_MAX_UPLOAD_TOTAL_BYTES = int(
    os.environ.get("EDITORIAL_MAX_UPLOAD_TOTAL_BYTES", str(40 * 1024 * 1024))
)
FILE_UPLOAD_HANDLERS = [
    "editorial.intake.uploads.LimitedUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
# Files up to 1 MB are held in memory, larger ones in a temporary file.
FILE_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
# Django's own cap, above the desk's, for requests that never reach its handler's count.
DATA_UPLOAD_MAX_NUMBER_FILES = EDITORIAL_MAX_UPLOAD_FILES + 10
# Files the desk writes for its users (the background exports, in exports/): never
# served as static files; each is downloaded through a view that checks who asks.
MEDIA_ROOT = os.environ.get("EDITORIAL_MEDIA_ROOT", str(BASE_DIR / "media"))
# Articles read on the import page wait this long for review (editorial.PendingImport).
EDITORIAL_PENDING_IMPORT_HOURS = int(
    os.environ.get("EDITORIAL_PENDING_IMPORT_HOURS", "24")
)

# Background work (django-tasks, the backport of Django 6's task API). The ORM backend
# keeps the queue in the desk's own database; `manage.py db_worker` runs it
# (`make run` starts one beside the server). EDITORIAL_TASKS=immediate runs every task
# inside the request that enqueues it (the unit tests; a one-process desk).
TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks.backends.immediate.ImmediateBackend"
            if os.environ.get("EDITORIAL_TASKS", "database") == "immediate"
            else "django_tasks_db.DatabaseBackend"
        ),
        "QUEUES": ["default", "checks", "drawing", "exports", "webhooks"],
    }
}
# Draw the reader's marks in the background after every change (the "drawing" queue).
# Worth it only where the drawing reaches the readers: a shared cache (CACHE_URL), or
# tasks run in the process that serves (EDITORIAL_TASKS=immediate).
EDITORIAL_PREDRAW = (
    os.environ.get(
        "EDITORIAL_PREDRAW",
        "1" if CACHE_URL or os.environ.get("EDITORIAL_TASKS") == "immediate" else "0",
    )
    == "1"
)

# Webhooks and CORS: what the desk says to other tools, and who may call it.
from .interop import *  # noqa: E402,F401,F403
