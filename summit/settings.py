"""Settings, all from the environment (see .env.example). Bad values fail at start-up."""

import datetime
import os
import tempfile
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from summit.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DJANGO_DEBUG", default=False)

# A missing or weak key with debug off is a deployment mistake: refuse to start.
_INSECURE_DEV_KEY = "django-insecure-dev-only-key-never-use-in-production-0123456789"
SECRET_KEY = env_str("DJANGO_SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is required when DJANGO_DEBUG=0 "
            "(generate one: python -c 'import secrets; print(secrets.token_urlsafe(50))')"
        )
    SECRET_KEY = _INSECURE_DEV_KEY
elif len(SECRET_KEY) < 32 or len(set(SECRET_KEY)) < 5 or SECRET_KEY.startswith("django-insecure"):
    raise ImproperlyConfigured("DJANGO_SECRET_KEY is too weak: use 50 random characters.")

ALLOWED_HOSTS = sorted({"localhost", "127.0.0.1", "[::1]", *env_list("DJANGO_ALLOWED_HOSTS")})

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_filters",
    "django_tables2",
    "simple_history",
    "axes",
    "coverage",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "coverage.middleware.ContentSecurityPolicyMiddleware",
    "coverage.middleware.AllowedMethodsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "coverage.middleware.PageCacheMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into a 429 page.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Lock a username from an address after 5 failed logins, for 15 minutes.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# A login tried during a lock-out (the right password included) is refused without being
# counted: it neither adds a failure nor restarts the cool-off.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
# The reverse proxies in front of the app that append to X-Forwarded-For (nginx alone: 1). The
# lock keys on the client's address read through them; with 0, on the socket's, which behind
# a proxy is the proxy's for everyone (then anyone could lock an editor out).
COVERAGE_TRUSTED_PROXIES = env_int("COVERAGE_TRUSTED_PROXIES", default=0)
AXES_CLIENT_IP_CALLABLE = "summit.client_ip.client_address"

ROOT_URLCONF = "summit.urls"

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
            ],
        },
    },
]

WSGI_APPLICATION = "summit.wsgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", default=0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers keep reading while an ingest writes; the busy timeout makes a second
    # writer wait instead of failing with "database is locked". Each request opens a new
    # connection with an empty page cache: memory-mapped reads (up to 256 MB) share the
    # operating system's instead, and temporary sort/group tables stay in memory. The write-ahead
    # log is copied back into the database every 10,000 pages (40 MB) instead of 1,000: an
    # ingest writes ~1.4 MB a document, and each copy ends with a sync (+4% documents/s).
    DATABASES["default"]["OPTIONS"] = {
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
            "PRAGMA mmap_size=268435456; PRAGMA temp_store=MEMORY; "
            "PRAGMA wal_autocheckpoint=10000;"
        ),
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
    }
    # Tests use a file, not Django's shared in-memory database, whose connections fail at once
    # ("database table is locked") where a file's wait: tests of concurrent ingests need that.
    DATABASES["default"]["TEST"] = {
        "NAME": str(Path(tempfile.gettempdir()) / f"coverage-test-{os.getpid()}.sqlite3")
    }

elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # No JIT compilation: it is paid per query, before the first row, and PostgreSQL turns
    # it on by the plan's estimated cost, which for a search's OR of a text match and an
    # actor list can be millions: 1.3 s of compiling for a query that then took milliseconds.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

REDIS_URL = env_str("REDIS_URL", default="")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

# Whole public pages cached for readers who are not logged in, until the next edit.
COVERAGE_PAGE_CACHE = env_bool("COVERAGE_PAGE_CACHE", default=True)

# Ingest refuses files larger than this (bytes).
COVERAGE_MAX_UPLOAD_BYTES = env_int("COVERAGE_MAX_UPLOAD_BYTES", default=5 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = COVERAGE_MAX_UPLOAD_BYTES + 1024 * 1024
# Ingest by address fetches only from public addresses unless this allows loopback, private
# and link-local ones too (a newsroom intranet; the tests' local server). See coverage.fetch.
COVERAGE_FETCH_ALLOW_PRIVATE = env_bool("COVERAGE_FETCH_ALLOW_PRIVATE", default=False)

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", default=60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("DJANGO_LOG_LEVEL", default="INFO")},
}
