from django.contrib import admin
from django.urls import include, path

from coverage import review
from summit.health import healthz

admin.site.site_header = "Summit Coverage — editors"
admin.site.site_title = "Summit Coverage admin"

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    # The review queue is an admin page: before admin.site.urls, whose catch-all would 404 it.
    path("admin/coverage/review/", include(review.urls())),
    path("admin/", admin.site.urls),
    path("", include("coverage.urls")),
]
