"""Settings shared by every environment. Environment-specific choices live in
dev.py, prod.py and test.py."""

import datetime

import dj_database_url
from corsheaders.defaults import default_headers
from csp.constants import NONE, SELF

from .env import BASE_DIR, env, env_bool, env_float, env_int, env_list

DEBUG = False
SECRET_KEY = env("DJANGO_SECRET_KEY")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1")
HTTPS = env_bool("DJANGO_HTTPS", default=False)

INSTALLED_APPS = [
    # Before the admin: adds the language columns of the translated fields (records/translation.py).
    "modeltranslation",
    "records.admin_site.SCOAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "corsheaders",
    "csp",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "django_prose_editor",
    "records",
    "access",
    "axes",
]

MIDDLEWARE = [
    # First, so that its deadline covers everything a request does.
    "records.deadline.RequestDeadlineMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The language: a page's from its address (/ru/…, /zh/…), the API's from ?lang= or Accept-Language.
    "records.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Inside the header middleware above: cached public pages get their headers too.
    "records.middleware.PublicPageCacheMiddleware",
    # Inside the page cache (kept responses run no query): anonymous requests' database time is capped.
    "records.deadline.AnonymousStatementTimeoutMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Failed logins: answers the lockout page once an account or an address is locked.
    "axes.middleware.AxesMiddleware",
    # Last, so that it sees a view's database errors first: 503 with the site's page.
    "records.middleware.DatabaseUnavailableMiddleware",
]

ROOT_URLCONF = "sco_site.urls"
WSGI_APPLICATION = "sco_site.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# Database: SQLite by default, PostgreSQL (psycopg 3) through DATABASE_URL.
DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        # Persistent connections, without a `SELECT 1` before each request's first
        # query (measured: one statement more per request). A connection that
        # broke meanwhile fails that request (503) and is then dropped.
        conn_max_age=60,
        conn_health_checks=False,
    )
}
# Time limits, in seconds (README, "Configuration"): a database or Redis that
# hangs costs a request at most REQUEST_TIMEOUT, then it answers 503.
REQUEST_TIMEOUT = env_float("REQUEST_TIMEOUT", 4)
DATABASE_CONNECT_TIMEOUT = env_int("DATABASE_CONNECT_TIMEOUT", 3)
DATABASE_STATEMENT_TIMEOUT = env_float("DATABASE_STATEMENT_TIMEOUT", 5)
# An anonymous request's statements get at most this long each (PostgreSQL; 0: no
# tighter limit than DATABASE_STATEMENT_TIMEOUT): past it the request answers 503.
ANONYMOUS_STATEMENT_TIMEOUT = env_float("ANONYMOUS_STATEMENT_TIMEOUT", 0.1)
DATABASE_TCP_TIMEOUT = env_int("DATABASE_TCP_TIMEOUT", 5)
# The read statements of records.statements are prepared on the server; off behind a
# connection pooler that does not keep prepared statements (PgBouncer in transaction mode).
DATABASE_PREPARED_STATEMENTS = env_bool("DATABASE_PREPARED_STATEMENTS", default=True)
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            # Fail fast when the database is unreachable: pages answer 503 quickly.
            "connect_timeout": DATABASE_CONNECT_TIMEOUT,
            # A lost peer is noticed by TCP: unacknowledged data gives up after
            # DATABASE_TCP_TIMEOUT, an idle connection is probed as often.
            "keepalives": 1,
            "keepalives_idle": DATABASE_TCP_TIMEOUT,
            "keepalives_interval": max(1, DATABASE_TCP_TIMEOUT // 3),
            "keepalives_count": 3,
            "tcp_user_timeout": DATABASE_TCP_TIMEOUT * 1000,
            # Statements are prepared on the server only where the code asks for it
            # (records.statements); Django's own queries bind their values on the
            # client and are never prepared, whatever this threshold. None: never.
            "prepare_threshold": 2**31 - 1 if DATABASE_PREPARED_STATEMENTS else None,
            # The server cancels a runaway query (0 turns this off, e.g. for a long migration).
            "options": f"-c statement_timeout={int(DATABASE_STATEMENT_TIMEOUT * 1000)}",
        }
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

