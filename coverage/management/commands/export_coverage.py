import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandParser
from django.core.serializers.json import DjangoJSONEncoder

from coverage.export import export_dataset


class Command(BaseCommand):
    help = "Write the whole public dataset as one JSON object (the same as /export.json)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--output", type=Path, help="File to write; standard output if omitted")

    def handle(self, *args: object, output: Path | None, **options: object) -> None:
        data = export_dataset()
        text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
        if output is None:
            sys.stdout.write(text + "\n")
            return
        output.write_text(text + "\n", encoding="utf-8")
        counts = ", ".join(f"{len(rows)} {kind}" for kind, rows in data.items())
        self.stderr.write(f"Wrote {output}: {counts}")
