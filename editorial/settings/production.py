"""Production: DEBUG off unless DJANGO_DEBUG says otherwise; DJANGO_SECRET_KEY is required."""

import os

os.environ.setdefault("DJANGO_DEBUG", "0")

from .base import *  # noqa: E402,F401,F403
