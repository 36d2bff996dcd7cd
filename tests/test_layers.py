"""The floors of the code, kept by CI: imports run down only, never in a circle, and every module
stays small and says why its public functions exist.

The floor order is written once, here (README "Layout" draws the same picture). An import may go
to its own floor or any floor below; an import to a floor above is a layering fault, and so is a
circle of modules. Imports inside functions count too: a late import is still a dependency.
"""
import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ("forum", "realtime", "models")

# Top to bottom. A module sits on the first floor whose rule matches its dotted name.
FLOORS = (
    ("factory", lambda m: m in ("forum", "wsgi")),
    ("entries", lambda m: m.startswith(("forum.cli", "realtime")) or _is_feature(m)),
    ("web plumbing", lambda m: m.startswith("forum.web")),
    ("services", lambda m: m.startswith("forum.services")),
    ("adapters", lambda m: m.startswith("forum.adapters")),
    ("core", lambda m: m.startswith("forum.core")),
    ("models", lambda m: m == "models" or m.startswith("models.")),
    ("config", lambda m: m == "config"),
)
MAX_LINES = 300


def _is_feature(module):
    """forum.web.<feature>.… is a blueprint folder; forum.web.<module> is shared plumbing."""
    parts = module.split(".")
    return len(parts) >= 3 and parts[:2] == ["forum", "web"] and (ROOT / "forum/web" / parts[2]).is_dir()


def _modules():
    found = {}
    for source in SOURCES:
        for path in sorted((ROOT / source).rglob("*.py")):
            parts = path.relative_to(ROOT).with_suffix("").parts
            name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            found[name] = path
    found["wsgi"] = ROOT / "wsgi.py"
    found["config"] = ROOT / "config.py"
    return found


MODULES = _modules()


def _target(name):
    """The module an imported dotted name lives in (`forum.core.transaction.after_commit` ->
    `forum.core.transaction`), or None outside the project."""
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


def _imports(module):
    """Project modules that `module` imports, each with the line that imports it."""
    tree = ast.parse(MODULES[module].read_text())
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [f"{node.module}.{alias.name}" for alias in node.names]
        else:
            continue
        for name in names:
            target = _target(name)
            if target and target != module:
                yield target, node.lineno


def _floor(module):
    return next(index for index, (_name, rule) in enumerate(FLOORS) if rule(module))


def _ancestor(package, module):
    return module.startswith(package + ".")


def test_every_import_runs_down_a_floor_or_stays_on_its_own():
    upward = [f"{m}:{line} imports {t} ({FLOORS[_floor(m)][0]} -> {FLOORS[_floor(t)][0]})"
              for m in MODULES for t, line in _imports(m) if _floor(t) < _floor(m)]
    assert upward == []


def test_models_import_nothing_from_forum_or_realtime():
    offenders = [f"{m} imports {t}" for m in MODULES if _floor(m) == _floor("models")
                 for t, _line in _imports(m) if not (t == "models" or t.startswith("models."))]
    assert offenders == []


def _graph():
    """Module -> modules it imports, leaving out a module's import of its own package (Python
    runs a package's __init__ first in any case; that edge is no dependency of the design)."""
    return {m: {t for t, _line in _imports(m) if not _ancestor(t, m)} for m in MODULES}


def test_no_circle_of_imports():
    graph, state, circles = _graph(), {}, []

    def visit(module, path):
        state[module] = "open"
        for target in sorted(graph[module]):
            if state.get(target) == "open":
                circles.append(" -> ".join(path[path.index(target):] + [target]))
            elif target not in state:
                visit(target, path + [target])
        state[module] = "done"

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    assert circles == []


@pytest.mark.parametrize("module", sorted(MODULES))
def test_module_stays_under_the_size_limit(module):
    assert len(MODULES[module].read_text().splitlines()) <= MAX_LINES


def _public_functions(tree):
    """Top-level functions and methods of top-level classes whose names do not start with _."""
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            yield node.name, node
        elif isinstance(node, ast.ClassDef) and not node.name.startswith("_"):
            for item in node.body:
                if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    yield f"{node.name}.{item.name}", item


def test_every_public_function_of_forum_says_why_it_exists():
    missing = []
    for module, path in MODULES.items():
        if not module.startswith("forum"):
            continue
        for name, node in _public_functions(ast.parse(path.read_text())):
            if not name.rpartition(".")[2].startswith("_") and not ast.get_docstring(node):
                missing.append(f"{module}.{name}")
    assert missing == []


def test_session_listeners_are_registered_in_one_place(app):
    """forum/__init__.py lists them; no module registers one on import where nobody looks."""
    from sqlalchemy import event
    from sqlalchemy.orm import Session

    from forum import session_listeners

    hidden = [f"{m}:{node.lineno}" for m, path in MODULES.items() if m != "forum"
              for node in ast.walk(ast.parse(path.read_text()))
              if isinstance(node, ast.Call) and ast.unparse(node.func) in ("event.listen", "event.listens_for", "listens_for", "listen")
              and node.args and ast.unparse(node.args[0]) == "Session"]
    assert hidden == []
    assert all(event.contains(Session, name, function) for name, function in session_listeners())
