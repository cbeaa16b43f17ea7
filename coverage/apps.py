from django.apps import AppConfig
from django.db.models.signals import post_migrate, pre_migrate


class CoverageConfig(AppConfig):
    name = "coverage"
    verbose_name = "Summit coverage"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from coverage import lexicon, signals, tallies
        from coverage.search import sqlite as search_index

        signals.connect()
        # After every migrate (which may have rebuilt a table and dropped its triggers):
        # the SQLite search indexes and their triggers exist and are up to date.
        post_migrate.connect(
            search_index.ensure_after_migrate,
            sender=self,
            dispatch_uid="coverage-search-index",
        )
        post_migrate.connect(
            lexicon.lexicon_seed_after_migrate, sender=self, dispatch_uid="coverage-lexicon"
        )
        # The summary tables' triggers likewise; on SQLite, migrations run without them
        # (they would break its table rebuilds): dropped before, restored and recounted after.
        pre_migrate.connect(
            tallies.drop_before_migrate, sender=self, dispatch_uid="coverage-tallies-pre"
        )
        post_migrate.connect(
            tallies.ensure_after_migrate, sender=self, dispatch_uid="coverage-tallies"
        )
