"""The layers of the package, enforced over the import graph: a module may import only the
layers below it (README, "How the code is laid out"). Every import counts, also one inside a
function or under TYPE_CHECKING: a type-only import is a dependency of the design too."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src" / "wvp_cli"

#: Layer -> the layers (besides itself) it may import. `wvp_cli` is the package's own
#: `__init__` (its version).
ALLOWED: dict[str, set[str]] = {
    "core": set(),
    "privacy": {"core"},
    "rules": {"core", "privacy"},
    "engine": {"core", "rules", "privacy"},
    "report": {"core", "engine", "rules", "privacy"},
    "documents": {"core", "privacy"},
    "repo": {"core", "engine", "rules", "privacy"},
    "app": {"core", "engine", "rules", "privacy", "repo", "report", "documents"},
    "importer": {"core", "engine", "rules", "privacy", "repo", "report"},
    "lsp": {"core", "engine", "rules", "privacy", "repo", "report", "documents", "app"},
    "notify": {"core", "engine", "rules", "privacy", "repo", "report", "documents", "app"},
    "web": {"core", "engine", "rules", "privacy", "repo", "report", "documents", "app"},
    "cli": {
        *("core", "engine", "rules", "privacy", "repo", "report", "documents", "app"),
        *("lsp", "notify", "importer", "web"),
    },
}
#: Every layer may import these (`project`: the distribution's name and addresses; `atomic`:
#: writing a file safely, the standard library only).
EVERYWHERE = {"wvp_cli", "templates", "project", "atomic"}
ALLOWED["project"] = set()
ALLOWED["atomic"] = set()
ALLOWED["docs"] = {"core", "rules", "privacy", "repo"}
#: Edges that break the layers and are to be undone (landed by others at the same time; each
#: entry is a file and the layer it imports). Strict: a new one fails the test.
KNOWN_EDGES: set[tuple[str, str]] = set()


def _layer(module: str) -> str:
    parts = module.split(".")
    if parts[0] != "wvp_cli":
        return ""
    if len(parts) == 1 or parts[1] in ("__init__", "__main__"):
        return "wvp_cli"
    return parts[1]


def _module_of(path: Path) -> str:
    rel = path.relative_to(SRC.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(path: Path) -> list[tuple[int, str]]:
    module = _module_of(path)
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                name = ".".join([*base, node.module] if node.module else base)
            else:
                name = node.module or ""
            found.append((node.lineno, name))
            # `from wvp_cli import engine` imports a module of a layer.
            if name == "wvp_cli":
                found.extend(
                    (node.lineno, f"wvp_cli.{alias.name}")
                    for alias in node.names
                    if alias.name in ALLOWED
                )
    return found


def _edges() -> list[tuple[str, int, str, str]]:
    edges = []
    for path in sorted(SRC.rglob("*.py")):
        source = _layer(_module_of(path))
        for line, name in _imports(path):
            target = _layer(name)
            if target and target != source:
                edges.append((str(path.relative_to(SRC)), line, source, target))
    return edges


def test_every_module_belongs_to_a_layer() -> None:
    layers = {_layer(_module_of(p)) for p in SRC.rglob("*.py")}
    assert layers - {"wvp_cli", "__main__"} <= set(ALLOWED), layers - set(ALLOWED)


def test_no_module_imports_a_layer_above_it() -> None:
    wrong = [
        f"{file}:{line}: {source} imports {target}"
        for file, line, source, target in _edges()
        if source in ALLOWED
        and target not in ALLOWED[source] | EVERYWHERE
        and (file, target) not in KNOWN_EDGES
    ]
    assert wrong == []


@pytest.mark.parametrize(
    ("source", "target"),
    [("core", "rules"), ("core", "cli"), ("rules", "report"), ("rules", "documents")],
)
def test_the_check_sees_a_forbidden_edge(tmp_path: Path, source: str, target: str) -> None:
    """The test can fail: an import written into a module of `source` is caught."""
    path = tmp_path / "mod.py"
    path.write_text(f"def f() -> None:\n    from wvp_cli.{target} import x\n", encoding="utf-8")
    names = [name for _, name in _imports_text(path)]
    assert _layer(names[0]) == target and target not in ALLOWED[source]


def _imports_text(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [(n.lineno, n.module or "") for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]


def test_every_package_ships() -> None:
    """A new folder of modules is listed in pyproject.toml's packages, or the wheel lacks it."""
    import tomllib

    listed = set(
        tomllib.loads((SRC.parent.parent / "pyproject.toml").read_text(encoding="utf-8"))["tool"][
            "setuptools"
        ]["packages"]
    )
    found = {_module_of(p) for p in SRC.rglob("__init__.py")}
    assert found - listed == set()


def test_the_application_layer_names_every_name_it_loads_on_use() -> None:
    """`wvp_cli.app` imports a command's module when one of its names is first asked for: the
    names mypy sees (the imports under TYPE_CHECKING) and the names it can load are the same,
    each from its own module, and each loads."""
    import importlib

    app = importlib.import_module("wvp_cli.app")
    tree = ast.parse((SRC / "app" / "__init__.py").read_text(encoding="utf-8"))
    typed = {
        alias.asname or alias.name: node.module.rsplit(".", 1)[-1]
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom)
        and node.module
        and node.module.startswith("wvp_cli.app.")
        for alias in node.names
    }
    assert typed == app._HOME
    for name, module in typed.items():
        value = getattr(app, name)
        assert value is getattr(importlib.import_module(f"wvp_cli.app.{module}"), name)
