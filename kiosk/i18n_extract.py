"""Babel extraction method for the kiosk: every Chinese text of a module, the msgids of kiosk.i18n.

The kiosk's texts are plain Chinese literals, not `_()` calls (they are the authority and are
translated where they reach the resident), so this extractor takes every string literal holding
Chinese except docstrings and log messages, and every f-string holding Chinese as a template:
f"共 {len(rows)} 条" → "共 {len(rows)} 条". Registered in babel.cfg as `kiosk.i18n_extract:extract`.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from typing import IO, Any

from kiosk.i18n import CJK
from kiosk.services.glossary import _docstrings  # the same rule: residents never read a docstring

_LOG_CALLS = {"debug", "info", "warning", "error", "exception", "critical"}


def _logged(tree: ast.AST) -> set[int]:
    """Strings inside log.info(...) and the like: for staff reading the log, never on screen."""
    found = set()
    for node in ast.walk(tree):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in _LOG_CALLS
                and isinstance(node.func.value, ast.Name) and node.func.value.id in ("log", "logger", "logging")):
            found.update(id(n) for n in ast.walk(node))
    return found


def template(node: ast.JoinedStr, source: str) -> str:
    """The f-string as a msgid: its literal parts, and `{expression}` for each value."""
    out = []
    for part in node.values:
        if isinstance(part, ast.Constant):
            out.append(str(part.value))
        else:
            expr = ast.get_source_segment(source, part.value) or "value"
            out.append("{" + expr.replace("{", "(").replace("}", ")").replace("\n", " ") + "}")
    return "".join(out)


def messages(source: str) -> Iterator[tuple[int, str]]:
    """(line, msgid) of every Chinese text of a module's source."""
    tree = ast.parse(source)
    skip = _docstrings(tree) | _logged(tree)
    # An f-string's literal parts are in its template; strings in its {expressions} are texts of their own.
    inside_fstrings = {id(c) for n in ast.walk(tree) if isinstance(n, ast.JoinedStr) for c in n.values}
    for node in ast.walk(tree):
        if id(node) in skip or id(node) in inside_fstrings:
            continue
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            text = node.value
        elif isinstance(node, ast.JoinedStr):
            text = template(node, source)
        else:
            continue
        if CJK.search(text):
            yield node.lineno, text


def extract_toml(fileobj: IO[bytes], keywords: Any, comment_tags: Any, options: dict[str, Any]) -> Iterator[tuple]:
    """The Chinese string values of a TOML config (plan and grade names, the centre's contact)."""
    import tomllib

    def walk(value: Any) -> Iterator[str]:
        if isinstance(value, str) and CJK.search(value):
            yield value
        elif isinstance(value, dict):
            for v in value.values():
                yield from walk(v)
        elif isinstance(value, list):
            for v in value:
                yield from walk(v)
    for text in walk(tomllib.loads(fileobj.read().decode("utf-8"))):
        yield 0, None, text, []


def extract(fileobj: IO[bytes], keywords: Any, comment_tags: Any, options: dict[str, Any]) -> Iterator[tuple]:
    """Babel's extraction-method interface: (lineno, funcname, message, comments)."""
    source = fileobj.read().decode(options.get("encoding", "utf-8"))
    for lineno, text in messages(source):
        yield lineno, None, text, []
