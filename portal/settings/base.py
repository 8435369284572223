"""Settings shared by every environment. Environment-specific modules import from here."""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url

from portal.plugin_loader import apply_plugin_settings, available_plugins

from .env import BASE_DIR, env_bool, env_int, env_list, env_str, var_dir

VAR_DIR = var_dir()

SECRET_KEY = env_str("DJANGO_SECRET_KEY", "insecure-development-key-change-me")
DEBUG = False
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost"])

INSTALLED_APPS = [
    "portal",
    "pages",
    "search",
    "members",
    "caching",  # anonymous full-page cache (issue 9)
    # Security and reliability (issue 10): audit trail; backup/restore commands.
    "audit",
    "operations",
    # Tamper evidence for official records (issue 21): keyed chains, published heads.
    "integrity",
    # Member roster (issue 24): per-organisation 党员名册, its import and export.
    "roster",
    # iCalendar feeds of organisations' planned meetings (issue 24); events come from plugins.
    "calendars",
    # Daily work (issue 24): notifications (inbox, e-mail, digests).
    "notifications",
    # 阅知: notices members confirm they have read; secretaries see who has.
    "acknowledgements",
    # Wagtail
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.table_block",
    "wagtail.contrib.typed_table_block",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "axes",
    # Second factor for staff accounts (issue 21): TOTP authenticators, recovery codes.
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "twofactor",
    # Django
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Anonymous full-page cache: a hit is answered here, before sessions and the database.
    "caching.middleware.AnonymousPageCacheMiddleware",
    # Cache-Control for a front cache: public for those pages, private for sessions.
    "caching.headers.SharedCacheHeadersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # NUL bytes, lone surrogates and broken UTF-8 in the path, query or form: a 400
    # before any view (PostgreSQL cannot store them; issue 21).
    "portal.text_guard.InvalidTextMiddleware",
    # Which OTP device verified this session; the admin asks staff for it (twofactor/).
    "django_otp.middleware.OTPMiddleware",
    "twofactor.middleware.StaffSecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Audit trail: lets signal receivers see who is acting and from which address.
    "audit.middleware.AuditRequestMiddleware",
    # Axes goes last so it can see the outcome of authentication.
    "axes.middleware.AxesMiddleware",
]
CSRF_FAILURE_VIEW = "portal.csrf.csrf_failure"  # a Chinese page, not Django's English one

ROOT_URLCONF = "portal.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "portal.context_processors.portal",
                "caching.context_processors.page_cache",
            ],
        },
    },
]

WSGI_APPLICATION = "portal.wsgi.application"

# Database: SQLite under var/ unless DATABASE_URL names another one.
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

AUTHENTICATION_BACKENDS = [
    # Axes first: it refuses locked-out clients before any password is checked.
    "axes.backends.AxesBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# Language and time
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
WAGTAILADMIN_PERMITTED_LANGUAGES = [("zh-hans", "简体中文")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
# Chinese for the admin strings Wagtail ships untranslated (locale/zh_Hans, .mo committed).
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_TZ = True

# Static and media
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "static_collected"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("PORTAL_MEDIA_ROOT", str(VAR_DIR / "media")))
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Wagtail
WAGTAIL_SITE_NAME = "党务公开网"
WAGTAILADMIN_BASE_URL = env_str("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAIL_I18N_ENABLED = False
# Moving or renaming a published page leaves a redirect from its old address (default, said aloud).
WAGTAILREDIRECTS_AUTO_CREATE = True
WAGTAIL_FRONTEND_LOGIN_URL = "/member/login/"
# No avatars fetched from an outside service: the admin makes no external requests.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_PASSWORD_REQUIRED_TEMPLATE = "pages/password_required.html"
# Documents go through Django so page and collection privacy apply to every download.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_EXTENSIONS = [
    "pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "wps", "et", "ofd",
    "txt", "csv", "zip", "rar", "7z", "jpg", "jpeg", "png",
]
WAGTAILDOCS_MAX_UPLOAD_SIZE = env_int("PORTAL_MAX_ATTACHMENT_BYTES", 20 * 1024 * 1024)
WAGTAILIMAGES_MAX_UPLOAD_SIZE = env_int("PORTAL_MAX_IMAGE_BYTES", 10 * 1024 * 1024)
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT = True
# The completed 提出→审核→审批 workflow publishes; no staff group holds "publish".
WAGTAIL_FINISH_WORKFLOW_ACTION = "pages.workflow_actions.publish_approved_revision"
# Search: the Chinese-aware database backend answers Wagtail (admin search and
# autocomplete) on SQLite FTS5 or PostgreSQL. With ELASTICSEARCH_URL set, the public
# search and its API use Elasticsearch, which `update_index` also rebuilds.
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "search.backends.database"},
}
ELASTICSEARCH_URL = env_str("ELASTICSEARCH_URL")
PORTAL_SEARCH_ENGINE = {
    "BACKEND": "search.engines.database.DatabaseEngine",
    "OPTIONS": {},
}
if ELASTICSEARCH_URL:
    WAGTAILSEARCH_BACKENDS["elasticsearch"] = {
        "BACKEND": "search.backends.elasticsearch",
        "URLS": env_list("ELASTICSEARCH_URL"),  # one or more nodes, comma-separated
        "INDEX_PREFIX": env_str("ELASTICSEARCH_INDEX_PREFIX", "dangwu_"),
        "REPLICAS": env_int("ELASTICSEARCH_REPLICAS", 0),
        "TIMEOUT": env_int("ELASTICSEARCH_TIMEOUT", 5),  # seconds; then 检索服务暂时不可用
    }
    PORTAL_SEARCH_ENGINE = {
        "BACKEND": "search.engines.elasticsearch.ElasticsearchEngine",
        "OPTIONS": {"BACKEND_NAME": "elasticsearch"},
    }

