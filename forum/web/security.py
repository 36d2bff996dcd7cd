"""Security headers on every response: a CSP without inline script, no framing, no sniffing;
`Cache-Control: private, no-store` on every page for a signed-in member, every moderation page
and every page carrying a session-bound (CSRF) form; a fresh CSRF token at sign-in; and the
client address taken from `X-Forwarded-For` only behind `PROXY_FIX_X_FOR` trusted proxies."""
from flask import current_app, g, request, session
from flask_login import current_user, user_logged_in
from werkzeug.middleware.proxy_fix import ProxyFix

NO_STORE = "private, no-store"

CSP = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self'",  # posts show external images as links (forum/text_images.py)
    "connect-src 'self'",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])

HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}


def init_app(app):
    """Register the header hook; behind TLS (secure cookies) browsers are also told to stay on HTTPS."""
    headers = dict(HEADERS)
    if app.config.get("SESSION_COOKIE_SECURE"):
        headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains"

    @app.after_request
    def set_security_headers(response):
        for name, value in headers.items():
            response.headers.setdefault(name, value)
        if _personal(response):
            response.headers["Cache-Control"] = NO_STORE
        return response

    user_logged_in.connect(_rotate_csrf_token, app)


def _personal(_response):
    """Whether no shared cache (nor the browser's back-forward store) may keep this response."""
    field = current_app.config.get("WTF_CSRF_FIELD_NAME", "csrf_token")
    return current_user.is_authenticated or field in g or request.path.startswith("/moderation")


def _rotate_csrf_token(app, user, **_extra):
    """A token seen before sign-in must not work after it: drop it, the next form gets a new one."""
    field = app.config.get("WTF_CSRF_FIELD_NAME", "csrf_token")
    session.pop(field, None)
    g.pop(field, None)


def trust_proxies(app):
    """Behind the documented reverse proxy, take the client address from the last
    `PROXY_FIX_X_FOR` X-Forwarded-For entries (0, the default, trusts none). Call last, so it
    wraps the Socket.IO middleware too."""
    hops = int(app.config.get("PROXY_FIX_X_FOR") or 0)
    if hops > 0:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=0, x_host=0, x_port=0, x_prefix=0)
