from django.apps import AppConfig


class CoverageConfig(AppConfig):
    name = "coverage"
    verbose_name = "Summit coverage"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from coverage import signals

        signals.connect()