FIXTURE_DIRS = [BASE_DIR / "fixtures"]

# Cache: Redis when REDIS_URL is set (shared by every app server), else per process.
# Redis answers in well under a millisecond: a short connect and read timeout
# keeps a hanging Redis from holding requests, and after a failure the cache
# is left alone for CACHE_RETRY_SECONDS (records/counters.py).
REDIS_URL = env("REDIS_URL")
REDIS_CONNECT_TIMEOUT = env_float("REDIS_CONNECT_TIMEOUT", 0.1)
REDIS_TIMEOUT = env_float("REDIS_TIMEOUT", 0.1)
CACHE_RETRY_SECONDS = env_float("CACHE_RETRY_SECONDS", 5)
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "sco",
            "OPTIONS": {"socket_connect_timeout": REDIS_CONNECT_TIMEOUT, "socket_timeout": REDIS_TIMEOUT},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Public pages and API responses are kept in the cache for at most this long
# (and never past a write or a scheduled go-live); 0 turns the cache off.
RESPONSE_CACHE_SECONDS = env_int("RESPONSE_CACHE_SECONDS", 300)
# An API list's `count` is kept per filter and data version for at most this long
# (and never past a write or a scheduled go-live); 0: counted on every request.
COUNT_CACHE_SECONDS = env_int("COUNT_CACHE_SECONDS", 300)

# The licence of the open data (/data/) and of the records' citations: a
# Frictionless licence object (name, path, title).
DATA_LICENCE = {
    "name": env("DATA_LICENCE_NAME", "CC-BY-4.0"),
    "path": env("DATA_LICENCE_URL", "https://creativecommons.org/licenses/by/4.0/"),
    "title": env("DATA_LICENCE_TITLE", "Creative Commons Attribution 4.0"),
}

# Where readers report an error in the record: shown on the About page and on every record page.
CORRECTIONS_EMAIL = env("CORRECTIONS_EMAIL") or "corrections@example.org"

SESSION_ENGINE = "django.contrib.sessions.backends.db"

# Login attempts (django-axes): LOGIN_FAILURE_LIMIT wrong passwords for one
# account, or from one client address, lock it out for LOGIN_LOCKOUT_MINUTES.
# Attempts are counted in the database, shared by every app server.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env_float("LOGIN_LOCKOUT_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_LOCKOUT_CALLABLE = "access.lockout.locked_out"
AXES_CLIENT_IP_CALLABLE = "records.api.throttling.client_address"
# Attempts are logged with their address and user agent; successful logins are not kept.
AXES_DISABLE_ACCESS_LOG = True

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
# The record's languages: English (canonical, what the site shows today), Russian and Chinese.
LANGUAGES = [("en", "English"), ("ru", "Русский"), ("zh-hans", "中文")]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Translated content (django-modeltranslation): each translated field has a column per language
# (`name_en`, `name_ru`, `name_zh_hans`) beside the original, which stays equal to `_en`.
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)
MODELTRANSLATION_AUTO_POPULATE = False
TIME_ZONE = "UTC"
# Dates read "4 July 2024" everywhere, the admin included.
FORMAT_MODULE_PATH = ["sco_site.formats"]
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Media (the image library): the local disk by default, served by the app
# itself (records/views/media.py) — fine for one server. With MEDIA_S3_BUCKET,
# an S3-compatible bucket that every app server shares (README, "Images").
MEDIA_URL = env("MEDIA_URL", "/media/")
MEDIA_ROOT = env("MEDIA_ROOT", str(BASE_DIR / "media"))
MEDIA_S3_BUCKET = env("MEDIA_S3_BUCKET")
MEDIA_S3_CUSTOM_DOMAIN = env("MEDIA_S3_CUSTOM_DOMAIN")
MEDIA_S3_ENDPOINT_URL = env("MEDIA_S3_ENDPOINT_URL")
if MEDIA_S3_BUCKET:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": MEDIA_S3_BUCKET,
            "region_name": env("MEDIA_S3_REGION") or None,
            "endpoint_url": MEDIA_S3_ENDPOINT_URL or None,
            "custom_domain": MEDIA_S3_CUSTOM_DOMAIN or None,
            "location": env("MEDIA_S3_PREFIX"),
            # Objects are public and their names unique: plain, cacheable URLs.
            "querystring_auth": False,
            "default_acl": env("MEDIA_S3_ACL") or None,
            "file_overwrite": False,
            "object_parameters": {"CacheControl": "public, max-age=31536000, immutable"},
        },
    }
