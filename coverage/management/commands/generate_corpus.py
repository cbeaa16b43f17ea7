from django.core.management.base import BaseCommand, CommandError, CommandParser

from coverage.corpus import corpus_generate
from coverage.db import database_analyze


class Command(BaseCommand):
    help = (
        "Add a synthetic, reproducible corpus (summits, actors, documents and records with "
        "exact provenance spans) for benchmarks."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--documents", type=int, required=True, help="Documents to add.")
        parser.add_argument("--records", type=int, required=True, help="Records to add.")
        parser.add_argument("--seed", type=int, default=0, help="Same seed, same corpus.")

    def handle(self, *args: object, **options: object) -> None:
        progress = None
        if int(options["verbosity"]) > 1:
            progress = self.stdout.write
        try:
            stats = corpus_generate(
                documents=options["documents"],
                records=options["records"],
                seed=options["seed"],
                progress=progress,
            )
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        database_analyze()
        self.stdout.write(
            f"Generated {stats.documents} documents, {stats.records} records "
            f"({stats.statements} statements, {stats.responses} responses, "
            f"{stats.meetings} meetings, {stats.events} events, {stats.memberships} memberships), "
            f"{stats.summits} summits, {stats.actors} actors, {stats.topics} topics "
            f"in {stats.seconds:.1f} s"
        )
