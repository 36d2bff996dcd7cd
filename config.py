"""Configuration classes, filled from environment variables.

Defaults serve `make run`: SQLite, the search index and a mail outbox under `instance/`.
"""
import os
import secrets
from pathlib import Path

ROOT = Path(__file__).resolve().parent
INSTANCE = Path(os.environ.get("PRAXIS_INSTANCE_DIR", ROOT / "instance"))


def _env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _instance_secret_key():
    """Read the generated secret key, creating it on first run (never committed)."""
    path = INSTANCE / "secret_key"
    if not path.exists():
        INSTANCE.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_hex(32))
        path.chmod(0o600)
    return path.read_text().strip()


class Config:
    """Settings shared by every environment."""

    SECRET_KEY = os.environ.get("SECRET_KEY")
    SQLALCHEMY_DATABASE_URI = os.environ.get("DATABASE_URL") or f"sqlite:///{INSTANCE / 'praxis.db'}"
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
    SEARCH_INDEX_DIR = os.environ.get("SEARCH_INDEX_DIR") or str(INSTANCE / "search-index")
    SEARCH_BACKEND = os.environ.get("SEARCH_BACKEND") or "whoosh"  # forum/search/__init__.py BACKENDS
    SEARCH_FAST_PATH = os.environ.get("SEARCH_FAST_PATH", "1") != "0"  # 0: stock Whoosh (README, Search)
    REDIS_URL = os.environ.get("REDIS_URL") or None
    # Redis pub/sub channels ignore the database number: separate deployments sharing one Redis
    # (or parallel test runs) need their own channel.
    SOCKETIO_CHANNEL = os.environ.get("SOCKETIO_CHANNEL") or "praxis-socketio"
    # Live sockets one client address may hold per server process; anonymous sockets of one
    # address counted in a thread's "N reading now" (README, Security).
    SOCKETS_PER_ADDRESS = int(os.environ.get("SOCKETS_PER_ADDRESS") or 20)
    PRESENCE_ANONYMOUS_PER_ADDRESS = int(os.environ.get("PRESENCE_ANONYMOUS_PER_ADDRESS") or 3)
    BASE_URL = os.environ.get("BASE_URL", "http://127.0.0.1:5000")

    MAIL_SERVER = os.environ.get("MAIL_SERVER") or None
    MAIL_PORT = int(os.environ.get("MAIL_PORT", "25"))
    MAIL_USE_TLS = _env_bool("MAIL_USE_TLS")
    MAIL_USERNAME = os.environ.get("MAIL_USERNAME") or None
    MAIL_PASSWORD = os.environ.get("MAIL_PASSWORD") or None
    MAIL_DEFAULT_SENDER = os.environ.get("MAIL_DEFAULT_SENDER", "Praxis <no-reply@praxis.localhost>")
    # Where people report accessibility barriers (shown on /accessibility).
    ACCESSIBILITY_CONTACT = os.environ.get("ACCESSIBILITY_CONTACT", "accessibility@praxis.localhost")
    MAIL_OUTBOX_DIR = os.environ.get("MAIL_OUTBOX_DIR") or str(INSTANCE / "outbox")
    DIGEST_SCHEDULER = _env_bool("DIGEST_SCHEDULER", False)
    # The outbox drainer (forum/outbox/): poll for due rows, lease a claimed row, give up after.
    OUTBOX_POLL_SECONDS = float(os.environ.get("OUTBOX_POLL_SECONDS", "2"))
    OUTBOX_LEASE_SECONDS = int(os.environ.get("OUTBOX_LEASE_SECONDS", "60"))
    OUTBOX_MAX_ATTEMPTS = int(os.environ.get("OUTBOX_MAX_ATTEMPTS", "15"))
    OUTBOX_SYNCHRONOUS = False  # drain in the committing thread (tests)
    PAGE_CACHE_ENTRIES = int(os.environ.get("PAGE_CACHE_ENTRIES", "256"))  # anonymous pages per process

    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_DURATION = 60 * 60 * 24 * 30
    PASSWORD_HASH_METHOD = "scrypt"  # werkzeug's scrypt defaults: N=2**15, r=8, p=1
    WTF_CSRF_TIME_LIMIT = None
    MAX_CONTENT_LENGTH = 1024 * 1024

    BABEL_DEFAULT_LOCALE = "en"
    BABEL_DEFAULT_TIMEZONE = "UTC"
    # Interface languages: the 24 official languages of the EU (catalogues in forum/translations/).
    LANGUAGES = ["bg", "cs", "da", "de", "el", "en", "es", "et", "fi", "fr", "ga", "hr", "hu", "it", "lt",
                 "lv", "mt", "nl", "pl", "pt", "ro", "sk", "sl", "sv"]
    LANGUAGE_COOKIE = "praxis_lang"
    # Machine translation of posts: "" (off, no Translate control) or "libretranslate".
    MACHINE_TRANSLATION_PROVIDER = os.environ.get("MACHINE_TRANSLATION_PROVIDER", "")
    LIBRETRANSLATE_URL = os.environ.get("LIBRETRANSLATE_URL", "")
    LIBRETRANSLATE_API_KEY = os.environ.get("LIBRETRANSLATE_API_KEY", "")
    DEEPL_API_KEY = os.environ.get("DEEPL_API_KEY", "")
    DEEPL_URL = os.environ.get("DEEPL_URL", "")  # empty: chosen by the key (":fx" = free plan)
    MACHINE_TRANSLATION_TIMEOUT = float(os.environ.get("MACHINE_TRANSLATION_TIMEOUT", "5"))
    RATELIMIT_TRANSLATIONS = os.environ.get("RATELIMIT_TRANSLATIONS", "20 per minute; 200 per day")

    RATELIMIT_STORAGE_URI = os.environ.get("RATELIMIT_STORAGE_URI") or os.environ.get("REDIS_URL") or "memory://"
    RATELIMIT_ENABLED = True

    # Moderation and anti-spam. Rate limits use the `limits` notation ("5 per minute; 50 per day").
    RATELIMIT_HEADERS_ENABLED = True  # X-RateLimit-* and Retry-After on limited routes
    RATELIMIT_SWALLOW_ERRORS = True  # a Redis outage must not turn every post into a 500…
    RATELIMIT_IN_MEMORY_FALLBACK_ENABLED = True  # …limits fall back to per-process memory
    RATELIMIT_POSTS = os.environ.get("RATELIMIT_POSTS", "6 per minute; 200 per day")
    RATELIMIT_POSTS_NEW = os.environ.get("RATELIMIT_POSTS_NEW", "2 per minute; 20 per day")
    RATELIMIT_THREADS = os.environ.get("RATELIMIT_THREADS", "3 per minute; 30 per day")
    RATELIMIT_THREADS_NEW = os.environ.get("RATELIMIT_THREADS_NEW", "1 per 5 minutes; 5 per day")
    RATELIMIT_PREVIEWS = os.environ.get("RATELIMIT_PREVIEWS", "30 per minute; 600 per day")
    RATELIMIT_PREVIEWS_NEW = os.environ.get("RATELIMIT_PREVIEWS_NEW", "15 per minute; 200 per day")
    RATELIMIT_LOGIN_ACCOUNT = os.environ.get("RATELIMIT_LOGIN_ACCOUNT", "5 per 15 minutes")
    RATELIMIT_LOGIN_IP = os.environ.get("RATELIMIT_LOGIN_IP", "30 per 15 minutes")
    # Accounts hardening (README, Security): a cap per account over every address, registration
    # and reset requests per address, flags and edits per member; proxies trusted for X-Forwarded-For.
    RATELIMIT_LOGIN_ACCOUNT_CAP = os.environ.get("RATELIMIT_LOGIN_ACCOUNT_CAP", "100 per hour")
    RATELIMIT_REGISTER = os.environ.get("RATELIMIT_REGISTER", "5 per hour; 20 per day")
    RATELIMIT_RESET_REQUEST = os.environ.get("RATELIMIT_RESET_REQUEST", "5 per 15 minutes; 20 per day")
    RATELIMIT_FLAGS = os.environ.get("RATELIMIT_FLAGS", "10 per 10 minutes; 50 per day")
    RATELIMIT_EDITS = os.environ.get("RATELIMIT_EDITS", "10 per minute; 200 per day")
    FLAG_ESTABLISHED_DAYS = int(os.environ.get("FLAG_ESTABLISHED_DAYS", "7"))  # flags that count…
    FLAG_ESTABLISHED_POSTS = int(os.environ.get("FLAG_ESTABLISHED_POSTS", "3"))  # …come from these
    PROXY_FIX_X_FOR = int(os.environ.get("PROXY_FIX_X_FOR", "0"))  # 0: trust no X-Forwarded-For
    NEW_MEMBER_DAYS = int(os.environ.get("NEW_MEMBER_DAYS", "3"))  # account younger than this…
    NEW_MEMBER_POSTS = int(os.environ.get("NEW_MEMBER_POSTS", "5"))  # …or fewer posts: "new member"
    NEW_MEMBER_MAX_LINKS = int(os.environ.get("NEW_MEMBER_MAX_LINKS", "2"))
    FLAG_AUTOHIDE_THRESHOLD = int(os.environ.get("FLAG_AUTOHIDE_THRESHOLD", "3"))
    FLAG_SUSPEND_DAYS = int(os.environ.get("FLAG_SUSPEND_DAYS", "7"))
    APPROVAL_ENABLED = _env_bool("APPROVAL_ENABLED")  # default of the admin switch
    APPROVAL_POST_COUNT = int(os.environ.get("APPROVAL_POST_COUNT", "3"))
    AUDIT_PER_PAGE = 50

    THREADS_PER_PAGE = 20
    POSTS_PER_PAGE = 20
    MAX_POST_LENGTH = 50_000
    RENDER_BUDGET_SECONDS = float(os.environ.get("RENDER_BUDGET_SECONDS", "1.0"))  # 0: no budget
    MAX_TAGS = 5

    @classmethod
    def finalize(cls, config):
        """Fill values that need the environment at start-up (run once in create_app)."""
        if not config.get("SECRET_KEY"):
            config["SECRET_KEY"] = _instance_secret_key()