# Served by the app only while media are on the local disk.
MEDIA_SERVED_BY_APP = not MEDIA_S3_BUCKET


def _media_origin():
    """The origin media URLs point at when they are not on this site (for the CSP)."""
    if not MEDIA_S3_BUCKET:
        return None
    if MEDIA_S3_CUSTOM_DOMAIN:
        return f"https://{MEDIA_S3_CUSTOM_DOMAIN}"
    if MEDIA_S3_ENDPOINT_URL:
        return MEDIA_S3_ENDPOINT_URL.rstrip("/")
    return f"https://{MEDIA_S3_BUCKET}.s3.amazonaws.com"


MEDIA_ORIGIN = env("MEDIA_ORIGIN") or _media_origin()

# Image uploads: checked by content (JPEG, PNG, WebP, GIF), at most this large,
# re-encoded without metadata, with renditions this wide (records/images.py).
IMAGE_MAX_UPLOAD_BYTES = int(env_float("IMAGE_MAX_UPLOAD_MB", 10) * 1024 * 1024)
IMAGE_MAX_PIXELS = int(env_float("IMAGE_MAX_MEGAPIXELS", 40) * 1_000_000)
IMAGE_RENDITION_WIDTHS = (320, 640, 1280)

# Security headers, on in every environment.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Content-Security-Policy: no inline script runs, nothing loads from other hosts.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", *([MEDIA_ORIGIN] if MEDIA_ORIGIN else [])],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# API
PROXY_COUNT = env_int("DJANGO_PROXY_COUNT", 0)
API_THROTTLE_ANON = env("API_THROTTLE_ANON", "120/min")
API_THROTTLE_USER = env("API_THROTTLE_USER", "600/min")
# Requests with a wrong, expired or revoked token, per client address.
API_THROTTLE_AUTH_FAILURES = env("API_THROTTLE_AUTH_FAILURES", "10/min")
API_TOKEN_LIFETIME_DAYS = env_int("API_TOKEN_LIFETIME_DAYS", 365)

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "access.authentication.HashedTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    "EXCEPTION_HANDLER": "records.api.exceptions.exception_handler",
    # Rates are read from API_THROTTLE_ANON / API_THROTTLE_USER at request time (records/api/throttling.py).
    "DEFAULT_THROTTLE_CLASSES": ["records.api.throttling.CallerRateThrottle"],
    # Client addresses: REMOTE_ADDR, or the address seen by this many trusted proxies
    # (X-Forwarded-For is not trusted otherwise, so it cannot dodge per-address limits).
    "NUM_PROXIES": PROXY_COUNT,
}

SPECTACULAR_SETTINGS = {
    "TITLE": "SCO Records API",
    "DESCRIPTION": "The public record of the Shanghai Cooperation Organization.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "persistAuthorization": True, "validatorUrl": None},
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "records.api.schema.fields_parameter_hook",
        "records.api.schema.empty_query_values_hook",
        "records.api.schema.text_without_nul_hook",
        "records.api.schema.reserved_slugs_hook",
    ],
    "ENUM_NAME_OVERRIDES": {
        "PublicationStatusEnum": "records.models.base.Status",
        "DatePrecisionEnum": "records.dates.DatePrecision",
    },
}

CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOWED_ORIGINS = env_list("CORS_ALLOWED_ORIGINS")
CORS_ALLOW_ALL_ORIGINS = not CORS_ALLOWED_ORIGINS
CORS_EXPOSE_HEADERS = ["ETag", "Last-Modified", "Retry-After"]
CORS_ALLOW_HEADERS = (*default_headers, "if-match", "if-none-match")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", "WARNING")},
}
