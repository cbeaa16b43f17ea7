from django.core.management.base import BaseCommand

from coverage.lexicon import lexicon_seed


class Command(BaseCommand):
    help = "Add the bundled lexicon (actors, aliases, topics, terms) missing from the database."

    def handle(self, *args: object, **options: object) -> None:
        added = lexicon_seed()
        self.stdout.write("Lexicon: " + ", ".join(f"{n} {kind} added" for kind, n in added.items()))