LOGIN_URL = "/member/login/"
LOGIN_REDIRECT_URL = "/member/"
LOGOUT_REDIRECT_URL = "/"

# Front-end and admin login lockout (django-axes): five failures lock the
# username from that address, and twenty failures from one address -- whatever the
# usernames -- lock that address, each for a quarter of an hour (members/lockout.py).
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
PORTAL_ADDRESS_FAILURE_LIMIT = env_int("PORTAL_ADDRESS_FAILURE_LIMIT", 20)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_HANDLER = "members.lockout.AccountAndAddressHandler"
AXES_LOCKOUT_TEMPLATE = "members/locked_out.html"
AXES_RESET_ON_SUCCESS = True

# Second factor (twofactor/, django-otp): every staff account may enrol an authenticator;
# with this on, superusers and 审批人 must, and are asked for a code after each login.
# On here and so in production; dev.py (`make run`) turns it off for the demo.
PORTAL_OTP_REQUIRED = env_bool("PORTAL_OTP_REQUIRED", True)
OTP_TOTP_ISSUER = "党务公开网"

# Content Security Policy: no inline script or style anywhere on the public site.
# The Wagtail admin ships inline scripts of its own, so it is left out.
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/", "/django-admin/"],
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'self'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    },
}

X_FRAME_OPTIONS = "SAMEORIGIN"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Windows opened from other sites get no handle on ours (issue 10).
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Audit trail (audit/): behind a reverse proxy, name the header holding the client
# address (e.g. HTTP_X_REAL_IP); events are kept AUDIT_RETENTION_DAYS (183 at least).
AUDIT_IP_META_KEY = env_str("AUDIT_IP_META_KEY", "REMOTE_ADDR")
AUDIT_RETENTION_DAYS = max(env_int("AUDIT_RETENTION_DAYS", 365), 183)
# Core downloads recorded as 导出 by audit.middleware (plugins list theirs in the registry).
AUDIT_EXPORT_VIEWS = {
    "roster:export": "党员名册",
    "acknowledgements:export": "阅知情况（XLSX）",
}
# Tamper evidence (integrity/): the HMAC key of the chains comes from INTEGRITY_KEY or the
# file named by INTEGRITY_KEY_FILE, never from the database; dev and test derive one.
INTEGRITY_KEY = env_str("INTEGRITY_KEY", "")
INTEGRITY_KEY_FILE = env_str("INTEGRITY_KEY_FILE", "")
INTEGRITY_OLD_KEYS = env_str("INTEGRITY_OLD_KEYS", "")
INTEGRITY_KEY_DERIVED = False
# Backups (operations/): archives are written here unless --output names a file.
BACKUP_DIR = Path(env_str("PORTAL_BACKUP_DIR", str(VAR_DIR / "backups")))

# The SQLite-only search table (search/routers.py) stays out of other databases' dumps.
DATABASE_ROUTERS = ["search.routers.SQLiteOnlyModelsRouter"]

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "portal-default",
    },
    # Whole pages for anonymous visitors (caching/): each worker process keeps its own.
    "pages": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "portal-pages",
        "OPTIONS": {"MAX_ENTRIES": env_int("PORTAL_PAGE_CACHE_ENTRIES", 2000)},
    },
}


def redis_caches(url):
    """Both caches in one Redis, shared by every worker on every app server: the page
    cache (and its generation) and the default cache (rate limits, fragments)."""
    options = {"CLIENT_CLASS": "django_redis.client.DefaultClient"}
    return {
        "default": {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": url,
                    "OPTIONS": options},
        # Anonymous pages: a Redis outage must not take the site down, only the cache.
        "pages": {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": url,
                  "KEY_PREFIX": "pages", "OPTIONS": {**options, "IGNORE_EXCEPTIONS": True}},
    }


# Anonymous full-page cache (docs/caching.md). With local-memory caches the generation
# that invalidates them lives in a file, so every worker process on the machine sees a
# change at once; production with Redis keeps it in Redis (see production.py).
PORTAL_PAGE_CACHE = {
    "ENABLED": env_bool("PORTAL_PAGE_CACHE", True),
    "CACHE": "pages",
    "TIMEOUT": env_int("PORTAL_PAGE_CACHE_SECONDS", 600),
    "GENERATION": {
        "BACKEND": "caching.generation.FileGeneration",
        "OPTIONS": {"path": str(VAR_DIR / "page-cache-generation")},
    },
}

EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "noreply@localhost")
# Channels beyond the site's inbox (docs/notifications.md): e-mail through EMAIL_BACKEND by
# default; a site may add an SMS or WeChat template-message backend here.
PORTAL_DIGEST_HOUR = env_int("PORTAL_DIGEST_HOUR", 7)
PORTAL_NOTIFICATION_BACKENDS = [{"BACKEND": "notifications.backends.EmailBackend", "OPTIONS": {}}]

# Plugins: all that are installed are on, unless PORTAL_PLUGINS="a,b" (or "" for none)
# in the environment names the ones to enable. Each enabled plugin's app, the apps it
# needs and its default settings (its default_settings.py) are added here; see
# docs/plugins.md.
PORTAL_ENABLED_PLUGINS = (
    env_list("PORTAL_PLUGINS") if "PORTAL_PLUGINS" in os.environ
    else sorted(available_plugins())
)
apply_plugin_settings(PORTAL_ENABLED_PLUGINS, globals())

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}

ENABLE_DEMO_ACCOUNTS = env_bool("PORTAL_DEMO_ACCOUNTS", False)
