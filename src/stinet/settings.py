"""Django settings, all from the environment with safe defaults for the embedded mode.

STINET_DATA_DIR       where the SQLite file, the search index and uploads live (default ./data)
STINET_DATABASE_URL   postgresql://user:pass@host:port/name for production (default: SQLite file)
STINET_SEARCH_BACKEND tantivy | postgres (default: tantivy on SQLite, postgres on PostgreSQL)
STINET_SECRET_KEY     secret key (default: a random one made once and kept in STINET_DATA_DIR/secret_key)
STINET_DEBUG          1 to turn on Django's debug pages (default off)
STINET_ALLOWED_HOSTS  comma-separated host names (default: localhost,127.0.0.1)
STINET_STATIC_ROOT    folder for `collectstatic` when a web server serves static files
STINET_LOG_LEVEL      logging level (default WARNING)
STINET_OAI_REPOSITORY_ID  repository identifier in OAI identifiers oai:<id>:work/<n> (default stinet.local)
STINET_OAI_ADMIN_EMAIL    adminEmail of OAI-PMH Identify, comma-separated (default admin@stinet.local)
STINET_EMAIL_HOST     SMTP server for mail (password resets, invitations); unset: mail is printed on the console
STINET_EMAIL_PORT, STINET_EMAIL_USER, STINET_EMAIL_PASSWORD, STINET_EMAIL_TLS, STINET_EMAIL_FROM, STINET_SITE_URL
STINET_TRUSTED_PROXIES  comma-separated addresses or networks (CIDR) of reverse proxies whose X-Forwarded-For
                      names the client (default none: the client is the connection's address)
STINET_PROXY_HTTPS    1: a request is secure when X-Forwarded-Proto says https (a proxy ending TLS); cookies https only
STINET_HSTS_SECONDS   Strict-Transport-Security max-age for https responses (default 0: none)
STINET_PROXY_HOST     1: the site's host name is taken from X-Forwarded-Host (a proxy sets it)
"""

from __future__ import annotations

import ipaddress
import os
from pathlib import Path
from urllib.parse import unquote, urlparse

from django.core.exceptions import ImproperlyConfigured

from stinet.portal.translations import compile_translations
from stinet.secretkey import secret_key

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(os.environ.get("STINET_DATA_DIR", "data")).resolve()


def _database(url: str | None) -> dict[str, object]:
    """Translate STINET_DATABASE_URL into a Django DATABASES entry."""
    if not url:
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(DATA_DIR / "stinet.sqlite3"),
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "timeout": 30,
                # WAL with fewer checkpoints (every ~80 MB): bulk imports commit much faster; the
                # file memory-mapped and a 64 MB page cache: duplicate matching reads works all over
                # a large catalogue (a batch's candidates: 5-10x faster than through read() calls);
                # statement journals in memory (an INSERT into an indexed table inside a transaction
                # keeps one: on disk, imports spent ~5% of their storing time writing it)
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                                "PRAGMA wal_autocheckpoint=20000; PRAGMA mmap_size=4294967296; "
                                "PRAGMA cache_size=-65536; PRAGMA temp_store=MEMORY;",
            },
        }
    parts = urlparse(url)
    if parts.scheme not in ("postgres", "postgresql"):
        raise ImproperlyConfigured(f"STINET_DATABASE_URL: unsupported scheme {parts.scheme!r}")
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": unquote(parts.path.lstrip("/")),
        "USER": unquote(parts.username or ""),
        "PASSWORD": unquote(parts.password or ""),
        "HOST": parts.hostname or "",
        "PORT": str(parts.port or ""),
    }


def _trusted_proxies(value: str) -> tuple[str, ...]:
    """The networks of STINET_TRUSTED_PROXIES ('10.0.0.1, 172.16.0.0/12' -> normalised networks)."""
    networks = []
    for part in value.split(","):
        if part.strip():
            try:
                networks.append(str(ipaddress.ip_network(part.strip(), strict=False)))
            except ValueError:
                raise ImproperlyConfigured(f"STINET_TRUSTED_PROXIES: {part.strip()!r} is not an address "
                                           "or a network (10.0.0.1, 10.0.0.0/8, fd00::/8)") from None
    return tuple(networks)


DEBUG = os.environ.get("STINET_DEBUG", "") == "1"
SECRET_KEY = secret_key(DATA_DIR)
ALLOWED_HOSTS = os.environ.get("STINET_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]").split(",")

# Behind a reverse proxy: which peers may name the client (X-Forwarded-For; stinet.accounts.addresses),
# whether X-Forwarded-Proto and X-Forwarded-Host are believed (links, CSRF's origin check, the widget).
TRUSTED_PROXIES = _trusted_proxies(os.environ.get("STINET_TRUSTED_PROXIES", ""))
SECURE_PROXY_SSL_HEADER = (("HTTP_X_FORWARDED_PROTO", "https") if os.environ.get("STINET_PROXY_HTTPS", "") == "1"
                           else None)
