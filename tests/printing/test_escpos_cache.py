"""python-escpos's capabilities are cached in the kiosk's var folder, and no start leaves a
temporary folder behind (a terminal restarted nightly collected hundreds)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def _start(var: Path, tmp: Path) -> None:
    env = {**os.environ, "KIOSK_VAR_DIR": str(var), "TMPDIR": str(tmp)}
    env.pop("ESCPOS_CAPABILITIES_PICKLE_DIR", None)
    subprocess.run([sys.executable, "-c", "import kiosk.printing.receipt"], env=env, check=True, timeout=120)


def test_starts_reuse_one_cache_and_leave_no_temporary_folder(tmp_path: Path) -> None:
    var, tmp = tmp_path / "var", tmp_path / "tmp"
    tmp.mkdir()
    _start(var, tmp)
    [pickle] = (var / "cache" / "escpos").glob("*.capabilities.pickle")
    first = pickle.stat().st_mtime_ns
    _start(var, tmp)
    assert pickle.stat().st_mtime_ns == first  # read, not parsed and written again
    assert list(tmp.iterdir()) == []
    assert [p.name for p in (var / "cache" / "escpos").iterdir()] == [pickle.name]  # no scratch left
