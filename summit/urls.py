from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Summit Coverage — editors"
admin.site.site_title = "Summit Coverage admin"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("coverage.urls")),
]
