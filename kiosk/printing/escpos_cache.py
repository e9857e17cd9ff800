"""python-escpos's printer capabilities, parsed once and kept in a fixed folder.

On import python-escpos parses its capabilities file with pure-Python YAML unless it finds its
pickle in ESCPOS_CAPABILITIES_PICKLE_DIR, and it creates a new temporary folder on every import
whether or not it needs one (the default argument of its environment lookup): hundreds pile up
on a terminal that restarts nightly. Here the pickle lives in the kiosk's var folder and the
temporary folder is made, and removed, inside it.
"""

from __future__ import annotations

import importlib
import os
import shutil
import tempfile
from pathlib import Path


def cache_dir() -> Path:
    """var/cache/escpos (beside the database and the log), or a fixed one in the system's temp folder."""
    for folder in (Path(os.environ.get("KIOSK_VAR_DIR", "var")) / "cache" / "escpos",
                   Path(tempfile.gettempdir()) / f"sip-kiosk-{os.getuid()}-escpos"):
        try:
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        except OSError:
            continue  # e.g. a read-only working folder: the fixed temporary one still works
        if os.access(folder, os.W_OK):
            return folder.resolve()
    raise OSError("no writable folder for python-escpos's capabilities cache")


def load_escpos_capabilities() -> None:
    """Imports escpos.capabilities with the fixed cache; call it before importing escpos.printer."""
    folder = cache_dir()
    os.environ.setdefault("ESCPOS_CAPABILITIES_PICKLE_DIR", str(folder))
    # One scratch folder per process: kiosk processes starting together must not remove each
    # other's while escpos is being imported.
    scratch = folder / f"scratch-{os.getpid()}"
    scratch.mkdir(mode=0o700, exist_ok=True)
    saved, tempfile.tempdir = tempfile.tempdir, str(scratch)
    try:
        importlib.import_module("escpos.capabilities")
    finally:
        tempfile.tempdir = saved
        shutil.rmtree(scratch, ignore_errors=True)
