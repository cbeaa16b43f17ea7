import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandParser

from coverage.export import json_chunks


class Command(BaseCommand):
    help = "Write the whole public dataset as one JSON object (the same as /export.json)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--output", type=Path, help="File to write; standard output if omitted")

    def handle(self, *args: object, output: Path | None, **options: object) -> None:
        # Written as it is read (coverage.export): the dataset is never whole in memory.
        counts: dict[str, int] = {}
        if output is None:
            self._write(sys.stdout, counts)
            return
        partial = output.with_name(output.name + ".partial")  # never a half-written file
        try:
            with partial.open("w", encoding="utf-8") as file:
                self._write(file, counts)
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
        partial.replace(output)
        summary = ", ".join(f"{n} {kind}" for kind, n in counts.items())
        self.stderr.write(f"Wrote {output}: {summary}")

    def _write(self, file, counts: dict[str, int]) -> None:
        for chunk in json_chunks(indent=2, counts=counts):
            file.write(chunk)
        file.write("\n")
