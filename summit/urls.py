from django.contrib import admin
from django.urls import include, path

from summit.health import healthz

admin.site.site_header = "Summit Coverage — editors"
admin.site.site_title = "Summit Coverage admin"

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("", include("coverage.urls")),
]
