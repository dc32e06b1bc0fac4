"""Production settings for the load test, served over plain HTTP on loopback.

Only what TLS needs is switched off (secure cookies, the HTTPS redirect, HSTS): the
load runs against 127.0.0.1 without a proxy in front. Everything else is production's.
"""

from editorial.settings.production import *  # noqa: F401,F403

SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
# Many editors log in from one address within a minute: throttling is not under test.
AXES_ENABLED = False
