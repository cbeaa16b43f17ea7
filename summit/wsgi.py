"""WSGI entry point (gunicorn summit.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

from summit.runtime import freeze_startup_objects

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "summit.settings")

application = get_wsgi_application()
# Load the URLconf (and with it every view module) before freezing, so that it is frozen too.
get_resolver().url_patterns  # noqa: B018
freeze_startup_objects()