USE_X_FORWARDED_HOST = os.environ.get("STINET_PROXY_HOST", "") == "1"
# A site served over https (a proxy ending TLS says so): its cookies never go over plain http; HSTS only
# when asked (browsers remember it: a site that drops https later is unreachable for that long)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = SECURE_PROXY_SSL_HEADER is not None
_HSTS = os.environ.get("STINET_HSTS_SECONDS", "0").strip() or "0"
if not _HSTS.isdigit():
    raise ImproperlyConfigured(f"STINET_HSTS_SECONDS: {_HSTS!r} is not a number of seconds")
SECURE_HSTS_SECONDS = int(_HSTS)

DATABASES = {"default": _database(os.environ.get("STINET_DATABASE_URL"))}
IS_POSTGRES = DATABASES["default"]["ENGINE"].endswith("postgresql")
SEARCH_BACKEND = os.environ.get("STINET_SEARCH_BACKEND") or ("postgres" if IS_POSTGRES else "tantivy")
if SEARCH_BACKEND not in ("tantivy", "postgres"):
    raise ImproperlyConfigured(f"STINET_SEARCH_BACKEND: {SEARCH_BACKEND!r} is not one of 'tantivy', 'postgres'")
if SEARCH_BACKEND == "postgres" and not IS_POSTGRES:
    raise ImproperlyConfigured("STINET_SEARCH_BACKEND: 'postgres' needs a PostgreSQL database (STINET_DATABASE_URL)")
SEARCH_INDEX_DIR = DATA_DIR / "index"
OAI_REPOSITORY_ID = os.environ.get("STINET_OAI_REPOSITORY_ID", "stinet.local")
OAI_ADMIN_EMAIL = os.environ.get("STINET_OAI_ADMIN_EMAIL", "admin@stinet.local")
TASK_BUDGETS_PUBLIC = os.environ.get("STINET_TASK_BUDGETS_PUBLIC", "1") != "0"  # 0: budgets to managers only
STATS_REPORTING_UNIT = os.environ.get("STINET_REPORTING_UNIT", "")  # author of reports; empty: the network's centre
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "ninja",  # /api/docs from its own copy of Swagger UI, not a CDN (an intranet hub had a blank page)
    "stinet.catalog",
    "stinet.accounts",
    "stinet.ingest",
    "stinet.search",
    "stinet.portal",
    "stinet.api",
    "stinet.oai",
    "stinet.sources",
    "stinet.directory",
    "stinet.people",
    "stinet.tasks",
    "stinet.news",
    "stinet.feed",
    "stinet.stats",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "stinet.portal.cors.PublicApiCorsMiddleware",
    "stinet.portal.controlchars.ControlCharactersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "stinet.portal.middleware.LanguageMiddleware",
    "stinet.api.methods.JsonMethodRefusal",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
]
# Content-Security-Policy (django-csp): the pages run the site's own scripts only, no inline script nor
# handler (an escaped harvested text that slipped through could not run one), and talk to the site alone;
# inline styles stay allowed (the widget's accent colour, Swagger UI). Framing is X-Frame-Options' concern
# (the search widget's frame is meant for other sites).
CONTENT_SECURITY_POLICY = {"DIRECTIVES": {
    "default-src": ["'self'"], "script-src": ["'self'"], "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:"], "object-src": ["'none'"], "base-uri": ["'self'"], "form-action": ["'self'"],
}}

ROOT_URLCONF = "stinet.urls"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ],
        },
    },
]
FORM_RENDERER = "stinet.portal.forms.FormRenderer"  # errors tied to their fields, groups in a fieldset
WSGI_APPLICATION = "stinet.wsgi.application"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Mail: printed on the console unless an SMTP server is configured.
EMAIL_HOST = os.environ.get("STINET_EMAIL_HOST", "")
EMAIL_BACKEND = ("django.core.mail.backends.smtp.EmailBackend" if EMAIL_HOST
                 else "django.core.mail.backends.console.EmailBackend")
EMAIL_PORT = int(os.environ.get("STINET_EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("STINET_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("STINET_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("STINET_EMAIL_TLS", "1") == "1"
EMAIL_TIMEOUT = 30
DEFAULT_FROM_EMAIL = os.environ.get("STINET_EMAIL_FROM", "STINet <stinet@localhost>")
SITE_URL = os.environ.get("STINET_SITE_URL", "http://127.0.0.1:8000").rstrip("/")  # links in mail sent by the CLI
PASSWORD_RESET_TIMEOUT = 3 * 24 * 3600
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:manage"
LOGOUT_REDIRECT_URL = "portal:home"

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [DATA_DIR / "locale"]  # .mo files compiled from the packaged .po, before Django starts
compile_translations(LOCALE_PATHS[0])
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["stinet.locale_formats"]  # dates typed into forms read day first (03/02/2026: 3 Feb)

STATIC_URL = "static/"
# Static files are served from the package by WhiteNoise; STINET_STATIC_ROOT for collectstatic.
STATIC_ROOT = os.environ.get("STINET_STATIC_ROOT") or None
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
MEDIA_ROOT = DATA_DIR / "media"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"refusals": {"()": "stinet.portal.logfilters.RefusalsInOneLine"}},
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("STINET_LOG_LEVEL", "WARNING")},
    # pypdf logs a warning for each flaw it reads past ("EOF marker not found"): a file is either
    # refused in one line or taken, so those would only be noise on the command's terminal
    "loggers": {"pypdf": {"level": "ERROR"}, "django.request": {"filters": ["refusals"]}},
}