class DevelopmentConfig(Config):
    """`make run`: everything embedded under instance/."""

    DEBUG = False
    DIGEST_SCHEDULER = _env_bool("DIGEST_SCHEDULER", True)


class TestingConfig(Config):
    """pytest: each test passes its own database, index and outbox paths."""

    TESTING = True
    SECRET_KEY = "test-secret-key"
    WTF_CSRF_ENABLED = True
    RATELIMIT_STORAGE_URI = "memory://"
    SQLALCHEMY_DATABASE_URI = "sqlite://"
    OUTBOX_SYNCHRONOUS = True  # effects right after each commit (`captured_effects` keeps them)
    # Nobody is a "new member" and limits are generous unless a test asks otherwise.
    NEW_MEMBER_DAYS = 0
    NEW_MEMBER_POSTS = 0
    RATELIMIT_POSTS = RATELIMIT_POSTS_NEW = RATELIMIT_THREADS = RATELIMIT_THREADS_NEW = "1000 per minute"
    RATELIMIT_LOGIN_ACCOUNT = RATELIMIT_LOGIN_IP = RATELIMIT_LOGIN_ACCOUNT_CAP = "1000 per minute"
    RATELIMIT_REGISTER = RATELIMIT_RESET_REQUEST = RATELIMIT_FLAGS = RATELIMIT_EDITS = "1000 per minute"
    FLAG_ESTABLISHED_DAYS = FLAG_ESTABLISHED_POSTS = 0  # and every verified member's flag counts
    RATELIMIT_PREVIEWS = RATELIMIT_PREVIEWS_NEW = "1000 per minute"
    PASSWORD_HASH_METHOD = "scrypt:1024:8:1"  # still scrypt, 30x cheaper: the suite hashes a lot
    DIGEST_SCHEDULER = False


class ProductionConfig(Config):
    """Behind a reverse proxy with TLS: secure cookies, real database and secret required."""

    SESSION_COOKIE_SECURE = True
    REMEMBER_COOKIE_SECURE = True
    PREFERRED_URL_SCHEME = "https"

    @classmethod
    def finalize(cls, config):
        """Read SECRET_KEY and DATABASE_URL now (not at import) and refuse to start without them."""
        config["SECRET_KEY"] = os.environ.get("SECRET_KEY") or None
        if not config["SECRET_KEY"]:
            raise RuntimeError("ProductionConfig needs SECRET_KEY in the environment.")
        database_url = os.environ.get("DATABASE_URL")
        if not database_url:
            raise RuntimeError("ProductionConfig needs DATABASE_URL (PostgreSQL) in the environment.")
        config["SQLALCHEMY_DATABASE_URI"] = database_url


CONFIGS = {
    "development": DevelopmentConfig,
    "testing": TestingConfig,
    "production": ProductionConfig,
}


def config_class(name=None):
    """Pick the configuration by name, or by PRAXIS_ENV (default: development)."""
    return CONFIGS[name or os.environ.get("PRAXIS_ENV", "development")]
