"""The words residents read: one word per thing, plain words for technical ones.

`REPLACED` maps a word the kiosk no longer uses to the word it uses instead; `scan` finds the
replaced words left in the Chinese string literals of a list of source paths (tests run it over
kiosk/services, kiosk/devices and kiosk/printing).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

READER = "读卡器"  # the ID-card reader and the citizen-card reader alike
PAPER_SLOT = "出纸口"  # where receipts and A4 reports come out
REPRINT_CODE = "补打码"  # the 6-digit code that reprints a document that could not be printed
CHECK_DIGIT_WRONG = "身份证号码有误，请核对最后一位"  # instead of 校验位不正确
LIVENESS_HINT = "请眨眨眼或左右转头"  # instead of 活体检测未通过
COUNTER = "中心柜面"
# Final buttons name what they do; every ServiceSpec.submit_label is one of these.
FINAL_BUTTONS = ("提交申请", "保存", "打印", "确认终止", "确认撤销", "确认提取", "确认退支", "确认办理", "确认重置",
                 "确认转入", "确认转出")
# Final buttons and confirmation buttons alike (ServiceSpec.submit_label, ServiceSpec.confirm_label).

REPLACED: dict[str, str] = {
    "阅读器": READER,
    "取件口": PAPER_SLOT,
    "取纸口": PAPER_SLOT,
    "补打印码": REPRINT_CODE,
    "重打码": REPRINT_CODE,
    "校验位": "最后一位",
    "活体检测": LIVENESS_HINT,
    "柜台": COUNTER,
    "人工窗口": COUNTER,
    "读卡口": READER,
    "感应区": READER,  # 身份证平放在读卡器上
    "人脸比对": "人脸识别",  # the log-in button's word
}

_CJK = re.compile(r"[\u4e00-\u9fff]")


@dataclass(frozen=True)
class Finding:
    path: Path
    line: int
    word: str
    use: str
    text: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: “{self.word}” → “{self.use}”: {self.text}"


def replaced_in(text: str) -> list[tuple[str, str]]:
    """The (replaced word, word to use) pairs found in `text`."""
    return [(old, new) for old, new in REPLACED.items() if old in text]


def _docstrings(tree: ast.AST) -> set[int]:
    """ids of the docstring nodes: they document code, residents never read them."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


def _literals(path: Path) -> Iterator[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    skip = _docstrings(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip:
            if _CJK.search(node.value):
                yield node.lineno, node.value


def _files(paths: Iterable[Path]) -> Iterator[Path]:
    for path in paths:
        yield from sorted(path.rglob("*.py")) if path.is_dir() else [path]


def scan(paths: Iterable[Path | str], *, skip: Iterable[Path | str] = ()) -> list[Finding]:
    """Every Chinese str literal (docstrings aside) under `paths` that uses a replaced word."""
    skipped = {Path(p).resolve() for p in skip}
    return [Finding(path, line, old, new, text)
            for path in _files(Path(p) for p in paths) if path.resolve() not in skipped
            for line, text in _literals(path)
            for old, new in replaced_in(text)]
