"""The layout of pipeline/: the folders are the floors of the pipeline and a module imports only
from its own floor and the floors below; there are no import loops; modules and functions stay
short; no word list hides in the code (they are in pipeline/resources)."""

import ast
import re
from pathlib import Path

import pytest

PKG = Path(__file__).resolve().parents[1] / "pipeline"

# floor of each folder (modules directly in pipeline/ are the base or the top)
FLOORS = {"read": 1, "text": 2, "extraction": 3, "learn": 4, "out": 5}
BASE = {"pipeline.types", "pipeline.errors", "pipeline.resources"}   # floor 0, importable from anywhere
TOP = 6                                                              # api, batch, cli, spacy_components
# the training side runs the whole pipeline over the gold documents; the extraction path never imports it
MAY_IMPORT_TOP = {"pipeline.learn.training", "pipeline.learn.train"}

# over the limits, with the reason; nothing may be added here
LONG_FUNCTIONS: set[tuple[str, str]] = set()
LONG_MODULES: set[str] = set()
# Vietnamese word alternations still in code, with the reason; nothing may be added here
WORD_LISTS_IN_CODE: set[str] = set()


def _modules():
    for p in sorted(PKG.rglob("*.py")):
        rel = p.relative_to(PKG.parent).with_suffix("")
        parts = list(rel.parts)
        if parts[-1] == "__init__":
            parts.pop()
        yield ".".join(parts), p


def _floor(module: str) -> int:
    parts = module.split(".")
    if module in BASE or module == "pipeline":
        return 0
    if len(parts) > 2 and parts[1] in FLOORS:
        return FLOORS[parts[1]]
    if len(parts) == 2 and parts[1] in FLOORS:
        return FLOORS[parts[1]]
    return TOP


def _imports(module: str, path: Path):
    """(imported module, names, line) of every import, in function bodies too; relative ones resolved."""
    tree = ast.parse(path.read_text("utf-8"))
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for a in node.names:
                if a.name.startswith("pipeline"):
                    yield a.name, (), node.lineno
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.startswith("pipeline"):
                yield target, tuple(a.name for a in node.names), node.lineno


MODULES = dict(_modules())


def _resolve(target: str, names) -> list[str]:
    """The modules an import statement loads: ``from pipeline.read import pdf`` loads pipeline.read.pdf."""
    subs = [f"{target}.{n}" for n in names if f"{target}.{n}" in MODULES]
    return subs or [target]


@pytest.mark.parametrize("module", sorted(MODULES))
def test_imports_go_down_the_floors(module):
    own = TOP if module == "pipeline" else _floor(module)   # the package exports the public API
    for target, names, line in _imports(module, MODULES[module]):
        if target == "pipeline" and set(names) <= {"__version__"}:
            continue
        for t in _resolve(target, names):
            if module in MAY_IMPORT_TOP and t == "pipeline.api":
                continue
            assert _floor(t) <= own, f"{module}:{line} imports {t} from a floor above it"


def test_readers_never_import_extraction_code():
    for module, path in MODULES.items():
        if module.startswith("pipeline.read"):
            for target, _names, line in _imports(module, path):
                assert not target.startswith(("pipeline.extraction", "pipeline.learn", "pipeline.out")), (module, line)


def test_no_import_loops():
    graph = {m: set() for m in MODULES}
    for m, p in MODULES.items():
        for target, names, _ in _imports(m, p):
            for t in _resolve(target, names):
                if t in MODULES and t != m and t != "pipeline":
                    graph[m].add(t)
    state: dict[str, int] = {}

    def visit(m, path):
        state[m] = 1
        for n in sorted(graph[m]):
            if state.get(n) == 1:
                pytest.fail("import loop: " + " → ".join(path[path.index(n):] + [n]) if n in path else n)
            if n not in state:
                visit(n, path + [n])
        state[m] = 2

    for m in sorted(graph):
        if m not in state:
            visit(m, [m])


def test_modules_and_functions_are_short():
    for module, path in MODULES.items():
        src = path.read_text("utf-8")
        if module not in LONG_MODULES:
            assert src.count("\n") <= 500, f"{module}: {src.count(chr(10))} lines (at most 500)"
        for node in ast.walk(ast.parse(src)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and (module, node.name) not in LONG_FUNCTIONS:
                n = node.end_lineno - node.lineno + 1
                assert n <= 80, f"{module}.{node.name}: {n} lines (at most 80)"


_VI = re.compile(r"[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]", re.IGNORECASE)


def _word_alternation(s: str) -> bool:
    """A regex alternation of two or more Vietnamese words ("(?:trong|cuối|đầu)")."""
    s = re.sub(r"\[[^\]]*\]", "", s)   # character classes ("[A-ZĐÀ-Ỹ]") name no words
    return sum(bool(_VI.search(p)) for p in re.split(r"(?<!\\)\|", s)) >= 2


def _docstrings(tree) -> set[int]:
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                out.add(id(first.value))
    return out


def test_alternation_detector():
    assert _word_alternation(r"(?:trong|cuối|đầu|hết|giữa)\s")
    assert not _word_alternation(r"[.!?]\s+[A-ZĐÀ-Ỹ]") and not _word_alternation(r"(QH|UBTVQH)(\d{2})")


@pytest.mark.parametrize("module", sorted(set(MODULES) - WORD_LISTS_IN_CODE))
def test_no_word_list_in_code(module):
    """Vietnamese word lists and cue patterns live in pipeline/resources (with examples), not in code."""
    tree = ast.parse(MODULES[module].read_text("utf-8"))
    docs = _docstrings(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs:
            assert not _word_alternation(node.value), f"{module}:{node.lineno}: {node.value[:60]!r}"
