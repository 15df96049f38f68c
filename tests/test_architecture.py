"""The import graph of the application packages: no cycles, and dependencies that run one way.

Every ``import`` counts, at module level or inside a function; only imports under
``if TYPE_CHECKING:`` are left out, because they never run. Relative imports are resolved, and
``from package import name`` counts as an import of the submodule when ``name`` is one.
See ``docs/architecture.md`` for the layers these rules keep.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("cms", "guidelines", "hearings", "search")
#: Training projects are scripts run by spaCy's project runner, not part of the application.
EXCLUDED_PARTS = {"migrations", "training"}


def _modules() -> dict[str, Path]:
    found = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            if EXCLUDED_PARTS & set(path.relative_to(ROOT).parts):
                continue
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts = parts[:-1]
            found[".".join(parts)] = path
    return found


MODULES = _modules()


def _resolve(name: str) -> str | None:
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


def _type_checking_nodes(tree: ast.AST) -> set[int]:
    skipped = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skipped.update(id(child) for child in ast.walk(node))
    return skipped


def _imports(module: str, path: Path) -> tuple[set[str], set[str]]:
    """(project modules imported, top-level names of all imports) of one module."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped = _type_checking_nodes(tree)
    base = module if path.name == "__init__.py" else module.rpartition(".")[0]
    project, external = set(), set()
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            for alias in node.names:
                external.add(alias.name.split(".")[0])
                project.add(_resolve(alias.name))
        elif isinstance(node, ast.ImportFrom):
            full = node.module or ""
            if node.level:
                anchor = base
                for _ in range(node.level - 1):
                    anchor = anchor.rpartition(".")[0]
                full = f"{anchor}.{full}" if node.module else anchor
            external.add(full.split(".")[0])
            for alias in node.names:
                candidate = f"{full}.{alias.name}"
                project.add(_resolve(candidate) if candidate in MODULES else _resolve(full))
    project.discard(None)
    project.discard(module)
    return project, external


GRAPH = {}
EXTERNAL = {}
for _name, _path in MODULES.items():
    GRAPH[_name], EXTERNAL[_name] = _imports(_name, _path)


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan, iterative)."""
    index, low, on_stack, stack, found = {}, {}, set(), [], []
    counter = 0
    for start in graph:
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def _in(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def test_the_graph_is_read():
    """Guards the test itself: a parser that found nothing would pass every rule below."""
    assert len(MODULES) > 100
    assert "hearings.nlp.goals" in GRAPH["hearings.services.analysis"] or any(
        _in(target, "hearings.nlp") for target in GRAPH["hearings.services.analysis"]
    )
    assert "hearings.models.pages" in GRAPH["hearings.tasks"]


def test_cycle_finder_finds_a_cycle():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_no_import_cycles():
    assert _cycles(GRAPH) == []


@pytest.mark.parametrize("module", sorted(m for m in MODULES if _in(m, "hearings.nlp")))
def test_nlp_library_is_plain_python(module):
    """``hearings.nlp`` imports neither Django nor anything of the project outside itself."""
    outside = {t for t in GRAPH[module] if not _in(t, "hearings.nlp")}
    assert outside == set()
    assert not EXTERNAL[module] & {"django", "wagtail", "rest_framework", "cms", "guidelines"}


def test_dependencies_run_one_way():
    wrong = []
    for module, targets in GRAPH.items():
        for target in targets:
            # The consultation layer never reaches into the review workspace that builds on it.
            if _in(target, "hearings.review") and not _in(module, "hearings.review"):
                wrong.append((module, target))
            # guidelines (pathway texts) knows nothing of hearings or search.
            if _in(module, "guidelines") and _in(target, "hearings") | _in(target, "search"):
                wrong.append((module, target))
    assert wrong == []


#: Every import inside a function says why it is there, on the comment line above it (or above
#: the first import of the block it belongs to): ``# framework:`` where Django or Wagtail require
#: it (``AppConfig.ready()``), ``# lazy:`` for a heavy optional library kept out of web processes.
JUSTIFICATIONS = ("# framework:", "# lazy:")


def _unexplained_function_imports(path: Path, root: Path = ROOT) -> list[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    tree = ast.parse("\n".join(lines))
    found = []

    def visit(node: ast.AST, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            nested = in_function or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef)
            if in_function and isinstance(child, ast.Import | ast.ImportFrom):
                above = child.lineno - 2
                while above >= 0 and lines[above].strip().startswith(("from ", "import ")):
                    above -= 1
                if above < 0 or not lines[above].strip().startswith(JUSTIFICATIONS):
                    found.append(f"{path.relative_to(root)}:{child.lineno}")
            visit(child, nested)

    visit(tree, False)
    return found


def test_imports_inside_functions_say_why():
    unexplained = []
    for path in MODULES.values():
        unexplained += _unexplained_function_imports(path)
    assert unexplained == []


def test_unexplained_import_is_found(tmp_path):
    """Guards the rule above: an import inside a function without a reason is reported."""
    module = tmp_path / "sample.py"
    module.write_text(
        "def a():\n    import json\n\n\ndef b():\n    # lazy: heavy\n    import csv\n    import io\n"
    )
    assert _unexplained_function_imports(module, root=tmp_path) == ["sample.py:2"]
