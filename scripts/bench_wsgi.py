"""WSGI entry point for `make bench`: the project's app with plain static file storage.

Production serves collected (manifest) static files; the benchmark does not run collectstatic
into the shared tree, and the pages it measures are rendered the same way either way.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from django.test.utils import override_settings  # noqa: E402

from summit.wsgi import application  # noqa: E402, F401

override_settings(
    STORAGES={
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
).enable()
