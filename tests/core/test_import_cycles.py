"""No coverage module imports, at load time, a module that imports it back (directly or round
a longer loop): such a loop works only while the modules happen to load in one order."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "coverage"


def _name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    found = {_name(p): p for p in PACKAGE.rglob("*.py") if "migrations" not in p.parts}
    assert "coverage.selectors" in found and "coverage.search" in found
    return found


def _load_time(body: list[ast.stmt]):
    """The import statements a module runs when it loads: not those inside functions or
    classes' methods (run later), nor under ``if TYPE_CHECKING:``."""
    for node in body:
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node
        elif isinstance(node, ast.If) and "TYPE_CHECKING" not in ast.unparse(node.test):
            yield from _load_time(node.body + node.orelse)
        elif isinstance(node, ast.Try):
            yield from _load_time(node.body + node.orelse + node.finalbody)
        elif isinstance(node, ast.ClassDef):
            yield from _load_time(node.body)


def imports(name: str, path: Path, known: dict[str, Path]) -> set[str]:
    """The coverage modules ``name`` imports at load time (``from a import b`` is a.b when b
    is a module, else a)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in _load_time(ast.parse(path.read_text(encoding="utf-8")).body):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        else:
            base = node.module or ""
            if node.level:
                anchor = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{anchor}.{base}" if base else anchor
            targets = [base] + [f"{base}.{alias.name}" for alias in node.names]
        found.update(t for t in targets if t in known and t != name)
    return found


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every loop found by a depth-first walk (each reported once, from where it was met)."""
    found, state = [], {}  # state: 1 on the current path, 2 done

    def walk(node: str, path: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                found.append(path[path.index(nxt) :] + [nxt])
            elif nxt not in state:
                walk(nxt, [*path, nxt])
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            walk(node, [node])
    return found


def test_the_cycle_finder_finds_a_loop_and_only_a_loop():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == [["a", "b", "c", "a"]]
    assert cycles({"a": {"b", "c"}, "b": {"c"}, "c": set()}) == []


def test_the_import_reader_sees_relative_and_submodule_imports(tmp_path):
    known = {"coverage.search": None, "coverage.search.sqlite": None, "coverage.cache": None}
    source = tmp_path / "__init__.py"
    source.write_text("from . import sqlite\nfrom coverage import cache\ndef f():\n import x\n")
    assert imports("coverage.search", source, known) == {"coverage.search.sqlite", "coverage.cache"}


def test_no_coverage_modules_import_each_other_in_a_loop():
    known = modules()
    graph = {name: imports(name, path, known) for name, path in known.items()}
    assert graph["coverage.selectors"] >= {"coverage.search", "coverage.cache"}
    assert cycles(graph) == []
