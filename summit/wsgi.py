"""WSGI entry point (gunicorn summit.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "summit.settings")

application = get_wsgi_application()
